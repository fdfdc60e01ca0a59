//! `POST /status {statusId}`: the presence heartbeat (1 online, 2 offline).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::extract::{NativeJson, Viewer};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StatusBody {
    status_id: u8,
}

pub(super) async fn set(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<StatusBody>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    sim.world()
        .set_presence(&viewer.account_id, body.status_id, true, now)?;
    Ok(ok(
        json!({ "accountId": viewer.account_id, "statusId": body.status_id }),
    ))
}
