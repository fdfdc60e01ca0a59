//! Webhook endpoints, events and deliveries. Endpoint queries are scoped by tenant; the
//! engine's queries (due deliveries, attempts) are not, as the engine serves every tenant.
//! The signing secret is sealed with the keyring, bound to the endpoint id
//! (`webhook_endpoints.secret:<id>`), and so is the URL (`webhook_endpoints.url:<id>`: users
//! put tokens in it); `url_host` keeps its non-secret `scheme://host[:port]` (migration 0011).
//! Unlike SQLite, no PostgreSQL row ever held a plain URL, so there is nothing to seal at start.

use rand::distributions::Alphanumeric;
use rand::{Rng as _, rngs::OsRng};
use secrecy::SecretString;
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row as _};

use crate::crypto::associated_data;
use crate::webhooks::{
    DeliveryStatus, NewWebhookEndpoint, PayloadStyle, WebhookDelivery, WebhookEndpoint,
    WebhookEndpointUpdate,
};
use crate::{Keyring, StoreError, TenantId};

pub(super) const SECRET: &str = "webhook_endpoints.secret";
const URL: &str = "webhook_endpoints.url";

const ENDPOINT_COLUMNS: &str = "id, tenant_id, url_enc, url_kid, events, account_ids, \
     description, enabled, disabled_reason, failing_since, created_at, updated_at, payload_style";

use crate::sqlite::webhook_display_host as display_host;

/// Seals a webhook URL for the endpoint `id`: `(key id, blob, display host)`.
fn seal_url(
    keyring: &Keyring,
    id: &str,
    url: &str,
) -> Result<(String, Vec<u8>, String), StoreError> {
    let sealed = keyring.seal(url.as_bytes(), &associated_data(URL, id))?;
    Ok((sealed.key_id, sealed.blob, display_host(url)))
}

pub(super) fn open_url(
    keyring: &Keyring,
    id: &str,
    row: &PgRow,
    enc: &str,
    kid: &str,
) -> Result<String, StoreError> {
    let key_id: String = row.try_get(kid)?;
    let blob: Vec<u8> = row.try_get(enc)?;
    let plain = keyring.open(&key_id, &blob, &associated_data(URL, id))?;
    String::from_utf8(plain.to_vec())
        .map_err(|_| StoreError::Database("webhook URL is not UTF-8".into()))
}

pub(super) fn random_id(prefix: &str) -> String {
    let mut id = String::from(prefix);
    id.extend(OsRng.sample_iter(&Alphanumeric).take(24).map(char::from));
    id
}

fn to_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

pub(super) fn from_json(s: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Database(format!("bad JSON list: {e}")))
}

fn endpoint(row: &PgRow, keyring: &Keyring) -> Result<WebhookEndpoint, StoreError> {
    let events: String = row.try_get("events")?;
    let accounts: Option<String> = row.try_get("account_ids")?;
    let style: String = row.try_get("payload_style")?;
    let id: String = row.try_get("id")?;
    Ok(WebhookEndpoint {
        payload_style: PayloadStyle::parse(&style)
            .ok_or_else(|| StoreError::Database(format!("bad payload style {style:?}")))?,
        url: open_url(keyring, &id, row, "url_enc", "url_kid")?,
        id,
        tenant: TenantId(row.try_get("tenant_id")?),
        events: from_json(&events)?,
        account_ids: accounts.as_deref().map(from_json).transpose()?,
        description: row.try_get("description")?,
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        disabled_reason: row.try_get("disabled_reason")?,
        failing_since: row.try_get("failing_since")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub(super) async fn create(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    new: NewWebhookEndpoint,
) -> Result<WebhookEndpoint, StoreError> {
    let id = random_id("whk_");
    let sealed = keyring.seal_secret(&new.secret, &associated_data(SECRET, &id))?;
    let (url_kid, url_enc, url_host) = seal_url(keyring, &id, &new.url)?;
    sqlx::query(
        "INSERT INTO webhook_endpoints (id, tenant_id, url, url_enc, url_kid, url_host, events, \
         account_ids, description, enabled, secret_key_id, secret, created_at, updated_at, \
         payload_style) \
         VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12, $13)",
    )
    .bind(&id)
    .bind(tenant.0)
    .bind(&url_enc)
    .bind(&url_kid)
    .bind(&url_host)
    .bind(to_json(&new.events))
    .bind(new.account_ids.as_deref().map(to_json))
    .bind(&new.description)
    .bind(&sealed.key_id)
    .bind(&sealed.blob)
    .bind(new.now)
    .bind(new.now)
    .bind(new.payload_style.as_str())
    .execute(pool)
    .await?;
    get(pool, keyring, tenant, &id)
        .await?
        .ok_or_else(|| StoreError::Database("webhook endpoint vanished after insert".into()))
}

pub(super) async fn get(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
) -> Result<Option<WebhookEndpoint>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND tenant_id = $2"
    ))
    .bind(id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(|r| endpoint(r, keyring)).transpose()
}

pub(super) async fn list(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
) -> Result<Vec<WebhookEndpoint>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 \
         ORDER BY created_at, id"
    ))
    .bind(tenant.0)
    .fetch_all(pool)
    .await?;
    rows.iter().map(|r| endpoint(r, keyring)).collect()
}

