//! Payout routes (route-map §1.17, §3, §5.6):
//! - PO1 `POST /{a}/payout/add {id, providerId, metadata, type, twofa?}` →
//!   `POST /payments/payoutmethod` (**guess**; create when `id` is empty, else update);
//! - PO2 `DELETE /{a}/payout/delete {payoutMethodId, twofa?}` → `POST /payments/payoutmethod/delete`;
//! - `GET /{a}/payouts/methods` → `GET /payments/payoutmethods`;
//! - `GET /{a}/payouts/requests?limit&offset` → `GET /payments/payout/requests?before=0&after=0&limit&offset`.
//!
//! **OTP.** Adding or deleting a payout method needs the account's sensitive-action OTP
//! (C3 "Send OTP" + C4 "Verify OTP"). When the client sends no `twofa` (or empty strings, as
//! the docs example does) the gateway fills it from the account's last verification stored by
//! C4, if that is at most 10 minutes old; otherwise it sends none. When Fansly answers "twofa
//! required" (403, code 21) the gateway answers **403** with `data:{requires_2fa:true}` and a
//! message naming the two OTP routes; after Send OTP and Verify OTP the same request succeeds.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use fansly_client::{FanslyError, PayoutMethodInput, TwofaProof, is_twofa_required};
use secrecy::ExposeSecret;
use serde_json::{Value, json};

use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate;

/// How long a verified OTP authorises payout changes (route-map §4.7).
pub const OTP_AUTHORITY_MS: i64 = 10 * 60 * 1000;
/// `GET /payments/payout/requests` page size: default and maximum.
pub const REQUESTS_DEFAULT_LIMIT: u32 = 10;
pub const REQUESTS_MAX_LIMIT: u32 = 100;
/// `metadata` is a short JSON string.
const MAX_METADATA: usize = 4096;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/payout/add", post(add))
        .route("/{account_id}/payout/delete", delete(remove))
        .route("/{account_id}/payouts/methods", get(methods))
        .route("/{account_id}/payouts/requests", get(requests))
}

/// The 403 of a payout change without a valid OTP verification.
pub fn requires_2fa(account_id: &str) -> ApiError {
    ApiError::forbidden(format!(
        "Two-factor verification required: call POST /api/fansly/{account_id}/twofa/session (Send OTP) and POST /api/fansly/{account_id}/twofa/session/verify (Verify OTP), then repeat this request within 10 minutes"
    ))
    .with_data(json!({ "requires_2fa": true }))
}

/// A string or a non-negative integer as text; absent/null → `None`; anything else → 400.
fn text(body: &Value, field: &str, path: &str) -> ApiResult<Option<String>> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(Value::Number(n)) if n.is_u64() => Ok(Some(n.to_string())),
        Some(_) => Err(ApiError::bad_request(format!(
            "{path} must be a string or a non-negative integer"
        ))),
    }
}

/// `twofa:{token, code}` from the body: `None` when absent or both empty.
fn client_twofa(body: &Value) -> ApiResult<Option<TwofaProof>> {
    let t = match body.get("twofa") {
        None | Some(Value::Null) => return Ok(None),
        Some(t @ Value::Object(_)) => t,
        Some(_) => {
            return Err(ApiError::bad_request(
                "twofa must be an object {token, code}",
            ));
        }
    };
    let token = text(t, "token", "twofa.token")?.unwrap_or_default();
    let code = text(t, "code", "twofa.code")?.unwrap_or_default();
    match (token.is_empty(), code.is_empty()) {
        (true, true) => Ok(None),
        (false, false) => Ok(Some(TwofaProof { token, code })),
        _ => Err(ApiError::bad_request(
            "twofa.token and twofa.code must both be given, or both be empty to use the account's last verified OTP",
        )),
    }
}

/// The client's `twofa`, else the account's stored OTP verification when it is at most
/// 10 minutes old.
async fn resolve_twofa(
    app: &AppState,
    tenant: Tenant,
    account_id: &str,
    given: Option<TwofaProof>,
) -> ApiResult<Option<TwofaProof>> {
    if given.is_some() {
        return Ok(given);
    }
    let stored = app.store.otp_verification(tenant.0, account_id).await?;
    let now = app.clock.now_ms();
    Ok(stored
        .filter(|v| now - v.verified_at <= OTP_AUTHORITY_MS)
        .map(|v| TwofaProof {
            token: v.token.expose_secret().to_owned(),
            code: v.code.expose_secret().to_owned(),
        }))
}

/// Maps a payout-change failure: "twofa required" → 403 `requires_2fa`.
async fn payout_error(
    app: &AppState,
    tenant: Tenant,
    account_id: &str,
    e: FanslyError,
) -> ApiError {
    if is_twofa_required(&e) {
        return requires_2fa(account_id);
    }
    app.upstream_error(tenant, account_id, e).await
}

