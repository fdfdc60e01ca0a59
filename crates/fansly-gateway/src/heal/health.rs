//! The background health check: each account's session is checked on a schedule (a light
//! `GET /account/me`, past the read cache, through the account's pacing bucket like its other
//! calls), every `HealSettings::check_interval` ± 10 % and not sooner than that after the
//! account's last use. A dead session is found before a user's call finds it: with kept
//! credentials it is renewed right there (the renewer is in scope); without, the account is
//! marked expired and `accounts.session_expired` is sent. Expired accounts that keep
//! credentials are retried once their backoff has passed.

use std::sync::Arc;

use fansly_client::{FanslyError, SessionCreds};
use gateway_store::{Account, AccountAccess, AccountStatus};
use rand::Rng;

use super::{Renewer, lock, renew};
use crate::http::auth::Tenant;
use crate::state::AppState;

/// Starts the check when an interval is configured; abort the handle to stop it.
pub fn start(app: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    let interval = app.settings.heal.check_interval?;
    let interval_ms = i64::try_from(interval.as_millis()).ok()?.max(1);
    let app = app.clone();
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(app.settings.heal.check_poll);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            sweep(&app, interval_ms).await;
        }
    }))
}

/// One pass over every account that is due.
async fn sweep(app: &AppState, interval_ms: i64) {
    let active = match app.store.active_accounts_all().await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "health check: cannot list accounts");
            return;
        }
    };
    for account in active {
        if due(app, &account, interval_ms) {
            check(app, account).await;
        }
    }
    // Expired accounts that keep credentials: a re-login once their backoff allows it.
    let Ok(kept) = app.store.kept_credentials_all().await else {
        return;
    };
    let now = app.clock.now_ms();
    for (tenant, id) in kept {
        let Ok(AccountAccess::Owned(account)) = app.store.account(tenant, &id).await else {
            continue;
        };
        if account.status != AccountStatus::Expired {
            continue;
        }
        let may = match app.store.reauth(tenant, &id).await {
            Ok(None) => true,
            Ok(Some(r)) => r.retry_at.is_some_and(|at| now >= at),
            Err(_) => false,
        };
        if may {
            renew(app, tenant, &id, &account.session_id).await;
        }
    }
}

/// Whether the account's check is due now; schedules the next one when it is. A first sight
/// schedules a random point within one interval, so checks of many accounts spread out.
fn due(app: &AppState, account: &Account, interval_ms: i64) -> bool {
    let now = app.clock.now_ms();
    let mut rng = rand::thread_rng();
    let mut due = lock(&app.heal.due);
    let next = *due
        .entry(account.id.clone())
        .or_insert_with(|| now + rng.gen_range(0..=interval_ms));
    let used_recently = account
        .last_used_at
        .is_some_and(|t| now.saturating_sub(t) < interval_ms);
    if now < next {
        return false;
    }
    let jitter = interval_ms / 10;
    let following = now + interval_ms + rng.gen_range(-jitter..=jitter);
    due.insert(account.id.clone(), following);
    // A user's call inside the last interval already proved (or tested) the session.
    !used_recently
}

async fn check(app: &AppState, account: Account) {
    let tenant = account.tenant;
    let Ok(Some(token)) = app.store.session_token(tenant, &account.id).await else {
        return;
    };
    app.heal.remember(tenant, &account.id, &account.session_id);
    if let Err(e) = crate::upstream_care::route_account(app, Tenant(tenant), &account).await {
        tracing::warn!(account = %account.id, error = %e.message, "health check: cannot route");
        return;
    }
    let creds = SessionCreds {
        device_id: account.device_id.clone(),
        session_id: account.session_id.clone(),
        token,
    };
    let renewer = Arc::new(Renewer { app: app.clone() });
    let call = fansly_client::care::bypass(app.fansly.account_me(&creds));
    match fansly_client::renew::scope(renewer, call).await {
        Ok(_) => {}
        Err(FanslyError::SessionExpired) => {
            // Not renewed (no kept credentials, or the re-login failed and says so).
            if super::known_state_error(app, tenant, &account.id)
                .await
                .is_none()
            {
                crate::events::on_session_expired(app, tenant, &account.id).await;
            }
        }
        Err(e) => {
            tracing::debug!(account = %account.id, error = %e, "health check: Fansly did not answer")
        }
    }
}
