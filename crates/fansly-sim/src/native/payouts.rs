//! Native payout routes (route-map §1.17, §3, §4.5, §5.6), creator-only (§4.2):
//! - `POST /payments/payoutmethod {id, providerId, metadata, type, twofa:{token, code}}` —
//!   create (`id` empty) or update; **guess** route (§6 item 7);
//! - `POST /payments/payoutmethod/delete {payoutMethodId, twofa:{code, token}}`;
//! - `GET /payments/payoutmethods` → the live methods, newest first;
//! - `GET /payments/payout/requests?before&after&limit&offset` → the payout requests,
//!   newest first (default 10, max 100).
//!
//! Both mutations first validate the body (400 code 2), then need `twofa` to name a verified
//! 2FA session of the caller from the last 10 min (else 403 code 21 "twofa required"); an
//! unknown, foreign or deleted method is 404.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::Value;

use super::audience::require_creator;
use super::extract::{NativeJson, Viewer};
use super::messaging::{Params, int_param, limit_param, offset_param};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::payouts::{MethodInput, TwofaProof, twofa_required};

const REQUESTS_DEFAULT_LIMIT: usize = 10;
const REQUESTS_MAX_LIMIT: usize = 100;
/// `metadata` is a short JSON string.
const MAX_METADATA: usize = 4096;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/payments/payoutmethod", post(upsert))
        .route("/api/v1/payments/payoutmethod/delete", post(delete))
        .route("/api/v1/payments/payoutmethods", get(methods))
        .route("/api/v1/payments/payout/requests", get(requests))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MethodBody {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    provider_id: Option<Value>,
    #[serde(default)]
    metadata: Option<Value>,
    #[serde(default, rename = "type")]
    kind: Option<Value>,
    #[serde(default)]
    twofa: Option<TwofaProof>,
}

/// A string or integer field as text; absent or null → empty.
fn text(v: Option<&Value>, field: &str) -> Result<String, NativeError> {
    match v {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.trim().to_owned()),
        Some(Value::Number(n)) if n.is_u64() => Ok(n.to_string()),
        Some(_) => Err(NativeError::bad_request(format!(
            "{field}: must be a string or an integer"
        ))),
    }
}

fn method_input(body: &MethodBody) -> Result<MethodInput, NativeError> {
    let id = text(body.id.as_ref(), "id")?;
    if !id.is_empty() && id.parse::<u64>().is_err() {
        return Err(NativeError::bad_request("id: not an id"));
    }
    let provider_id = text(body.provider_id.as_ref(), "providerId")?
        .parse::<u32>()
        .map_err(|_| NativeError::bad_request("providerId: required, a provider number"))?;
    let metadata = match &body.metadata {
        Some(Value::String(s)) => s.clone(),
        _ => {
            return Err(NativeError::bad_request(
                "metadata: required, a JSON string",
            ));
        }
    };
    if metadata.len() > MAX_METADATA
        || !serde_json::from_str::<Value>(&metadata).is_ok_and(|v| v.is_object())
    {
        return Err(NativeError::bad_request(
            "metadata: must be a JSON object encoded as a string",
        ));
    }
    let kind = match text(body.kind.as_ref(), "type")?.as_str() {
        "" => 1,
        t => t
            .parse::<i64>()
            .map_err(|_| NativeError::bad_request("type: not an integer"))?,
    };
    Ok(MethodInput {
        id,
        provider_id,
        kind,
        metadata,
    })
}

async fn upsert(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<MethodBody>,
) -> Result<Response, NativeError> {
    let input = method_input(&body)?;
    let now = sim.now_ms();
    let mut world = sim.world();
    require_creator(&world, &viewer)?;
    let proof = body.twofa.unwrap_or_default();
    if !world.twofa_proof_valid(&viewer.account_id, &proof, now) {
        return Err(twofa_required());
    }
    Ok(ok(world.upsert_payout_method(
        &viewer.account_id,
        input,
        now,
    )?))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeleteBody {
    #[serde(default)]
    payout_method_id: Option<Value>,
    #[serde(default)]
    twofa: Option<TwofaProof>,
}

async fn delete(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<DeleteBody>,
) -> Result<Response, NativeError> {
    let id = text(body.payout_method_id.as_ref(), "payoutMethodId")?;
    if id.parse::<u64>().is_err() {
        return Err(NativeError::bad_request("payoutMethodId: required, an id"));
    }
    let now = sim.now_ms();
    let mut world = sim.world();
    require_creator(&world, &viewer)?;
    let proof = body.twofa.unwrap_or_default();
    if !world.twofa_proof_valid(&viewer.account_id, &proof, now) {
        return Err(twofa_required());
    }
    Ok(ok(world.delete_payout_method(
        &viewer.account_id,
        &id,
        now,
    )?))
}

async fn methods(State(sim): State<Simulator>, viewer: Viewer) -> Result<Response, NativeError> {
    let world = sim.world();
    require_creator(&world, &viewer)?;
    Ok(ok(world.payout_methods(&viewer.account_id)))
}

async fn requests(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let after = int_param(&params, "after", 0)?;
    let before = int_param(&params, "before", 0)?;
    let limit = limit_param(&params, REQUESTS_DEFAULT_LIMIT, REQUESTS_MAX_LIMIT)?;
    let offset = offset_param(&params)?;
    let world = sim.world();
    require_creator(&world, &viewer)?;
    Ok(ok(world.payout_requests(
        &viewer.account_id,
        Some(after),
        Some(before),
        limit,
        offset,
    )))
}
