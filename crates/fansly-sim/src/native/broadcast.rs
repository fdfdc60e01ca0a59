//! Native mass-message routes: `POST /message/broadcast`, the sent and deleted stats
//! lists, the scheduled list (with `messageTemplate` as a JSON string) and scheduled edits.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{NativeJson, Viewer};
use super::messaging::{AttachmentBody, Params, before_param, limit_param, ordered};
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::messaging::{BroadcastEdit, NewBroadcast};
use crate::world::{Rejection, World};

/// Broadcast status values.
const SENT: u8 = 2;
const DELETED: u8 = 3;
const SCHEDULED: u8 = 1;

fn require_creator(world: &World, viewer: &Viewer) -> Result<(), NativeError> {
    if world.is_creator(&viewer.account_id) {
        Ok(())
    } else {
        Err(Rejection::Forbidden.into())
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct BroadcastBody {
    #[serde(deserialize_with = "opt_string", default)]
    group_id: Option<String>,
    #[serde(default)]
    content: String,
    #[serde(default)]
    attachments: Vec<AttachmentBody>,
    #[serde(default)]
    scheduled_for: Option<i64>,
}

pub(super) async fn create(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<BroadcastBody>,
) -> Result<Response, NativeError> {
    let group_id = body
        .group_id
        .ok_or_else(|| NativeError::bad_request("groupId: required"))?;
    let new = NewBroadcast {
        group_id,
        content: body.content,
        attachments: ordered(body.attachments),
        scheduled_for: body.scheduled_for,
    };
    let now = sim.now_ms();
    let mut world = sim.world();
    let id = world.create_broadcast(&viewer.account_id, new, now)?;
    let b = world
        .broadcast(&id)
        .ok_or_else(|| NativeError::not_found("broadcast not found"))?;
    Ok(ok(world.render_broadcast(b)))
}

/// The offers and bundles the listed broadcasts attach, for the owner.
fn media_of(
    world: &World,
    viewer: &str,
    attachments: &[(i64, &str)],
    now: i64,
) -> (Vec<Value>, Vec<Value>) {
    let bundles: Vec<&str> = attachments
        .iter()
        .filter(|(t, _)| *t == 2)
        .map(|(_, id)| *id)
        .collect();
    let mut offers: Vec<&str> = attachments
        .iter()
        .filter(|(t, _)| *t == 1)
        .map(|(_, id)| *id)
        .collect();
    for bundle in bundles.iter().filter_map(|id| world.bundle(id)) {
        offers.extend(bundle.account_media_ids.iter().map(String::as_str));
    }
    (
        world.render_offers(viewer, offers, now),
        world.render_bundles(viewer, bundles, now),
    )
}

async fn stats_with(
    sim: Simulator,
    viewer: Viewer,
    q: Params,
    status: u8,
) -> Result<Response, NativeError> {
    let limit = limit_param(&q, 24, 50)?;
    let before = before_param(&q)?;
    let now = sim.now_ms();
    let world = sim.world();
    require_creator(&world, &viewer)?;
    let list = world.broadcasts_of(&viewer.account_id, status, before, limit);
    let attachments: Vec<(i64, &str)> = list
        .iter()
        .flat_map(|b| b.attachments.iter())
        .map(|a| (a.content_type, a.content_id.as_str()))
        .collect();
    let (account_media, bundles) = media_of(&world, &viewer.account_id, &attachments, now);
    let messages: Vec<Value> = list.iter().map(|b| world.render_broadcast(b)).collect();
    Ok(ok(json!({
        "messages": messages,
        "accountMedia": account_media,
        "accountMediaBundles": bundles,
    })))
}

pub(super) async fn stats(
    State(sim): State<Simulator>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, NativeError> {
    stats_with(sim, viewer, q, SENT).await
}

pub(super) async fn stats_deleted(
    State(sim): State<Simulator>,
    viewer: Viewer,
    q: Params,
) -> Result<Response, NativeError> {
    stats_with(sim, viewer, q, DELETED).await
}

pub(super) async fn scheduled(
    State(sim): State<Simulator>,
    viewer: Viewer,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let world = sim.world();
    require_creator(&world, &viewer)?;
    let mut list = world.broadcasts_of(&viewer.account_id, SCHEDULED, 0, usize::MAX);
    list.sort_by_key(|b| (b.scheduled_for, crate::world::messaging::id_num(&b.id)));
    let attachments: Vec<(i64, &str)> = list
        .iter()
        .flat_map(|b| b.attachments.iter())
        .map(|a| (a.content_type, a.content_id.as_str()))
        .collect();
    let (account_media, bundles) = media_of(&world, &viewer.account_id, &attachments, now);
    let mut group_ids: Vec<&str> = list.iter().map(|b| b.group_id.as_str()).collect();
    group_ids.dedup();
    let groups: Vec<Value> = group_ids
        .iter()
        .filter_map(|id| world.group(id))
        .map(|g| world.render_group(&viewer.account_id, g))
        .collect();
    let scheduled: Vec<Value> = list.iter().map(|b| world.render_scheduled(b)).collect();
    Ok(ok(json!({
        "scheduledBroadcastMessages": scheduled,
        "groups": groups,
        "accountMedia": account_media,
        "accountMediaBundles": bundles,
    })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EditBody {
    #[serde(default, deserialize_with = "opt_string")]
    content: Option<String>,
    #[serde(default)]
    scheduled_for: Option<i64>,
    #[serde(default)]
    attachments: Option<Vec<AttachmentBody>>,
}

pub(super) async fn edit_scheduled(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
    NativeJson(body): NativeJson<EditBody>,
) -> Result<Response, NativeError> {
    let edit = BroadcastEdit {
        content: body.content,
        scheduled_for: body.scheduled_for,
        attachments: body.attachments.map(ordered),
    };
    let now = sim.now_ms();
    let mut world = sim.world();
    require_creator(&world, &viewer)?;
    world.edit_broadcast(&viewer.account_id, &id, edit, now)?;
    let b = world
        .broadcast(&id)
        .ok_or_else(|| NativeError::not_found("broadcast not found"))?;
    Ok(ok(world.render_scheduled(b)))
}
