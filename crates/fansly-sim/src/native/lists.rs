//! Native list routes (route-map §1.13): `GET /lists/account`, `GET /lists/itemsnew`,
//! `POST /lists`, `/lists/items/add`, `/lists/items/remove`, `/lists/commands`.
//! Lists belong to the viewer; someone else's list is 404.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::extract::{NativeJson, Viewer};
use super::messaging::{Params, limit_param};
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::audience::{MAX_ITEMS_PER_ADD, required_id};

/// The viewer's lists by `pos`; with a non-empty `itemId`, only those holding it.
pub(super) async fn lists(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let item = params
        .get("itemId")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    Ok(ok(sim.world().lists_of(&viewer.account_id, item)))
}

/// `[{id, sortId, listId, type, metadata}]` in `sortId` order after `after`.
pub(super) async fn items(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let list_id = params
        .get("listId")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| NativeError::bad_request("listId: required"))?;
    let limit = limit_param(&params, 50, 100)?;
    let after = match params
        .get("after")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None | Some("0") => None,
        Some(v) => Some(
            v.parse::<u64>()
                .map_err(|_| NativeError::bad_request("after: not a sortId"))?,
        ),
    };
    let items = sim
        .world()
        .list_items(&viewer.account_id, list_id, after, limit)?;
    Ok(ok(items))
}

#[derive(Deserialize)]
pub(super) struct NewList {
    label: String,
}

pub(super) async fn create(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<NewList>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    Ok(ok(sim.world().create_list(
        &viewer.account_id,
        &body.label,
        now,
    )?))
}

/// `{id, listId, type}`: type 1 (an account) is the only kind.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ItemRef {
    #[serde(deserialize_with = "required_id")]
    id: String,
    #[serde(deserialize_with = "required_id")]
    list_id: String,
    #[serde(default, rename = "type")]
    kind: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AddItems {
    list_items: Vec<ItemRef>,
}

fn item_pairs(items: Vec<ItemRef>) -> Result<Vec<(String, String)>, NativeError> {
    if items.len() > MAX_ITEMS_PER_ADD {
        return Err(NativeError::bad_request(format!(
            "listItems: at most {MAX_ITEMS_PER_ADD} per call"
        )));
    }
    items
        .into_iter()
        .map(|item| match item.kind {
            None | Some(1) => Ok((item.list_id, item.id)),
            Some(other) => Err(NativeError::bad_request(format!(
                "listItems.type: unknown type {other}"
            ))),
        })
        .collect()
}

/// Adds members; already there → unchanged (idempotent). Returns the items.
pub(super) async fn add(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<AddItems>,
) -> Result<Response, NativeError> {
    let pairs = item_pairs(body.list_items)?;
    let now = sim.now_ms();
    let items = sim
        .world()
        .add_list_items(&viewer.account_id, &pairs, now)?;
    Ok(ok(items))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RemoveItems {
    #[serde(deserialize_with = "required_id")]
    list_id: String,
    list_item_ids: Vec<serde_json::Value>,
}

/// Ids may arrive as strings or numbers.
fn ids_of(values: Vec<serde_json::Value>) -> Vec<String> {
    values
        .into_iter()
        .filter_map(|v| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect()
}

/// Removes members; not a member → unchanged (idempotent).
pub(super) async fn remove(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<RemoveItems>,
) -> Result<Response, NativeError> {
    let ids = ids_of(body.list_item_ids);
    sim.world()
        .remove_list_items(&viewer.account_id, &body.list_id, &ids)?;
    Ok(ok(true))
}

/// One of `{type:1, listItem:{id, listId}}` (add) or `{type:2, listId, itemIds}` (remove).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListCommand {
    #[serde(rename = "type")]
    kind: i64,
    #[serde(default)]
    list_item: Option<ItemRef>,
    #[serde(default, deserialize_with = "opt_string")]
    list_id: Option<String>,
    #[serde(default)]
    item_ids: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Commands {
    list_commands: Vec<ListCommand>,
}

/// Runs the commands in order; the first failing one stops the batch.
pub(super) async fn commands(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<Commands>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let mut world = sim.world();
    for (i, command) in body.list_commands.into_iter().enumerate() {
        match (command.kind, command.list_item, command.list_id) {
            (1, Some(item), _) => {
                let pairs = item_pairs(vec![item])?;
                world.add_list_items(&viewer.account_id, &pairs, now)?;
            }
            (2, _, Some(list_id)) => {
                let ids = ids_of(command.item_ids);
                world.remove_list_items(&viewer.account_id, &list_id, &ids)?;
            }
            (kind, _, _) => {
                return Err(NativeError::bad_request(format!(
                    "listCommands[{i}]: type 1 needs listItem, type 2 needs listId (got type {kind})"
                )));
            }
        }
    }
    Ok(ok(true))
}
