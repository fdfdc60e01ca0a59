//! Control route for vault media: `POST /_sim/media {accountId, mimetype?}` → 201 `{id}`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ControlError, ControlJson};
use crate::sim::Simulator;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct NewMedia {
    account_id: String,
    #[serde(default)]
    mimetype: Option<String>,
}

pub(super) async fn create_media(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<NewMedia>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let id = sim.create_media(
        &body.account_id,
        body.mimetype.as_deref().unwrap_or_default(),
    )?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}
