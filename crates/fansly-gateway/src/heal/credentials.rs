//! Opt-in kept credentials: `keepLoggedIn` / `totpSecret` on connect and verify-2fa, and
//! `PUT|DELETE /api/fansly/accounts/{accountId}/credentials`. The password and TOTP secret
//! are sealed at rest (gateway-store `account_credentials`), never answered, never logged;
//! answers say only whether credentials are kept and for which 2FA kind.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::put;
use gateway_store::{KeptCredentials, TwofaKind};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::http::auth::Tenant;
use crate::http::envelope;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::state::AppState;
use crate::validate::{self, Field};

/// Longest password accepted (Fansly's own limit is far below).
const MAX_PASSWORD_LEN: usize = 1024;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/accounts/{account_id}/credentials",
        put(set).delete(remove),
    )
}

/// A TOTP (RFC 6238: SHA-1, 6 digits, 30 s) for a base32 secret; one step of skew either way
/// when checking.
fn totp(secret_base32: &str) -> Option<TOTP> {
    let normalized: String = secret_base32
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '=' | '\t'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = Secret::Encoded(normalized).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes).ok()
}

/// The current code of `secret` at `now_ms` (the gateway's clock).
pub fn totp_code(secret: &SecretString, now_ms: i64) -> Option<String> {
    let secs = u64::try_from(now_ms.div_euclid(1000)).ok()?;
    Some(totp(secret.expose_secret())?.generate(secs))
}

/// The optional `totpSecret` field: base32 of at least 128 bits (400 naming the rule, never
/// echoing the value).
pub fn totp_field(field: &Field) -> ApiResult<Option<SecretString>> {
    match field.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) if totp(raw).is_some() => Ok(Some(SecretString::from(raw.to_owned()))),
        Some(_) => Err(ApiError::bad_request(
            "totpSecret must be the authenticator app's base32 secret (letters A–Z and digits 2–7, at least 26 characters)",
        )),
    }
}

/// True when `secret` produces `code` now (± one 30 s step): the secret given with
/// verify-2fa must be the one behind the code just entered.
pub fn totp_matches(secret: &SecretString, code: &str, now_ms: i64) -> bool {
    let Ok(secs) = u64::try_from(now_ms.div_euclid(1000)) else {
        return false;
    };
    totp(secret.expose_secret()).is_some_and(|t| t.check(code.trim(), secs))
}

/// What a connect / verify-2fa does with kept credentials once the account is stored.
pub enum Choice {
    /// `keepLoggedIn: true`: keep these.
    Keep(KeptCredentials),
    /// `keepLoggedIn: false`: erase any kept ones.
    Forget,
    /// Field absent: kept credentials stay; their password is replaced by the one that just
    /// worked when they differ (a reconnect after a password change heals them).
    Unchanged(SecretString),
}

