//! Audience reconciliation: the subscription and follower events an account's socket can
//! miss, recovered through the REST API with the same dedupe keys the socket uses.
//!
//! - [`seed`] (once per account, before its first subscriptions step): every subscription already
//!   active or lapsed (`GET /subscribers?status=3,4`) created before the account's cursor is
//!   recorded in the seen-set without a webhook, so its first renewal is
//!   `subscriptions.renewed`, not `subscriptions.new`.
//! - [`subscriptions`] (after every gap): `GET /subscribers?status=3,4,5`, every page. An
//!   active (3) subscription never seen → `subscriptions.new`; seen with another history id →
//!   `subscriptions.renewed` (two renewals inside one gap give one webhook, for the newest);
//!   an expired (5) one whose `updatedAt` is inside the gap → `subscriptions.expired`.
//! - [`followers`] (after every gap): `GET /account/{id}/followersnew`, newest first, until a
//!   follow older than the gap → `followers.new` (the follow id is a snowflake: its time).
//!
//! Not recoverable this way, and documented as such: `followers.removed` (an unfollow leaves no
//! row), `messages.read` and `messages.deleted`.

use fansly_client::{FanslyError, FollowersQuery, SubscribersQuery};
use serde_json::{Value, json};

use super::derive::{self, Plain};
use super::reconcile::snowflake_ms;
use super::{Ctx, emit};
use crate::state::AppState;
use crate::webhooks::events as names;

/// `GET /subscribers` page size (the native maximum).
const PAGE: u32 = 100;
/// At most this many pages per read (10 000 subscriptions); more is logged and skipped.
const MAX_PAGES: u64 = 100;

