//! `POST /tips {senderId?, receiverId, amount (mills), message, tipGoalId?, target?}`: a
//! fan tips a creator; a tip on the DM (group or message) also posts the tip message.

use axum::extract::State;
use axum::response::Response;

use super::extract::{NativeJson, Viewer};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::money::NewTip;

/// Answers the Tip.
pub(super) async fn send(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<NewTip>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let (tip, _message) = sim.world().send_tip(&viewer.account_id, body, now)?;
    Ok(ok(tip))
}
