//! gateway-store: the storage layer of fansly-gateway.
//!
//! It owns the [`Store`] trait (every call on tenant data takes the [`TenantId`]), its SQLite
//! implementation [`SqliteStore`] and its PostgreSQL implementation [`PgStore`], the at-rest encryption of stored secrets ([`Keyring`]) and
//! the API key helpers. Callers hold an `Arc<dyn Store>` from [`open`], which picks the backend
//! from the URL scheme; nothing backend-specific appears in the trait.

mod account_cache;
mod apikey;
mod claims;
pub mod console;
mod credentials;
pub mod crypto;
mod error;
mod idempotency;
pub mod migrate_data;
mod model;
mod postgres;
pub mod request_log;
pub mod shared_limits;
mod sqlite;
pub mod test_schema;
mod uploads;
mod usage;
pub mod webhooks;

use std::sync::Arc;

use async_trait::async_trait;
use secrecy::SecretString;

pub use apikey::{API_KEY_PREFIX, api_key_prefix, generate_api_key, hash_api_key};
pub use credentials::{AccountListing, KeptCredentials, Reauth, ReauthState, TwofaKind};
pub use crypto::{Keyring, MasterKey};
pub use error::StoreError;
pub use idempotency::{
    IDEMPOTENCY_TTL_MS, IdempotencyClaim, IdempotencyClaimRequest, StoredResponse,
};
pub use model::{
    Account, AccountAccess, AccountStatus, ApiKeyRecord, NewAccount, NewPendingConnect,
    OtpVerification, PendingConnect, TenantId, new_account_id, now_ms,
};
pub use postgres::PgStore;
pub use shared_limits::{LimitExchange, LimitShares, Reservation};
pub use sqlite::SqliteStore;
pub use uploads::{UploadJob, UploadState, UploadUpdate};
pub use usage::KeyUsage;
pub use webhooks::{
    DeliveryAttempt, DeliveryStatus, DueDelivery, NewWebhookEndpoint, NewWebhookEvent,
    PayloadStyle, WebhookDelivery, WebhookEndpoint, WebhookEndpointUpdate,
};

