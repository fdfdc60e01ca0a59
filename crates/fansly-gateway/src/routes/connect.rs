//! C1 `POST /connect` and C2 `POST /verify-2fa`: logging a creator in (route-map §1.2, §5).
//!
//! Native sequence: `GET /device/id` → `POST /login` → either a session (then
//! `GET /account/me`, and the account is stored) or a 2FA challenge (a pending connection is
//! stored, keyed by the SHA-256 of Fansly's twofa token, holding no password). `verify-2fa`
//! then calls `POST /login/twofa`. The Fansly password is stored only when the user opts in
//! with `keepLoggedIn: true` (sealed; `crate::heal::credentials`).

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use fansly_client::{LoginOutcome, NativeSession, ProxyUrl, SessionCreds};
use gateway_store::{KeptCredentials, NewAccount, NewPendingConnect, TwofaKind};
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;

use crate::heal::credentials::{self, Choice};
use crate::http::auth::Tenant;
use crate::http::envelope;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::state::AppState;
use crate::upstream::map_error;
use crate::upstream_care::{effective_proxy, parse_proxy_field, pool_proxy};
use crate::validate::{self, Field};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/connect", post(connect))
        .route("/verify-2fa", post(verify_2fa))
}

/// The dashboard label and egress country given with a connect.
struct Label {
    name: String,
    country: String,
}

