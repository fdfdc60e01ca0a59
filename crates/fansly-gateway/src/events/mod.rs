//! Event ingestion (issue 5): one Fansly event WebSocket per connected account while the
//! gateway runs (route-map §5.5), webhook derivation from the creator's own socket (§4.8,
//! [`derive`]), and reconciliation through the REST API after any gap ([`reconcile`]).
//!
//! - [`Hub`] holds the running socket tasks, keyed by gateway account id. [`leases`] decides
//!   which accounts' sockets this process runs (all of them when it is alone; its share when
//!   several gateways share a PostgreSQL database) and starts them; [`on_connected`] (connect / verify-2fa) publishes
//!   `accounts.connected` and (re)starts the account's socket; [`on_disconnect`] stops it and
//!   publishes `accounts.disconnected`; [`on_session_expired`] (socket `t:0 {code:401}` or a
//!   REST 401) marks the account expired and publishes `accounts.session_expired`.
//! - A socket task reconnects with backoff 1.5 s × 2ⁿ capped at 15 s, with jitter. After each
//!   (re)connect it reconciles from the account's persisted cursor (the newest native event
//!   time seen), so events missed while it was down are derived with the same dedupe keys and
//!   published once.
//! - The frames that queue up on a socket while its events are recorded are taken together
//!   and recorded in one store transaction with the advanced cursor ([`ingest`], issue 16).
//! - Ingestion is off when `Settings::events_upstream` is `None` (the default of
//!   `Settings::default()`; `serve` sets it from `--events-upstream`).

pub mod audience;
pub mod derive;
mod ingest;
pub mod leases;
pub mod reconcile;
mod retry;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use fansly_client::SessionCreds;
use fansly_client::ws::{EventSocket, Frame, WsConnect, WsError, reconnect_delay};
use gateway_store::{Account, AccountAccess, AccountStatus, TenantId};
use serde_json::{Value, json};

use crate::state::AppState;
use crate::webhooks::{self, NewEvent, events as names};
use derive::Plain;

/// Tries at recording one event.
const PUBLISH_ATTEMPTS: u32 = 3;

/// The running socket tasks, by gateway account id.
#[derive(Default)]
pub struct Hub {
    tasks: Mutex<HashMap<String, tokio::task::JoinHandle<()>>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").finish_non_exhaustive()
    }
}

impl Hub {
    fn insert(&self, account_id: &str, task: tokio::task::JoinHandle<()>) {
        let mut tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
        tasks.retain(|_, t| !t.is_finished());
        if let Some(old) = tasks.insert(account_id.to_owned(), task) {
            old.abort();
        }
    }

    /// Stops the account's socket task, if one runs.
    pub fn stop(&self, account_id: &str) {
        let task = self
            .tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(account_id);
        if let Some(task) = task {
            task.abort();
        }
    }

    /// The accounts whose socket task runs.
    pub fn running_ids(&self) -> Vec<String> {
        let tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
        tasks
            .iter()
            .filter(|(_, t)| !t.is_finished())
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Whether a socket task runs for the account.
    pub fn is_running(&self, account_id: &str) -> bool {
        self.tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(account_id)
            .is_some_and(|t| !t.is_finished())
    }

    /// How many socket tasks run (for `/metrics`).
    pub fn running_count(&self) -> usize {
        let tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
        tasks.values().filter(|t| !t.is_finished()).count()
    }

    /// Stops every socket task.
    pub fn stop_all(&self) {
        let tasks: Vec<_> = self
            .tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .collect();
        for (_, task) in tasks {
            task.abort();
        }
    }
}

/// Starts (or restarts) the account's socket task; a no-op when ingestion is off.
pub fn start(app: &AppState, tenant: TenantId, account_id: &str) {
    if app.settings.events_upstream.is_none() {
        return;
    }
    let task = tokio::spawn(run(app.clone(), tenant, account_id.to_owned()));
    app.events.insert(account_id, task);
}

/// Publishes one derived event: `Some(true)` recorded, `Some(false)` already recorded,
/// `None` the store kept failing (logged).
async fn emit(app: &AppState, tenant: TenantId, account_id: &str, p: Plain) -> Option<bool> {
    emit_event(app, new_event(tenant, account_id, p, app.clock.now_ms())).await
}

/// The event to record for a derived one; `now` stands for its time when it has none.
fn new_event(tenant: TenantId, account_id: &str, p: Plain, now: i64) -> NewEvent {
    NewEvent {
        tenant,
        account_id: account_id.to_owned(),
        event: p.event,
        data: p.data,
        dedupe_key: p.dedupe_key,
        occurred_at_ms: p.occurred_at_ms.unwrap_or(now),
    }
}

/// [`emit`] of an event already built.
async fn emit_event(app: &AppState, event: NewEvent) -> Option<bool> {
    // A busy database is retried a few times before the event is given up (logged).
    for attempt in 1..=PUBLISH_ATTEMPTS {
        match webhooks::publish(app, event.clone()).await {
            Ok(new) => return Some(new),
            Err(e) if attempt < PUBLISH_ATTEMPTS => {
                tracing::warn!(account = event.account_id, error = %e.message, "recording a webhook event failed; retrying");
                tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt))).await;
            }
            Err(e) => {
                tracing::error!(account = event.account_id, error = %e.message, "could not record a webhook event");
            }
        }
    }
    None
}

