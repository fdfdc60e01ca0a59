//! Connecting a creator: credentials (`POST /connect`), then, when Fansly asks for it, the
//! e-mailed or authenticator code (`POST /verify-2fa`) with the masked e-mail shown.
//!
//! `verify-2fa` needs the username and password again. The console does not send the password
//! back to the browser: between the two steps it waits in memory ([`PendingLogins`]), keyed by
//! the tenant and the SHA-256 of the 2FA token, for the gateway's pending-connect lifetime.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gateway_store::TenantId;
use maud::html;
use secrecy::{ExposeSecret as _, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Console;
use super::error::ConsoleError;
use super::forms::{Posted, opt};
use super::layout::{self, Notice, csrf_field};
use super::session::Signed;
use crate::state::AppState;

const MAX_PENDING: usize = 1_000;

struct Pending {
    username: String,
    password: SecretString,
    name: String,
    country: String,
    proxy: Option<String>,
    /// What the code form says (masked e-mail or "authenticator app").
    prompt: String,
    expires_at: i64,
}

/// Connects waiting for their 2FA code.
#[derive(Default)]
pub struct PendingLogins {
    map: Mutex<HashMap<(TenantId, [u8; 32]), Pending>>,
}

fn key(tenant: TenantId, token: &str) -> (TenantId, [u8; 32]) {
    (tenant, Sha256::digest(token.as_bytes()).into())
}

impl PendingLogins {
    fn put(&self, tenant: TenantId, token: &str, p: Pending, now: i64) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, v| v.expires_at > now);
        if map.len() >= MAX_PENDING {
            return; // the code form then asks to start again
        }
        map.insert(key(tenant, token), p);
    }

    fn with<R>(
        &self,
        tenant: TenantId,
        token: &str,
        now: i64,
        f: impl FnOnce(&Pending) -> R,
    ) -> Option<R> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&key(tenant, token))
            .filter(|p| p.expires_at > now)
            .map(f)
    }

    fn remove(&self, tenant: TenantId, token: &str) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&key(tenant, token));
    }
}

fn connect_page(session: &Signed, status: StatusCode, notice: Option<Notice>) -> Response {
    let body = html! {
        form.card method="post" action="/console/accounts/connect" {
            (csrf_field(session))
            label for="username" { "Fansly username or e-mail" }
            input #username type="text" name="username" autocomplete="off" required;
            label for="password" { "Fansly password" }
            input #password type="password" name="password" autocomplete="off" required;
            label for="name" { "Label (shown in this console)" }
            input #name type="text" name="name" maxlength="100" required;
            label for="countryCode" { "Country (ISO 3166-1 alpha-2)" }
            input #countryCode type="text" name="countryCode" value="US" maxlength="2" required;
            label for="proxy" { "Proxy for this account (optional)" }
            input #proxy type="text" name="proxy" placeholder="socks5://user:pass@host:1080";
            button type="submit" { "Connect" }
        }
    };
    layout::respond(
        status,
        layout::page(session, "Connect a creator", notice, body),
    )
}

fn code_page(
    session: &Signed,
    token: &str,
    prompt: &str,
    status: StatusCode,
    notice: Option<Notice>,
) -> Response {
    let body = html! {
        form.card method="post" action="/console/accounts/verify" {
            (csrf_field(session))
            input type="hidden" name="token" value=(token);
            p #twofa-prompt { (prompt) }
            label for="code" { "Verification code" }
            input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus;
            button type="submit" { "Verify" }
        }
        p { a href="/console/accounts/connect" { "Start again" } }
    };
    layout::respond(
        status,
        layout::page(session, "Two-factor verification", notice, body),
    )
}

/// `GET /console/accounts/connect`.
pub async fn form(session: Signed) -> Result<Response, ConsoleError> {
    session.tenant()?;
    Ok(connect_page(&session, StatusCode::OK, None))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectForm {
    username: String,
    password: String,
    name: String,
    country_code: String,
    proxy: Option<String>,
}

/// `POST /console/accounts/connect`.
pub async fn submit(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    posted: Posted<ConnectForm>,
) -> Result<Response, ConsoleError> {
    let session = &posted.session;
    let tenant = session.tenant()?;
    let f = &posted.form;
    let proxy = opt(&f.proxy).map(str::to_owned);
    let mut body = json!({
        "username": f.username.trim(), "password": f.password,
        "name": f.name.trim(), "countryCode": f.country_code.trim().to_ascii_uppercase(),
    });
    if let Some(p) = &proxy {
        body["proxy"] = json!(p);
    }
    let answer = console.post(tenant, "/connect", &body).await?;
    if !answer.status.is_success() {
        return Ok(connect_page(
            session,
            answer.status,
            Some(Notice::Error(answer.message)),
        ));
    }
    let data = answer.data;
    if data.get("requires_2fa").and_then(Value::as_bool) == Some(true) {
        let token = data
            .get("twofa_token")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let prompt = data
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("Enter the code")
            .to_owned();
        let now = app.clock.now_ms();
        console.inner.pending.put(
            tenant,
            &token,
            Pending {
                username: f.username.trim().to_owned(),
                password: SecretString::from(f.password.clone()),
                name: f.name.trim().to_owned(),
                country: f.country_code.trim().to_ascii_uppercase(),
                proxy,
                prompt: prompt.clone(),
                expires_at: now + app.settings.pending_connect_ttl_ms,
            },
            now,
        );
        return Ok(code_page(session, &token, &prompt, StatusCode::OK, None));
    }
    super::accounts::list_page(
        &app,
        &console,
        session,
        StatusCode::OK,
        Some(Notice::Ok(connected(&data))),
    )
    .await
}

fn connected(data: &Value) -> String {
    format!(
        "Connected account {}",
        data.get("account_id").and_then(Value::as_str).unwrap_or("")
    )
}

#[derive(Deserialize)]
pub struct VerifyForm {
    token: String,
    code: String,
}

/// `POST /console/accounts/verify`: the 2FA code of a connect in progress.
pub async fn verify(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    posted: Posted<VerifyForm>,
) -> Result<Response, ConsoleError> {
    let session = &posted.session;
    let tenant = session.tenant()?;
    let token = posted.form.token.trim();
    let now = app.clock.now_ms();
    let found = console.inner.pending.with(tenant, token, now, |p| {
        let mut body = json!({
            "username": p.username, "password": p.password.expose_secret(),
            "twoFactorToken": token, "twoFactorCode": posted.form.code.trim(),
            "name": p.name, "countryCode": p.country,
        });
        if let Some(proxy) = &p.proxy {
            body["proxy"] = json!(proxy);
        }
        (body, p.prompt.clone())
    });
    let Some((body, prompt)) = found else {
        return Ok(connect_page(
            session,
            StatusCode::BAD_REQUEST,
            Some(Notice::Error(
                "token: this verification is unknown or has expired; connect again".into(),
            )),
        ));
    };
    let answer = console.post(tenant, "/verify-2fa", &body).await?;
    if !answer.status.is_success() {
        return Ok(code_page(
            session,
            token,
            &prompt,
            answer.status,
            Some(Notice::Error(answer.message)),
        ));
    }
    console.inner.pending.remove(tenant, token);
    super::accounts::list_page(
        &app,
        &console,
        session,
        StatusCode::OK,
        Some(Notice::Ok(connected(&answer.data))),
    )
    .await
}
