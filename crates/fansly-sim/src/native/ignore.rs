//! Native ignore routes: `GET /ignore` (`{ignoring:[…]}`) and `POST /account/ignore`
//! (flags 1 mute, 2 block, 4 VIP, 8 suggestion-mute, 16 DM bypass; 0 removes the row).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{NativeJson, Viewer};
use super::messaging::accounts_json;
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;

pub(super) async fn list(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let world = sim.world();
    let rows = world.ignoring(&viewer.account_id);
    let no_aggregation = q
        .get("noAggregation")
        .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
    if no_aggregation {
        return Ok(ok(json!({ "ignoring": rows })));
    }
    let ids: Vec<String> = rows
        .iter()
        .filter_map(|r| r["ignoredId"].as_str().map(str::to_owned))
        .collect();
    Ok(ok(json!({
        "ignoring": rows,
        "aggregationData": { "accounts": accounts_json(&world, &ids, sim.now_ms()) },
    })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct IgnoreBody {
    #[serde(default, deserialize_with = "opt_string")]
    ignored_id: Option<String>,
    #[serde(default)]
    ignore_flags: Option<Value>,
}

pub(super) async fn set(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<IgnoreBody>,
) -> Result<Response, NativeError> {
    let ignored = body
        .ignored_id
        .ok_or_else(|| NativeError::bad_request("ignoredId: required"))?;
    let flags = match body.ignore_flags {
        None | Some(Value::Null) => 0,
        Some(v) => v
            .as_i64()
            .or_else(|| v.as_str()?.parse().ok())
            .ok_or_else(|| NativeError::bad_request("ignoreFlags: not an integer"))?,
    };
    let now = sim.now_ms();
    let row = sim
        .world()
        .set_ignore(&viewer.account_id, &ignored, flags, now)?;
    Ok(ok(row))
}
