//! `GET /account/{id}/wallets` (route-map §4.1, AL8): the account's wallets
//! `[{id, accountId, type, balance, balance64, walletVersion}]` — type 1 main (fan spending),
//! type 2 earnings ("Available for Payout": net past the hold minus payouts). Mills. Only the
//! viewer's own wallets are readable; another account's id → 404.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

use super::extract::Viewer;
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;

pub(super) fn routes() -> Router<Simulator> {
    Router::new().route("/api/v1/account/{id}/wallets", get(wallets))
}

async fn wallets(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, NativeError> {
    if id.trim() != viewer.account_id {
        return Err(NativeError::not_found("wallets not found"));
    }
    let now = sim.now_ms();
    let world = sim.world();
    Ok(ok(world.wallets_json(&viewer.account_id, now)))
}
