//! Requests: the request log with the filters `GET /api/fansly/logs` takes (`accountId`,
//! `status`, `method`, `route`, `since`, `until`, `limit`, `cursor`), passed to it unchanged,
//! so a bad filter is its 400 naming the parameter.

use axum::Extension;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use serde_json::Value;

use super::Console;
use super::error::ConsoleError;
use super::layout::{self, Notice};
use super::session::Signed;

pub const FILTERS: &[(&str, &str, &str)] = &[
    ("accountId", "Account id", "fansly_…"),
    ("status", "Status", "404 or 4xx"),
    ("method", "Method", "GET"),
    ("route", "Route", "/api/fansly/{account_id}/chats"),
    ("since", "Since", "2026-12-01T00:00:00Z or Unix ms"),
    ("until", "Until", "ISO-8601 or Unix ms"),
    ("limit", "Rows (1–500)", "50"),
];

fn text(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// `GET /console/logs?…`.
pub async fn page(
    Extension(console): Extension<Console>,
    session: Signed,
    RawQuery(raw): RawQuery,
) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let given: Vec<(String, String)> =
        url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.trim().to_owned()))
            .filter(|(k, v)| {
                !v.is_empty() && (k == "cursor" || FILTERS.iter().any(|(n, _, _)| n == k))
            })
            .collect();
    let value = |name: &str| {
        given
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
            .to_owned()
    };
    let query = {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &given {
            q.append_pair(k, v);
        }
        q.finish()
    };
    let answer = console
        .get(
            tenant,
            &format!("/logs{}{}", if query.is_empty() { "" } else { "?" }, query),
        )
        .await?;
    let (status, notice, data) = if answer.status.is_success() {
        (StatusCode::OK, None, answer.data)
    } else {
        (
            answer.status,
            Some(Notice::Error(answer.message)),
            Value::Null,
        )
    };
    let rows = data
        .get("logs")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let next = data.get("nextCursor").and_then(Value::as_str).map(|c| {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in given.iter().filter(|(k, _)| k != "cursor") {
            q.append_pair(k, v);
        }
        q.append_pair("cursor", c);
        format!("/console/logs?{}", q.finish())
    });
    let body = html! {
        form.card.filters method="get" action="/console/logs" {
            @for (name, label, hint) in FILTERS {
                div {
                    label for=(name) { (label) }
                    input id=(name) type="text" name=(name) value=(value(name)) placeholder=(hint);
                }
            }
            div { button type="submit" { "Filter" } }
        }
        p #log-count { (rows.len()) " requests" }
        div.table-wrap { table #logs {
            thead { tr {
                th scope="col" { "Time" } th scope="col" { "Method" } th scope="col" { "Route" }
                th scope="col" { "Status" } th scope="col" { "Account" } th scope="col" { "Latency" }
                th scope="col" { "Fansly calls" } th scope="col" { "Request id" }
            } }
            tbody { @for r in &rows {
                tr.log-row {
                    td { (text(r, "timestamp")) }
                    td.method { (text(r, "method")) }
                    td { code { (text(r, "route")) } }
                    td.status { (text(r, "status")) }
                    td { code { (text(r, "accountId")) } }
                    td { (text(r, "latencyMs")) " ms" }
                    td { (text(r, "upstreamCalls")) }
                    td { code { (text(r, "requestId")) } }
                }
            } }
        } }
        @if let Some(n) = next { p { a href=(n) { "Older requests" } } }
    };
    Ok(layout::respond(
        status,
        layout::page(&session, "Requests", notice, body),
    ))
}
