//! Native account reads: `GET /account/me` and `GET /account?ids=…|usernames=…`.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Response;
use serde_json::json;

use super::extract::Viewer;
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::profile::Times;

/// Fansly answers 413 beyond this many ids or usernames.
const MAX_BATCH: usize = 100;

pub(super) async fn me(
    State(sim): State<Simulator>,
    viewer: Viewer,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let world = sim.world();
    let account = world
        .account(&viewer.account_id)
        .ok_or_else(NativeError::unauthorized)?;
    let mut rendered = world.render_account(account, Some(&viewer.account_id), Times::Millis, now);
    // Only the owner sees the e-mail.
    rendered["email"] = json!(account.email);
    Ok(ok(json!({
        "account": rendered,
        "subscriptionTiers": [],
        "wallets": world.wallets_json(&viewer.account_id, sim.now_ms()),
    })))
}

/// Public accounts in request order; unknown ids or usernames are left out.
pub(super) async fn by_ids_or_usernames(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let (list, by_id) = match (query.get("ids"), query.get("usernames")) {
        (Some(ids), _) => (ids, true),
        (None, Some(names)) => (names, false),
        (None, None) => return Err(NativeError::bad_request("ids or usernames required")),
    };
    let mut keys: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .collect();
    if keys.len() > MAX_BATCH {
        return Err(NativeError::too_large());
    }
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.to_ascii_lowercase()));
    let now = sim.now_ms();
    let world = sim.world();
    let accounts: Vec<serde_json::Value> = keys
        .iter()
        .filter_map(|key| {
            if by_id {
                world.account(key)
            } else {
                world.account_by_username(key)
            }
        })
        .map(|a| world.render_account(a, Some(&viewer.account_id), Times::Millis, now))
        .collect();
    Ok(ok(accounts))
}