/// Every subscription of the creator with one of `statuses`, all pages.
async fn all_subscriptions(
    app: &AppState,
    ctx: &Ctx,
    statuses: &str,
) -> Result<Vec<Value>, FanslyError> {
    let mut out = Vec::new();
    for page in 0..MAX_PAGES {
        let q = SubscribersQuery {
            status: statuses.to_owned(),
            limit: PAGE,
            offset: page * u64::from(PAGE),
            search: String::new(),
            subscription_tier_ids: None,
        };
        let res = app.fansly.subscribers(&ctx.creds, &q).await?;
        let rows = res
            .response()
            .get("subscriptions")
            .or_else(|| res.response().get("data"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let full = rows.len() >= PAGE as usize;
        out.extend(
            rows.into_iter()
                .filter(|s| derive::id_of(s, "accountId").as_deref() == Some(&ctx.native_id)),
        );
        if !full {
            return Ok(out);
        }
    }
    tracing::warn!(account = %ctx.account_id, "more than {} subscriptions; the rest are not reconciled", MAX_PAGES * u64::from(PAGE));
    Ok(out)
}

fn history_of(s: &Value) -> String {
    derive::id_of(s, "historyId")
        .or_else(|| derive::id_of(s, "version"))
        .unwrap_or_default()
}

/// Seeds the seen-set once (see the module docs); a no-op when already seeded.
pub(crate) async fn seed(app: &AppState, ctx: &Ctx) -> Result<(), FanslyError> {
    match app
        .store
        .subscriptions_seeded(ctx.tenant, &ctx.account_id)
        .await
    {
        Ok(false) => {}
        Ok(true) => return Ok(()),
        Err(e) => {
            tracing::warn!(error = %e, "cannot read whether the seen-set was seeded");
            return Ok(());
        }
    }
    let Ok(Some(connected_at)) = app.store.event_cursor(ctx.tenant, &ctx.account_id).await else {
        return Ok(());
    };
    let pairs: Vec<(String, String)> = all_subscriptions(app, ctx, "3,4")
        .await?
        .iter()
        .filter(|s| derive::time_ms(s, "createdAt").is_some_and(|t| t < connected_at))
        .filter_map(|s| Some((derive::id_of(s, "id")?, history_of(s))))
        .collect();
    match app
        .store
        .seed_subscriptions_seen(ctx.tenant, &ctx.account_id, &pairs)
        .await
    {
        Ok(true) => {
            tracing::debug!(account = %ctx.account_id, seeded = pairs.len(), "subscription seen-set seeded");
        }
        Ok(false) => {}
        Err(e) => tracing::warn!(error = %e, "could not seed the subscription seen-set"),
    }
    Ok(())
}

/// Publishes the subscription events of the gap since `since` (ms); returns how many were new.
pub(crate) async fn subscriptions(
    app: &AppState,
    ctx: &Ctx,
    since: i64,
) -> Result<usize, FanslyError> {
    let mut subs = all_subscriptions(app, ctx, "3,4,5").await?;
    subs.sort_by_key(|s| derive::time_ms(s, "updatedAt").unwrap_or(0));
    let mut published = 0;
    for s in &subs {
        let Some(id) = derive::id_of(s, "id") else {
            continue;
        };
        let history = history_of(s);
        match s.get("status").and_then(Value::as_i64) {
            Some(3) => {
                let previous = match app
                    .store
                    .subscription_seen(ctx.tenant, &ctx.account_id, &id)
                    .await
                {
                    Ok(p) => p,
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot read the subscription seen-set");
                        continue;
                    }
                };
                let Some(p) = derive::subscription(s, &id, &history, previous.as_deref()) else {
                    continue;
                };
                // Publish first, then record: a crash in between re-derives the same key.
                let Some(new) = emit(app, ctx.tenant, &ctx.account_id, p).await else {
                    continue;
                };
                published += usize::from(new);
                if let Err(e) = app
                    .store
                    .record_subscription_seen(ctx.tenant, &ctx.account_id, &id, &history)
                    .await
                {
                    tracing::error!(error = %e, "could not record the subscription seen-set");
                }
            }
            Some(5) if derive::time_ms(s, "updatedAt").is_some_and(|t| t >= since) => {
                let p = Plain {
                    event: names::SUBSCRIPTIONS_EXPIRED,
                    data: s.clone(),
                    dedupe_key: format!("subexp:{id}:{history}"),
                    occurred_at_ms: derive::time_ms(s, "updatedAt"),
                };
                published +=
                    usize::from(emit(app, ctx.tenant, &ctx.account_id, p).await == Some(true));
            }
            _ => {}
        }
    }
    Ok(published)
}

/// Publishes `followers.new` for follows made since `since` (ms); returns how many were new.
pub(crate) async fn followers(app: &AppState, ctx: &Ctx, since: i64) -> Result<usize, FanslyError> {
    let mut recent = Vec::new();
    'pages: for page in 0..MAX_PAGES {
        let q = FollowersQuery {
            limit: PAGE,
            offset: page * u64::from(PAGE),
            search: String::new(),
        };
        let res = app.fansly.followers(&ctx.creds, &ctx.native_id, &q).await?;
        let rows = res
            .response()
            .get("followers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let full = rows.len() >= PAGE as usize;
        for row in rows {
            let (Some(id), Some(follower)) =
                (derive::id_of(&row, "id"), derive::id_of(&row, "followerId"))
            else {
                continue;
            };
            let Some(at) = snowflake_ms(&id) else {
                continue;
            };
            if at < since {
                // Newest first: the rest are older still.
                break 'pages;
            }
            recent.push((at, id, follower));
        }
        if !full {
            break;
        }
    }
    recent.sort();
    let mut published = 0;
    for (at, id, follower) in recent {
        let p = follow_event(&ctx.native_id, &id, &follower, at);
        published += usize::from(emit(app, ctx.tenant, &ctx.account_id, p).await == Some(true));
    }
    Ok(published)
}

/// `followers.new` as the socket would publish it: the follow `{id, followerId, accountId,
/// createdAt}` under dedupe key `follow:<follow id>`.
fn follow_event(creator: &str, id: &str, follower: &str, at_ms: i64) -> Plain {
    Plain {
        event: names::FOLLOWERS_NEW,
        data: json!({
            "id": id,
            "followerId": follower,
            "accountId": creator,
            "createdAt": at_ms,
        }),
        dedupe_key: format!("follow:{id}"),
        occurred_at_ms: Some(at_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fansly_client::SNOWFLAKE_EPOCH_MS;

    #[test]
    fn a_recovered_follow_matches_the_socket_s_dedupe_key_and_shape() {
        let ms = 1_800_000_000_000i64;
        let id = (((ms - SNOWFLAKE_EPOCH_MS) as u64) << 22 | 3).to_string();
        let at = snowflake_ms(&id).unwrap();
        assert_eq!(at, ms);
        let p = follow_event("1", &id, "9", at);
        assert_eq!(p.event, "followers.new");
        assert_eq!(p.dedupe_key, format!("follow:{id}"));
        assert_eq!(p.data["followerId"], "9");
        assert_eq!(p.data["accountId"], "1");
        assert_eq!(p.occurred_at_ms, Some(ms));
    }

    #[test]
    fn history_falls_back_to_the_version() {
        assert_eq!(history_of(&json!({"historyId": "7", "version": 2})), "7");
        assert_eq!(history_of(&json!({"version": 2})), "2");
        assert_eq!(history_of(&json!({})), "");
    }
}
