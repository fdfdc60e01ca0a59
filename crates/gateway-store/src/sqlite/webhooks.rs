//! Webhook endpoints, events and deliveries. Endpoint queries are scoped by tenant; the
//! engine's queries (due deliveries, attempts) are not, as the engine serves every tenant.
//! The signing secret is sealed with the keyring, bound to the endpoint id
//! (`webhook_endpoints.secret:<id>`), and so is the URL (`webhook_endpoints.url:<id>`: users
//! put tokens in it); `url_host` keeps its non-secret `scheme://host[:port]` (migration 0011).

use rand::distributions::Alphanumeric;
use rand::{Rng as _, rngs::OsRng};
use secrecy::SecretString;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row as _, SqlitePool};

use crate::crypto::associated_data;
use crate::webhooks::{
    DeliveryStatus, NewWebhookEndpoint, NewWebhookEvent, PayloadStyle, WebhookDelivery,
    WebhookEndpoint, WebhookEndpointUpdate,
};
use crate::{Keyring, StoreError, TenantId};

pub(super) const SECRET: &str = "webhook_endpoints.secret";
const URL: &str = "webhook_endpoints.url";

const ENDPOINT_COLUMNS: &str = "id, tenant_id, url_enc, url_kid, events, account_ids, \
     description, enabled, disabled_reason, failing_since, created_at, updated_at, payload_style";

/// The non-secret part of a URL: `scheme://host[:port]` (no credentials, path or query).
pub fn display_host(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    format!("{scheme}://{host}")
}

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
    row: &SqliteRow,
    enc: &str,
    kid: &str,
) -> Result<String, StoreError> {
    let key_id: String = row.try_get(kid)?;
    let blob: Vec<u8> = row.try_get(enc)?;
    let plain = keyring.open(&key_id, &blob, &associated_data(URL, id))?;
    String::from_utf8(plain.to_vec())
        .map_err(|_| StoreError::Database("webhook URL is not UTF-8".into()))
}

/// Seals the URLs still stored in plain text (rows written before migration 0011) and
/// blanks them; when any were, VACUUMs and truncates the WAL so the plaintext is not left
/// in free pages. Returns how many rows were sealed.
pub(super) async fn seal_plaintext_urls(
    pool: &SqlitePool,
    keyring: &Keyring,
) -> Result<usize, StoreError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, url FROM webhook_endpoints WHERE url_enc IS NULL OR url != ''")
            .fetch_all(pool)
            .await?;
    for (id, url) in &rows {
        let (kid, blob, host) = seal_url(keyring, id, url)?;
        sqlx::query(
            "UPDATE webhook_endpoints SET url_enc = ?, url_kid = ?, url_host = ?, url = '' \
             WHERE id = ?",
        )
        .bind(&blob)
        .bind(&kid)
        .bind(&host)
        .bind(id)
        .execute(pool)
        .await?;
    }
    if !rows.is_empty() {
        sqlx::query("VACUUM").execute(pool).await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(pool)
            .await?;
    }
    Ok(rows.len())
}

fn random_id(prefix: &str) -> String {
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

fn endpoint(row: &SqliteRow, keyring: &Keyring) -> Result<WebhookEndpoint, StoreError> {
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
    pool: &SqlitePool,
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
         VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
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
    pool: &SqlitePool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
) -> Result<Option<WebhookEndpoint>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = ? AND tenant_id = ?"
    ))
    .bind(id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(|r| endpoint(r, keyring)).transpose()
}

pub(super) async fn list(
    pool: &SqlitePool,
    keyring: &Keyring,
    tenant: TenantId,
) -> Result<Vec<WebhookEndpoint>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = ? \
         ORDER BY created_at, id"
    ))
    .bind(tenant.0)
    .fetch_all(pool)
    .await?;
    rows.iter().map(|r| endpoint(r, keyring)).collect()
}

