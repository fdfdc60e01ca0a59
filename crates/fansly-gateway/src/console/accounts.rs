//! Accounts: the list (status, country, proxy, last use), one account's page (proxy, the OTP
//! session, disconnect with a confirmation). Reads and writes go through the REST routes in
//! process (`GET /accounts`, `GET|PUT|DELETE /accounts/{a}/proxy`, `POST /{a}/twofa/session`
//! and `/verify`, `DELETE /accounts/{a}`); the last use and the OTP validity, which no route
//! shows, come from the tenant-scoped store rows after the same ownership check.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use gateway_store::TenantId;
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Console;
use super::error::ConsoleError;
use super::forms::{Posted, opt};
use super::layout::{self, Notice, csrf_field, when};
use super::rest::seg;
use super::session::Signed;
use crate::http::auth::Tenant;
use crate::routes::payouts::OTP_AUTHORITY_MS;
use crate::state::AppState;

fn text(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_owned()
}

/// The accounts table, with `notice` above it.
pub async fn list_page(
    app: &AppState,
    console: &Console,
    session: &Signed,
    status: StatusCode,
    notice: Option<Notice>,
) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let data = console.get(tenant, "/accounts").await?.ok()?;
    let rows = data
        .get("accounts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let stored: HashMap<String, gateway_store::Account> = app
        .store
        .accounts(tenant)
        .await?
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect();
    let mut proxies = HashMap::new();
    for a in stored.values() {
        let shown = match crate::upstream_care::effective_proxy(app, Tenant(tenant), a).await {
            Ok((source, Some(url))) => format!("{} ({source})", url.masked()),
            Ok((_, None)) => "direct".to_owned(),
            Err(e) => return Err(ConsoleError::Internal(e.message)),
        };
        proxies.insert(a.id.clone(), shown);
    }
    let body = html! {
        p { a href="/console/accounts/connect" { "Connect a creator" } }
        @if rows.is_empty() {
            p { "No account is connected to this API key yet." }
        } @else {
            div.table-wrap {
                table #accounts {
                    thead { tr {
                        th scope="col" { "Account" } th scope="col" { "Username" }
                        th scope="col" { "Status" } th scope="col" { "Country" }
                        th scope="col" { "Proxy" } th scope="col" { "Last use" }
                    } }
                    tbody {
                        @for r in &rows {
                            @let id = text(r, "accountId");
                            @let status = text(r, "status");
                            tr {
                                td { a href={"/console/accounts/" (id)} { (text(r, "name")) } br; code { (id) } }
                                td { (text(r, "username")) }
                                td { span class={"status-" (status)} { (status) } }
                                td { (text(r, "country")) }
                                td { (proxies.get(&id).map_or("", String::as_str)) }
                                td { (stored.get(&id).and_then(|a| a.last_used_at).map_or_else(|| "never".to_owned(), when)) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(session, "Accounts", notice, body),
    ))
}

/// `GET /console/accounts`.
pub async fn list(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    session: Signed,
) -> Result<Response, ConsoleError> {
    list_page(&app, &console, &session, StatusCode::OK, None).await
}

/// A code sent for the account's OTP session, waiting to be entered.
struct OtpChallenge {
    token: String,
    email: String,
}

/// One account's page. The REST proxy read is the ownership check (403/404).
async fn account_page(
    app: &AppState,
    console: &Console,
    session: &Signed,
    id: &str,
    status: StatusCode,
    notice: Option<Notice>,
    otp: Option<OtpChallenge>,
) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let proxy = console
        .get(tenant, &format!("/accounts/{}/proxy", seg(id)))
        .await?
        .ok()?;
    let account = app
        .owned_account(Tenant(tenant), id)
        .await
        .map_err(|e| ConsoleError::Rest {
            status: e.status,
            message: e.message,
        })?;
    let verified = app.store.otp_verification(tenant, id).await?;
    let valid_until = verified
        .map(|v| v.verified_at + OTP_AUTHORITY_MS)
        .filter(|until| *until > app.clock.now_ms());
    let base = format!("/console/accounts/{id}");
    let body = html! {
        dl {
            dt { "Account id" } dd { code #account-id { (account.id) } }
            dt { "Username" } dd { (account.username.as_deref().unwrap_or("")) }
            dt { "Status" } dd { span class={"status-" (account.status.as_str())} { (account.status.as_str()) } }
            dt { "Country" } dd { (account.country) }
            dt { "Proxy" } dd {
                (proxy.get("proxy").and_then(Value::as_str).unwrap_or("direct"))
                " (" (text(&proxy, "source")) ")"
            }
            dt { "Last use" } dd { (account.last_used_at.map_or_else(|| "never".to_owned(), when)) }
        }
        section.card aria-labelledby="proxy-h" {
            h2 #proxy-h { "Proxy" }
            form method="post" action={(base) "/proxy"} {
                (csrf_field(session))
                label for="proxy" { "Proxy URL (http://, https:// or socks5://)" }
                input #proxy type="text" name="proxy" placeholder="socks5://user:pass@host:1080";
                button type="submit" name="action" value="set" { "Set proxy" }
                " "
                button.secondary type="submit" name="action" value="clear" { "Clear proxy" }
            }
        }
        section.card aria-labelledby="otp-h" {
            h2 #otp-h { "OTP session" }
            p.hint { "Payout changes need a verified OTP session; it stays valid for 10 minutes." }
            @if let Some(until) = valid_until {
                p #otp-valid { "Verified: valid until " (when(until)) "." }
            }
            @match &otp {
                Some(c) => form method="post" action={(base) "/otp/verify"} {
                    (csrf_field(session))
                    input type="hidden" name="token" value=(c.token);
                    p { "A code was sent to " strong { (c.email) } "." }
                    label for="otp-code" { "Code" }
                    input #otp-code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required;
                    button type="submit" { "Verify code" }
                },
                None => form method="post" action={(base) "/otp/send"} {
                    (csrf_field(session))
                    button type="submit" { "Send a code" }
                },
            }
        }
        p { a.danger href={(base) "/disconnect"} { "Disconnect this account…" } }
    };
    let title = format!("Account {}", account.name);
    Ok(layout::respond(
        status,
        layout::page(session, &title, notice, body),
    ))
}

/// `GET /console/accounts/{account_id}`.
pub async fn show(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    session: Signed,
    Path(id): Path<String>,
) -> Result<Response, ConsoleError> {
    account_page(&app, &console, &session, &id, StatusCode::OK, None, None).await
}

/// A REST write's outcome shown on the account page: its message as a notice, with its status.
async fn after(
    app: &AppState,
    console: &Console,
    session: &Signed,
    id: &str,
    answer: super::rest::Answer,
    otp: Option<OtpChallenge>,
) -> Result<Response, ConsoleError> {
    if answer.status == StatusCode::FORBIDDEN || answer.status == StatusCode::NOT_FOUND {
        return Err(ConsoleError::Rest {
            status: answer.status,
            message: answer.message,
        });
    }
    let (status, notice) = if answer.status.is_success() {
        (StatusCode::OK, Notice::Ok(answer.message))
    } else {
        (answer.status, Notice::Error(answer.message))
    };
    account_page(app, console, session, id, status, Some(notice), otp).await
}

#[derive(Deserialize)]
pub struct ProxyForm {
    proxy: Option<String>,
    action: String,
}

/// `POST /console/accounts/{a}/proxy`: `action=set` (with `proxy`) or `action=clear`.
pub async fn set_proxy(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    Path(id): Path<String>,
    posted: Posted<ProxyForm>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let path = format!("/accounts/{}/proxy", seg(&id));
    let answer = match posted.form.action.as_str() {
        "set" => {
            let body = json!({ "proxy": opt(&posted.form.proxy) });
            console
                .rest(tenant, Method::PUT, &path, Some(&body))
                .await?
        }
        "clear" => console.rest(tenant, Method::DELETE, &path, None).await?,
        other => {
            return Err(ConsoleError::BadRequest(format!(
                "action must be set or clear (got {other:?})"
            )));
        }
    };
    after(&app, &console, &posted.session, &id, answer, None).await
}

#[derive(Deserialize)]
pub struct Nothing {}

/// `POST /console/accounts/{a}/otp/send`: starts an OTP session (Fansly e-mails a code).
pub async fn otp_send(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    Path(id): Path<String>,
    posted: Posted<Nothing>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let answer = console
        .post(tenant, &format!("/{}/twofa/session", seg(&id)), &json!({}))
        .await?;
    let challenge = answer.status.is_success().then(|| {
        let twofa = answer
            .data
            .pointer("/data/response/emailTwofa")
            .or_else(|| answer.data.pointer("/response/emailTwofa"))
            .cloned()
            .unwrap_or(Value::Null);
        OtpChallenge {
            token: text(&twofa, "token"),
            email: crate::routes::connect::mask_email(&text(&twofa, "email")),
        }
    });
    after(&app, &console, &posted.session, &id, answer, challenge).await
}

#[derive(Deserialize)]
pub struct OtpForm {
    token: String,
    code: String,
}

/// `POST /console/accounts/{a}/otp/verify`.
pub async fn otp_verify(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    Path(id): Path<String>,
    posted: Posted<OtpForm>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let f = &posted.form;
    let answer = console
        .post(
            tenant,
            &format!("/{}/twofa/session/verify", seg(&id)),
            &json!({ "token": f.token.trim(), "code": f.code.trim() }),
        )
        .await?;
    // A wrong code keeps the form open with the same token.
    let retry = (!answer.status.is_success()).then(|| OtpChallenge {
        token: f.token.clone(),
        email: "the account's e-mail address".to_owned(),
    });
    after(&app, &console, &posted.session, &id, answer, retry).await
}

/// `GET /console/accounts/{a}/disconnect`: the confirmation.
pub async fn confirm_disconnect(
    State(app): State<AppState>,
    session: Signed,
    Path(id): Path<String>,
) -> Result<Response, ConsoleError> {
    let tenant: TenantId = session.tenant()?;
    let account = app
        .owned_account(Tenant(tenant), &id)
        .await
        .map_err(|e| ConsoleError::Rest {
            status: e.status,
            message: e.message,
        })?;
    let body: Markup = html! {
        p { "Disconnecting " strong { (account.name) } " (" code { (account.id) } ") ends its Fansly session and deletes it from this gateway. Its webhooks stop receiving its events." }
        form method="post" action={"/console/accounts/" (id) "/disconnect"} {
            (csrf_field(&session))
            button.danger type="submit" name="confirm" value="yes" { "Yes, disconnect" }
            " "
            a href={"/console/accounts/" (id)} { "Cancel" }
        }
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page(&session, "Disconnect account", None, body),
    ))
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    confirm: Option<String>,
}

/// `POST /console/accounts/{a}/disconnect` (with `confirm=yes`).
pub async fn disconnect(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    Path(id): Path<String>,
    posted: Posted<ConfirmForm>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    if posted.form.confirm.as_deref() != Some("yes") {
        return Err(ConsoleError::BadRequest(
            "confirm must be yes to disconnect an account".into(),
        ));
    }
    let answer = console
        .rest(
            tenant,
            Method::DELETE,
            &format!("/accounts/{}", seg(&id)),
            None,
        )
        .await?;
    let message = answer.message.clone();
    answer.ok()?;
    list_page(
        &app,
        &console,
        &posted.session,
        StatusCode::OK,
        Some(Notice::Ok(message)),
    )
    .await
}
