//! Native chat routes: groups (`/messaging/groups`, `/group`, `/groups/users/settings`),
//! messages (`/message`, unread, typing, acks, delete, likes) and the DM media-offer list
//! (`/mediaoffers/location`). Handlers are thin: parse, lock, call the world, render.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{NativeJson, Viewer};
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::World;
use crate::world::media::CONTENT_TIP;
use crate::world::messaging::{
    AttachmentInput, GroupQuery, LOCATION_DM, NewGroup, NewMessage, OfferQuery, UserSettings,
};
use crate::world::profile::Times;

pub(super) type Params = Query<HashMap<String, String>>;

/// An integer query parameter; absent or empty → `default`.
pub(super) fn int_param(
    q: &HashMap<String, String>,
    name: &str,
    default: i64,
) -> Result<i64, NativeError> {
    match q.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| NativeError::bad_request(format!("{name}: not an integer"))),
    }
}

/// `limit`: absent or 0 → `default`, capped at `max`.
pub(super) fn limit_param(
    q: &HashMap<String, String>,
    default: usize,
    max: usize,
) -> Result<usize, NativeError> {
    let limit = int_param(q, "limit", 0)?;
    if limit < 0 {
        return Err(NativeError::bad_request("limit: must not be negative"));
    }
    let limit = usize::try_from(limit).unwrap_or(max);
    Ok(if limit == 0 { default } else { limit.min(max) })
}

pub(super) fn offset_param(q: &HashMap<String, String>) -> Result<usize, NativeError> {
    usize::try_from(int_param(q, "offset", 0)?)
        .map_err(|_| NativeError::bad_request("offset: must not be negative"))
}

/// A snowflake `before` cursor; absent, empty or `0` → 0 (from the newest).
pub(super) fn before_param(q: &HashMap<String, String>) -> Result<u64, NativeError> {
    match q.get("before").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(0),
        Some(v) => v
            .parse()
            .map_err(|_| NativeError::bad_request("before: not an id")),
    }
}

fn text_param(q: &HashMap<String, String>, name: &str) -> Option<String> {
    q.get(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Public accounts for `aggregationData.accounts`, in order, without duplicates.
/// Times in milliseconds, as Fansly's chat list sends them (fansly-real-shapes `messages-group`).
pub(super) fn accounts_json(world: &World, ids: &[String], now: i64) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    ids.iter()
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| world.account_json_for(id, None, Times::Millis, now))
        .collect()
}

pub(super) async fn groups(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Params,
) -> Result<Response, NativeError> {
    let query = GroupQuery {
        sort_order: int_param(&q, "sortOrder", 1)?,
        flags: int_param(&q, "flags", 0)?,
        subscription_tier_id: text_param(&q, "subscriptionTierId"),
        search: text_param(&q, "search"),
        limit: limit_param(&q, 25, 100)?,
        offset: offset_param(&q)?,
    };
    let world = sim.world();
    let page = world.messaging_groups(&viewer.account_id, &query);
    Ok(ok(json!({
        "data": page.rows,
        "aggregationData": {
            "accounts": accounts_json(&world, &page.partner_ids, sim.now_ms()),
            "groups": page.groups,
            "total": page.total,
        },
    })))
}