fn label(name: &str, country: &str) -> Result<Label, ApiError> {
    validate::max_len("name", name, 100)?;
    validate::country_code(country)?;
    Ok(Label {
        name: name.trim().to_owned(),
        country: country.to_owned(),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConnectBody {
    username: Field,
    password: Field,
    name: Field,
    country_code: Field,
    /// The account's own outbound proxy (`http://`, `https://` or `socks5://`), optional.
    proxy: Field,
    /// Keep the password (sealed) for automatic re-login (issue 14), optional.
    keep_logged_in: Option<bool>,
    totp_secret: Field,
}

async fn connect(
    State(app): State<AppState>,
    tenant: Tenant,
    ApiJson(body): ApiJson<ConnectBody>,
) -> ApiResult<Response> {
    let v = validate::require(&[
        ("username", &body.username),
        ("password", &body.password),
        ("name", &body.name),
        ("countryCode", &body.country_code),
    ])?;
    let (login, label) = (v[0].trim().to_owned(), label(v[2], v[3])?);
    validate::max_len("username", &login, 254)?;
    let password = SecretString::from(v[1].to_owned());
    let own_proxy = proxy_field(&body.proxy)?;
    let totp_secret = credentials::totp_field(&body.totp_secret)?;
    let keep = keep_choice(body.keep_logged_in, &password, totp_secret, TwofaKind::None);
    drop(body);

    let existing = app.store.account_by_login(tenant.0, &login).await?;
    let route = login_route(
        &app,
        tenant,
        existing.as_ref(),
        own_proxy.as_ref(),
        &label,
        &login,
    )
    .await?;
    // Every login call (and the `account/me` of `finish`) goes through the account's proxy.
    fansly_client::proxy::via(
        route,
        connect_inner(
            app,
            tenant,
            existing,
            (login, password),
            label,
            own_proxy,
            keep,
        ),
    )
    .await
}

/// The proxy the login calls use: the one given, else the account's stored one (a
/// reconnect), else the country pool's pick, else direct.
async fn login_route(
    app: &AppState,
    tenant: Tenant,
    existing: Option<&gateway_store::Account>,
    own: Option<&ProxyUrl>,
    label: &Label,
    login: &str,
) -> ApiResult<Option<ProxyUrl>> {
    if let Some(own) = own {
        return Ok(Some(own.clone()));
    }
    if let Some(existing) = existing
        && let ("account", Some(stored)) = effective_proxy(app, tenant, existing).await?
    {
        return Ok(Some(stored));
    }
    Ok(pool_proxy(app, &label.country, login).1)
}

/// The optional `proxy` field, validated (400 naming it).
fn proxy_field(field: &Field) -> ApiResult<Option<ProxyUrl>> {
    match field.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(raw) => parse_proxy_field("proxy", raw).map(Some),
    }
}

async fn connect_inner(
    app: AppState,
    tenant: Tenant,
    existing: Option<gateway_store::Account>,
    (login, password): (String, SecretString),
    label: Label,
    own_proxy: Option<ProxyUrl>,
    keep: Choice,
) -> ApiResult<Response> {
    // Reconnecting an account this key already has reuses its device id: Fansly rate-limits
    // `/device/id`, and a known device avoids a new-device check.
    let device_id = match existing {
        Some(existing) => existing.device_id,
        None => app.fansly.device_id().await.map_err(map_error)?,
    };
    match app
        .fansly
        .login(&device_id, &login, &password)
        .await
        .map_err(map_error)?
    {
        LoginOutcome::Session(session) => {
            let done = (device_id, login, label, session, own_proxy);
            finish(&app, tenant, done, keep).await
        }
        LoginOutcome::TwoFactor(challenge) => {
            let pending = NewPendingConnect {
                device_id,
                login,
                name: label.name,
                country: label.country,
                expires_at: app.clock.now_ms() + app.settings.pending_connect_ttl_ms,
            };
            app.store
                .put_pending_connect(tenant.0, &challenge.token, pending)
                .await?;
            let masked = mask_email(&challenge.email);
            let message = if challenge.kind == 1 {
                "Enter the code from the authenticator app".to_owned()
            } else {
                format!("Verification code sent to {masked}")
            };
            Ok(envelope::ok(
                StatusCode::OK,
                "Two-factor verification required",
                json!({
                    "status_code": 200,
                    "requires_2fa": true,
                    "twofa_token": challenge.token,
                    "twofa_type": challenge.kind,
                    "masked_email": masked,
                    "message": message,
                }),
            ))
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VerifyBody {
    username: Field,
    password: Field,
    two_factor_token: Field,
    two_factor_code: Option<validate::StringOrNumber>,
    name: Field,
    country_code: Field,
    /// The account's own outbound proxy, optional (as on connect).
    proxy: Field,
    /// Keep the password (and `totpSecret`) for automatic re-login (issue 14), optional.
    keep_logged_in: Option<bool>,
    totp_secret: Field,
}

async fn verify_2fa(
    State(app): State<AppState>,
    tenant: Tenant,
    ApiJson(body): ApiJson<VerifyBody>,
) -> ApiResult<Response> {
    let code: Field = body
        .two_factor_code
        .map(validate::StringOrNumber::into_string);
    let v = validate::require(&[
        ("username", &body.username),
        ("password", &body.password),
        ("twoFactorToken", &body.two_factor_token),
        ("twoFactorCode", &code),
        ("name", &body.name),
        ("countryCode", &body.country_code),
    ])?;
    let (login, token, code) = (v[0].trim(), v[2].trim(), v[3].trim());
    let label = label(v[4], v[5])?;
    let own_proxy = proxy_field(&body.proxy)?;
    let password = SecretString::from(v[1].to_owned());
    let totp_secret = credentials::totp_field(&body.totp_secret)?;
    // The secret kept must be the one behind the code just entered.
    if body.keep_logged_in == Some(true)
        && let Some(secret) = &totp_secret
        && !credentials::totp_matches(secret, code, app.clock.now_ms())
    {
        return Err(ApiError::bad_request(
            "totpSecret does not produce the twoFactorCode given: send the authenticator app's secret for this account",
        ));
    }
    // Without a TOTP secret, the code of a later login is one only the creator can give.
    let kind = if totp_secret.is_some() {
        TwofaKind::Authenticator
    } else {
        TwofaKind::Email
    };
    let keep = keep_choice(body.keep_logged_in, &password, totp_secret, kind);
    let existing = app.store.account_by_login(tenant.0, login).await?;
    let route = login_route(
        &app,
        tenant,
        existing.as_ref(),
        own_proxy.as_ref(),
        &label,
        login,
    )
    .await?;
    fansly_client::proxy::via(
        route,
        verify_inner(&app, tenant, (login, token, code), label, own_proxy, keep),
    )
    .await
}

async fn verify_inner(
    app: &AppState,
    tenant: Tenant,
    (login, token, code): (&str, &str, &str),
    label: Label,
    own_proxy: Option<ProxyUrl>,
    keep: Choice,
) -> ApiResult<Response> {
    let now = app.clock.now_ms();
    let Some(pending) = app.store.pending_connect(tenant.0, token, now).await? else {
        return Err(ApiError::bad_request(
            "twoFactorToken is unknown or has expired — call POST /api/fansly/connect again to get a new code",
        ));
    };
    if !pending.login.eq_ignore_ascii_case(login) {
        return Err(ApiError::bad_request(
            "username does not match the connection this twoFactorToken belongs to",
        ));
    }
    match app
        .fansly
        .login_twofa(&pending.device_id, token, code)
        .await
    {
        Ok(session) => {
            app.store.delete_pending_connect(tenant.0, token).await?;
            let done = (pending.device_id, pending.login, label, session, own_proxy);
            finish(app, tenant, done, keep).await
        }
        Err(fansly_client::FanslyError::BadTwofaCode { details }) => {
            let tries = app.store.record_pending_failure(tenant.0, token).await?;
            let left = app.settings.pending_connect_max_tries - tries;
            if left <= 0 {
                app.store.delete_pending_connect(tenant.0, token).await?;
                Err(ApiError::bad_request(
                    "Invalid verification code, and no tries are left — call POST /api/fansly/connect again",
                )
                .with_cause(details))
            } else {
                Err(ApiError::bad_request(format!(
                    "Invalid verification code ({left} {} left for this twoFactorToken)",
                    if left == 1 { "try" } else { "tries" }
                ))
                .with_cause(details))
            }
        }
        Err(e) => Err(map_error(e)),
    }
}

/// A finished login: device id, login, label, session and the account's own proxy.
type Done = (String, String, Label, NativeSession, Option<ProxyUrl>);

/// What `keepLoggedIn` asks for (issue 14): keep, forget, or leave kept credentials as they
/// are (absent field).
fn keep_choice(
    keep_logged_in: Option<bool>,
    password: &SecretString,
    totp_secret: Option<SecretString>,
    kind: TwofaKind,
) -> Choice {
    match keep_logged_in {
        // A secret given for an account that needs no code is not kept.
        Some(true) => Choice::Keep(KeptCredentials {
            password: password.clone(),
            totp_secret: totp_secret.filter(|_| kind == TwofaKind::Authenticator),
            twofa: kind,
        }),
        Some(false) => Choice::Forget,
        None => Choice::Unchanged(password.clone()),
    }
}

/// Stores the new session (a reconnect keeps the account id) and answers "connected".
async fn finish(
    app: &AppState,
    tenant: Tenant,
    (device_id, login, label, session, own_proxy): Done,
    keep: Choice,
) -> ApiResult<Response> {
    let creds = SessionCreds {
        device_id: device_id.clone(),
        session_id: session.id.clone(),
        token: session.token.clone(),
    };
    let me = app.fansly.account_me(&creds).await.map_err(map_error)?;
    let account = me.response().get("account");
    let native_id = account
        .and_then(|a| a.get("id"))
        .and_then(|v| v.as_str())
        .ok_or_else(|| {
            ApiError::bad_gateway("Fansly sent a malformed response")
                .with_cause("account/me without account.id")
        })?
        .to_owned();
    let username = account
        .and_then(|a| a.get("username"))
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let (stored, created) = app
        .store
        .upsert_account(
            tenant.0,
            NewAccount {
                native_id: native_id.clone(),
                login,
                name: label.name,
                country: label.country,
                device_id,
                session_id: session.id.clone(),
                session_token: session.token,
                username,
            },
        )
        .await?;
    if let Some(proxy) = &own_proxy {
        app.store
            .set_account_proxy(tenant.0, &stored.id, Some(proxy.secret()))
            .await?;
    }
    credentials::apply(app, tenant, &stored.id, keep).await?;
    crate::upstream_care::route_account(app, tenant, &stored).await?;
    app.touch(tenant, &stored).await;
    crate::events::on_connected(app, tenant.0, &stored).await;
    let message = if created {
        "Account connected"
    } else {
        "Account reconnected"
    };
    Ok(envelope::ok(
        StatusCode::OK,
        message,
        connected_data(&stored.id, &native_id, message),
    ))
}

/// `data` of a finished connect (client-compat §5.1): every `accountId` a client may take as
/// "the connected account" is the gateway's id; Fansly's own id has a name of its own
/// (`fanslyAccountId`). No token of any kind: the Fansly session never leaves the gateway.
fn connected_data(account_id: &str, native_id: &str, message: &str) -> serde_json::Value {
    json!({
        "status_code": 200,
        "account_id": account_id,
        "accountId": account_id,
        "fanslyAccountId": native_id,
        "message": message,
        "data": {
            "success": true,
            "response": {
                "accountId": account_id,
                "fanslyAccountId": native_id,
            },
        },
    })
}

/// `m***@example.com`; a value Fansly already masked is kept.
pub fn mask_email(email: &str) -> String {
    if email.contains('*') {
        return email.to_owned();
    }
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::mask_email;

    #[test]
    fn masks_emails() {
        assert_eq!(mask_email("mia@example.test"), "m***@example.test");
        assert_eq!(mask_email("m***@example.test"), "m***@example.test");
        assert_eq!(mask_email("nobody"), "***");
    }
}
