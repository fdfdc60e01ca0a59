//! One automatic re-login of an account: single flight per account (a lock, and a check that
//! the dead session is still the stored one), the login with the kept credentials (plus a
//! TOTP code for authenticator accounts), and its outcome stored and announced.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use fansly_client::{FanslyError, LoginOutcome, NativeSession, SessionCreds};
use gateway_store::{
    Account, AccountAccess, AccountStatus, KeptCredentials, Reauth, ReauthState, TenantId,
    TwofaKind,
};
use serde_json::json;

use crate::http::auth::Tenant;
use crate::state::AppState;
use crate::webhooks::events as names;

/// Native challenge type of an authenticator-app login.
const TWOFA_AUTHENTICATOR: i64 = 1;

/// New credentials for the account whose session `dead_session` died, or `None` when it
/// keeps no credentials, is backing off, or the login failed (its state then says why).
/// Concurrent callers share one login: the work runs in its own task (a caller that goes
/// away does not cancel it) behind the account's lock, and whoever comes after a successful
/// login gets its session without logging in again.
///
/// A boxed `Send` future rather than an `async fn`: the login publishes webhook events, whose
/// delivery may call Fansly through `with_session`, which can come back here; the named
/// future type breaks that cycle for the compiler's `Send` inference.
pub fn renew(
    app: &AppState,
    tenant: TenantId,
    account_id: &str,
    dead_session: &str,
) -> Pin<Box<dyn Future<Output = Option<SessionCreds>> + Send + 'static>> {
    let task = tokio::spawn(run(
        app.clone(),
        tenant,
        account_id.to_owned(),
        dead_session.to_owned(),
    ));
    Box::pin(async move { task.await.ok().flatten() })
}

async fn run(
    app: AppState,
    tenant: TenantId,
    account_id: String,
    dead_session: String,
) -> Option<SessionCreds> {
    let lock = app.heal.lock_for(&account_id);
    let _one_at_a_time = lock.lock().await;
    let AccountAccess::Owned(account) = app.store.account(tenant, &account_id).await.ok()? else {
        return None;
    };
    if account.session_id != dead_session && account.status == AccountStatus::Active {
        // An earlier flight renewed it.
        let token = app.store.session_token(tenant, &account_id).await.ok()??;
        return Some(SessionCreds {
            device_id: account.device_id,
            session_id: account.session_id,
            token,
        });
    }
    let kept = app.store.credentials(tenant, &account_id).await.ok()??;
    let now = app.clock.now_ms();
    let prior = app.store.reauth(tenant, &account_id).await.ok()?;
    if let Some(p) = &prior
        && p.retry_at.is_none_or(|at| now < at)
    {
        return None;
    }
    // The session is dead: said once (marks expired, stops the socket).
    if account.status == AccountStatus::Active {
        crate::events::session_ended(&app, tenant, &account_id).await;
    }
    let outcome = if kept.twofa == TwofaKind::Email {
        Err(Failure::required("email_code"))
    } else {
        login(&app, tenant, &account, &kept).await
    };
    match outcome {
        Ok(session) => succeeded(&app, tenant, &account, session).await,
        Err(failure) => {
            failed(&app, tenant, &account, prior.as_ref(), failure, now).await;
            None
        }
    }
}

/// Why a re-login did not produce a session.
struct Failure {
    state: ReauthState,
    reason: &'static str,
    /// At least this long before the next attempt (Fansly's `Retry-After`).
    wait: Option<Duration>,
    /// No automatic attempt until a person acts (wrong password).
    final_: bool,
}

impl Failure {
    fn required(reason: &'static str) -> Self {
        Self {
            state: ReauthState::Required,
            reason,
            wait: None,
            final_: true,
        }
    }

    fn failed(reason: &'static str) -> Self {
        Self {
            state: ReauthState::Failed,
            reason,
            wait: None,
            final_: false,
        }
    }

    fn of(e: FanslyError) -> Self {
        match e {
            FanslyError::BadCredentials { .. } => Self {
                final_: true,
                ..Self::failed("bad_credentials")
            },
            FanslyError::BadTwofaCode { .. } => Self::failed("twofa_code_refused"),
            FanslyError::RateLimited { retry_after } => Self {
                wait: retry_after,
                ..Self::failed("rate_limited")
            },
            FanslyError::Paced { retry_after } => Self {
                wait: Some(retry_after),
                ..Self::failed("rate_limited")
            },
            FanslyError::Rejected { .. } | FanslyError::SessionExpired => Self::failed("refused"),
            FanslyError::Server { .. }
            | FanslyError::Timeout
            | FanslyError::Transport(_)
            | FanslyError::Malformed(_) => Self::failed("unavailable"),
        }
    }
}

