//! Sessions that heal themselves (issue 14, docs/API-DESIGN.md "Kept credentials and
//! automatic re-login").
//!
//! - `credentials.rs`: the opt-in (`keepLoggedIn` on connect / verify-2fa,
//!   `PUT|DELETE /accounts/{a}/credentials`), field rules and the TOTP code (totp-rs).
//! - `relogin.rs`: one re-login of an account at a time (single flight), its outcome stored
//!   (`replace_session` or the `reauth_required` / `reauth_failed` state with backoff) and
//!   announced (`accounts.reauthenticated`, `accounts.reauth_required`,
//!   `accounts.reauth_failed`).
//! - `health.rs`: the background health check.
//!
//! How a request heals: [`layer`] runs every request with a [`Renewer`] in scope
//! (`fansly_client::renew`). A call that Fansly answers 401 asks it for a new session; the
//! renewer finds the account by the dead session id ([`Heal::remember`], filled by
//! `AppState::with_session`), runs [`renew`], and the client sends the call once more. The
//! answer then carries `X-Fansly-Session-Renewed: true`. An account already marked expired is
//! renewed the same way before its first call (`with_session` → [`revive`]).

pub mod credentials;
pub mod health;
mod relogin;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::response::Response;
use fansly_client::SessionCreds;
use fansly_client::renew::Renew;
use gateway_store::{Account, ReauthState, TenantId};

use crate::http::ApiError;
use crate::http::account::session_expired;
use crate::http::auth::Tenant;
use crate::state::AppState;

pub use relogin::renew;

/// Sessions remembered per account before the old ones are dropped.
const MAX_SESSIONS_PER_ACCOUNT: usize = 16;

/// The response header set when the request's session was renewed by a re-login.
pub const RENEWED_HEADER: &str = "x-fansly-session-renewed";

/// Tunables of re-login and the health check.
#[derive(Clone, Debug)]
pub struct HealSettings {
    /// How often each account's session is checked (± 10 % jitter); `None`: no health check.
    pub check_interval: Option<Duration>,
    /// How often the health check looks for accounts that are due.
    pub check_poll: Duration,
    /// Wait after the first failed re-login; doubles per further failure up to `backoff_cap`.
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
}

impl Default for HealSettings {
    fn default() -> Self {
        Self {
            check_interval: None,
            check_poll: Duration::from_secs(5),
            backoff_base: Duration::from_secs(60),
            backoff_cap: Duration::from_secs(3600),
        }
    }
}

/// In-memory state: which account a session belongs to, one lock per account, and the health
/// check's schedule.
#[derive(Default)]
pub struct Heal {
    sessions: Mutex<HashMap<String, (TenantId, String)>>,
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    due: Mutex<HashMap<String, i64>>,
}

impl std::fmt::Debug for Heal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Heal").finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Heal {
    /// Remembers that `session_id` is the account's, so a 401 on it can be renewed.
    pub fn remember(&self, tenant: TenantId, account_id: &str, session_id: &str) {
        let mut sessions = lock(&self.sessions);
        if sessions.contains_key(session_id) {
            return;
        }
        // Old sessions stay known, so a late call made with one still finds its account (and
        // gets the current session rather than marking the account expired). Bounded: after
        // many re-logins of one account its old entries are dropped.
        let known: Vec<String> = sessions
            .iter()
            .filter(|(_, (_, a))| a == account_id)
            .map(|(s, _)| s.clone())
            .collect();
        if known.len() >= MAX_SESSIONS_PER_ACCOUNT {
            for s in known {
                sessions.remove(&s);
            }
        }
        sessions.insert(session_id.to_owned(), (tenant, account_id.to_owned()));
    }

    fn account_of(&self, session_id: &str) -> Option<(TenantId, String)> {
        lock(&self.sessions).get(session_id).cloned()
    }

    fn lock_for(&self, account_id: &str) -> Arc<tokio::sync::Mutex<()>> {
        Arc::clone(lock(&self.locks).entry(account_id.to_owned()).or_default())
    }

    /// Forgets everything about a disconnected account.
    pub fn forget(&self, account_id: &str) {
        lock(&self.sessions).retain(|_, (_, a)| a != account_id);
        lock(&self.locks).remove(account_id);
        lock(&self.due).remove(account_id);
    }
}

tokio::task_local! {
    static RENEWED: Arc<AtomicBool>;
}