/// Applies a connect's choice to the stored account.
pub async fn apply(
    app: &AppState,
    tenant: Tenant,
    account_id: &str,
    choice: Choice,
) -> ApiResult<()> {
    match choice {
        Choice::Keep(creds) => {
            app.store
                .set_credentials(tenant.0, account_id, &creds)
                .await?
        }
        Choice::Forget => {
            app.store.delete_credentials(tenant.0, account_id).await?;
        }
        Choice::Unchanged(password) => {
            if let Some(mut kept) = app.store.credentials(tenant.0, account_id).await? {
                let same: bool = kept
                    .password
                    .expose_secret()
                    .as_bytes()
                    .ct_eq(password.expose_secret().as_bytes())
                    .into();
                if !same {
                    kept.password = password;
                    app.store
                        .set_credentials(tenant.0, account_id, &kept)
                        .await?;
                }
            }
        }
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetBody {
    password: Field,
    totp_secret: Field,
}

async fn set(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<SetBody>,
) -> ApiResult<Response> {
    // Ownership first (403/404), then the fields.
    app.owned_account(tenant, &account_id).await?;
    let v = validate::require(&[("password", &body.password)])?;
    if v[0].len() > MAX_PASSWORD_LEN {
        return Err(ApiError::bad_request(format!(
            "password must be at most {MAX_PASSWORD_LEN} bytes"
        )));
    }
    let password = SecretString::from(v[0].to_owned());
    let totp_secret = totp_field(&body.totp_secret)?;
    drop(body);
    let twofa = match (
        &totp_secret,
        app.store.credentials(tenant.0, &account_id).await?,
    ) {
        (Some(_), _) => TwofaKind::Authenticator,
        (None, Some(prev)) if prev.twofa == TwofaKind::Email => TwofaKind::Email,
        (None, _) => TwofaKind::None,
    };
    let creds = KeptCredentials {
        password,
        totp_secret,
        twofa,
    };
    app.store
        .set_credentials(tenant.0, &account_id, &creds)
        .await?;
    Ok(answer(&account_id, Some(twofa), "Credentials kept"))
}

async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    app.owned_account(tenant, &account_id).await?;
    let erased = app.store.delete_credentials(tenant.0, &account_id).await?;
    let message = if erased {
        "Credentials erased"
    } else {
        "No credentials were kept"
    };
    Ok(answer(&account_id, None, message))
}

fn answer(account_id: &str, twofa: Option<TwofaKind>, message: &str) -> Response {
    envelope::ok(
        StatusCode::OK,
        message,
        json!({
            "success": true,
            "accountId": account_id,
            "credentials": view(twofa),
        }),
    )
}

/// What answers show of kept credentials: `{kept, twofa}` — never the secrets.
pub fn view(twofa: Option<TwofaKind>) -> View {
    View {
        kept: twofa.is_some(),
        twofa: twofa.map(TwofaKind::as_str),
    }
}

/// What [`view`] says of an account's kept credentials.
#[derive(Debug, serde::Serialize)]
pub struct View {
    kept: bool,
    twofa: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_rfc_6238() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", T = 59 s → 94287082
        // (8 digits); the 6-digit code is its last six digits.
        let secret = SecretString::from("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(totp_code(&secret, 59_000).as_deref(), Some("287082"));
        assert!(totp_matches(&secret, "287082", 59_000));
        assert!(totp_matches(&secret, "287082", 80_000));
        assert!(!totp_matches(&secret, "287083", 59_000));
    }

    #[test]
    fn the_field_rejects_what_is_not_a_long_base32_secret() {
        assert!(totp_field(&None).unwrap().is_none());
        assert!(totp_field(&Some("gezd gnbv gy3t qojq gezd gnbv gy3t qojq".into())).is_ok());
        let short = totp_field(&Some("GEZDGNBV".into())).unwrap_err();
        assert!(short.message.contains("totpSecret"));
        assert!(totp_field(&Some("not base32 at all!!".into())).is_err());
    }

    /// The document's pattern (`openapi::accounts::totp_secret`): any 26 or more base32
    /// letters, any case, with spaces, tabs, `-` and `=` between them, is accepted; blank is
    /// none; 25 letters or a letter outside the alphabet is refused.
    #[test]
    fn the_field_accepts_every_secret_the_document_allows() {
        let alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for len in 26..=80 {
            let raw: String = alphabet.chars().cycle().take(len).collect();
            assert!(totp_field(&Some(raw.clone())).unwrap().is_some(), "{len}");
            let spaced = format!(" =-{}\t-= ", raw.replace('a', "a -"));
            assert!(totp_field(&Some(spaced)).unwrap().is_some(), "{len} spaced");
        }
        assert!(totp_field(&Some(" \t ".into())).unwrap().is_none());
        let short: String = alphabet.chars().take(25).collect();
        assert!(totp_field(&Some(short)).is_err());
        assert!(totp_field(&Some(format!("{}1", "A".repeat(30)))).is_err());
    }
}
