//! Native offer routes: `GET/POST /account/media` and `GET/POST /account/media/bundle`.
//! Offers render relative to the viewer (`purchased`, `whitelisted`, `access`).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::extract::{NativeJson, Viewer};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::media::{NewBundle, NewOffer};

/// Fansly answers 413 beyond this many ids.
const MAX_IDS: usize = 150;

fn ids(q: &HashMap<String, String>) -> Result<Vec<String>, NativeError> {
    let list = q
        .get("ids")
        .ok_or_else(|| NativeError::bad_request("ids: required"))?;
    let ids: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.len() > MAX_IDS {
        return Err(NativeError::too_large());
    }
    Ok(ids)
}

pub(super) async fn offers(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let ids = ids(&q)?;
    let now = sim.now_ms();
    let world = sim.world();
    Ok(ok(world.render_offers(
        &viewer.account_id,
        ids.iter().map(String::as_str),
        now,
    )))
}

/// `POST /account/media` takes an array of models (a single object is accepted too).
pub(super) async fn create_offers(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<Value>,
) -> Result<Response, NativeError> {
    let models = match body {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                serde_json::from_value::<NewOffer>(item)
                    .map_err(|e| NativeError::bad_request(format!("[{i}]: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?,
        object @ Value::Object(_) => vec![
            serde_json::from_value::<NewOffer>(object)
                .map_err(|e| NativeError::bad_request(e.to_string()))?,
        ],
        _ => return Err(NativeError::bad_request("body: an array of offers")),
    };
    if models.is_empty() {
        return Err(NativeError::bad_request("body: at least one offer"));
    }
    let now = sim.now_ms();
    let mut world = sim.world();
    let created = world.create_offers(&viewer.account_id, models, now)?;
    Ok(ok(world.render_offers(
        &viewer.account_id,
        created.iter().map(String::as_str),
        now,
    )))
}

pub(super) async fn bundles(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let ids = ids(&q)?;
    let now = sim.now_ms();
    let world = sim.world();
    Ok(ok(world.render_bundles(
        &viewer.account_id,
        ids.iter().map(String::as_str),
        now,
    )))
}

pub(super) async fn create_bundle(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<NewBundle>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let mut world = sim.world();
    let (id, _minted) = world.create_bundle(&viewer.account_id, body, now)?;
    let bundle = world
        .bundle(&id)
        .ok_or_else(|| NativeError::not_found("bundle not found"))?;
    let items: Vec<&str> = bundle
        .account_media_ids
        .iter()
        .map(String::as_str)
        .collect();
    Ok(ok(json!({
        "accountMediaBundles": [world.render_bundle(&viewer.account_id, bundle, now)],
        "accountMedia": world.render_offers(&viewer.account_id, items, now),
    })))
}
