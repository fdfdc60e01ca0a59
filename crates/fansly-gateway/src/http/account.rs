//! Account access for `/{accountId}/…` routes: the account must belong to the calling key
//! (403 when it exists under another key, 404 when it does not exist), and proxied calls need
//! a live Fansly session (401 "reconnect" once Fansly has ended it).
//!
//! [`gate`] enforces the order of checks for every `/api/fansly` route in one place, before
//! any handler extracts its body or query: key (401) → ownership of `{accountId}` when the
//! route has one (403/404) → the request's own parameters (`fresh`, then the handler's body
//! and query rules: 400/413/415).

use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fansly_client::SessionCreds;
use gateway_store::{Account, AccountAccess, AccountStatus};

use super::auth::Tenant;
use super::error::{ApiError, ApiResult};
use crate::state::AppState;

/// How stale `last_used_at` may get before a use rewrites it.
const TOUCH_EVERY_MS: i64 = 60_000;

/// An owned, active account with the credentials to call Fansly as it.
pub struct Connected {
    pub account: Account,
    pub creds: SessionCreds,
}

pub fn session_expired(account_id: &str) -> ApiError {
    ApiError::unauthorized(format!(
        "Fansly session for account {account_id} is no longer valid — reconnect this account with POST /api/fansly/connect"
    ))
}

/// The path parameter every account route names its account by
/// (`/{account_id}/…`, `/accounts/{account_id}/…`).
pub const ACCOUNT_PARAM: &str = "account_id";

/// Route layer (after routing, before the handler): the key must be valid, and on account
/// routes the account must belong to it; only then does the request reach `fresh` handling
/// and the handler, which parses the body and query. Handlers still call
/// [`AppState::connected`] for the session (the account row is cached, so the second lookup
/// costs no query).
pub async fn gate(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let tenant = match Tenant::from_request_parts(&mut parts, &app).await {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let account = RawPathParams::from_request_parts(&mut parts, &app)
        .await
        .ok()
        .and_then(|p| {
            p.iter()
                .find(|(k, _)| *k == ACCOUNT_PARAM)
                .map(|(_, v)| v.to_owned())
        });
    if let Some(id) = account
        && let Err(e) = app.owned_account(tenant, &id).await
    {
        return e.into_response();
    }
    crate::upstream_care::fresh(Request::from_parts(parts, body), next).await
}

impl AppState {
    /// The account if the calling key owns it.
    pub async fn owned_account(&self, tenant: Tenant, id: &str) -> ApiResult<Account> {
        match self.store.account(tenant.0, id).await? {
            AccountAccess::Owned(a) => Ok(a),
            AccountAccess::Foreign => Err(ApiError::forbidden(format!(
                "This API key has no access to account {id}"
            ))),
            AccountAccess::Missing => Err(ApiError::not_found(format!("Account {id} not found"))),
        }
    }

    /// The owned account plus its decrypted session; 401 when the session is known dead.
    pub async fn connected(&self, tenant: Tenant, id: &str) -> ApiResult<Connected> {
        let account = self.owned_account(tenant, id).await?;
        self.with_session(tenant, account).await
    }

    pub async fn with_session(&self, tenant: Tenant, account: Account) -> ApiResult<Connected> {
        // An expired account that keeps credentials is logged in again first (issue 14).
        let account = if account.status == AccountStatus::Expired {
            crate::heal::revive(self, tenant, account).await?
        } else {
            account
        };
        let token = self
            .store
            .session_token(tenant.0, &account.id)
            .await?
            .ok_or_else(|| session_expired(&account.id))?;
        let creds = SessionCreds {
            device_id: account.device_id.clone(),
            session_id: account.session_id.clone(),
            token,
        };
        crate::upstream_care::route_account(self, tenant, &account).await?;
        self.heal
            .remember(tenant.0, &account.id, &account.session_id);
        Ok(Connected { account, creds })
    }

    /// Records a successful use (the "most recently used" account for routes without `{a}`).
    /// Written at most once a minute per account, to keep writes off the hot path.
    pub async fn touch(&self, tenant: Tenant, account: &Account) {
        let now = self.clock.now_ms();
        if account
            .last_used_at
            .is_some_and(|t| now.saturating_sub(t) < TOUCH_EVERY_MS)
        {
            return;
        }
        if let Err(e) = self.store.touch_account(tenant.0, &account.id, now).await {
            tracing::warn!(error = %e, "could not record account use");
        }
    }
}
