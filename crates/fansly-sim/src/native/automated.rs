//! Native automated-message routes: `GET /message/automated`, `POST /message/automated`,
//! `POST /message/automated/delete` (creators only).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::extract::{NativeJson, Viewer};
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::Rejection;
use crate::world::messaging::NewAutomation;

pub(super) async fn list(
    State(sim): State<Simulator>,
    viewer: Viewer,
) -> Result<Response, NativeError> {
    let world = sim.world();
    if !world.is_creator(&viewer.account_id) {
        return Err(Rejection::Forbidden.into());
    }
    Ok(ok(world.automations_of(&viewer.account_id)))
}

pub(super) async fn create(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<NewAutomation>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let mut world = sim.world();
    let id = world.create_automation(&viewer.account_id, body, now)?;
    let rule = world
        .automation(&id)
        .ok_or_else(|| NativeError::not_found("automated message not found"))?;
    Ok(ok(rule))
}

#[derive(Deserialize)]
pub(super) struct DeleteBody {
    #[serde(default, deserialize_with = "opt_string")]
    id: Option<String>,
}

pub(super) async fn delete(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<DeleteBody>,
) -> Result<Response, NativeError> {
    let id = body
        .id
        .ok_or_else(|| NativeError::bad_request("id: required"))?;
    let mut world = sim.world();
    if !world.is_creator(&viewer.account_id) {
        return Err(Rejection::Forbidden.into());
    }
    Ok(ok(world.delete_automation(&viewer.account_id, &id)?))
}