/// `data` of the `accounts.*` events: Fansly's account id (as in every other event's `data`;
/// the gateway id is the body's `accountId`), username and the connection's label.
fn account_data(a: &Account) -> Value {
    json!({
        "accountId": a.native_id,
        "username": a.username,
        "name": a.name,
        "status": a.status.as_str(),
    })
}

/// After connect / verify-2fa stored the account: `accounts.connected` (once per native
/// session) and a fresh socket. A first connect starts the cursor now, so history from before
/// the connection is not replayed as webhooks.
pub async fn on_connected(app: &AppState, tenant: TenantId, account: &Account) {
    if let Ok(None) = app.store.event_cursor(tenant, &account.id).await
        && let Err(e) = app
            .store
            .advance_event_cursor(tenant, &account.id, app.clock.now_ms())
            .await
    {
        tracing::warn!(error = %e, "could not start the event cursor");
    }
    let p = Plain {
        event: names::ACCOUNTS_CONNECTED,
        data: account_data(account),
        dedupe_key: format!("connected:{}", account.session_id),
        occurred_at_ms: None,
    };
    emit(app, tenant, &account.id, p).await;
    leases::lease_and_start(app, tenant, &account.id).await;
}

/// Before disconnect deletes the account: stop its socket, publish `accounts.disconnected`.
pub async fn on_disconnect(app: &AppState, tenant: TenantId, account: &Account) {
    app.events.stop(&account.id);
    let p = Plain {
        event: names::ACCOUNTS_DISCONNECTED,
        data: account_data(account),
        dedupe_key: format!("disconnected:{}", account.session_id),
        occurred_at_ms: None,
    };
    emit(app, tenant, &account.id, p).await;
}

/// Fansly ended the session (socket 401 or REST 401): mark the account expired, stop its
/// socket, publish `accounts.session_expired` once per session; then a re-login starts when
/// the account keeps credentials (`crate::heal`).
pub async fn on_session_expired(app: &AppState, tenant: TenantId, account_id: &str) {
    session_ended(app, tenant, account_id).await;
    crate::heal::after_expiry(app, tenant, account_id).await;
}

/// [`on_session_expired`] without starting a re-login (the re-login itself calls this).
pub(crate) async fn session_ended(app: &AppState, tenant: TenantId, account_id: &str) {
    let account = match app.store.account(tenant, account_id).await {
        Ok(AccountAccess::Owned(a)) => a,
        _ => return,
    };
    if account.status == AccountStatus::Active
        && let Err(e) = app
            .store
            .set_account_status(tenant, account_id, AccountStatus::Expired)
            .await
    {
        tracing::error!(error = %e, "could not mark account expired");
    }
    let p = Plain {
        event: names::ACCOUNTS_SESSION_EXPIRED,
        data: account_data(&account),
        dedupe_key: format!("expired:{}", account.session_id),
        occurred_at_ms: None,
    };
    emit(app, tenant, account_id, p).await;
    // Last: this may be the socket task itself.
    app.events.stop(account_id);
}

