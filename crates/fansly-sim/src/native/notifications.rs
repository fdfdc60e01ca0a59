//! Native notification routes: `GET /notifications?before&after&type&limit` and
//! `POST /notifications/ack {beforeAnd, type}`.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{NativeJson, Viewer};
use super::messaging::{before_param, int_param, limit_param};
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::content::NotificationQuery;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/notifications", get(list))
        .route("/api/v1/notifications/ack", post(ack))
}

/// `type`: a comma list of codes; empty = all.
fn types(raw: Option<&str>) -> Result<Vec<i64>, NativeError> {
    raw.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| NativeError::bad_request("type: a comma list of codes"))
        })
        .collect()
}

async fn list(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let after = u64::try_from(int_param(&q, "after", 0)?).unwrap_or(0);
    let query = NotificationQuery {
        before: before_param(&q)?,
        after,
        types: types(q.get("type").map(String::as_str))?,
        limit: limit_param(&q, 25, 100)?,
    };
    let world = sim.world();
    let items = world.notifications(&viewer.account_id, &query);
    Ok(ok(json!({ "notifications": items })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AckBody {
    #[serde(default, deserialize_with = "opt_string")]
    before_and: Option<String>,
    #[serde(default, rename = "type")]
    kind: Value,
}

async fn ack(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<AckBody>,
) -> Result<Response, NativeError> {
    let before_and = body
        .before_and
        .ok_or_else(|| NativeError::bad_request("beforeAnd: required"))?;
    let codes = match &body.kind {
        Value::Null => Vec::new(),
        Value::Number(n) => n.as_i64().into_iter().collect(),
        Value::String(s) => types(Some(s))?,
        _ => return Err(NativeError::bad_request("type: a code or a comma list")),
    };
    let now = sim.now_ms();
    sim.world()
        .ack_notifications(&viewer.account_id, &before_and, &codes, &body.kind, now);
    Ok(ok(true))
}