/// `/login` (and `/login/twofa` with a TOTP code) through the account's proxy.
async fn login(
    app: &AppState,
    tenant: TenantId,
    account: &Account,
    kept: &KeptCredentials,
) -> Result<NativeSession, Failure> {
    let route = crate::upstream_care::effective_proxy(app, Tenant(tenant), account)
        .await
        .map_err(|_| Failure::failed("unavailable"))?
        .1;
    fansly_client::proxy::via(route, async {
        let device = &account.device_id;
        match app
            .fansly
            .login(device, &account.login, &kept.password)
            .await
        {
            Ok(LoginOutcome::Session(session)) => Ok(session),
            Ok(LoginOutcome::TwoFactor(challenge)) => {
                let secret = kept.totp_secret.as_ref();
                match secret {
                    Some(secret) if challenge.kind == TWOFA_AUTHENTICATOR => {
                        let code = super::credentials::totp_code(secret, app.clock.now_ms())
                            .ok_or_else(|| Failure::failed("totp_secret_invalid"))?;
                        app.fansly
                            .login_twofa(device, &challenge.token, &code)
                            .await
                            .map_err(Failure::of)
                    }
                    _ => Err(Failure::required(
                        if challenge.kind == TWOFA_AUTHENTICATOR {
                            "authenticator_code"
                        } else {
                            "email_code"
                        },
                    )),
                }
            }
            Err(e) => Err(Failure::of(e)),
        }
    })
    .await
}

async fn succeeded(
    app: &AppState,
    tenant: TenantId,
    account: &Account,
    session: NativeSession,
) -> Option<SessionCreds> {
    if let Err(e) = app
        .store
        .replace_session(tenant, &account.id, &session.id, &session.token)
        .await
    {
        tracing::error!(account = %account.id, error = %e, "could not store the renewed session");
        return None;
    }
    app.heal.remember(tenant, &account.id, &session.id);
    let AccountAccess::Owned(fresh) = app.store.account(tenant, &account.id).await.ok()? else {
        return None;
    };
    if let Err(e) = crate::upstream_care::route_account(app, Tenant(tenant), &fresh).await {
        tracing::warn!(account = %account.id, error = %e.message, "could not route the renewed session");
    }
    tracing::info!(account = %account.id, "Fansly session renewed by an automatic login");
    crate::events::publish_account_event(
        app,
        tenant,
        &fresh,
        names::ACCOUNTS_REAUTHENTICATED,
        format!("reauthenticated:{}", fresh.session_id),
        json!({}),
    )
    .await;
    // The event socket reconnects on the new session.
    crate::events::leases::lease_and_start(app, tenant, &fresh.id).await;
    Some(SessionCreds {
        device_id: fresh.device_id,
        session_id: session.id,
        token: session.token,
    })
}

async fn failed(
    app: &AppState,
    tenant: TenantId,
    account: &Account,
    prior: Option<&Reauth>,
    failure: Failure,
    now: i64,
) {
    let failures = prior.map_or(0, |p| p.failures) + 1;
    let retry_at = (!failure.final_).then(|| {
        let backoff = backoff(&app.settings.heal, failures);
        let wait = failure.wait.map_or(backoff, |w| w.max(backoff));
        now + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2)
    });
    let state = Reauth {
        state: failure.state,
        reason: failure.reason.to_owned(),
        failures,
        retry_at,
    };
    if let Err(e) = app
        .store
        .set_reauth(tenant, &account.id, Some(&state))
        .await
    {
        tracing::error!(account = %account.id, error = %e, "could not record the re-login state");
    }
    app.events.stop(&account.id);
    tracing::warn!(
        account = %account.id,
        state = state.state.as_str(),
        reason = failure.reason,
        "automatic Fansly login did not renew the session"
    );
    let event = match failure.state {
        ReauthState::Required => names::ACCOUNTS_REAUTH_REQUIRED,
        ReauthState::Failed => names::ACCOUNTS_REAUTH_FAILED,
    };
    let mut account = account.clone();
    account.status = AccountStatus::Expired;
    crate::events::publish_account_event(
        app,
        tenant,
        &account,
        event,
        format!("{}:{}:{failures}", state.state.as_str(), account.session_id),
        json!({
            "reason": failure.reason,
            "retryAt": retry_at.map(crate::http::envelope::timestamp_ms),
        }),
    )
    .await;
}

/// `base × 2^(failures-1)`, capped.
fn backoff(settings: &super::HealSettings, failures: i64) -> Duration {
    let doublings = u32::try_from(failures.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    settings
        .backoff_base
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(settings.backoff_cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let s = super::super::HealSettings::default();
        assert_eq!(backoff(&s, 1), Duration::from_secs(60));
        assert_eq!(backoff(&s, 2), Duration::from_secs(120));
        assert_eq!(backoff(&s, 4), Duration::from_secs(480));
        assert_eq!(backoff(&s, 30), Duration::from_secs(3600));
    }
}
