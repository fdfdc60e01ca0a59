//! `SqliteStore`: the [`Store`] on SQLite through an sqlx pool.
//!
//! Connections use WAL, `busy_timeout` 5 s, `foreign_keys` on, `synchronous = NORMAL` and
//! `secure_delete` on.
//! Migrations are embedded from `migrations/sqlite/`. Queries live one file per resource
//! (`keys`, `accounts`, `pending`, `otp`); this file wires them to the trait.

mod accounts;
mod console;
mod credentials;
mod events;
mod idempotency;
mod keys;
mod limits;
mod otp;
mod pending;
mod proxies;
mod recent_events;
mod request_log;
mod uploads;
mod webhook_engine;
mod webhook_events;
mod webhooks;

pub use webhooks::display_host as webhook_display_host;

use std::sync::Arc;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use secrecy::SecretString;
use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::{
    Account, AccountAccess, AccountStatus, ApiKeyRecord, Keyring, NewAccount, NewPendingConnect,
    OtpVerification, PendingConnect, Store, StoreError, TenantId,
};
use crate::{AccountListing, KeptCredentials, Reauth, TwofaKind};
use crate::{
    DeliveryAttempt, DueDelivery, NewWebhookEndpoint, NewWebhookEvent, WebhookDelivery,
    WebhookEndpoint, WebhookEndpointUpdate,
};
use crate::{IdempotencyClaim, IdempotencyClaimRequest, StoredResponse};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

/// The SQLite backend. Cheap to share behind an `Arc`; the pool is internally shared.
#[derive(Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    keyring: Keyring,
    /// Account rows and opened session tokens, for the proxied-request hot path.
    accounts: crate::account_cache::AccountCache,
}

impl SqliteStore {
    /// Opens (creating if missing, with its parent directory) the database named by a `sqlite:`
    /// URL. `sqlite::memory:` gives a private in-memory database held by one connection.
    pub async fn connect(url: &str, keyring: Keyring) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            .synchronous(SqliteSynchronous::Normal)
            // Deleted rows (a disconnected account's sealed session, a used OTP) are
            // overwritten with zeros rather than left in free pages.
            .pragma("secure_delete", "ON");
        let pool = if is_memory(url) {
            // One connection that never closes: each connection would otherwise see its own
            // database, and the database would vanish with the last connection.
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        } else {
            create_parent_dir(options.get_filename())?;
            SqlitePoolOptions::new().max_connections(8)
        }
        .connect_with(options)
        .await?;
        Ok(SqliteStore {
            pool,
            keyring,
            accounts: crate::account_cache::AccountCache::default(),
        })
    }

    /// The underlying pool, for tests and maintenance. Empties the account cache: what is
    /// written through the pool bypasses its invalidation.
    pub fn pool(&self) -> &SqlitePool {
        self.accounts.clear();
        &self.pool
    }

    /// Closes the pool, waiting for checked-out connections to come back.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn is_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