fn mark_renewed() {
    let _ = RENEWED.try_with(|flag| flag.store(true, Ordering::Relaxed));
}

/// Runs the request with a [`Renewer`] in scope; adds [`RENEWED_HEADER`] when a re-login
/// renewed its session.
pub async fn renewing<F>(app: &AppState, req: Request, next: impl FnOnce(Request) -> F) -> Response
where
    F: Future<Output = Response>,
{
    let flag = Arc::new(AtomicBool::new(false));
    let renewer: Arc<dyn Renew> = Arc::new(Renewer { app: app.clone() });
    let mut response = RENEWED
        .scope(
            Arc::clone(&flag),
            fansly_client::renew::scope(renewer, next(req)),
        )
        .await;
    if flag.load(Ordering::Relaxed) {
        response
            .headers_mut()
            .insert(RENEWED_HEADER, HeaderValue::from_static("true"));
    }
    response
}

/// Answers the Fansly client's "this session is dead" with a re-login when the account keeps
/// credentials.
pub struct Renewer {
    pub app: AppState,
}

impl Renew for Renewer {
    fn renew<'a>(
        &'a self,
        dead: &'a SessionCreds,
    ) -> Pin<Box<dyn Future<Output = Option<SessionCreds>> + Send + 'a>> {
        Box::pin(async move {
            let (tenant, account_id) = self.app.heal.account_of(&dead.session_id)?;
            let fresh = renew(&self.app, tenant, &account_id, &dead.session_id).await?;
            mark_renewed();
            Some(fresh)
        })
    }
}

/// `with_session` of an account marked expired: renewed (the fresh row) when it keeps
/// credentials and may try now, else the 401 that says why not.
pub async fn revive(app: &AppState, tenant: Tenant, account: Account) -> Result<Account, ApiError> {
    if renew(app, tenant.0, &account.id, &account.session_id)
        .await
        .is_some()
    {
        mark_renewed();
        return app.owned_account(tenant, &account.id).await;
    }
    Err(dead_session_error(app, tenant.0, &account.id).await)
}

/// The 401 for an account whose session is dead: why it was not renewed and what to do.
pub async fn dead_session_error(app: &AppState, tenant: TenantId, account_id: &str) -> ApiError {
    match app.store.reauth(tenant, account_id).await {
        Ok(Some(r)) => reauth_error(account_id, r.state, &r.reason, r.retry_at),
        _ => session_expired(account_id),
    }
}

/// The 401 of a known re-login state, if the account has one.
pub async fn known_state_error(
    app: &AppState,
    tenant: TenantId,
    account_id: &str,
) -> Option<ApiError> {
    let r = app.store.reauth(tenant, account_id).await.ok()??;
    Some(reauth_error(account_id, r.state, &r.reason, r.retry_at))
}

fn reauth_error(
    account_id: &str,
    state: ReauthState,
    reason: &str,
    retry_at: Option<i64>,
) -> ApiError {
    let message = match state {
        ReauthState::Required => format!(
            "reauth_required: the Fansly session of account {account_id} ended and logging in again needs a code only the creator receives ({reason}) — reconnect this account with POST /api/fansly/connect and POST /api/fansly/verify-2fa"
        ),
        ReauthState::Failed => {
            let next = match retry_at {
                Some(at) => format!(
                    "the next automatic attempt is not before {}",
                    crate::http::envelope::timestamp_ms(at)
                ),
                None => "no further automatic attempts will be made".to_owned(),
            };
            format!(
                "reauth_failed: the Fansly session of account {account_id} ended and the automatic login failed ({reason}); {next} — reconnect this account with POST /api/fansly/connect, or replace its credentials with PUT /api/fansly/accounts/{account_id}/credentials"
            )
        }
    };
    ApiError::unauthorized(message)
}

/// After a session was found dead outside a renewer's scope (event socket, background job):
/// starts a re-login when the account keeps credentials (it no-ops while backing off).
pub async fn after_expiry(app: &AppState, tenant: TenantId, account_id: &str) {
    if !matches!(app.store.credentials(tenant, account_id).await, Ok(Some(_))) {
        return;
    }
    let Ok(gateway_store::AccountAccess::Owned(account)) =
        app.store.account(tenant, account_id).await
    else {
        return;
    };
    let app = app.clone();
    tokio::spawn(async move {
        renew(&app, tenant, &account.id, &account.session_id).await;
    });
}