/// Publishes one `accounts.*` event of the account's (issue 14's re-login events), its `data`
/// the usual account fields plus `extra`.
pub(crate) async fn publish_account_event(
    app: &AppState,
    tenant: TenantId,
    account: &Account,
    event: &'static str,
    dedupe_key: String,
    extra: Value,
) {
    let mut data = account_data(account);
    if let (Some(data), Value::Object(extra)) = (data.as_object_mut(), extra) {
        data.extend(extra);
    }
    let p = Plain {
        event,
        data,
        dedupe_key,
        occurred_at_ms: None,
    };
    emit(app, tenant, &account.id, p).await;
}

/// What a socket task needs about its account.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub tenant: TenantId,
    pub account_id: String,
    pub native_id: String,
    pub creds: SessionCreds,
}

/// Loads the account; None when it is gone or no longer active (the task ends).
async fn load(app: &AppState, tenant: TenantId, account_id: &str) -> Option<Ctx> {
    let AccountAccess::Owned(a) = app.store.account(tenant, account_id).await.ok()? else {
        return None;
    };
    if a.status != AccountStatus::Active {
        return None;
    }
    let token = app.store.session_token(tenant, account_id).await.ok()??;
    Some(Ctx {
        tenant,
        account_id: a.id,
        native_id: a.native_id,
        creds: SessionCreds {
            device_id: a.device_id,
            session_id: a.session_id,
            token,
        },
    })
}

/// One account's socket, for as long as the account is active.
async fn run(app: AppState, tenant: TenantId, account_id: String) {
    let Some(url) = app.settings.events_upstream.clone() else {
        return;
    };
    let mut failures: u32 = 0;
    loop {
        let Some(ctx) = load(&app, tenant, &account_id).await else {
            return;
        };
        // The browser the account presents on REST too: its user agent and its cookie jar
        // (`f-d`, and `f-s-c` once Fansly set it), as route-map §5.5 asks.
        let user_agent = app.fansly.user_agent_for(&ctx.creds.device_id).to_owned();
        let cookies = app.fansly.cookie_header(&ctx.creds.device_id);
        // Paced with the account's API calls, and through its proxy (issue 6).
        app.fansly.pace_session(&ctx.creds.session_id).await;
        let via = app.fansly.session_proxy(&ctx.creds.session_id);
        let connected = fansly_client::proxy::via(
            via,
            EventSocket::connect(WsConnect {
                url: &url,
                user_agent: &user_agent,
                cookies: Some(&cookies),
                token: &ctx.creds.token,
            }),
        )
        .await;
        let mut socket = match connected {
            Ok((socket, _session)) => socket,
            Err(WsError::Unauthorized) => {
                on_session_expired(&app, tenant, &account_id).await;
                return;
            }
            Err(e) => {
                tracing::info!(account = %account_id, error = %e, "event socket connect failed");
                tokio::time::sleep(reconnect_delay(failures)).await;
                failures = failures.saturating_add(1);
                continue;
            }
        };
        failures = 0;
        tracing::debug!(account = %account_id, "event socket connected");
        // Every step runs even when one fails; failed ones are retried while the socket is up.
        let report = reconcile::run(&app, &ctx).await;
        if report.as_ref().is_some_and(|r| r.session_expired) {
            socket.close().await;
            on_session_expired(&app, tenant, &account_id).await;
            return;
        }
        let _retry = report.and_then(|r| retry::spawn(&app, &ctx, r));
        let ended = loop {
            let mut events = match socket.next().await {
                Ok(frames) => service_events(frames),
                Err(e) => break e,
            };
            // The frames that arrived meanwhile are recorded with these (issue 16), up to a
            // batch; an error among them ends the socket once they are recorded.
            let mut failed = None;
            while events.len() < ingest::MAX_BATCH {
                match socket.ready() {
                    None => break,
                    Some(Ok(frames)) => events.extend(service_events(frames)),
                    Some(Err(e)) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            ingest::record(&app, &ctx, &events).await;
            if let Some(e) = failed {
                break e;
            }
        };
        match ended {
            WsError::Unauthorized => {
                on_session_expired(&app, tenant, &account_id).await;
                return;
            }
            e => {
                tracing::info!(account = %account_id, error = %e, "event socket closed; reconnecting");
                tokio::time::sleep(reconnect_delay(0)).await;
            }
        }
    }
}

/// The service events among a socket's frames.
fn service_events(frames: Vec<Frame>) -> Vec<fansly_client::ws::ServiceEvent> {
    frames
        .into_iter()
        .filter_map(|f| match f {
            Frame::Service(e) => Some(e),
            _ => None,
        })
        .collect()
}