pub(super) async fn update(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
    u: WebhookEndpointUpdate,
) -> Result<Option<WebhookEndpoint>, StoreError> {
    let Some(cur) = get(pool, keyring, tenant, id).await? else {
        return Ok(None);
    };
    let enabled = u.enabled.unwrap_or(cur.enabled);
    // Re-enabling clears the reason and the failing streak.
    let (reason, failing) = if enabled && !cur.enabled {
        (None, None)
    } else if !enabled && cur.enabled {
        (Some("disabled by the API".to_owned()), cur.failing_since)
    } else {
        (cur.disabled_reason, cur.failing_since)
    };
    let accounts = u.account_ids.unwrap_or(cur.account_ids);
    let (url_kid, url_enc, url_host) = seal_url(keyring, id, &u.url.unwrap_or(cur.url))?;
    sqlx::query(
        "UPDATE webhook_endpoints SET url = '', url_enc = $1, url_kid = $2, url_host = $3, \
         events = $4, account_ids = $5, description = $6, \
         enabled = $7, disabled_reason = $8, failing_since = $9, updated_at = $10, payload_style = $11 \
         WHERE id = $12 AND tenant_id = $13",
    )
    .bind(&url_enc)
    .bind(&url_kid)
    .bind(&url_host)
    .bind(to_json(&u.events.unwrap_or(cur.events)))
    .bind(accounts.as_deref().map(to_json))
    .bind(u.description.unwrap_or(cur.description))
    .bind(i64::from(enabled))
    .bind(reason)
    .bind(failing)
    .bind(u.now)
    .bind(u.payload_style.unwrap_or(cur.payload_style).as_str())
    .bind(id)
    .bind(tenant.0)
    .execute(pool)
    .await?;
    get(pool, keyring, tenant, id).await
}

pub(super) async fn delete(pool: &PgPool, tenant: TenantId, id: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM webhook_endpoints WHERE id = $1 AND tenant_id = $2")
        .bind(id)
        .bind(tenant.0)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub(super) async fn set_secret(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
    secret: &SecretString,
    now: i64,
) -> Result<bool, StoreError> {
    let sealed = keyring.seal_secret(secret, &associated_data(SECRET, id))?;
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET secret_key_id = $1, secret = $2, updated_at = $3 \
         WHERE id = $4 AND tenant_id = $5",
    )
    .bind(&sealed.key_id)
    .bind(&sealed.blob)
    .bind(now)
    .bind(id)
    .bind(tenant.0)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn delivery(row: &PgRow) -> Result<WebhookDelivery, StoreError> {
    let status: String = row.try_get("status")?;
    Ok(WebhookDelivery {
        seq: row.try_get("seq")?,
        id: row.try_get("id")?,
        endpoint_id: row.try_get("endpoint_id")?,
        event_id: row.try_get("event_id")?,
        event: row.try_get("event")?,
        status: DeliveryStatus::parse(&status)
            .ok_or_else(|| StoreError::Database(format!("bad delivery status {status:?}")))?,
        attempts: row.try_get("attempts")?,
        response_status: row.try_get("response_status")?,
        latency_ms: row.try_get("latency_ms")?,
        last_error: row.try_get("last_error")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Newest first; `before` is a `seq` from a previous page.
pub(super) async fn deliveries(
    pool: &PgPool,
    tenant: TenantId,
    endpoint_id: &str,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<WebhookDelivery>, StoreError> {
    let rows = sqlx::query(
        "SELECT d.seq, d.id, d.endpoint_id, d.event_id, e.event, d.status, d.attempts, \
         d.response_status, d.latency_ms, d.last_error, d.next_attempt_at, d.created_at, \
         d.updated_at FROM webhook_deliveries d \
         JOIN webhook_endpoints w ON w.id = d.endpoint_id \
         JOIN webhook_events e ON e.id = d.event_id \
         WHERE d.endpoint_id = $1 AND w.tenant_id = $2 AND d.seq < $3 \
         ORDER BY d.seq DESC LIMIT $4",
    )
    .bind(endpoint_id)
    .bind(tenant.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(delivery).collect()
}

/// Makes a delivery pending again, due at `now`; false if the tenant has no such delivery.
pub(super) async fn redeliver(
    pool: &PgPool,
    tenant: TenantId,
    endpoint_id: &str,
    delivery_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, updated_at = $2 \
         WHERE id = $3 AND endpoint_id = $4 \
           AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE tenant_id = $5)",
    )
    .bind(now)
    .bind(now)
    .bind(delivery_id)
    .bind(endpoint_id)
    .bind(tenant.0)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub(super) async fn disable(
    pool: &PgPool,
    id: &str,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}
