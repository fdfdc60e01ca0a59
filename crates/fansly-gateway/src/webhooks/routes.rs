//! The webhook management API under `/api/fansly/webhooks`, scoped to the API key (another
//! key's endpoint answers 404). See docs/routes/webhooks.md.
//!
//! - `POST /webhooks` `{url, events[], accountIds?, description?, payloadStyle?}` → 201, the
//!   endpoint plus `secret` (shown only here and by rotate-secret);
//! - `GET /webhooks`, `GET /webhooks/{id}`, `PATCH|PUT /webhooks/{id}`
//!   `{url?, events?, enabled?, description?, accountIds?, payloadStyle?}`,
//!   `DELETE /webhooks/{id}`;
//! - `POST /webhooks/{id}/rotate-secret` → the new `secret`;
//! - `POST /webhooks/{id}/test` → queues a `webhook.test` event to this endpoint only;
//! - `GET /webhooks/{id}/deliveries?limit&cursor` (newest first);
//! - `POST /webhooks/{id}/deliveries/{deliveryId}/redeliver` (same delivery id).

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use gateway_store::{AccountAccess, NewWebhookEndpoint, WebhookDelivery, WebhookEndpoint};
use gateway_store::{PayloadStyle, TenantId, WebhookEndpointUpdate};
use secrecy::ExposeSecret as _;
use serde_json::{Map, Value, json};

use super::{NewEvent, events, sign, target};
use crate::http::auth::Tenant;
use crate::http::envelope::{self, timestamp_ms};
use crate::http::page::{CursorKind, parse_cursor};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::state::AppState;

pub const MAX_DESCRIPTION_CHARS: usize = 500;
pub const MAX_ACCOUNT_IDS: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks", get(list).post(create))
        .route(
            "/webhooks/{id}",
            get(show).patch(update).put(update).delete(remove),
        )
        .route("/webhooks/{id}/rotate-secret", post(rotate))
        .route("/webhooks/{id}/test", post(send_test))
        .route("/webhooks/{id}/deliveries", get(deliveries))
        .route(
            "/webhooks/{id}/deliveries/{delivery_id}/redeliver",
            post(redeliver),
        )
}

fn view(e: &WebhookEndpoint) -> Value {
    json!({
        "id": e.id,
        "url": e.url,
        "events": e.events,
        "payloadStyle": e.payload_style.as_str(),
        "accountIds": e.account_ids,
        "description": e.description,
        "enabled": e.enabled,
        "disabledReason": e.disabled_reason,
        "createdAt": timestamp_ms(e.created_at),
        "updatedAt": timestamp_ms(e.updated_at),
    })
}

fn delivery_view(d: &WebhookDelivery) -> Value {
    json!({
        "id": d.id,
        "eventId": d.event_id,
        "event": d.event,
        "status": d.status.as_str(),
        "attempts": d.attempts,
        "responseStatus": d.response_status,
        "latencyMs": d.latency_ms,
        "lastError": d.last_error,
        "nextAttemptAt": d.next_attempt_at.map(timestamp_ms),
        "createdAt": timestamp_ms(d.created_at),
        "updatedAt": timestamp_ms(d.updated_at),
    })
}

fn object(v: Value) -> ApiResult<Map<String, Value>> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(ApiError::bad_request("body must be a JSON object")),
    }
}

async fn url_field(app: &AppState, v: &Value) -> ApiResult<String> {
    let raw = v
        .as_str()
        .ok_or_else(|| ApiError::bad_request("url must be a string"))?;
    let url = target::parse(raw).map_err(ApiError::bad_request)?;
    target::check_destination(&url, app.settings.webhooks_allow_private_targets)
        .await
        .map_err(ApiError::bad_request)?;
    Ok(raw.trim().to_owned())
}

fn events_field(v: &Value) -> ApiResult<Vec<String>> {
    let list = v
        .as_array()
        .ok_or_else(|| ApiError::bad_request("events must be an array of event names"))?;
    if list.is_empty() {
        return Err(ApiError::bad_request("events must name at least one event"));
    }
    let mut out: Vec<String> = Vec::new();
    for e in list {
        let name = e
            .as_str()
            .ok_or_else(|| ApiError::bad_request("events must be an array of event names"))?;
        let known = events::lookup(name).ok_or_else(|| {
            ApiError::bad_request(format!(
                "events: unknown event {name:?}; known events: {}",
                events::ALL.join(", ")
            ))
        })?;
        if !out.iter().any(|x| x == known) {
            out.push(known.to_owned());
        }
    }
    Ok(out)
}

