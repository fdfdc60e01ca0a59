//! ⚙ `POST /_sim/payout-requests {accountId, payoutMethodId?, amount?}` → 201 the
//! PayoutRequest: a processed payout (status 8) of `amount` mills (default: everything
//! available) to a live payout method of the creator (default: the newest). Fansly has no
//! public route for it (route-map §4.6).

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::{Value, json};

use super::{ControlError, ControlJson};
use crate::sim::Simulator;
use crate::world::Rejection;
use crate::world::payouts::NewPayoutRequest;

pub(super) fn routes() -> Router<Simulator> {
    Router::new().route("/_sim/payout-requests", post(create))
}

async fn create(
    State(sim): State<Simulator>,
    ControlJson(new): ControlJson<NewPayoutRequest>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let now = sim.now_ms();
    let request = sim
        .world()
        .create_payout_request(new, now)
        .map_err(|r| match r {
            Rejection::NotFound(what) => ControlError::not_found(what),
            Rejection::BadRequest(details) => ControlError::bad_request(details),
            other => ControlError::bad_request(format!("{other:?}")),
        })?;
    Ok((StatusCode::CREATED, Json(json!(request))))
}
