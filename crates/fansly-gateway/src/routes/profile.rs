//! Profile aliases (route-map §2): AL6 `GET /{a}/profile` and AL7 `GET /{a}/account`, both
//! `GET /account/me` like A4. AL7 answers A4's shape unchanged; AL6 adds client C's flat
//! fields beside it. [`fetch_me`] is A4's call (with its `{creatorId}` refresh), shared with
//! the wall routes of `posts.rs`.

use std::borrow::Cow;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use fansly_client::NativeResponse;
use serde_json::{Value, json};

use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/profile", get(profile))
        .route("/{account_id}/account", get(account))
}

/// A JSON string's text (`None` for any other JSON).
fn text(raw: &str) -> Option<String> {
    if !raw.starts_with('"') {
        return None;
    }
    serde_json::from_str::<Cow<'_, str>>(raw)
        .ok()
        .map(Cow::into_owned)
}

/// `response.account.id` (a string) and `.username` (when a string) of an `/account/me`
/// answer; `None` when there is no such id (or `account` is no object). Read from the index
/// the answer's first reading made: `account` is not read again.
fn me_fields(body: &fansly_client::NativeBody) -> Option<(String, Option<String>)> {
    let id = text(&body.member(&["response", "account", "id"])?)?;
    let username = body
        .member(&["response", "account", "username"])
        .and_then(|u| text(&u));
    Some((id, username))
}

/// `GET /account/me` for `c`, requiring `response.account.id` (else 502) and refreshing the
/// cached native id and username, as A4 does. The answer is read without a JSON tree, so
/// routes that pass it on unchanged send Fansly's bytes.
pub(crate) async fn fetch_me(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
) -> ApiResult<NativeResponse> {
    let native = app
        .fansly
        .account_me(&c.creds)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    let malformed = || {
        ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("account/me without account.id")
    };
    let (native_id, username) = me_fields(&native.body).ok_or_else(malformed)?;
    let username = username.as_deref();
    if native_id != c.account.native_id || username != c.account.username.as_deref() {
        app.store
            .update_account_profile(tenant.0, &c.account.id, &native_id, username)
            .await?;
    }
    Ok(native)
}

/// AL7: A4's answer unchanged.
async fn account(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = fetch_me(&app, tenant, &c).await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// AL6: A4's answer plus client C's flat fields in `data`.
async fn profile(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = fetch_me(&app, tenant, &c).await?;
    app.touch(tenant, &c.account).await;
    let mut data = json!({ "status_code": native.status });
    if let (Value::Object(data), Value::Object(flat)) =
        (&mut data, flat_profile(&native.response()["account"]))
    {
        data.extend(flat);
    }
    data["data"] = native.body.into_value();
    Ok(envelope::ok(StatusCode::OK, "Success", data))
}

/// The flat AL6 fields of a native account.
pub(crate) fn flat_profile(a: &Value) -> Value {
    let count = |k: &str| a.get(k).and_then(Value::as_i64).unwrap_or(0);
    let stats = a.get("timelineStats").cloned().unwrap_or(Value::Null);
    let stat = |k: &str| stats.get(k).and_then(Value::as_i64).unwrap_or(0);
    let location = |k: &str| {
        a.get(k)
            .and_then(|m| m.get("locations"))
            .and_then(|l| l.get(0))
            .and_then(|l| l.get("location"))
            .cloned()
            .unwrap_or(Value::Null)
    };
    json!({
        "accountId": a.get("id").cloned().unwrap_or(Value::Null),
        "username": a.get("username").cloned().unwrap_or(Value::Null),
        "displayName": a.get("displayName").cloned().unwrap_or(Value::Null),
        "avatar": location("avatar"),
        "banner": location("banner"),
        "bio": a.get("about").cloned().unwrap_or(Value::Null),
        "followersCount": count("followCount"),
        "subscribersCount": count("subscriberCount"),
        "postsCount": stat("imageCount") + stat("videoCount") + stat("bundleCount"),
        "likesCount": count("postLikes") + count("accountMediaLikes"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_fields_follow_the_alias_rules() {
        let a = json!({
            "id": "7", "username": "mia", "displayName": "Mia", "about": "hi",
            "avatar": {"locations": [{"location": "https://cdn/a.jpg"}]},
            "banner": null, "followCount": 3, "subscriberCount": 2,
            "postLikes": 4, "accountMediaLikes": 1,
            "timelineStats": {"imageCount": 2, "videoCount": 1, "bundleCount": 1},
        });
        let f = flat_profile(&a);
        assert_eq!(f["avatar"], "https://cdn/a.jpg");
        assert_eq!(f["banner"], Value::Null);
        assert_eq!(f["bio"], "hi");
        assert_eq!(f["postsCount"], 4);
        assert_eq!(f["likesCount"], 5);
        assert_eq!(f["followersCount"], 3);
    }
}