async fn account_ids_field(
    app: &AppState,
    tenant: TenantId,
    v: &Value,
) -> ApiResult<Option<Vec<String>>> {
    if v.is_null() {
        return Ok(None);
    }
    let list = v.as_array().ok_or_else(|| {
        ApiError::bad_request("accountIds must be an array of account ids, or null for all")
    })?;
    if list.len() > MAX_ACCOUNT_IDS {
        return Err(ApiError::bad_request(format!(
            "accountIds may name at most {MAX_ACCOUNT_IDS} accounts"
        )));
    }
    let mut out: Vec<String> = Vec::new();
    for a in list {
        let id = a
            .as_str()
            .ok_or_else(|| ApiError::bad_request("accountIds must be an array of account ids"))?;
        match app.store.account(tenant, id).await? {
            AccountAccess::Owned(_) => {}
            AccountAccess::Foreign | AccountAccess::Missing => {
                return Err(ApiError::bad_request(format!(
                    "accountIds: {id:?} is not an account of this API key"
                )));
            }
        }
        if !out.iter().any(|x| x == id) {
            out.push(id.to_owned());
        }
    }
    Ok(Some(out))
}

fn description_field(v: &Value) -> ApiResult<String> {
    match v {
        Value::Null => Ok(String::new()),
        Value::String(s) if s.chars().count() <= MAX_DESCRIPTION_CHARS => Ok(s.trim().to_owned()),
        Value::String(_) => Err(ApiError::bad_request(format!(
            "description is longer than {MAX_DESCRIPTION_CHARS} characters"
        ))),
        _ => Err(ApiError::bad_request("description must be a string")),
    }
}

/// `payloadStyle`: `envelope` (default) or `event_type` (client-compat §5.6, `style.rs`).
fn payload_style_field(v: &Value) -> ApiResult<PayloadStyle> {
    match v {
        Value::Null => Ok(PayloadStyle::Envelope),
        Value::String(s) => PayloadStyle::parse(s.trim()).ok_or_else(|| {
            ApiError::bad_request(format!(
                "payloadStyle must be \"envelope\" or \"event_type\" (got {s:?})"
            ))
        }),
        _ => Err(ApiError::bad_request(
            "payloadStyle must be \"envelope\" or \"event_type\"",
        )),
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Webhook endpoint {id} not found"))
}

async fn owned(app: &AppState, tenant: TenantId, id: &str) -> ApiResult<WebhookEndpoint> {
    app.store
        .webhook_endpoint(tenant, id)
        .await?
        .ok_or_else(|| not_found(id))
}

async fn create(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let body = object(body)?;
    let url = url_field(
        &app,
        body.get("url")
            .ok_or_else(|| ApiError::bad_request("url is required"))?,
    )
    .await?;
    let events = events_field(
        body.get("events")
            .ok_or_else(|| ApiError::bad_request("events is required"))?,
    )?;
    let account_ids =
        account_ids_field(&app, tenant, body.get("accountIds").unwrap_or(&Value::Null)).await?;
    let description = description_field(body.get("description").unwrap_or(&Value::Null))?;
    let payload_style = payload_style_field(body.get("payloadStyle").unwrap_or(&Value::Null))?;
    let secret = sign::generate_secret();
    let endpoint = app
        .store
        .create_webhook_endpoint(
            tenant,
            NewWebhookEndpoint {
                url,
                events,
                payload_style,
                account_ids,
                description,
                secret: secret.clone(),
                now: app.clock.now_ms(),
            },
        )
        .await?;
    let mut data = view(&endpoint);
    data["secret"] = Value::String(secret.expose_secret().to_owned());
    Ok(envelope::ok(
        StatusCode::CREATED,
        "Webhook endpoint created; store the secret now, it is not shown again",
        data,
    ))
}

async fn list(State(app): State<AppState>, Tenant(tenant): Tenant) -> ApiResult<Response> {
    let all = app.store.webhook_endpoints(tenant).await?;
    let list: Vec<Value> = all.iter().map(view).collect();
    Ok(envelope::ok(
        StatusCode::OK,
        "Webhook endpoints",
        json!({ "list": list }),
    ))
}

async fn show(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let e = owned(&app, tenant, &id).await?;
    Ok(envelope::ok(StatusCode::OK, "Webhook endpoint", view(&e)))
}

async fn update(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    owned(&app, tenant, &id).await?;
    let body = object(body)?;
    const FIELDS: &[&str] = &[
        "url",
        "events",
        "enabled",
        "description",
        "accountIds",
        "payloadStyle",
    ];
    if let Some(k) = body.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(ApiError::bad_request(format!(
            "unknown field {k:?}; updatable: {}",
            FIELDS.join(", ")
        )));
    }
    let mut u = WebhookEndpointUpdate {
        now: app.clock.now_ms(),
        ..WebhookEndpointUpdate::default()
    };
    if let Some(v) = body.get("url") {
        u.url = Some(url_field(&app, v).await?);
    }
    if let Some(v) = body.get("events") {
        u.events = Some(events_field(v)?);
    }
    if let Some(v) = body.get("enabled") {
        u.enabled = Some(
            v.as_bool()
                .ok_or_else(|| ApiError::bad_request("enabled must be true or false"))?,
        );
    }
    if let Some(v) = body.get("description") {
        u.description = Some(description_field(v)?);
    }
    if let Some(v) = body.get("accountIds") {
        u.account_ids = Some(account_ids_field(&app, tenant, v).await?);
    }
    if let Some(v) = body.get("payloadStyle") {
        u.payload_style = Some(payload_style_field(v)?);
    }
    let e = app
        .store
        .update_webhook_endpoint(tenant, &id, u)
        .await?
        .ok_or_else(|| not_found(&id))?;
    if e.enabled {
        app.webhooks.wake();
    }
    Ok(envelope::ok(
        StatusCode::OK,
        "Webhook endpoint updated",
        view(&e),
    ))
}

