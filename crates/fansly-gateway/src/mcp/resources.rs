//! MCP resources, two per connected account of the caller's key:
//! `fansly://accounts/{id}/profile` (the account's Fansly profile, read through
//! `GET /{id}/me`) and `fansly://accounts/{id}/events` (the newest events the gateway recorded
//! from the account's event stream — the `webhook_events` rows, delivered anywhere or not).

use axum::http::request::Parts;
use gateway_store::AccountAccess;
use rmcp::ErrorData as McpError;
use rmcp::model::{ListResourcesResult, ReadResourceResult, Resource, ResourceContents};
use serde_json::{Value, json};

use super::Caller;
use super::output::payload;
use super::rest::{Rest, RestError};
use super::server::Gateway;

/// How many events the `events` resource shows.
pub const RECENT_EVENTS: i64 = 50;

const PREFIX: &str = "fansly://accounts/";

fn rest_error(e: RestError) -> McpError {
    McpError::invalid_params(
        format!("the gateway answered {}: {}", e.status, e.message),
        None,
    )
}

pub async fn list(rest: &Rest) -> Result<ListResourcesResult, McpError> {
    let data = rest.get("/accounts", &[]).await.map_err(rest_error)?;
    let mut out = Vec::new();
    for a in data["accounts"].as_array().into_iter().flatten() {
        let (Some(id), username) = (a["accountId"].as_str(), a["username"].as_str()) else {
            continue;
        };
        let who = username.map_or_else(|| id.to_owned(), |u| format!("@{u}"));
        out.push(
            Resource::new(format!("{PREFIX}{id}/profile"), format!("{who} profile"))
                .with_description(format!("The Fansly profile of {who}"))
                .with_mime_type("application/json"),
        );
        out.push(
            Resource::new(
                format!("{PREFIX}{id}/events"),
                format!("{who} recent events"),
            )
            .with_description(format!(
                "The {RECENT_EVENTS} newest events of {who}'s event stream (messages, tips, \
                     subscriptions, follows, purchases), newest first"
            ))
            .with_mime_type("application/json"),
        );
    }
    Ok(ListResourcesResult::with_all_items(out))
}

pub async fn read(
    server: &Gateway,
    rest: &Rest,
    parts: &Parts,
    uri: &str,
) -> Result<ReadResourceResult, McpError> {
    let not_found = || {
        McpError::resource_not_found(
            format!(
                "unknown resource `{uri}`: expected {PREFIX}{{accountId}}/profile or \
                 {PREFIX}{{accountId}}/events (resources/list names them)"
            ),
            None,
        )
    };
    let rest_of = uri.strip_prefix(PREFIX).ok_or_else(not_found)?;
    let (account, what) = rest_of.split_once('/').ok_or_else(not_found)?;
    if account.is_empty()
        || account.len() > 64
        || !account
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(not_found());
    }
    let value = match what {
        "profile" => {
            let data = rest
                .get(&format!("/{account}/me"), &[])
                .await
                .map_err(rest_error)?;
            payload(&data).clone()
        }
        "events" => events(server, parts, account).await?,
        _ => return Err(not_found()),
    };
    Ok(ReadResourceResult::new(vec![
        ResourceContents::text(value.to_string(), uri).with_mime_type("application/json"),
    ]))
}

async fn events(server: &Gateway, parts: &Parts, account: &str) -> Result<Value, McpError> {
    let caller = parts
        .extensions
        .get::<Caller>()
        .ok_or_else(|| McpError::internal_error("no authenticated caller", None))?;
    let store = &server.app.store;
    let internal = |e: gateway_store::StoreError| {
        tracing::error!(error = %e, "MCP events resource: store error");
        McpError::internal_error("the gateway could not read its events", None)
    };
    match store
        .account(caller.tenant, account)
        .await
        .map_err(internal)?
    {
        AccountAccess::Owned(_) => {}
        AccountAccess::Foreign => {
            return Err(McpError::invalid_params(
                format!("account `{account}` belongs to another API key"),
                None,
            ));
        }
        AccountAccess::Missing => {
            return Err(McpError::resource_not_found(
                format!("no connected account `{account}`"),
                None,
            ));
        }
    }
    let rows = store
        .recent_events(caller.tenant, account, RECENT_EVENTS)
        .await
        .map_err(internal)?;
    let events: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
            if let Some(o) = body.as_object_mut() {
                o.insert("id".into(), json!(r.id));
            }
            body
        })
        .collect();
    Ok(json!({"accountId": account, "count": events.len(), "events": events}))
}