fn create_parent_dir(file: &std::path::Path) -> Result<(), StoreError> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir).map_err(|e| {
            StoreError::Database(format!("cannot create directory {}: {e}", dir.display()))
        }),
        _ => Ok(()),
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.pool).await?;
        // Migration 0011 sealed webhook URLs from now on; seal the rows written before it.
        let sealed = webhooks::seal_plaintext_urls(&self.pool, &self.keyring).await?;
        if sealed > 0 {
            tracing::info!(
                endpoints = sealed,
                "sealed webhook URLs stored in plain text"
            );
        }
        Ok(())
    }

    fn is_shared(&self) -> bool {
        false
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_api_key_on_plan(
        &self,
        name: &str,
        prefix: &str,
        hash: &[u8; 32],
        plan: Option<&str>,
    ) -> Result<ApiKeyRecord, StoreError> {
        keys::create(&self.pool, name, prefix, hash, plan).await
    }

    async fn list_api_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError> {
        keys::list(&self.pool).await
    }

    async fn revoke_api_key(&self, id: i64) -> Result<bool, StoreError> {
        keys::revoke(&self.pool, id).await
    }

    async fn active_api_keys(&self) -> Result<Vec<(TenantId, [u8; 32])>, StoreError> {
        keys::active(&self.pool).await
    }

    async fn find_active_api_key(&self, hash: &[u8; 32]) -> Result<Option<TenantId>, StoreError> {
        keys::find_active(&self.pool, hash).await
    }

    async fn upsert_account(
        &self,
        tenant: TenantId,
        new: NewAccount,
    ) -> Result<(Account, bool), StoreError> {
        let result = accounts::upsert(&self.pool, &self.keyring, tenant, new).await;
        match &result {
            Ok((account, _)) => self.accounts.invalidate(&account.id),
            Err(_) => self.accounts.clear(),
        }
        result
    }

    async fn account(&self, tenant: TenantId, id: &str) -> Result<AccountAccess, StoreError> {
        if let Some(hit) = self.accounts.access(tenant, id) {
            return Ok(hit);
        }
        let seen = self.accounts.generation();
        let (access, row) = accounts::access_row(&self.pool, tenant, id).await?;
        if let Some(row) = &row {
            self.accounts.put_account(seen, row);
        }
        Ok(access)
    }

    async fn accounts(&self, tenant: TenantId) -> Result<Vec<Account>, StoreError> {
        accounts::list(&self.pool, tenant).await
    }

    async fn account_listing(
        &self,
        tenant: TenantId,
    ) -> Result<Arc<Vec<AccountListing>>, StoreError> {
        if let Some(hit) = self.accounts.listing(tenant) {
            return Ok(hit);
        }
        let seen = self.accounts.generation();
        let listing = Arc::new(accounts::listing(&self.pool, tenant).await?);
        self.accounts
            .put_listing(seen, tenant, Arc::clone(&listing));
        Ok(listing)
    }

    async fn account_by_login(
        &self,
        tenant: TenantId,
        login: &str,
    ) -> Result<Option<Account>, StoreError> {
        accounts::by_login(&self.pool, tenant, login).await
    }

    async fn most_recent_active_account(
        &self,
        tenant: TenantId,
    ) -> Result<Option<Account>, StoreError> {
        accounts::most_recent_active(&self.pool, tenant).await
    }

    async fn session_token(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<SecretString>, StoreError> {
        if let Some(hit) = self.accounts.token(tenant, id) {
            return Ok(hit);
        }
        let seen = self.accounts.generation();
        let token = accounts::session_token(&self.pool, &self.keyring, tenant, id).await?;
        if let Some(t) = &token {
            self.accounts.put_token(seen, tenant, id, t);
        }
        Ok(token)
    }

    async fn set_account_status(
        &self,
        tenant: TenantId,
        id: &str,
        status: AccountStatus,
    ) -> Result<(), StoreError> {
        let result = accounts::set_status(&self.pool, tenant, id, status).await;
        self.accounts.invalidate(id);
        result
    }

    async fn touch_account(&self, tenant: TenantId, id: &str, now: i64) -> Result<(), StoreError> {
        let result = accounts::touch(&self.pool, tenant, id, now).await;
        self.accounts.invalidate(id);
        result
    }

    async fn update_account_profile(
        &self,
        tenant: TenantId,
        id: &str,
        native_id: &str,
        username: Option<&str>,
    ) -> Result<(), StoreError> {
        let result = accounts::update_profile(&self.pool, tenant, id, native_id, username).await;
        self.accounts.invalidate(id);
        result
    }

    async fn delete_account(&self, tenant: TenantId, id: &str) -> Result<bool, StoreError> {
        let result = accounts::delete(&self.pool, tenant, id).await;
        self.accounts.invalidate(id);
        result
    }

    async fn account_proxy(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<SecretString>, StoreError> {
        if let Some(hit) = self.accounts.proxy(tenant, id) {
            return Ok(hit);
        }
        let seen = self.accounts.generation();
        let proxy = proxies::get(&self.pool, &self.keyring, tenant, id).await?;
        self.accounts.put_proxy(seen, tenant, id, proxy.as_ref());
        Ok(proxy)
    }

    async fn set_account_proxy(
        &self,
        tenant: TenantId,
        id: &str,
        proxy: Option<&SecretString>,
    ) -> Result<(), StoreError> {
        let result = proxies::set(&self.pool, &self.keyring, tenant, id, proxy).await;
        self.accounts.invalidate(id);
        result
    }

    async fn set_credentials(
        &self,
        tenant: TenantId,
        id: &str,
        creds: &KeptCredentials,
    ) -> Result<(), StoreError> {
        let done = credentials::set(&self.pool, &self.keyring, tenant, id, creds).await;
        // Listings show which accounts keep credentials.
        self.accounts.invalidate(id);
        done
    }

    async fn credentials(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<KeptCredentials>, StoreError> {
        credentials::get(&self.pool, &self.keyring, tenant, id).await
    }

    async fn credential_kinds(
        &self,
        tenant: TenantId,
    ) -> Result<Vec<(String, TwofaKind)>, StoreError> {
        credentials::kinds(&self.pool, tenant).await
    }

    async fn delete_credentials(&self, tenant: TenantId, id: &str) -> Result<bool, StoreError> {
        let done = credentials::delete(&self.pool, tenant, id).await;
        self.accounts.invalidate(id);
        done
    }

    async fn kept_credentials_all(&self) -> Result<Vec<(TenantId, String)>, StoreError> {
        credentials::kept_all(&self.pool).await
    }

    async fn reauth(&self, tenant: TenantId, id: &str) -> Result<Option<Reauth>, StoreError> {
        credentials::reauth(&self.pool, tenant, id).await
    }

    async fn reauths(&self, tenant: TenantId) -> Result<Vec<(String, Reauth)>, StoreError> {
        credentials::reauths(&self.pool, tenant).await
    }

    async fn set_reauth(
        &self,
        tenant: TenantId,
        id: &str,
        state: Option<&Reauth>,
    ) -> Result<(), StoreError> {
        let result = credentials::set_reauth(&self.pool, tenant, id, state).await;
        self.accounts.invalidate(id);
        result
    }

    async fn replace_session(
        &self,
        tenant: TenantId,
        id: &str,
        session_id: &str,
        token: &SecretString,
    ) -> Result<(), StoreError> {
        let sealed = self.keyring.seal_secret(
            token,
            &crate::crypto::associated_data(accounts::SESSION_TOKEN, id),
        )?;
        let result =
            credentials::replace_session(&self.pool, tenant, id, session_id, &sealed).await;
        self.accounts.invalidate(id);
        result
    }

    async fn put_pending_connect(
        &self,
        tenant: TenantId,
        twofa_token: &str,
        p: NewPendingConnect,
    ) -> Result<(), StoreError> {
        pending::put(&self.pool, tenant, twofa_token, p).await
    }

    async fn pending_connect(
        &self,
        tenant: TenantId,
        twofa_token: &str,
        now: i64,
    ) -> Result<Option<PendingConnect>, StoreError> {
        pending::get(&self.pool, tenant, twofa_token, now).await
    }

    async fn record_pending_failure(
        &self,
        tenant: TenantId,
        twofa_token: &str,
    ) -> Result<i64, StoreError> {
        pending::record_failure(&self.pool, tenant, twofa_token).await
    }

    async fn delete_pending_connect(
        &self,
        tenant: TenantId,
        twofa_token: &str,
    ) -> Result<(), StoreError> {
        pending::delete(&self.pool, tenant, twofa_token).await
    }

    async fn put_otp_verification(
        &self,
        tenant: TenantId,
        account_id: &str,
        v: &OtpVerification,
    ) -> Result<(), StoreError> {
        otp::put(&self.pool, &self.keyring, tenant, account_id, v).await
    }

    async fn otp_verification(
        &self,
        tenant: TenantId,
        account_id: &str,
    ) -> Result<Option<OtpVerification>, StoreError> {
        otp::get(&self.pool, &self.keyring, tenant, account_id).await
    }

    async fn claim_idempotency_key(
        &self,
        tenant: TenantId,
        req: &IdempotencyClaimRequest<'_>,
    ) -> Result<IdempotencyClaim, StoreError> {
        idempotency::claim(&self.pool, tenant, req).await
    }

    async fn complete_idempotency_key(
        &self,
        tenant: TenantId,
        scope: &str,
        key: &str,
        response: &StoredResponse,
    ) -> Result<(), StoreError> {
        idempotency::complete(&self.pool, tenant, scope, key, response).await
    }

    async fn release_idempotency_key(
        &self,
        tenant: TenantId,
        scope: &str,
        key: &str,
    ) -> Result<(), StoreError> {
        idempotency::release(&self.pool, tenant, scope, key).await
    }

    async fn create_upload_job(
        &self,
        tenant: TenantId,
        job: &crate::UploadJob,
    ) -> Result<(), StoreError> {
        uploads::create(&self.pool, tenant, job).await
    }

    async fn update_upload_job(
        &self,
        tenant: TenantId,
        id: &str,
        update: &crate::UploadUpdate<'_>,
    ) -> Result<(), StoreError> {
        uploads::update(&self.pool, tenant, id, update).await
    }

    async fn upload_job(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<crate::UploadJob>, StoreError> {
        uploads::get(&self.pool, tenant, id).await
    }

    async fn fail_orphaned_upload_jobs(
        &self,
        holder: &str,
        live_since: i64,
        reason: &str,
        now: i64,
    ) -> Result<u64, StoreError> {
        // Not shared: no other process, live or not.
        let _ = live_since;
        uploads::fail_orphaned(&self.pool, holder, reason, now).await
    }

    async fn active_accounts_all(&self) -> Result<Vec<Account>, StoreError> {
        events::active_accounts_all(&self.pool).await
    }

    async fn event_cursor(
        &self,
        tenant: TenantId,
        account_id: &str,
    ) -> Result<Option<i64>, StoreError> {
        events::cursor(&self.pool, tenant, account_id).await
    }

    async fn advance_event_cursor(
        &self,
        tenant: TenantId,
        account_id: &str,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        events::advance_cursor(&self.pool, tenant, account_id, at_ms).await
    }

    async fn subscription_seen(
        &self,
        tenant: TenantId,
        account_id: &str,
        subscription_id: &str,
    ) -> Result<Option<String>, StoreError> {
        events::subscription_seen(&self.pool, tenant, account_id, subscription_id).await
    }

    async fn record_subscription_seen(
        &self,
        tenant: TenantId,
        account_id: &str,
        subscription_id: &str,
        history_id: &str,
    ) -> Result<Option<String>, StoreError> {
        events::record_subscription_seen(
            &self.pool,
            tenant,
            account_id,
            subscription_id,
            history_id,
        )
        .await
    }

    async fn subscriptions_seeded(
        &self,
        tenant: TenantId,
        account_id: &str,
    ) -> Result<bool, StoreError> {
        events::subscriptions_seeded(&self.pool, tenant, account_id).await
    }

    async fn seed_subscriptions_seen(
        &self,
        tenant: TenantId,
        account_id: &str,
        seen: &[(String, String)],
    ) -> Result<bool, StoreError> {
        events::seed_subscriptions_seen(&self.pool, tenant, account_id, seen).await
    }

    async fn create_webhook_endpoint(
        &self,
        tenant: TenantId,
        new: NewWebhookEndpoint,
    ) -> Result<WebhookEndpoint, StoreError> {
        webhooks::create(&self.pool, &self.keyring, tenant, new).await
    }

    async fn webhook_endpoint(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<WebhookEndpoint>, StoreError> {
        webhooks::get(&self.pool, &self.keyring, tenant, id).await
    }

    async fn webhook_endpoints(
        &self,
        tenant: TenantId,
    ) -> Result<Vec<WebhookEndpoint>, StoreError> {
        webhooks::list(&self.pool, &self.keyring, tenant).await
    }

    async fn update_webhook_endpoint(
        &self,
        tenant: TenantId,
        id: &str,
        update: WebhookEndpointUpdate,
    ) -> Result<Option<WebhookEndpoint>, StoreError> {
        webhooks::update(&self.pool, &self.keyring, tenant, id, update).await
    }

    async fn delete_webhook_endpoint(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<bool, StoreError> {
        webhooks::delete(&self.pool, tenant, id).await
    }

    async fn set_webhook_secret(
        &self,
        tenant: TenantId,
        id: &str,
        secret: &SecretString,
        now: i64,
    ) -> Result<bool, StoreError> {
        webhooks::set_secret(&self.pool, &self.keyring, tenant, id, secret, now).await
    }

    async fn record_webhook_event(
        &self,
        event: &NewWebhookEvent<'_>,
    ) -> Result<Option<Vec<String>>, StoreError> {
        webhook_events::record_event(&self.pool, event).await
    }

    async fn record_webhook_events(
        &self,
        tenant: TenantId,
        account_id: &str,
        events: &[NewWebhookEvent<'_>],
        cursor_ms: Option<i64>,
    ) -> Result<Vec<Option<Vec<String>>>, StoreError> {
        webhook_events::record_events(&self.pool, tenant, account_id, events, cursor_ms).await
    }

    async fn webhook_endpoints_due(&self, now: i64) -> Result<Vec<String>, StoreError> {
        webhook_engine::endpoints_due(&self.pool, now).await
    }

    async fn due_webhook_deliveries(
        &self,
        endpoint_id: &str,
        now: i64,
        limit: i64,
    ) -> Result<Vec<DueDelivery>, StoreError> {
        webhook_engine::due(&self.pool, &self.keyring, endpoint_id, now, limit).await
    }

    async fn record_webhook_attempts(
        &self,
        attempts: &[DeliveryAttempt<'_>],
    ) -> Result<Vec<Option<i64>>, StoreError> {
        webhook_engine::record_attempts(&self.pool, attempts).await
    }

    async fn webhook_event_type_wanted(
        &self,
        tenant: TenantId,
        event: &str,
        account_id: &str,
        only_endpoint: Option<&str>,
    ) -> Result<bool, StoreError> {
        webhook_engine::event_type_wanted(&self.pool, tenant, event, account_id, only_endpoint)
            .await
    }

    async fn disable_webhook_endpoint(
        &self,
        id: &str,
        reason: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        webhooks::disable(&self.pool, id, reason, now).await
    }

    async fn webhook_deliveries(
        &self,
        tenant: TenantId,
        endpoint_id: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>, StoreError> {
        webhooks::deliveries(&self.pool, tenant, endpoint_id, before, limit).await
    }

    async fn claim_webhook_endpoint(
        &self,
        endpoint_id: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(crate::claims::CLAIM)
            .bind(endpoint_id)
            .bind(holder)
            .bind(now)
            .bind(until)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn reset_webhook_claims(&self) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM webhook_endpoint_claims")
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn release_webhook_endpoint(
        &self,
        endpoint_id: &str,
        holder: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(crate::claims::RELEASE)
            .bind(endpoint_id)
            .bind(holder)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn lease_event_socket(
        &self,
        account_id: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(crate::claims::LEASE)
            .bind(account_id)
            .bind(holder)
            .bind(now)
            .bind(until)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn release_event_socket(&self, account_id: &str, holder: &str) -> Result<(), StoreError> {
        sqlx::query(crate::claims::UNLEASE)
            .bind(account_id)
            .bind(holder)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn event_socket_leases(&self, now: i64) -> Result<Vec<(String, String)>, StoreError> {
        Ok(sqlx::query_as(crate::claims::LEASES)
            .bind(now)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn process_heartbeat(
        &self,
        holder: &str,
        now: i64,
        live_since: i64,
        gone_before: i64,
    ) -> Result<u64, StoreError> {
        sqlx::query(crate::claims::HEARTBEAT)
            .bind(holder)
            .bind(now)
            .execute(&self.pool)
            .await?;
        sqlx::query(crate::claims::PRUNE)
            .bind(gone_before)
            .execute(&self.pool)
            .await?;
        let live: i64 = sqlx::query_scalar(crate::claims::LIVE)
            .bind(live_since)
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(live).unwrap_or(0))
    }

    async fn live_processes(&self, live_since: i64) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(crate::claims::LIVE_HOLDERS)
            .bind(live_since)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn forget_process(&self, holder: &str) -> Result<(), StoreError> {
        let shared = self.is_shared();
        let mut tx = self.pool.begin().await?;
        for table in ["event_socket_leases", "gateway_processes"] {
            if shared {
                sqlx::query(&format!("DELETE FROM {table} WHERE holder = $1"))
                    .bind(holder)
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(&format!("DELETE FROM {table}"))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn redeliver_webhook(
        &self,
        tenant: TenantId,
        endpoint_id: &str,
        delivery_id: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        webhooks::redeliver(&self.pool, tenant, endpoint_id, delivery_id, now).await
    }

    async fn set_api_key_plan(&self, id: i64, plan: Option<&str>) -> Result<bool, StoreError> {
        limits::set_plan(&self.pool, id, plan).await
    }

    async fn api_key_plans(&self) -> Result<Vec<(TenantId, Option<String>)>, StoreError> {
        limits::plans(&self.pool).await
    }

    async fn api_key_plan(&self, tenant: TenantId) -> Result<Option<String>, StoreError> {
        limits::plan(&self.pool, tenant).await
    }

    async fn add_key_usage(&self, deltas: &[crate::KeyUsage]) -> Result<(), StoreError> {
        limits::add_usage(&self.pool, deltas).await
    }

    async fn key_usage(&self, period: &str) -> Result<Vec<crate::KeyUsage>, StoreError> {
        limits::usage(&self.pool, period).await
    }

    async fn webhook_endpoint_tenant(
        &self,
        endpoint_id: &str,
    ) -> Result<Option<TenantId>, StoreError> {
        limits::endpoint_tenant(&self.pool, endpoint_id).await
    }

    async fn insert_request_log(
        &self,
        entries: &[crate::request_log::NewRequestLog],
    ) -> Result<(), StoreError> {
        request_log::insert(&self.pool, entries).await
    }

    async fn request_log(
        &self,
        tenant: TenantId,
        q: &crate::request_log::RequestLogQuery,
    ) -> Result<Vec<crate::request_log::RequestLogRow>, StoreError> {
        request_log::query(&self.pool, tenant, q).await
    }

    async fn prune_request_log(&self, older_than_ms: i64) -> Result<u64, StoreError> {
        request_log::prune(&self.pool, older_than_ms).await
    }

    async fn schema_status(&self) -> Result<crate::request_log::SchemaStatus, StoreError> {
        request_log::schema_status(&self.pool).await
    }

    async fn gauge_counts(&self) -> Result<crate::request_log::GaugeCounts, StoreError> {
        request_log::gauges(&self.pool).await
    }

    async fn recent_events(
        &self,
        tenant: TenantId,
        account_id: &str,
        limit: i64,
    ) -> Result<Vec<crate::webhooks::RecentEvent>, StoreError> {
        recent_events::list(&self.pool, tenant, account_id, limit).await
    }

    // ── Web console (issue 13), `console.rs`.

    async fn create_console_operator(
        &self,
        name: &str,
        prefix: &str,
        hash: &[u8; 32],
    ) -> Result<crate::console::OperatorRecord, StoreError> {
        console::create_operator(&self.pool, name, prefix, hash).await
    }

    async fn console_operators(&self) -> Result<Vec<crate::console::OperatorRecord>, StoreError> {
        console::operators(&self.pool).await
    }

    async fn revoke_console_operator(&self, id: i64) -> Result<bool, StoreError> {
        console::revoke_operator(&self.pool, id).await
    }

    async fn find_console_operator(
        &self,
        hash: &[u8; 32],
    ) -> Result<Option<crate::console::OperatorRecord>, StoreError> {
        console::find_operator(&self.pool, hash).await
    }

    async fn create_console_session(
        &self,
        hash: &[u8; 32],
        principal: &crate::console::ConsolePrincipal,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        console::create_session(&self.pool, hash, principal, now, expires_at).await
    }

    async fn console_session(
        &self,
        hash: &[u8; 32],
        now: i64,
    ) -> Result<Option<crate::console::ConsoleSession>, StoreError> {
        console::session(&self.pool, hash, now).await
    }

    async fn delete_console_session(&self, hash: &[u8; 32]) -> Result<(), StoreError> {
        console::delete_session(&self.pool, hash).await
    }
}
