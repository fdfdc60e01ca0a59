//! API keys, for operators: list (with plans), create (the key shown once), revoke, set plan.
//! The same store calls and plan rules as `fansly-gateway keys …` (`commands.rs`,
//! `limits/keys.rs`); the key cache is refreshed at once, so a revoked key (and every console
//! session signed in with it) is refused from the next request.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use secrecy::ExposeSecret as _;
use serde::Deserialize;

use super::error::ConsoleError;
use super::forms::{Posted, opt};
use super::layout::{self, Notice, csrf_field, when};
use super::session::Signed;
use crate::limits::keys::{issue, key_name, stored_plan};
use crate::limits::plans::FOLLOW_DEFAULT;
use crate::state::AppState;

async fn list_page(
    app: &AppState,
    session: &Signed,
    status: StatusCode,
    notice: Option<Notice>,
    shown_key: Option<&str>,
) -> Result<Response, ConsoleError> {
    session.operator()?;
    let keys = app.store.list_api_keys().await?;
    let plans: std::collections::HashMap<i64, Option<String>> = app
        .store
        .api_key_plans()
        .await?
        .into_iter()
        .map(|(t, p)| (t.0, p))
        .collect();
    let catalog = &app.settings.limits.plans;
    let mut names: Vec<String> = catalog.names().split(", ").map(str::to_owned).collect();
    names.retain(|n| !n.is_empty());
    let body = html! {
        @if let Some(k) = shown_key {
            p { "The new API key, shown this once — give it to its owner now:" }
            p.secret #new-key { (k) }
        }
        div.table-wrap { table #keys {
            thead { tr {
                th scope="col" { "Id" } th scope="col" { "Name" } th scope="col" { "Prefix" }
                th scope="col" { "Created" } th scope="col" { "Plan" } th scope="col" { "State" } th scope="col" { "" }
            } }
            tbody { @for k in &keys {
                @let plan = plans.get(&k.id).cloned().flatten();
                tr id={"key-" (k.id)} {
                    td { (k.id) } td { (k.name) } td { code { (k.prefix) } }
                    td { (when(k.created_at)) }
                    td {
                        @if k.revoked_at.is_none() {
                            form.inline-form method="post" action={"/console/keys/" (k.id) "/plan"} {
                                (csrf_field(session))
                                label.inline for={"plan-" (k.id)} { "Plan" }
                                select id={"plan-" (k.id)} name="plan" {
                                    option value=(FOLLOW_DEFAULT) selected[plan.is_none()] { "default (" (app.settings.limits.default_plan.name) ")" }
                                    @for n in &names {
                                        option value=(n) selected[plan.as_deref() == Some(n.as_str())] { (n) }
                                    }
                                }
                                button.secondary type="submit" { "Set" }
                            }
                        } @else { "-" }
                    }
                    td {
                        @match k.revoked_at {
                            Some(at) => span.status-disabled { "revoked " (when(at)) },
                            None => span.status-active { "active" },
                        }
                    }
                    td {
                        @if k.revoked_at.is_none() {
                            form.inline-form method="post" action={"/console/keys/" (k.id) "/revoke"} {
                                (csrf_field(session))
                                button.danger type="submit" name="confirm" value="yes" { "Revoke" }
                            }
                        }
                    }
                }
            } }
        } }
        section.card aria-labelledby="new-key-h" {
            h2 #new-key-h { "New API key" }
            form method="post" action="/console/keys" {
                (csrf_field(session))
                label for="key-name" { "Name" }
                input #key-name type="text" name="name" maxlength="100" required;
                label for="key-plan" { "Plan" }
                select #key-plan name="plan" {
                    option value=(FOLLOW_DEFAULT) selected { "default" }
                    @for n in &names { option value=(n) { (n) } }
                }
                button type="submit" { "Create key" }
            }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(session, "API keys", notice, body),
    ))
}

/// `GET /console/keys`.
pub async fn list(State(app): State<AppState>, session: Signed) -> Result<Response, ConsoleError> {
    list_page(&app, &session, StatusCode::OK, None, None).await
}

/// The plan to store for `requested` (`None`: follow the default plan), as `keys` checks it.
fn plan_to_store(app: &AppState, requested: Option<&str>) -> Result<Option<String>, String> {
    stored_plan(&app.settings.limits.plans, requested)
}

#[derive(Deserialize)]
pub struct CreateForm {
    name: String,
    plan: Option<String>,
}

/// `POST /console/keys`.
pub async fn create(
    State(app): State<AppState>,
    posted: Posted<CreateForm>,
) -> Result<Response, ConsoleError> {
    let session = &posted.session;
    session.operator()?;
    let invalid = |m: String| {
        list_page(
            &app,
            session,
            StatusCode::BAD_REQUEST,
            Some(Notice::Error(m)),
            None,
        )
    };
    let name = match key_name(&posted.form.name) {
        Ok(n) => n,
        Err(e) => return invalid(e).await,
    };
    let plan = match plan_to_store(&app, opt(&posted.form.plan)) {
        Ok(p) => p,
        Err(e) => return invalid(e).await,
    };
    let (record, key) = issue(&*app.store, name, plan.as_deref()).await?;
    app.keys.refresh().await?;
    let notice = Notice::Ok(format!("Created API key {} ({})", record.id, record.name));
    list_page(
        &app,
        session,
        StatusCode::CREATED,
        Some(notice),
        Some(key.expose_secret()),
    )
    .await
}

#[derive(Deserialize)]
pub struct RevokeForm {
    confirm: Option<String>,
}

/// `POST /console/keys/{id}/revoke` (with `confirm=yes`).
pub async fn revoke(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<RevokeForm>,
) -> Result<Response, ConsoleError> {
    let session = &posted.session;
    session.operator()?;
    if posted.form.confirm.as_deref() != Some("yes") {
        return Err(ConsoleError::BadRequest(
            "confirm must be yes to revoke a key".into(),
        ));
    }
    if !app.store.revoke_api_key(id).await? {
        return Err(ConsoleError::NotFound(format!(
            "no active API key with id {id}"
        )));
    }
    app.keys.refresh().await?;
    list_page(
        &app,
        session,
        StatusCode::OK,
        Some(Notice::Ok(format!("Revoked API key {id}"))),
        None,
    )
    .await
}

#[derive(Deserialize)]
pub struct PlanForm {
    plan: String,
}

/// `POST /console/keys/{id}/plan`.
pub async fn set_plan(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<PlanForm>,
) -> Result<Response, ConsoleError> {
    let session = &posted.session;
    session.operator()?;
    let plan = match plan_to_store(&app, Some(&posted.form.plan)) {
        Ok(p) => p,
        Err(e) => {
            return list_page(
                &app,
                session,
                StatusCode::BAD_REQUEST,
                Some(Notice::Error(e)),
                None,
            )
            .await;
        }
    };
    if !app.store.set_api_key_plan(id, plan.as_deref()).await? {
        return Err(ConsoleError::NotFound(format!(
            "no active API key with id {id}"
        )));
    }
    let message = match plan {
        Some(p) => format!("API key {id} is now on plan {p}"),
        None => format!("API key {id} now follows the default plan"),
    };
    list_page(
        &app,
        session,
        StatusCode::OK,
        Some(Notice::Ok(message)),
        None,
    )
    .await
}