async fn remove(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    if !app.store.delete_webhook_endpoint(tenant, &id).await? {
        return Err(not_found(&id));
    }
    Ok(envelope::ok(
        StatusCode::OK,
        "Webhook endpoint deleted",
        json!({ "id": id, "deleted": true }),
    ))
}

async fn rotate(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let secret = sign::generate_secret();
    if !app
        .store
        .set_webhook_secret(tenant, &id, &secret, app.clock.now_ms())
        .await?
    {
        return Err(not_found(&id));
    }
    Ok(envelope::ok(
        StatusCode::OK,
        "Webhook secret rotated; store the secret now, it is not shown again",
        json!({ "id": id, "secret": secret.expose_secret() }),
    ))
}

async fn send_test(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let e = owned(&app, tenant, &id).await?;
    let now = app.clock.now_ms();
    let account_id = e
        .account_ids
        .as_ref()
        .and_then(|a| a.first().cloned())
        .unwrap_or_default();
    let event = NewEvent {
        tenant,
        account_id,
        event: events::WEBHOOK_TEST,
        data: json!({
            "endpointId": e.id,
            "message": "Test event from fansly-gateway",
        }),
        dedupe_key: format!("test:{}:{}", e.id, super::random_id("")),
        occurred_at_ms: now,
    };
    let ids = super::record(&app, &event, Some(&e.id))
        .await?
        .unwrap_or_default();
    if ids.is_empty() {
        return Err(ApiError::bad_request(format!(
            "Webhook endpoint {id} is disabled; enable it to send a test event"
        )));
    }
    Ok(envelope::ok(
        StatusCode::ACCEPTED,
        "Test event queued",
        json!({ "deliveryId": ids[0], "event": events::WEBHOOK_TEST }),
    ))
}

async fn deliveries(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    owned(&app, tenant, &id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let limit = q.limit(20, 100)?;
    let before = parse_cursor(q.get("cursor"), CursorKind::Id)?
        .map(|c| c.parse::<i64>().unwrap_or(i64::MAX));
    let rows = app
        .store
        .webhook_deliveries(tenant, &id, before, i64::from(limit))
        .await?;
    let next = (rows.len() == limit as usize)
        .then(|| rows.last().map(|d| d.seq.to_string()))
        .flatten();
    let list: Vec<Value> = rows.iter().map(delivery_view).collect();
    Ok(envelope::ok(
        StatusCode::OK,
        "Webhook deliveries",
        json!({ "list": list, "nextCursor": next }),
    ))
}

async fn redeliver(
    State(app): State<AppState>,
    Tenant(tenant): Tenant,
    Path((id, delivery_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    owned(&app, tenant, &id).await?;
    if !app
        .store
        .redeliver_webhook(tenant, &id, &delivery_id, app.clock.now_ms())
        .await?
    {
        return Err(ApiError::not_found(format!(
            "Delivery {delivery_id} of webhook endpoint {id} not found"
        )));
    }
    app.webhooks.wake();
    Ok(envelope::ok(
        StatusCode::ACCEPTED,
        "Delivery queued again",
        json!({ "id": delivery_id, "status": "pending" }),
    ))
}