pub(super) async fn group(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, NativeError> {
    let world = sim.world();
    let group = world.member_group(&viewer.account_id, &id)?;
    Ok(ok(world.render_group(&viewer.account_id, group)))
}

pub(super) async fn create_group(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<NewGroup>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let mut world = sim.world();
    let id = world.create_group(&viewer.account_id, body, now)?;
    let group = world.member_group(&viewer.account_id, &id)?;
    Ok(ok(world.render_group(&viewer.account_id, group)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SettingsBody {
    #[serde(deserialize_with = "crate::json::opt_string", default)]
    group_id: Option<String>,
    #[serde(default)]
    user_settings: Option<UserSettings>,
}

pub(super) async fn user_settings(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<SettingsBody>,
) -> Result<Response, NativeError> {
    let group_id = body
        .group_id
        .ok_or_else(|| NativeError::bad_request("groupId: required"))?;
    let now = sim.now_ms();
    let result = sim.world().set_user_settings(
        &viewer.account_id,
        &group_id,
        body.user_settings.unwrap_or_default(),
        now,
    )?;
    Ok(ok(result))
}

pub(super) async fn messages(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Params,
) -> Result<Response, NativeError> {
    let group_id =
        text_param(&q, "groupId").ok_or_else(|| NativeError::bad_request("groupId: required"))?;
    let limit = limit_param(&q, 25, 100)?;
    let before = before_param(&q)?;
    let now = sim.now_ms();
    let world = sim.world();
    let list = world.list_messages(&viewer.account_id, &group_id, before, limit)?;
    let (account_media, bundles) = world.attached_media(&viewer.account_id, &list, now);
    let tip_ids: Vec<&str> = list
        .iter()
        .flat_map(|m| m.attachments.iter())
        .filter(|a| a.content_type == CONTENT_TIP)
        .map(|a| a.content_id.as_str())
        .collect();
    let offer_ids: Vec<&str> = list
        .iter()
        .flat_map(|m| m.attachments.iter())
        .filter(|a| a.content_type != CONTENT_TIP)
        .map(|a| a.content_id.as_str())
        .collect();
    let messages: Vec<Value> = list
        .iter()
        .map(|m| world.render_message(m, false))
        .collect();
    Ok(ok(json!({
        "messages": messages,
        "accountMedia": account_media,
        "accountMediaBundles": bundles,
        "tips": world.tips_by_ids(&tip_ids),
        "tipGoals": [],
        "accountMediaOrders": world.media_orders_of(&viewer.account_id, &offer_ids),
        "stories": [],
        "storyOrders": [],
    })))
}

pub(super) async fn unread(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Params,
) -> Result<Response, NativeError> {
    let limit = limit_param(&q, 100, 100)?;
    let (rows, total) = sim.world().unread(
        &viewer.account_id,
        before_param(&q)?,
        offset_param(&q)?,
        limit,
    );
    Ok(ok(json!({ "messageInteractions": rows, "total": total })))
}

/// One attachment of a `POST /message` body (`messageId` is ignored).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AttachmentBody {
    #[serde(flatten)]
    attachment: AttachmentInput,
    #[serde(default)]
    pos: Option<i64>,
}

/// Attachments in `pos` order (then as sent).
pub(super) fn ordered(attachments: Vec<AttachmentBody>) -> Vec<AttachmentInput> {
    let mut attachments: Vec<(usize, AttachmentBody)> =
        attachments.into_iter().enumerate().collect();
    attachments.sort_by_key(|(i, a)| (a.pos.unwrap_or(i64::MAX), *i));
    attachments.into_iter().map(|(_, a)| a.attachment).collect()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SendBody {
    #[serde(deserialize_with = "opt_string", default)]
    group_id: Option<String>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    attachments: Vec<AttachmentBody>,
    #[serde(deserialize_with = "opt_string", default)]
    in_reply_to: Option<String>,
}

pub(super) async fn send(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<SendBody>,
) -> Result<Response, NativeError> {
    let group_id = body
        .group_id
        .ok_or_else(|| NativeError::bad_request("groupId: required"))?;
    let mut new = NewMessage::organic(
        &viewer.account_id,
        &group_id,
        body.content.as_deref().unwrap_or_default(),
        ordered(body.attachments),
    );
    new.in_reply_to = body.in_reply_to.filter(|r| !r.is_empty() && r != "0");
    let now = sim.now_ms();
    let mut world = sim.world();
    let id = world.post_message(new, now)?;
    let message = world
        .message(&id)
        .ok_or_else(|| NativeError::not_found("message not found"))?;
    Ok(ok(world.render_message(message, false)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct GroupBody {
    #[serde(deserialize_with = "opt_string", default)]
    group_id: Option<String>,
}

pub(super) async fn typing(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<GroupBody>,
) -> Result<Response, NativeError> {
    let group_id = body
        .group_id
        .ok_or_else(|| NativeError::bad_request("groupId: required"))?;
    let now = sim.now_ms();
    let payload = sim
        .world()
        .announce_typing(&viewer.account_id, &group_id, now)?;
    Ok(ok(payload))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AckBody {
    #[serde(default)]
    message_ids: Vec<Value>,
    #[serde(rename = "type", default = "read")]
    kind: i64,
}

fn read() -> i64 {
    2
}

/// Ids given as strings or numbers.
pub(super) fn id_strings(values: &[Value], field: &str) -> Result<Vec<String>, NativeError> {
    values
        .iter()
        .map(|v| match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(NativeError::bad_request(format!(
                "{field}: ids are strings"
            ))),
        })
        .collect()
}

pub(super) async fn ack(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<AckBody>,
) -> Result<Response, NativeError> {
    let ids = id_strings(&body.message_ids, "messageIds")?;
    let now = sim.now_ms();
    let changed = sim
        .world()
        .ack_messages(&viewer.account_id, &ids, body.kind, now)?;
    Ok(ok(json!({ "messageIds": changed, "type": body.kind })))
}

#[derive(Deserialize)]
pub(super) struct AckAllBody {
    #[serde(rename = "type", default = "read")]
    kind: i64,
}

pub(super) async fn ack_all(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<AckAllBody>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let changed = sim.world().ack_all(&viewer.account_id, body.kind, now)?;
    Ok(ok(json!({ "messageIds": changed, "type": body.kind })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct MessageRef {
    #[serde(deserialize_with = "opt_string", default)]
    message_id: Option<String>,
    #[serde(deserialize_with = "opt_string", default)]
    id: Option<String>,
    #[serde(rename = "type", default)]
    kind: Option<i64>,
}

impl MessageRef {
    fn id(&self) -> Result<&str, NativeError> {
        self.message_id
            .as_deref()
            .or(self.id.as_deref())
            .ok_or_else(|| NativeError::bad_request("messageId: required"))
    }
}

pub(super) async fn delete(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<MessageRef>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let deleted = sim
        .world()
        .delete_message(&viewer.account_id, body.id()?, now)?;
    Ok(ok(deleted))
}

pub(super) async fn like(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<MessageRef>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let like =
        sim.world()
            .like_message(&viewer.account_id, body.id()?, body.kind.unwrap_or(1), now)?;
    Ok(ok(like))
}

pub(super) async fn unlike(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<MessageRef>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let like = sim
        .world()
        .unlike_message(&viewer.account_id, body.id()?, body.kind, now)?;
    Ok(ok(like))
}

/// `GET /mediaoffers/location` (DM groups only: `locationType=4001`).
pub(super) async fn media_offers(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Params,
) -> Result<Response, NativeError> {
    let location_type = int_param(&q, "locationType", LOCATION_DM)?;
    if location_type != LOCATION_DM {
        return Err(NativeError::bad_request(format!(
            "locationType: {location_type} is not served (only 4001)"
        )));
    }
    let group_id = text_param(&q, "locationId")
        .ok_or_else(|| NativeError::bad_request("locationId: required"))?;
    let media_type = match int_param(&q, "mediaType", 0)? {
        0 => None,
        t @ 1..=3 => u8::try_from(t).ok(),
        other => {
            return Err(NativeError::bad_request(format!(
                "mediaType: unknown {other}"
            )));
        }
    };
    let query = OfferQuery {
        group_id,
        account_id: text_param(&q, "accountId"),
        media_type,
        before: before_param(&q)?,
        limit: limit_param(&q, 25, 100)?,
        offset: offset_param(&q)?,
    };
    let now = sim.now_ms();
    let world = sim.world();
    let page = world.media_offers_in_group(&viewer.account_id, &query)?;
    let viewer_id = viewer.account_id.as_str();
    let mut offer_ids: Vec<&str> = page.offer_ids.iter().map(String::as_str).collect();
    for bundle in page.bundle_ids.iter().filter_map(|id| world.bundle(id)) {
        offer_ids.extend(bundle.account_media_ids.iter().map(String::as_str));
    }
    let owner = query
        .account_id
        .clone()
        .unwrap_or_else(|| viewer.account_id.clone());
    Ok(ok(json!({
        "data": page.rows,
        "aggregationData": {
            "accountMedia": world.render_offers(viewer_id, offer_ids, now),
            "accountMediaBundles": world.render_bundles(viewer_id, page.bundle_ids.iter().map(String::as_str), now),
            "accounts": accounts_json(&world, &[owner], now),
            "posts": [],
        },
    })))
}
