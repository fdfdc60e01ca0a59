//! Native post routes (route-map §4.1 Posts): timelines, reads by id, create, edit, wall
//! moves, delete, scheduled posts, likes and pins. Handlers are thin: parse, lock, call the
//! world, render.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{NativeJson, Viewer};
use super::messaging::before_param;
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::content::{NewPost, PostEdit, TimelineQuery};

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/timelinenew/{account_id}", get(timeline))
        .route("/api/v1/post", get(by_ids).post(create))
        .route("/api/v1/post/edit", post(edit))
        .route("/api/v1/wall/postedit", post(wall_edit))
        .route("/api/v1/post/{id}/delete", post(delete))
        .route("/api/v1/post/scheduled", get(scheduled))
        .route("/api/v1/post/scheduled/{id}/cancel", post(cancel_scheduled))
        .route("/api/v1/likes", post(like))
        .route("/api/v1/likes/remove", post(unlike))
        .route("/api/v1/profile/pinned", post(pin))
}

fn text(q: &HashMap<String, String>, name: &str) -> Option<String> {
    q.get(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty() && v != "0")
}

async fn timeline(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(account_id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let query = TimelineQuery {
        before: before_param(&q)?,
        wall_id: text(&q, "wallId"),
        content_search: q
            .get("contentSearch")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
    };
    let now = sim.now_ms();
    let world = sim.world();
    if world.account(&account_id).is_none() {
        return Err(NativeError::not_found("account not found"));
    }
    let posts = world.timeline(&viewer.account_id, &account_id, &query, now);
    Ok(ok(world.render_post_page(&viewer.account_id, &posts, now)))
}

async fn by_ids(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let ids: Vec<&str> = q
        .get("ids")
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if ids.is_empty() {
        return Err(NativeError::bad_request("ids: required"));
    }
    if ids.len() > 100 {
        return Err(NativeError::too_large());
    }
    let now = sim.now_ms();
    let world = sim.world();
    let posts = world.posts_by_ids(&viewer.account_id, &ids, now);
    Ok(ok(world.render_post_page(&viewer.account_id, &posts, now)))
}

async fn create(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<NewPost>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let rendered = sim.world().create_post(&viewer.account_id, body, now)?;
    Ok(ok(rendered))
}

async fn edit(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<PostEdit>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let rendered = sim.world().edit_post(&viewer.account_id, body, now)?;
    Ok(ok(rendered))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WallEdit {
    #[serde(default, deserialize_with = "opt_string")]
    post_id: Option<String>,
    #[serde(default)]
    wall_ids: Vec<Value>,
}

async fn wall_edit(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<WallEdit>,
) -> Result<Response, NativeError> {
    let post_id = body
        .post_id
        .ok_or_else(|| NativeError::bad_request("postId: required"))?;
    let now = sim.now_ms();
    let rendered =
        sim.world()
            .edit_post_walls(&viewer.account_id, &post_id, &body.wall_ids, now)?;
    Ok(ok(rendered))
}

async fn delete(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    sim.world().delete_post(&viewer.account_id, &id, now)?;
    Ok(ok(true))
}

async fn scheduled(State(sim): State<Simulator>, viewer: Viewer) -> Result<Response, NativeError> {
    let world = sim.world();
    Ok(ok(
        json!({ "scheduledPosts": world.scheduled_posts(&viewer.account_id) }),
    ))
}

async fn cancel_scheduled(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, NativeError> {
    let rendered = sim.world().cancel_scheduled_post(&viewer.account_id, &id)?;
    Ok(ok(rendered))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostRef {
    #[serde(default, deserialize_with = "opt_string")]
    post_id: Option<String>,
}

async fn like(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<PostRef>,
) -> Result<Response, NativeError> {
    let post_id = body
        .post_id
        .ok_or_else(|| NativeError::bad_request("postId: required"))?;
    let now = sim.now_ms();
    let like = sim.world().like_post(&viewer.account_id, &post_id, now)?;
    Ok(ok(like))
}

async fn unlike(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<PostRef>,
) -> Result<Response, NativeError> {
    let post_id = body
        .post_id
        .ok_or_else(|| NativeError::bad_request("postId: required"))?;
    let now = sim.now_ms();
    sim.world().unlike_post(&viewer.account_id, &post_id, now)?;
    Ok(ok(true))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PinBody {
    #[serde(default, deserialize_with = "opt_string")]
    post_id: Option<String>,
    #[serde(default)]
    pos: i64,
    #[serde(default, deserialize_with = "opt_string")]
    wall_id: Option<String>,
}

async fn pin(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<PinBody>,
) -> Result<Response, NativeError> {
    let post_id = body
        .post_id
        .ok_or_else(|| NativeError::bad_request("postId: required"))?;
    let wall_id = body.wall_id.filter(|w| !w.trim().is_empty());
    let now = sim.now_ms();
    let pin = sim
        .world()
        .pin_post(&viewer.account_id, &post_id, body.pos, wall_id, now)?;
    Ok(ok(pin))
}
