//! Control routes over native traffic: fault injection and the request log.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{ControlError, ControlJson};
use crate::faults::FaultSpec;
use crate::reqlog::LoggedRequest;
use crate::sim::Simulator;

pub(super) async fn add_fault(
    State(sim): State<Simulator>,
    ControlJson(spec): ControlJson<FaultSpec>,
) -> Result<(StatusCode, Json<FaultSpec>), ControlError> {
    sim.add_fault(spec.clone())?;
    Ok((StatusCode::CREATED, Json(spec)))
}

pub(super) async fn clear_faults(State(sim): State<Simulator>) -> Json<Value> {
    sim.clear_faults();
    Json(json!({ "cleared": true }))
}

pub(super) async fn requests(State(sim): State<Simulator>) -> Json<Vec<LoggedRequest>> {
    Json(sim.requests())
}

pub(super) async fn clear_requests(State(sim): State<Simulator>) -> Json<Value> {
    sim.clear_requests();
    Json(json!({ "cleared": true }))
}
