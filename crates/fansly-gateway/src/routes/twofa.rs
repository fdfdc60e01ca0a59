//! Sensitive-action OTP (route-map §1.2 C3/C4, §5.6): C3 "Send OTP"
//! `POST /{a}/twofa/session` → `POST /twofa/session`, and C4 "Verify OTP"
//! `POST /{a}/twofa/session/verify` → `POST /twofa/session/verify` (the seed document).
//! A verified `(token, code)` is kept encrypted per account so later sensitive routes
//! (payouts) can require — and auto-fill — a recent verification.
//!
//! Both answer HTTP 201 with `statusCode: 201`, as the seed document's example does
//! (ApiFansly is a NestJS service, whose POST routes default to 201); see docs/API-DESIGN.md.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use gateway_store::OtpVerification;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::Value;

use crate::http::auth::Tenant;
use crate::http::envelope;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::{self, Field, StringOrNumber};

/// The status both OTP routes answer with.
pub const OTP_STATUS: StatusCode = StatusCode::CREATED;
/// `status` of a verified native twofa session (route-map §5.6).
const VERIFIED: i64 = 3;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/twofa/session", post(send))
        .route("/{account_id}/twofa/session/verify", post(verify))
}

/// The documented spelling is `useEmailTwoFAFallback` (the seed document's and ApiFansly's);
/// `useEmailTwoFaFallback` is accepted as an alias. A non-boolean is a 400 naming the field.
#[derive(Deserialize)]
struct SendBody {
    #[serde(rename = "useEmailTwoFAFallback", alias = "useEmailTwoFaFallback")]
    use_email_two_fa_fallback: Option<bool>,
}

async fn send(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<SendBody>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let fallback = body.use_email_two_fa_fallback.unwrap_or(true);
    let native = app
        .fansly
        .twofa_session_send(&c.creds, fallback)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let twofa = native.response().get("emailTwofa");
    let has = |k: &str| {
        twofa
            .and_then(|t| t.get(k))
            .and_then(Value::as_str)
            .is_some()
    };
    if !(has("id") && has("token")) {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("twofa/session without emailTwofa.id/token"));
    }
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(OTP_STATUS, native.status, native.body))
}

#[derive(Deserialize)]
struct VerifyBody {
    token: Field,
    code: Option<StringOrNumber>,
    mode: Option<Value>,
}

async fn verify(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<VerifyBody>,
) -> ApiResult<Response> {
    let code: Field = body.code.map(StringOrNumber::into_string);
    let v = validate::require(&[("token", &body.token), ("code", &code)])?;
    let (token, code) = (v[0].trim().to_owned(), v[1].trim().to_owned());
    let mode = validate::optional_integer("mode", body.mode.as_ref(), 1)?;

    let c = app.connected(tenant, &account_id).await?;
    let native = match app
        .fansly
        .twofa_session_verify(&c.creds, &token, &code, mode)
        .await
    {
        Ok(n) => n,
        Err(fansly_client::FanslyError::BadTwofaCode { details }) => {
            return Err(ApiError::bad_request(
                "Invalid OTP code for this token (it may also have expired or run out of tries — use Send OTP for a new one)",
            )
            .with_cause(details));
        }
        Err(e) => return Err(app.upstream_error(tenant, &account_id, e).await),
    };
    if native.response().get("status").and_then(Value::as_i64) == Some(VERIFIED) {
        let record = OtpVerification {
            token: SecretString::from(token),
            code: SecretString::from(code),
            verified_at: app.clock.now_ms(),
        };
        app.store
            .put_otp_verification(tenant.0, &account_id, &record)
            .await?;
    }
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(OTP_STATUS, native.status, native.body))
}

#[cfg(test)]
mod tests {
    use super::SendBody;
    use crate::http::json::parse;

    /// The documented spelling and its alias both carry the value given, both values of it.
    #[test]
    fn send_reads_the_documented_fallback_spelling_and_its_alias() {
        for name in ["useEmailTwoFAFallback", "useEmailTwoFaFallback"] {
            for value in [true, false] {
                let body: SendBody = parse(format!(r#"{{"{name}": {value}}}"#).as_bytes()).unwrap();
                assert_eq!(body.use_email_two_fa_fallback, Some(value), "{name}");
            }
        }
        let body: SendBody = parse(b"{}").unwrap();
        assert_eq!(body.use_email_two_fa_fallback, None);
    }

    #[test]
    fn a_non_boolean_fallback_is_a_400_naming_the_field() {
        for bad in [r#""false""#, "0", "null", "{}"] {
            let Err(e) =
                parse::<SendBody>(format!(r#"{{"useEmailTwoFAFallback": {bad}}}"#).as_bytes())
            else {
                // `null` means "not given" for an optional field: the default applies.
                assert_eq!(bad, "null");
                continue;
            };
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
            assert!(
                e.message.contains("`useEmailTwoFAFallback`"),
                "{}",
                e.message
            );
        }
    }
}
