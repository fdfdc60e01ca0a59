//! Webhooks: the endpoints and a create form (URL, events, accounts, payload style; the secret
//! shown once), one endpoint's page (enable/disable, rotate, send a test, its deliveries with
//! status, attempts, response code and latency; redeliver one). All through the REST
//! `/webhooks` routes in process.

use axum::Extension;
use axum::extract::Path;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Console;
use super::error::ConsoleError;
use super::forms::{Posted, opt};
use super::layout::{self, Notice, csrf_field};
use super::rest::seg;
use super::session::Signed;
use crate::webhooks::events;

fn text(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn arr(v: &Value, k: &str) -> Vec<Value> {
    v.get(k)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn secret_box(secret: &str) -> Markup {
    html! {
        p { "The signing secret, shown this once — store it now:" }
        p.secret #webhook-secret { (secret) }
    }
}

async fn list_page(
    console: &Console,
    session: &Signed,
    status: StatusCode,
    notice: Option<Notice>,
    secret: Option<&str>,
) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let hooks = arr(&console.get(tenant, "/webhooks").await?.ok()?, "list");
    let accounts = arr(&console.get(tenant, "/accounts").await?.ok()?, "accounts");
    let body = html! {
        @if let Some(s) = secret { (secret_box(s)) }
        @if hooks.is_empty() {
            p { "No webhook endpoint yet." }
        } @else {
            div.table-wrap { table #webhooks {
                thead { tr { th scope="col" { "Endpoint" } th scope="col" { "Events" } th scope="col" { "State" } } }
                tbody { @for h in &hooks {
                    @let state = if h.get("enabled").and_then(Value::as_bool) == Some(true) { "enabled" } else { "disabled" };
                    tr {
                        td { a href={"/console/webhooks/" (text(h, "id"))} { (text(h, "url")) } br; code { (text(h, "id")) } }
                        td { (arr(h, "events").iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")) }
                        td { span class={"status-" (state)} { (state) } }
                    }
                } }
            } }
        }
        section.card aria-labelledby="new-h" {
            h2 #new-h { "New endpoint" }
            form method="post" action="/console/webhooks" {
                (csrf_field(session))
                label for="url" { "URL" }
                input #url type="url" name="url" required placeholder="https://example.com/hooks/fansly";
                label for="description" { "Description (optional)" }
                input #description type="text" name="description" maxlength="500";
                label for="payloadStyle" { "Payload style" }
                select #payloadStyle name="payloadStyle" {
                    option value="envelope" selected { "envelope ({event, accountId, timestamp, data})" }
                    option value="event_type" { "event_type" }
                }
                fieldset {
                    legend { "Events" }
                    @for e in events::ALL {
                        label.inline { input type="checkbox" name="events" value=(e); (e) }
                    }
                }
                fieldset {
                    legend { "Accounts (none checked: every account of this key)" }
                    @for a in &accounts {
                        label.inline { input type="checkbox" name="accountIds" value=(text(a, "accountId")); (text(a, "name")) }
                    }
                }
                button type="submit" { "Create endpoint" }
            }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(session, "Webhooks", notice, body),
    ))
}

/// `GET /console/webhooks`.
pub async fn list(
    Extension(console): Extension<Console>,
    session: Signed,
) -> Result<Response, ConsoleError> {
    list_page(&console, &session, StatusCode::OK, None, None).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateForm {
    url: String,
    description: Option<String>,
    payload_style: Option<String>,
}

/// `POST /console/webhooks`.
pub async fn create(
    Extension(console): Extension<Console>,
    posted: Posted<CreateForm>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let f = &posted.form;
    let accounts = posted.all("accountIds");
    let mut body = json!({
        "url": f.url.trim(),
        "events": posted.all("events"),
        "accountIds": if accounts.is_empty() { Value::Null } else { json!(accounts) },
    });
    if let Some(d) = opt(&f.description) {
        body["description"] = json!(d);
    }
    if let Some(p) = opt(&f.payload_style) {
        body["payloadStyle"] = json!(p);
    }
    let answer = console.post(tenant, "/webhooks", &body).await?;
    if !answer.status.is_success() {
        return list_page(
            &console,
            &posted.session,
            answer.status,
            Some(Notice::Error(answer.message)),
            None,
        )
        .await;
    }
    let secret = text(&answer.data, "secret");
    endpoint_page(
        &console,
        &posted.session,
        &text(&answer.data, "id"),
        StatusCode::CREATED,
        Some(Notice::Ok(answer.message)),
        Some(&secret),
    )
    .await
}

async fn endpoint_page(
    console: &Console,
    session: &Signed,
    id: &str,
    status: StatusCode,
    notice: Option<Notice>,
    secret: Option<&str>,
) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let hook = console
        .get(tenant, &format!("/webhooks/{}", seg(id)))
        .await?
        .ok()?;
    let deliveries = arr(
        &console
            .get(
                tenant,
                &format!("/webhooks/{}/deliveries?limit=100", seg(id)),
            )
            .await?
            .ok()?,
        "list",
    );
    let enabled = hook.get("enabled").and_then(Value::as_bool) == Some(true);
    let base = format!("/console/webhooks/{id}");
    let body = html! {
        @if let Some(s) = secret { (secret_box(s)) }
        dl {
            dt { "URL" } dd { (text(&hook, "url")) }
            dt { "Events" } dd { (arr(&hook, "events").iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")) }
            dt { "Accounts" } dd {
                @let ids = arr(&hook, "accountIds");
                @if ids.is_empty() { "every account of this key" } @else { (ids.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")) }
            }
            dt { "Payload style" } dd { (text(&hook, "payloadStyle")) }
            dt { "State" } dd {
                @if enabled { span.status-enabled { "enabled" } } @else { span.status-disabled { "disabled" } " " (text(&hook, "disabledReason")) }
            }
        }
        div {
            form.inline-form method="post" action={(base) "/enabled"} {
                (csrf_field(session))
                @if enabled {
                    button.secondary type="submit" name="enabled" value="false" { "Disable" }
                } @else {
                    button type="submit" name="enabled" value="true" { "Enable" }
                }
            }
            form.inline-form method="post" action={(base) "/rotate"} {
                (csrf_field(session))
                button.secondary type="submit" { "Rotate secret" }
            }
            form.inline-form method="post" action={(base) "/test"} {
                (csrf_field(session))
                button.secondary type="submit" { "Send a test event" }
            }
        }
        h2 { "Deliveries" }
        @if deliveries.is_empty() {
            p #no-deliveries { "Nothing delivered yet." }
        } @else {
            div.table-wrap { table #deliveries {
                thead { tr {
                    th scope="col" { "Event" } th scope="col" { "Status" } th scope="col" { "Attempts" }
                    th scope="col" { "Response" } th scope="col" { "Latency" } th scope="col" { "Created" } th scope="col" { "" }
                } }
                tbody { @for d in &deliveries {
                    @let st = text(d, "status");
                    tr.delivery {
                        td { (text(d, "event")) br; code { (text(d, "id")) } }
                        td { span class={"status-" (st)} { (st) } br; span.hint { (text(d, "lastError")) } }
                        td { (text(d, "attempts")) }
                        td { (text(d, "responseStatus")) }
                        td { @let l = text(d, "latencyMs"); @if !l.is_empty() { (l) " ms" } }
                        td { (text(d, "createdAt")) }
                        td { form.inline-form method="post" action={(base) "/deliveries/" (text(d, "id")) "/redeliver"} {
                            (csrf_field(session))
                            button.secondary type="submit" { "Redeliver" }
                        } }
                    }
                } }
            } }
        }
        p { a href="/console/webhooks" { "All endpoints" } }
    };
    Ok(layout::respond(
        status,
        layout::page(session, "Webhook endpoint", notice, body),
    ))
}

/// `GET /console/webhooks/{id}`.
pub async fn show(
    Extension(console): Extension<Console>,
    session: Signed,
    Path(id): Path<String>,
) -> Result<Response, ConsoleError> {
    endpoint_page(&console, &session, &id, StatusCode::OK, None, None).await
}

/// The endpoint page after a REST write, its message as the notice.
async fn after(
    console: &Console,
    session: &Signed,
    id: &str,
    answer: super::rest::Answer,
    secret: Option<&str>,
) -> Result<Response, ConsoleError> {
    if !answer.status.is_success() {
        if matches!(answer.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN) {
            return Err(ConsoleError::Rest {
                status: answer.status,
                message: answer.message,
            });
        }
        return endpoint_page(
            console,
            session,
            id,
            answer.status,
            Some(Notice::Error(answer.message)),
            None,
        )
        .await;
    }
    endpoint_page(
        console,
        session,
        id,
        StatusCode::OK,
        Some(Notice::Ok(answer.message)),
        secret,
    )
    .await
}

#[derive(Deserialize)]
pub struct EnabledForm {
    enabled: String,
}

/// `POST /console/webhooks/{id}/enabled` (`enabled=true|false`).
pub async fn set_enabled(
    Extension(console): Extension<Console>,
    Path(id): Path<String>,
    posted: Posted<EnabledForm>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let enabled = match posted.form.enabled.as_str() {
        "true" => true,
        "false" => false,
        other => {
            return Err(ConsoleError::BadRequest(format!(
                "enabled must be true or false (got {other:?})"
            )));
        }
    };
    let answer = console
        .rest(
            tenant,
            Method::PATCH,
            &format!("/webhooks/{}", seg(&id)),
            Some(&json!({ "enabled": enabled })),
        )
        .await?;
    after(&console, &posted.session, &id, answer, None).await
}

#[derive(Deserialize)]
pub struct Nothing {}

/// `POST /console/webhooks/{id}/rotate`: a new secret, shown once.
pub async fn rotate(
    Extension(console): Extension<Console>,
    Path(id): Path<String>,
    posted: Posted<Nothing>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let answer = console
        .post(
            tenant,
            &format!("/webhooks/{}/rotate-secret", seg(&id)),
            &json!({}),
        )
        .await?;
    let secret = text(&answer.data, "secret");
    let shown = (!secret.is_empty()).then_some(secret.as_str());
    after(&console, &posted.session, &id, answer, shown).await
}

/// `POST /console/webhooks/{id}/test`.
pub async fn send_test(
    Extension(console): Extension<Console>,
    Path(id): Path<String>,
    posted: Posted<Nothing>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let answer = console
        .post(tenant, &format!("/webhooks/{}/test", seg(&id)), &json!({}))
        .await?;
    after(&console, &posted.session, &id, answer, None).await
}

/// `POST /console/webhooks/{id}/deliveries/{delivery_id}/redeliver`.
pub async fn redeliver(
    Extension(console): Extension<Console>,
    Path((id, delivery)): Path<(String, String)>,
    posted: Posted<Nothing>,
) -> Result<Response, ConsoleError> {
    let tenant = posted.session.tenant()?;
    let answer = console
        .post(
            tenant,
            &format!(
                "/webhooks/{}/deliveries/{}/redeliver",
                seg(&id),
                seg(&delivery)
            ),
            &json!({}),
        )
        .await?;
    after(&console, &posted.session, &id, answer, None).await
}