fn method_input(body: &Value) -> ApiResult<PayoutMethodInput> {
    let id = text(body, "id", "id")?.unwrap_or_default();
    if !id.is_empty() {
        validate::native_id("id", &id)?;
    }
    let provider_id = text(body, "providerId", "providerId")?.unwrap_or_default();
    if provider_id.is_empty() {
        return Err(ApiError::bad_request(
            "Missing required field: providerId (a Fansly payout provider id such as \"2\" for Paxum)",
        ));
    }
    if provider_id.len() > 6 || !provider_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::bad_request(
            "providerId must be a numeric Fansly payout provider id such as \"2\"",
        ));
    }
    let metadata = match body.get("metadata") {
        None | Some(Value::Null) => {
            return Err(ApiError::bad_request(
                "Missing required field: metadata (a JSON string such as \"{\\\"email\\\":\\\"you@example.com\\\"}\")",
            ));
        }
        Some(Value::String(s)) => s.clone(),
        Some(v @ Value::Object(_)) => v.to_string(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "metadata must be a JSON object encoded as a string",
            ));
        }
    };
    if metadata.len() > MAX_METADATA
        || !serde_json::from_str::<Value>(&metadata).is_ok_and(|v| v.is_object())
    {
        return Err(ApiError::bad_request(format!(
            "metadata must be a JSON object encoded as a string, at most {MAX_METADATA} bytes"
        )));
    }
    let kind = validate::optional_integer("type", body.get("type"), 1)?;
    Ok(PayoutMethodInput {
        id,
        provider_id,
        metadata,
        kind,
    })
}

/// PO1.
async fn add(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let input = method_input(&body)?;
    let given = client_twofa(&body)?;
    let c = app.with_session(tenant, account).await?;
    let twofa = resolve_twofa(&app, tenant, &account_id, given).await?;
    let native = match app
        .fansly
        .payout_method_upsert(&c.creds, &input, twofa.as_ref())
        .await
    {
        Ok(n) => n,
        Err(e) => return Err(payout_error(&app, tenant, &account_id, e).await),
    };
    done(&app, tenant, &c, native).await
}

/// PO2.
async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let id = text(&body, "payoutMethodId", "payoutMethodId")?.unwrap_or_default();
    if id.is_empty() {
        return Err(ApiError::bad_request(
            "Missing required field: payoutMethodId (must be a non-empty string)",
        ));
    }
    validate::native_id("payoutMethodId", &id)?;
    let given = client_twofa(&body)?;
    let c = app.with_session(tenant, account).await?;
    let twofa = resolve_twofa(&app, tenant, &account_id, given).await?;
    let native = match app
        .fansly
        .payout_method_delete(&c.creds, &id, twofa.as_ref())
        .await
    {
        Ok(n) => n,
        Err(e) => return Err(payout_error(&app, tenant, &account_id, e).await),
    };
    done(&app, tenant, &c, native).await
}

async fn done(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    native: fansly_client::NativeResponse,
) -> ApiResult<Response> {
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// `GET /{a}/payouts/methods`.
async fn methods(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .payout_methods(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    done(&app, tenant, &c, native).await
}

/// `GET /{a}/payouts/requests`.
async fn requests(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let p = QueryParams::parse(raw.as_deref());
    let limit = p.limit(REQUESTS_DEFAULT_LIMIT, REQUESTS_MAX_LIMIT)?;
    let offset = p.offset_param()?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .payout_requests(&c.creds, limit, offset)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    done(&app, tenant, &c, native).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twofa_is_both_or_neither() {
        assert!(client_twofa(&json!({})).unwrap().is_none());
        assert!(
            client_twofa(&json!({"twofa": {"code": "", "token": ""}}))
                .unwrap()
                .is_none()
        );
        let t = client_twofa(&json!({"twofa": {"code": 123456, "token": "a:1:1:b"}}))
            .unwrap()
            .unwrap();
        assert_eq!((t.token.as_str(), t.code.as_str()), ("a:1:1:b", "123456"));
        assert!(client_twofa(&json!({"twofa": {"token": "x"}})).is_err());
        assert!(client_twofa(&json!({"twofa": "x"})).is_err());
    }

    #[test]
    fn method_fields_are_checked() {
        let ok = method_input(
            &json!({"id": "", "providerId": "2", "metadata": "{\"email\":\"a@b.c\"}", "type": 1}),
        )
        .unwrap();
        assert_eq!(ok.provider_id, "2");
        assert_eq!(ok.kind, 1);
        let obj = method_input(&json!({"providerId": 30, "metadata": {"field0": "T"}})).unwrap();
        assert_eq!(obj.metadata, "{\"field0\":\"T\"}");
        for (body, needle) in [
            (json!({"metadata": "{}"}), "providerId"),
            (json!({"providerId": "x", "metadata": "{}"}), "providerId"),
            (json!({"providerId": "2"}), "metadata"),
            (json!({"providerId": "2", "metadata": "nope"}), "metadata"),
            (
                json!({"providerId": "2", "metadata": "{}", "type": "a"}),
                "type",
            ),
            (
                json!({"id": "abc", "providerId": "2", "metadata": "{}"}),
                "id",
            ),
        ] {
            let e = method_input(&body).unwrap_err();
            assert!(e.message.contains(needle), "{body}: {}", e.message);
        }
    }
}
