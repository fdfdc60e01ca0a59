//! Native audience routes: the follow graph (`/account/{id}/followersnew`, `…/following`,
//! `POST …/followers`, `…/followers/remove`), `GET /subscribers` and
//! `GET /subscriptions/tiers`; [`routes`] also mounts the list, earnings, tip and status
//! routes of the sibling modules.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::extract::Viewer;
use super::messaging::{Params, accounts_json, int_param, limit_param, offset_param};
use super::{earnings, lists, status, tips};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::audience::{FollowRefusal, SubscriberQuery};
use crate::world::{Rejection, World};

/// Offset-paged audience lists return at most this many rows.
const MAX_PAGE: usize = 100;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/account/{id}/followersnew", get(followers))
        .route("/api/v1/account/{id}/following", get(following))
        .route("/api/v1/account/{id}/followers", post(follow))
        .route("/api/v1/account/{id}/followers/remove", post(unfollow))
        .route("/api/v1/subscribers", get(subscribers))
        .route("/api/v1/subscriptions/tiers", get(tiers))
        .route("/api/v1/subscriptions", get(own_subscriptions))
        .route("/api/v1/lists/account", get(lists::lists))
        .route("/api/v1/lists/itemsnew", get(lists::items))
        .route("/api/v1/lists", post(lists::create))
        .route("/api/v1/lists/items/add", post(lists::add))
        .route("/api/v1/lists/items/remove", post(lists::remove))
        .route("/api/v1/lists/commands", post(lists::commands))
        .route(
            "/api/v1/account/wallets/earnings/accounts",
            get(earnings::supporters),
        )
        .route(
            "/api/v1/account/wallets/earnings/transactions/accounts",
            get(earnings::fan_transactions),
        )
        .route("/api/v1/tips", post(tips::send))
        .route("/api/v1/status", post(status::set))
}

/// 403 unless the viewer carries the creator flag (creator-only reads, §4.2).
pub(super) fn require_creator(world: &World, viewer: &Viewer) -> Result<(), NativeError> {
    if world.is_creator(&viewer.account_id) {
        Ok(())
    } else {
        Err(Rejection::Forbidden.into())
    }
}

fn search_param(q: &HashMap<String, String>) -> Option<String> {
    q.get("search")
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
}

/// `{followers:[{id, followerId, lastSeenAt}], aggregationData:{accounts}}`, newest first.
async fn followers(
    State(sim): State<Simulator>,
    _viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, NativeError> {
    let (limit, offset) = (
        limit_param(&params, MAX_PAGE, MAX_PAGE)?,
        offset_param(&params)?,
    );
    let search = search_param(&params);
    let last_seen_after = int_param(&params, "lastSeenAfter", 0)?;
    let world = sim.world();
    if world.account(&id).is_none() {
        return Err(NativeError::not_found("account not found"));
    }
    let rows: Vec<(String, String, i64)> = world
        .audience
        .followers_of(&id)
        .into_iter()
        .filter_map(|f| {
            let follower = world.account(&f.follower_id)?;
            let matches = search.as_deref().is_none_or(|s| {
                follower.username.to_lowercase().starts_with(s)
                    || follower.display_name.to_lowercase().starts_with(s)
            });
            (matches && follower.last_seen_at >= last_seen_after)
                .then(|| (f.id.clone(), f.follower_id.clone(), follower.last_seen_at))
        })
        .skip(offset)
        .take(limit)
        .collect();
    let ids: Vec<String> = rows.iter().map(|(_, f, _)| f.clone()).collect();
    let followers: Vec<Value> = rows
        .into_iter()
        .map(|(id, follower, seen)| json!({ "id": id, "followerId": follower, "lastSeenAt": seen }))
        .collect();
    Ok(ok(json!({
        "followers": followers,
        "aggregationData": { "accounts": accounts_json(&world, &ids, sim.now_ms()) },
    })))
}

/// `[{accountId}]`: the accounts `{id}` follows, newest first.
async fn following(
    State(sim): State<Simulator>,
    _viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, NativeError> {
    let (limit, offset) = (
        limit_param(&params, MAX_PAGE, MAX_PAGE)?,
        offset_param(&params)?,
    );
    let world = sim.world();
    if world.account(&id).is_none() {
        return Err(NativeError::not_found("account not found"));
    }
    let rows: Vec<Value> = world
        .audience
        .following_of(&id)
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|account| json!({ "accountId": account }))
        .collect();
    Ok(ok(rows))
}

/// The viewer follows `{id}`; self, duplicate or blocked → 422 code 5.
async fn follow(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let follow = sim
        .world()
        .follow_account(&viewer.account_id, &id, now)
        .map_err(|refusal| match refusal {
            FollowRefusal::UnknownAccount => NativeError::not_found("account not found"),
            FollowRefusal::CannotFollow => {
                NativeError::new(StatusCode::UNPROCESSABLE_ENTITY, 5, "you can not follow")
            }
        })?;
    Ok(ok(follow))
}

/// The viewer unfollows `{id}`; not following is a no-op.
async fn unfollow(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let mut world = sim.world();
    if world.account(&id).is_none() {
        return Err(NativeError::not_found("account not found"));
    }
    world.unfollow_account(&viewer.account_id, &id, now);
    Ok(ok(true))
}

/// `{stats:{totalActive, totalExpired, total}, subscriptions}` (creator only).
async fn subscribers(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let list = |name: &str| -> Vec<String> {
        params
            .get(name)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let statuses = list("status")
        .iter()
        // Any integer is a status; one no subscription has (665) matches none.
        .map(|s| s.parse::<u32>())
        .collect::<Result<Vec<u32>, _>>()
        .map_err(|_| NativeError::bad_request("status: a comma list of integers"))?;
    let query = SubscriberQuery {
        statuses,
        tier_ids: list("subscriptionTierId"),
        search: search_param(&params),
        limit: limit_param(&params, MAX_PAGE, MAX_PAGE)?,
        offset: offset_param(&params)?,
    };
    let world = sim.world();
    require_creator(&world, &viewer)?;
    let (page, stats) = world.subscribers_page(&viewer.account_id, &query);
    Ok(ok(json!({
        "stats": {
            "totalActive": stats.total_active,
            "totalExpired": stats.total_expired,
            "total": stats.total,
        },
        "subscriptions": page,
    })))
}

/// The viewer's own subscriptions, as a fan (fansly-real-shapes `example_subscriptions`).
async fn own_subscriptions(
    State(sim): State<Simulator>,
    viewer: Viewer,
) -> Result<Response, NativeError> {
    let world = sim.world();
    let (rows, stats) = world.subscriptions_of_fan(&viewer.account_id);
    Ok(ok(json!({
        "stats": {
            "totalActive": stats.total_active,
            "totalExpired": stats.total_expired,
            "total": stats.total,
        },
        "subscriptions": rows,
    })))
}

/// The viewer's tiers with their plans and promos, in `pos` order (a fan has none).
async fn tiers(State(sim): State<Simulator>, viewer: Viewer) -> Result<Response, NativeError> {
    let world = sim.world();
    Ok(ok(world.tiers_of(&viewer.account_id)))
}