/// Everything fansly-gateway keeps. Object safe; used as `Arc<dyn Store>`.
///
/// Account, pending-connect and OTP calls are scoped by the tenant: another tenant's rows are
/// invisible to them (reads answer `None`/empty, writes answer [`StoreError::NotFound`] or
/// `false`), except that [`Store::account`] tells [`AccountAccess::Foreign`] apart from
/// `Missing` so the gateway can answer 403.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Applies the embedded migrations; running it again is a no-op.
    async fn migrate(&self) -> Result<(), StoreError>;
    async fn ping(&self) -> Result<(), StoreError>;
    /// Whether several gateway processes may share this store (PostgreSQL: yes; SQLite: one
    /// process). A starting process may drop what a previous run left held only on a store
    /// that is not shared.
    fn is_shared(&self) -> bool;

    // API keys (administrative; the key id is the tenant).

    /// Fails with [`StoreError::Conflict`] if a key with this hash exists. The key follows
    /// the default plan.
    async fn create_api_key(
        &self,
        name: &str,
        prefix: &str,
        hash: &[u8; 32],
    ) -> Result<ApiKeyRecord, StoreError> {
        self.create_api_key_on_plan(name, prefix, hash, None).await
    }
    /// [`Store::create_api_key`] with its plan (`None`: the default plan) in the same row
    /// write, so a running gateway that reloads plans never sees the key without its plan.
    async fn create_api_key_on_plan(
        &self,
        name: &str,
        prefix: &str,
        hash: &[u8; 32],
        plan: Option<&str>,
    ) -> Result<ApiKeyRecord, StoreError>;
    /// All keys, revoked ones included, oldest first.
    async fn list_api_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError>;
    /// False if the key is unknown or already revoked. The key's accounts stay.
    async fn revoke_api_key(&self, id: i64) -> Result<bool, StoreError>;
    /// Every unrevoked key, for the gateway's in-memory key cache.
    async fn active_api_keys(&self) -> Result<Vec<(TenantId, [u8; 32])>, StoreError>;
    async fn find_active_api_key(&self, hash: &[u8; 32]) -> Result<Option<TenantId>, StoreError>;

    // Connected accounts.

    /// Inserts, or reconnects the tenant's account with the same `native_id`: a reconnect keeps
    /// `id` and `created_at`, replaces login, device, session, token, name and country, keeps
    /// the username if `new.username` is `None`, sets status Active and clears the account's
    /// OTP state (it belonged to the old session). Returns `(account, created)`.
    async fn upsert_account(
        &self,
        tenant: TenantId,
        new: NewAccount,
    ) -> Result<(Account, bool), StoreError>;
    async fn account(&self, tenant: TenantId, id: &str) -> Result<AccountAccess, StoreError>;
    /// Oldest first.
    async fn accounts(&self, tenant: TenantId) -> Result<Vec<Account>, StoreError>;
    /// [`Store::accounts`] with each account's kept-credentials kind and re-login state, in
    /// one read (what `GET /accounts` answers); cached like the account rows
    /// (`account_cache.rs`).
    async fn account_listing(
        &self,
        tenant: TenantId,
    ) -> Result<std::sync::Arc<Vec<AccountListing>>, StoreError>;
    /// ASCII case-insensitive; the most recently updated if several match.
    async fn account_by_login(
        &self,
        tenant: TenantId,
        login: &str,
    ) -> Result<Option<Account>, StoreError>;
    /// The Active account with the latest `last_used_at` (never-used ones last), ties broken by
    /// the latest `updated_at`.
    async fn most_recent_active_account(
        &self,
        tenant: TenantId,
    ) -> Result<Option<Account>, StoreError>;
    /// The decrypted Fansly session token, whatever the account's status.
    async fn session_token(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<SecretString>, StoreError>;
    /// [`StoreError::NotFound`] if the tenant has no such account. Bumps `updated_at`.
    async fn set_account_status(
        &self,
        tenant: TenantId,
        id: &str,
        status: AccountStatus,
    ) -> Result<(), StoreError>;
    /// Sets `last_used_at`. [`StoreError::NotFound`] if the tenant has no such account.
    async fn touch_account(&self, tenant: TenantId, id: &str, now: i64) -> Result<(), StoreError>;
    /// Sets `native_id` and `username` as given (None clears it) and bumps `updated_at`.
    /// [`StoreError::NotFound`] if the tenant has no such account, [`StoreError::Conflict`] if
    /// the tenant has another account with that `native_id`.
    async fn update_account_profile(
        &self,
        tenant: TenantId,
        id: &str,
        native_id: &str,
        username: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Removes the row, its secrets and its OTP state; false if the tenant has no such account.
    async fn delete_account(&self, tenant: TenantId, id: &str) -> Result<bool, StoreError>;
    /// The account's own outbound proxy URL (sealed at rest; may hold credentials).
    async fn account_proxy(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<SecretString>, StoreError>;
    /// Sets (`Some`) or removes (`None`) the account's proxy; [`StoreError::NotFound`] if the
    /// tenant has no such account.
    async fn set_account_proxy(
        &self,
        tenant: TenantId,
        id: &str,
        proxy: Option<&SecretString>,
    ) -> Result<(), StoreError>;

    // Kept credentials and automatic re-login (issue 14).

    /// Keeps (replaces) the account's credentials, sealed, and clears its re-login state.
    /// [`StoreError::NotFound`] if the tenant has no such account.
    async fn set_credentials(
        &self,
        tenant: TenantId,
        id: &str,
        creds: &KeptCredentials,
    ) -> Result<(), StoreError>;
    /// The decrypted kept credentials, if any.
    async fn credentials(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<KeptCredentials>, StoreError>;
    /// `(account id, 2FA kind)` of the tenant's accounts that keep credentials.
    async fn credential_kinds(
        &self,
        tenant: TenantId,
    ) -> Result<Vec<(String, TwofaKind)>, StoreError>;
    /// Erases the credentials and the re-login state; false when none were kept.
    async fn delete_credentials(&self, tenant: TenantId, id: &str) -> Result<bool, StoreError>;
    /// `(tenant, account id)` of every account of every tenant that keeps credentials.
    async fn kept_credentials_all(&self) -> Result<Vec<(TenantId, String)>, StoreError>;
    /// The account's re-login state, if it has one.
    async fn reauth(&self, tenant: TenantId, id: &str) -> Result<Option<Reauth>, StoreError>;
    /// The re-login states of the tenant's accounts.
    async fn reauths(&self, tenant: TenantId) -> Result<Vec<(String, Reauth)>, StoreError>;
    /// Records (and marks the account expired) or clears the re-login state.
    async fn set_reauth(
        &self,
        tenant: TenantId,
        id: &str,
        state: Option<&Reauth>,
    ) -> Result<(), StoreError>;
    /// Stores the session of an automatic re-login (sealed token), sets the account active
    /// and clears its re-login and OTP state.
    async fn replace_session(
        &self,
        tenant: TenantId,
        id: &str,
        session_id: &str,
        token: &SecretString,
    ) -> Result<(), StoreError>;

    // Pending login-2FA connects, keyed by the SHA-256 of Fansly's twofa token.

    /// Replaces an existing one with the same token (tries back to 0).
    async fn put_pending_connect(
        &self,
        tenant: TenantId,
        twofa_token: &str,
        p: NewPendingConnect,
    ) -> Result<(), StoreError>;
    /// None if absent or expired at `now` (`expires_at <= now`); expired rows are deleted.
    async fn pending_connect(
        &self,
        tenant: TenantId,
        twofa_token: &str,
        now: i64,
    ) -> Result<Option<PendingConnect>, StoreError>;
    /// Tries after the increment; [`StoreError::NotFound`] if there is no such pending connect.
    async fn record_pending_failure(
        &self,
        tenant: TenantId,
        twofa_token: &str,
    ) -> Result<i64, StoreError>;
    async fn delete_pending_connect(
        &self,
        tenant: TenantId,
        twofa_token: &str,
    ) -> Result<(), StoreError>;

    // Sensitive-action OTP state: one per account, token and code encrypted.

    /// Replaces the account's previous one. [`StoreError::NotFound`] if the tenant has no such
    /// account.
    async fn put_otp_verification(
        &self,
        tenant: TenantId,
        account_id: &str,
        v: &OtpVerification,
    ) -> Result<(), StoreError>;
    async fn otp_verification(
        &self,
        tenant: TenantId,
        account_id: &str,
    ) -> Result<Option<OtpVerification>, StoreError>;

    // Idempotency-Key records (sends), scoped by tenant + scope + key; see `idempotency.rs`.

    /// Claims the key for `req` unless a live record exists: then reports it (finished with
    /// this request → the response to replay; unfinished → in flight; another request →
    /// mismatch). Records at or past `expires_at` count as absent (and are purged).
    async fn claim_idempotency_key(
        &self,
        tenant: TenantId,
        req: &IdempotencyClaimRequest<'_>,
    ) -> Result<IdempotencyClaim, StoreError>;
    /// Stores the response of a claimed key. [`StoreError::NotFound`] unless it is pending.
    async fn complete_idempotency_key(
        &self,
        tenant: TenantId,
        scope: &str,
        key: &str,
        response: &StoredResponse,
    ) -> Result<(), StoreError>;
    /// Forgets a claimed key that is still pending (the request may be repeated with it); a
    /// completed record is kept.
    async fn release_idempotency_key(
        &self,
        tenant: TenantId,
        scope: &str,
        key: &str,
    ) -> Result<(), StoreError>;

    // Media upload jobs (U1/U2), scoped by tenant; see `uploads.rs`.

    /// Records a new job for `tenant`.
    async fn create_upload_job(&self, tenant: TenantId, job: &UploadJob) -> Result<(), StoreError>;
    /// Moves an unfinished job on; [`StoreError::NotFound`] when it is unknown, another
    /// tenant's, or already completed/failed.
    async fn update_upload_job(
        &self,
        tenant: TenantId,
        id: &str,
        update: &UploadUpdate<'_>,
    ) -> Result<(), StoreError>;
    /// The job, when it belongs to `tenant`.
    async fn upload_job(&self, tenant: TenantId, id: &str)
    -> Result<Option<UploadJob>, StoreError>;
    /// Marks failed with `reason` every waiting/active job (of any tenant) whose process is
    /// gone: no holder, or a holder other than `holder` (the caller) not among the processes
    /// seen after `live_since` ([`Store::process_heartbeat`]). On a store that is not shared
    /// every unfinished job not `holder`'s is gone (a previous run's). Returns how many.
    async fn fail_orphaned_upload_jobs(
        &self,
        holder: &str,
        live_since: i64,
        reason: &str,
        now: i64,
    ) -> Result<u64, StoreError>;

    // Event ingestion (issue 5): per-account event cursor and subscription seen-set.

    /// Every Active account of every tenant, oldest first per tenant (event sockets at start).
    async fn active_accounts_all(&self) -> Result<Vec<Account>, StoreError>;
    /// The time (Unix ms) of the last native event seen for the account; None when never.
    async fn event_cursor(
        &self,
        tenant: TenantId,
        account_id: &str,
    ) -> Result<Option<i64>, StoreError>;
    /// Moves the account's cursor to `at_ms` unless it is already later. A no-op for an
    /// account the tenant does not have.
    async fn advance_event_cursor(
        &self,
        tenant: TenantId,
        account_id: &str,
        at_ms: i64,
    ) -> Result<(), StoreError>;
    /// The history id the account's subscription `subscription_id` was last recorded active
    /// with (`record_subscription_seen`), None when it was never seen.
    async fn subscription_seen(
        &self,
        tenant: TenantId,
        account_id: &str,
        subscription_id: &str,
    ) -> Result<Option<String>, StoreError>;
    /// Records that the account's subscription `subscription_id` was seen active with
    /// `history_id`; answers the history id recorded before, None when it was never seen.
    async fn record_subscription_seen(
        &self,
        tenant: TenantId,
        account_id: &str,
        subscription_id: &str,
        history_id: &str,
    ) -> Result<Option<String>, StoreError>;
    /// Whether the account's seen-set was seeded (`seed_subscriptions_seen`).
    async fn subscriptions_seeded(
        &self,
        tenant: TenantId,
        account_id: &str,
    ) -> Result<bool, StoreError>;
    /// Once per account (its cursor must exist): records `(subscription id, history id)` pairs
    /// as seen without overwriting any recorded pair, and marks the account seeded, in one
    /// transaction. Answers false (and writes nothing) when it was already seeded or the
    /// account has no cursor.
    async fn seed_subscriptions_seen(
        &self,
        tenant: TenantId,
        account_id: &str,
        seen: &[(String, String)],
    ) -> Result<bool, StoreError>;

    // Webhooks (issue 5); see `webhooks.rs`. Endpoint calls are scoped by tenant; the
    // delivery engine's calls (`webhook_endpoints_due`, `next_due_webhook_delivery`,
    // `record_webhook_attempt`) serve every tenant.

    /// Stores a new endpoint with its secret sealed (bound to the endpoint id).
    async fn create_webhook_endpoint(
        &self,
        tenant: TenantId,
        new: NewWebhookEndpoint,
    ) -> Result<WebhookEndpoint, StoreError>;
    async fn webhook_endpoint(
        &self,
        tenant: TenantId,
        id: &str,
    ) -> Result<Option<WebhookEndpoint>, StoreError>;
    /// Oldest first.
    async fn webhook_endpoints(&self, tenant: TenantId)
    -> Result<Vec<WebhookEndpoint>, StoreError>;
    /// `None` if the tenant has no such endpoint. Re-enabling clears the disabled reason.
    async fn update_webhook_endpoint(
        &self,
        tenant: TenantId,
        id: &str,
        update: WebhookEndpointUpdate,
    ) -> Result<Option<WebhookEndpoint>, StoreError>;
    /// Removes the endpoint and its deliveries; false if the tenant has no such endpoint.
    async fn delete_webhook_endpoint(&self, tenant: TenantId, id: &str)
    -> Result<bool, StoreError>;
    /// Replaces the sealed secret; false if the tenant has no such endpoint.
    async fn set_webhook_secret(
        &self,
        tenant: TenantId,
        id: &str,
        secret: &SecretString,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// Records the event and one pending delivery (due at `now`) per matching enabled endpoint,
    /// atomically. `None` when `(account_id, dedupe_key)` is already recorded; otherwise the
    /// new delivery ids.
    async fn record_webhook_event(
        &self,
        event: &NewWebhookEvent<'_>,
    ) -> Result<Option<Vec<String>>, StoreError>;
    /// A socket's queued events recorded together (issue 16): each event as
    /// [`Store::record_webhook_event`] records it, in order, and then the account's event
    /// cursor moved to `cursor_ms` as [`Store::advance_event_cursor`] moves it, all in one
    /// transaction (all or none). Answers per event what `record_webhook_event` answers. Every
    /// event must be `tenant`'s and `account_id`'s (else an error, and nothing is written).
    async fn record_webhook_events(
        &self,
        tenant: TenantId,
        account_id: &str,
        events: &[NewWebhookEvent<'_>],
        cursor_ms: Option<i64>,
    ) -> Result<Vec<Option<Vec<String>>>, StoreError>;
    /// Ids of enabled endpoints with a pending delivery due at `now`.
    async fn webhook_endpoints_due(&self, now: i64) -> Result<Vec<String>, StoreError>;
    /// Up to `limit` of the endpoint's due pending deliveries, oldest first (by due time, then
    /// as recorded), with their bodies and the opened secret; empty when the endpoint is
    /// disabled or gone.
    async fn due_webhook_deliveries(
        &self,
        endpoint_id: &str,
        now: i64,
        limit: i64,
    ) -> Result<Vec<DueDelivery>, StoreError>;
    /// The endpoint's oldest due pending delivery, with the body and the opened secret.
    async fn next_due_webhook_delivery(
        &self,
        endpoint_id: &str,
        now: i64,
    ) -> Result<Option<DueDelivery>, StoreError> {
        Ok(self
            .due_webhook_deliveries(endpoint_id, now, 1)
            .await?
            .into_iter()
            .next())
    }
    /// Stores attempts' outcomes and their endpoints' failing streaks, in order, in one
    /// transaction (all or none); returns each attempt's endpoint's `failing_since` right after
    /// it (`None` after a success).
    async fn record_webhook_attempts(
        &self,
        attempts: &[DeliveryAttempt<'_>],
    ) -> Result<Vec<Option<i64>>, StoreError>;
    /// Stores one attempt's outcome and the endpoint's failing streak; returns the endpoint's
    /// `failing_since` afterwards.
    async fn record_webhook_attempt(
        &self,
        attempt: &DeliveryAttempt<'_>,
    ) -> Result<Option<i64>, StoreError> {
        Ok(self
            .record_webhook_attempts(std::slice::from_ref(attempt))
            .await?
            .pop()
            .flatten())
    }
    /// Whether an enabled endpoint of the `event_type` payload style will receive this event
    /// (to `only_endpoint`, or by its subscription): whether that style's body is needed.
    async fn webhook_event_type_wanted(
        &self,
        tenant: TenantId,
        event: &str,
        account_id: &str,
        only_endpoint: Option<&str>,
    ) -> Result<bool, StoreError>;
    /// Disables an endpoint (any tenant's) with the reason shown to its owner.
    async fn disable_webhook_endpoint(
        &self,
        id: &str,
        reason: &str,
        now: i64,
    ) -> Result<(), StoreError>;
    /// Newest first, `limit` at most; `before` is the `seq` of the last row of a previous page.
    async fn webhook_deliveries(
        &self,
        tenant: TenantId,
        endpoint_id: &str,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>, StoreError>;
    /// Claims the endpoint's deliveries for `holder` (a process) until `until`, or renews its
    /// claim: true when `holder` now holds it, false while another holder's claim lasts
    /// (`expires_at > now`). Only the holder sends the endpoint's deliveries, so order and
    /// one-at-a-time hold across processes; a dead holder's claim lapses at `until`.
    async fn claim_webhook_endpoint(
        &self,
        endpoint_id: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, StoreError>;
    /// Drops every endpoint claim, whoever holds it; returns how many. Only for a store that
    /// is not shared ([`Store::is_shared`]), at start: the previous run's claims were its own.
    async fn reset_webhook_claims(&self) -> Result<u64, StoreError>;
    /// Gives up `holder`'s claim on the endpoint (no-op when it holds none).
    async fn release_webhook_endpoint(
        &self,
        endpoint_id: &str,
        holder: &str,
    ) -> Result<(), StoreError>;
    /// Event-socket leases (issue 12): takes or renews `holder`'s lease on an active account's
    /// socket until `until`; false while another holder's lease lasts, or the account is not
    /// active.
    async fn lease_event_socket(
        &self,
        account_id: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, StoreError>;
    /// Gives up `holder`'s lease on the account (no-op when it holds none).
    async fn release_event_socket(&self, account_id: &str, holder: &str) -> Result<(), StoreError>;
    /// Every live lease (`expires_at > now`): `(account id, holder)`.
    async fn event_socket_leases(&self, now: i64) -> Result<Vec<(String, String)>, StoreError>;
    /// Records that `holder` (a gateway process) is alive at `now`, forgets processes not seen
    /// since `gone_before`, and answers how many were seen since `live_since` (itself
    /// included).
    async fn process_heartbeat(
        &self,
        holder: &str,
        now: i64,
        live_since: i64,
        gone_before: i64,
    ) -> Result<u64, StoreError>;
    /// The names of the processes seen after `live_since` ([`Store::process_heartbeat`]).
    async fn live_processes(&self, live_since: i64) -> Result<Vec<String>, StoreError>;
    /// Limits shared by several gateways (issue 12, `shared_limits.rs`), in one transaction:
    /// takes back the unused reservations, grants the wanted ones (each at most what the key's
    /// minute has left), records the pacing demand, deletes rows that left the window, and
    /// answers the other processes' reservations of the asked keys and their recent demand
    /// for the same pace keys. A store that is not shared has one process: the default grants
    /// every reservation in full and records nothing.
    async fn exchange_limits(&self, x: &LimitExchange<'_>) -> Result<LimitShares, StoreError> {
        Ok(LimitShares {
            granted: x
                .wanted
                .iter()
                .map(|r| (r.key, r.want.min(r.limit)))
                .collect(),
            ..LimitShares::default()
        })
    }
    /// A stopping process: removes its heartbeat and every lease it holds, so the others take
    /// its accounts at their next look. On a store that is not shared, drops every lease and
    /// heartbeat (a previous run's, at start).
    async fn forget_process(&self, holder: &str) -> Result<(), StoreError>;
    /// Makes the delivery pending and due at `now`, keeping its id; false if unknown.
    async fn redeliver_webhook(
        &self,
        tenant: TenantId,
        endpoint_id: &str,
        delivery_id: &str,
        now: i64,
    ) -> Result<bool, StoreError>;

    // Key plans and usage counters (issue 6, limits); see `usage.rs`.

    /// Sets the plan name of an active key (`None`: the configured default); false if there is
    /// no active key with this id.
    async fn set_api_key_plan(&self, id: i64, plan: Option<&str>) -> Result<bool, StoreError>;
    /// The plan name of every active key (`None`: the default), by id.
    async fn api_key_plans(&self) -> Result<Vec<(TenantId, Option<String>)>, StoreError>;
    /// The plan name of one active key; `None` when it has none or is not an active key.
    async fn api_key_plan(&self, tenant: TenantId) -> Result<Option<String>, StoreError>;
    /// Adds each delta to its key's counters for its period, in one transaction.
    async fn add_key_usage(&self, deltas: &[KeyUsage]) -> Result<(), StoreError>;
    /// Every key's stored counters for `period` (`YYYY-MM`), by tenant.
    async fn key_usage(&self, period: &str) -> Result<Vec<KeyUsage>, StoreError>;
    /// The tenant owning a webhook endpoint (any tenant's; for metering deliveries).
    async fn webhook_endpoint_tenant(
        &self,
        endpoint_id: &str,
    ) -> Result<Option<TenantId>, StoreError>;

    // Request log, readiness and gauges (issue 6); see `request_log.rs`.

    /// Appends finished requests (any tenants), in one transaction.
    async fn insert_request_log(
        &self,
        entries: &[request_log::NewRequestLog],
    ) -> Result<(), StoreError>;
    /// The tenant's rows matching `q`, newest first, `q.limit` at most.
    async fn request_log(
        &self,
        tenant: TenantId,
        q: &request_log::RequestLogQuery,
    ) -> Result<Vec<request_log::RequestLogRow>, StoreError>;
    /// Deletes rows (every tenant's) that arrived before `older_than_ms`; returns how many.
    async fn prune_request_log(&self, older_than_ms: i64) -> Result<u64, StoreError>;
    /// Which embedded migrations the database lacks (or holds as failed).
    async fn schema_status(&self) -> Result<request_log::SchemaStatus, StoreError>;
    /// Pending webhook deliveries and active accounts, over every tenant.
    async fn gauge_counts(&self) -> Result<request_log::GaugeCounts, StoreError>;

    // MCP (issue 15): the event stream's recent events, read by the `events` resource.

    /// The tenant's most recently recorded events of `account_id` (the rows event ingestion
    /// publishes, delivered to webhooks or not), newest first, `limit` at most.
    async fn recent_events(
        &self,
        tenant: TenantId,
        account_id: &str,
        limit: i64,
    ) -> Result<Vec<webhooks::RecentEvent>, StoreError>;

    // ── Web console (issue 13): operator credentials and console sessions (migration 0014).
    // Administrative, like API keys: no tenant data. Types in `console.rs`.

    /// Stores an operator credential by the SHA-256 of its secret.
    async fn create_console_operator(
        &self,
        name: &str,
        prefix: &str,
        hash: &[u8; 32],
    ) -> Result<console::OperatorRecord, StoreError>;
    /// All operator credentials, revoked ones included, oldest first.
    async fn console_operators(&self) -> Result<Vec<console::OperatorRecord>, StoreError>;
    /// False if unknown or already revoked; the operator's sessions end with it.
    async fn revoke_console_operator(&self, id: i64) -> Result<bool, StoreError>;
    /// The unrevoked operator whose secret hashes to `hash`.
    async fn find_console_operator(
        &self,
        hash: &[u8; 32],
    ) -> Result<Option<console::OperatorRecord>, StoreError>;
    /// Records a session by the SHA-256 of its token (and drops expired sessions).
    async fn create_console_session(
        &self,
        hash: &[u8; 32],
        principal: &console::ConsolePrincipal,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// The session if unexpired at `now` and its API key or operator is not revoked.
    async fn console_session(
        &self,
        hash: &[u8; 32],
        now: i64,
    ) -> Result<Option<console::ConsoleSession>, StoreError>;
    async fn delete_console_session(&self, hash: &[u8; 32]) -> Result<(), StoreError>;
    // ── end of the web console section.
}

/// Opens the store named by `url` without migrating it (call [`Store::migrate`]).
///
/// `sqlite:` URLs (`sqlite://path/to.db`, `sqlite:path.db`, `sqlite::memory:`) open a
/// [`SqliteStore`]; `postgres://` and `postgresql://` URLs open a [`PgStore`].
pub async fn open(url: &str, keyring: Keyring) -> Result<Arc<dyn Store>, StoreError> {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("sqlite") => Ok(Arc::new(SqliteStore::connect(url, keyring).await?)),
        Some("postgres" | "postgresql") => Ok(Arc::new(PgStore::connect(url, keyring).await?)),
        // Only the scheme is echoed: a URL may carry a password.
        Some(other) if is_scheme_like(other) => Err(StoreError::Unsupported(format!(
            "database URL scheme {other:?}; use a sqlite: or postgres: URL"
        ))),
        _ => Err(StoreError::Unsupported(
            "database URL has no scheme; use a sqlite: or postgres: URL".into(),
        )),
    }
}

fn is_scheme_like(s: &str) -> bool {
    (1..=16).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}
