//! The fields of a post body shared by create (P2) and update (P4), each checked with a 400
//! naming the field and the rule.

use serde_json::{Map, Value};

use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiResult};
use crate::media_access::{self, AttachmentForm, MediaSpec, text};
use crate::routes::messages::{content, id_value};
use crate::state::AppState;

/// Fields of a post body shared by P2 and P4.
pub(super) struct PostFields {
    pub(super) content: String,
    pub(super) spec: MediaSpec,
    /// The old-shape `attachments`, passed through untouched.
    pub(super) raw_attachments: Option<Vec<Value>>,
    pub(super) wall_ids: Option<Vec<String>>,
    pub(super) fyp_flags: i64,
    pub(super) expires_at: i64,
    pub(super) pinned: i64,
}

pub(super) fn id_list(body: &Map<String, Value>, field: &str) -> ApiResult<Option<Vec<String>>> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                id_value(Some(v), &format!("{field}[{i}]"))?.ok_or_else(|| {
                    ApiError::bad_request(format!("{field}[{i}] must be an id string"))
                })
            })
            .collect::<ApiResult<Vec<_>>>()
            .map(Some),
        Some(_) => Err(ApiError::bad_request(format!(
            "{field} must be an array of id strings"
        ))),
    }
}

/// A Unix-ms time: a non-negative integer; absent or null → 0.
pub(super) fn ms_field(body: &Map<String, Value>, field: &str) -> ApiResult<i64> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(0),
        Some(v) => v.as_i64().filter(|n| *n >= 0).ok_or_else(|| {
            ApiError::bad_request(format!(
                "{field} must be a Unix time in milliseconds (0 = none)"
            ))
        }),
    }
}

/// `pinned`: a boolean or 0/1.
pub(super) fn pinned_field(body: &Map<String, Value>) -> ApiResult<i64> {
    match body.get("pinned") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(0),
        Some(Value::Bool(true)) => Ok(1),
        Some(v) if v.as_i64() == Some(0) || v.as_i64() == Some(1) => Ok(v.as_i64().unwrap_or(0)),
        Some(_) => Err(ApiError::bad_request("pinned must be a boolean (or 0/1)")),
    }
}

/// `fypFlags` passes through; otherwise `postToFYP: true` → 2, absent or false → 0.
pub(super) fn fyp_field(body: &Map<String, Value>) -> ApiResult<i64> {
    if let Some(v) = body.get("fypFlags").filter(|v| !v.is_null()) {
        return v
            .as_i64()
            .filter(|n| *n >= 0)
            .ok_or_else(|| ApiError::bad_request("fypFlags must be a non-negative integer"));
    }
    match body.get("postToFYP") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(0),
        Some(Value::Bool(true)) => Ok(2),
        Some(_) => Err(ApiError::bad_request("postToFYP must be a boolean")),
    }
}

impl PostFields {
    pub(super) fn parse(body: &Map<String, Value>) -> ApiResult<Self> {
        let content = content(body, "content")?;
        let raw_attachments = match body.get("attachments") {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => {
                for (i, a) in items.iter().enumerate() {
                    let ok = a.get("contentType").is_some_and(Value::is_i64)
                        && a.get("contentId").and_then(text).is_some();
                    if !ok {
                        return Err(ApiError::bad_request(format!(
                            "attachments[{i}] must be an object {{contentId, contentType, pos}}"
                        )));
                    }
                }
                Some(items.clone())
            }
            Some(_) => {
                return Err(ApiError::bad_request(
                    "attachments must be an array of {contentId, contentType, pos}",
                ));
            }
        };
        let spec = MediaSpec::parse(body)?;
        if raw_attachments.is_some() && !spec.media.is_empty() {
            return Err(ApiError::bad_request(
                "send either attachments (old shape) or mediaIds / mediaId, not both",
            ));
        }
        let empty_media =
            spec.media.is_empty() && raw_attachments.as_ref().is_none_or(Vec::is_empty);
        if content.trim().is_empty() && empty_media {
            return Err(ApiError::bad_request(
                "content must not be empty when no media is attached (send content, mediaIds or attachments)",
            ));
        }
        Ok(Self {
            content,
            spec,
            raw_attachments,
            wall_ids: id_list(body, "wallIds")?,
            fyp_flags: fyp_field(body)?,
            expires_at: ms_field(body, "expiresAt")?,
            pinned: pinned_field(body)?,
        })
    }

    /// The native attachments: the old shape untouched, else §0.7 resolution.
    pub(super) async fn attachments(
        &self,
        app: &AppState,
        tenant: Tenant,
        c: &Connected,
    ) -> ApiResult<Value> {
        if let Some(raw) = &self.raw_attachments {
            return Ok(Value::Array(raw.clone()));
        }
        let resolved =
            media_access::resolve(app, tenant, c, &self.spec, AttachmentForm::Post).await?;
        Ok(Value::Array(resolved))
    }
}