pub(super) async fn update(
    pool: &SqlitePool,
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
        "UPDATE webhook_endpoints SET url = '', url_enc = ?, url_kid = ?, url_host = ?, \
         events = ?, account_ids = ?, description = ?, \
         enabled = ?, disabled_reason = ?, failing_since = ?, updated_at = ?, payload_style = ? \
         WHERE id = ? AND tenant_id = ?",
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

pub(super) async fn delete(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM webhook_endpoints WHERE id = ? AND tenant_id = ?")
        .bind(id)
        .bind(tenant.0)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub(super) async fn set_secret(
    pool: &SqlitePool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
    secret: &SecretString,
    now: i64,
) -> Result<bool, StoreError> {
    let sealed = keyring.seal_secret(secret, &associated_data(SECRET, id))?;
    let done = sqlx::query(
        "UPDATE webhook_endpoints SET secret_key_id = ?, secret = ?, updated_at = ? \
         WHERE id = ? AND tenant_id = ?",
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

/// Inserts the event and one delivery per matching enabled endpoint in one transaction.
/// `None` when `(account_id, dedupe_key)` is already recorded.
pub(super) async fn record_event(
    pool: &SqlitePool,
    e: &NewWebhookEvent<'_>,
) -> Result<Option<Vec<String>>, StoreError> {
    let mut tx = pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO webhook_events (id, tenant_id, account_id, event, dedupe_key, body, \
         event_type_body, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (account_id, dedupe_key) DO NOTHING",
    )
    .bind(e.id)
    .bind(e.tenant.0)
    .bind(e.account_id)
    .bind(e.event)
    .bind(e.dedupe_key)
    .bind(e.body)
    .bind(e.event_type_body)
    .bind(e.occurred_at)
    .bind(e.now)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(None);
    }
    let rows = sqlx::query(
        "SELECT id, events, account_ids, payload_style FROM webhook_endpoints \
         WHERE tenant_id = ? AND enabled = 1 ORDER BY created_at, id",
    )
    .bind(e.tenant.0)
    .fetch_all(&mut *tx)
    .await?;
    let mut ids = Vec::new();
    for row in &rows {
        let ep = Subscription::from_row(row)?;
        let matches = ep.receives(e.event, e.account_id, e.only_endpoint);
        // An event without an `event_type` mapping is not sent to endpoints of that style.
        if !matches || (ep.payload_style == PayloadStyle::EventType && e.event_type_body.is_none())
        {
            continue;
        }
        let id = random_id("msg_");
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, attempts, \
             next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&ep.id)
        .bind(e.id)
        .bind(e.now)
        .bind(e.now)
        .bind(e.now)
        .execute(&mut *tx)
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(Some(ids))
}

/// What an endpoint subscribes to (the part `record_event` matches on; no URL to open).
pub(super) struct Subscription {
    pub(super) id: String,
    pub(super) events: Vec<String>,
    pub(super) account_ids: Option<Vec<String>>,
    pub(super) payload_style: PayloadStyle,
}

impl Subscription {
    pub(super) fn from_row(row: &SqliteRow) -> Result<Self, StoreError> {
        let events: String = row.try_get("events")?;
        let accounts: Option<String> = row.try_get("account_ids")?;
        let style: String = row.try_get("payload_style")?;
        Ok(Self {
            id: row.try_get("id")?,
            events: from_json(&events)?,
            account_ids: accounts.as_deref().map(from_json).transpose()?,
            payload_style: PayloadStyle::parse(&style)
                .ok_or_else(|| StoreError::Database(format!("bad payload style {style:?}")))?,
        })
    }

    /// Whether an event for `account_id` goes to this endpoint (`only_endpoint`: the
    /// test-event route's one endpoint, whatever it subscribes to).
    pub(super) fn receives(&self, event: &str, account_id: &str, only: Option<&str>) -> bool {
        match only {
            Some(only) => self.id == only,
            None => {
                self.events.iter().any(|x| x == event)
                    && self
                        .account_ids
                        .as_ref()
                        .is_none_or(|a| a.iter().any(|x| x == account_id))
            }
        }
    }
}

fn delivery(row: &SqliteRow) -> Result<WebhookDelivery, StoreError> {
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
    pool: &SqlitePool,
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
         WHERE d.endpoint_id = ? AND w.tenant_id = ? AND d.seq < ? \
         ORDER BY d.seq DESC LIMIT ?",
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
    pool: &SqlitePool,
    tenant: TenantId,
    endpoint_id: &str,
    delivery_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ? \
         WHERE id = ? AND endpoint_id = ? \
           AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE tenant_id = ?)",
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
    pool: &SqlitePool,
    id: &str,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ?",
    )
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}
