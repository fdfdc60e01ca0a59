//! Writing and reading single posts: P2 create, P3 get, P4 update (and the wall-only edit),
//! P5 delete.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::fields::{PostFields, id_list, ms_field};
use super::{CREATE_SCOPE, CREATE_STATUS, attachments};
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::idempotency::{self};
use crate::http::{ApiError, ApiResult, envelope};
use crate::media_access::text;
use crate::routes::messages::{id_value, items, object, proxied};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

/// P2: resolves media (§0.7) then `POST /post`. HTTP 201; never retried.
pub(super) async fn create(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    crate::http::ApiJson(body): crate::http::ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let fingerprint = idempotency::fingerprint("POST", &format!("/{account_id}/posts"), &body);
    let body = object(body)?;
    let fields = PostFields::parse(&body)?;
    let scheduled_for = ms_field(&body, "scheduledFor")?;
    let in_reply_to = id_value(body.get("inReplyTo"), "inReplyTo")?;
    let quoted = id_value(body.get("quotedPostId"), "quotedPostId")?;
    let pin_wall_ids = id_list(&body, "pinWallIds")?.unwrap_or_default();
    if fields.expires_at > 0 && fields.expires_at <= scheduled_for.max(app.clock.now_ms()) {
        return Err(ApiError::bad_request(
            "expiresAt must be later than the publication time (now or scheduledFor)",
        ));
    }
    idempotency::key_from(&headers)?;

    let work_app = app.clone();
    idempotency::run(
        &app,
        tenant,
        &headers,
        CREATE_SCOPE,
        fingerprint,
        async move {
            let app = work_app;
            let attachments = fields.attachments(&app, tenant, &c).await?;
            let native_body = json!({
                "content": fields.content,
                "fypFlags": fields.fyp_flags,
                "inReplyTo": in_reply_to,
                "quotedPostId": quoted,
                "attachments": attachments,
                "scheduledFor": scheduled_for,
                "expiresAt": fields.expires_at,
                "postReplyPermissionFlags": [],
                "pinned": fields.pinned,
                "wallIds": fields.wall_ids.unwrap_or_default(),
                "pinWallIds": pin_wall_ids,
            });
            let mut native = app
                .fansly
                .post_create(&c.creds, native_body)
                .await
                .or_upstream(&app, tenant, &c.account.id)
                .await?;
            if let Some(Value::Object(post)) = native.body.get_mut("response") {
                if post.get("id").and_then(text).is_none()
                    && let Some(id) = post.get("postId").cloned()
                {
                    post.insert("id".into(), id);
                }
                if post.get("id").and_then(text).is_none() {
                    return Err(ApiError::bad_gateway("Fansly sent a malformed response")
                        .with_cause("POST /post without response.id or postId"));
                }
            }
            attachments::name_media(&mut native.body);
            app.touch(tenant, &c.account).await;
            Ok(envelope::proxied(CREATE_STATUS, native.status, native.body))
        },
    )
    .await
}

/// The stored post (`GET /post?ids=`), or 404.
pub(super) async fn stored_post(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    post_id: &str,
) -> ApiResult<fansly_client::NativeResponse> {
    let native = app
        .fansly
        .posts_by_ids(&c.creds, &[post_id])
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    if items(native.response(), "posts").is_empty() {
        return Err(ApiError::not_found(format!("Post {post_id} not found")));
    }
    Ok(native)
}

/// P3.
pub(super) async fn one(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let mut native = stored_post(&app, tenant, &c, &post_id).await?;
    attachments::name_media(&mut native.body);
    Ok(proxied(&app, tenant, &c, native).await)
}

/// P4: fields left out are cleared. A body holding only `wallIds` moves the post between
/// walls (`POST /wall/postedit`); so does a body equal to the stored post but for `wallIds`.
pub(super) async fn update(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
    crate::http::ApiJson(body): crate::http::ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let body = object(body)?;
    let walls_only = body.len() == 1 && body.contains_key("wallIds");
    let (fields, wall_ids) = if walls_only {
        let walls = id_list(&body, "wallIds")?
            .filter(|w| !w.is_empty())
            .ok_or_else(|| ApiError::bad_request("wallIds must name at least one wall"))?;
        (None, Some(walls))
    } else {
        let fields = PostFields::parse(&body)?;
        let walls = fields.wall_ids.clone();
        (Some(fields), walls)
    };
    let stored = stored_post(&app, tenant, &c, &post_id).await?;
    let post = items(stored.response(), "posts")[0].clone();

    let native = match fields {
        None => {
            wall_edit(
                &app,
                tenant,
                &c,
                &post_id,
                wall_ids.as_deref().unwrap_or(&[]),
            )
            .await?
        }
        Some(fields) => {
            let attachments = fields.attachments(&app, tenant, &c).await?;
            let same_rest = post["content"].as_str() == Some(fields.content.as_str())
                && same_attachments(&post["attachments"], &attachments)
                && post["fypFlags"].as_i64().unwrap_or(0) == fields.fyp_flags
                && post["expiresAt"].as_i64().unwrap_or(0) == fields.expires_at / 1000
                && post["pinned"].as_i64().unwrap_or(0) == fields.pinned;
            match &wall_ids {
                Some(walls) if same_rest && !walls.is_empty() => {
                    wall_edit(&app, tenant, &c, &post_id, walls).await?
                }
                _ => {
                    let native_body = json!({
                        "id": post_id,
                        "content": fields.content,
                        "attachments": attachments,
                        "fypFlags": fields.fyp_flags,
                        "expiresAt": fields.expires_at,
                        "pinned": fields.pinned,
                        "postReplyPermissionFlags": [],
                        "wallIds": wall_ids.unwrap_or_default(),
                    });
                    app.fansly
                        .post_edit(&c.creds, native_body)
                        .await
                        .or_upstream(&app, tenant, &account_id)
                        .await?
                }
            }
        }
    };
    let mut native = native;
    attachments::name_media(&mut native.body);
    Ok(proxied(&app, tenant, &c, native).await)
}

pub(super) async fn wall_edit(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    post_id: &str,
    walls: &[String],
) -> ApiResult<fansly_client::NativeResponse> {
    app.fansly
        .wall_post_edit(&c.creds, post_id, walls)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await
}

/// Same `(contentType, contentId)` in the same order.
pub(super) fn same_attachments(stored: &Value, given: &Value) -> bool {
    let key = |v: &Value| -> Vec<(i64, Option<String>)> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        (
                            x.get("contentType").and_then(Value::as_i64).unwrap_or(0),
                            x.get("contentId").and_then(text),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    key(stored) == key(given)
}

/// P5.
pub(super) async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, post_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("post_id", &post_id)?;
    let native = app
        .fansly
        .post_delete(&c.creds, &post_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}
