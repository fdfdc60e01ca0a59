//! Translation of Fansly (upstream) failures into gateway errors — route-map §0.4, in one
//! place. A dead session additionally marks the account expired so `/accounts` shows it.

use std::time::Duration;

use axum::http::StatusCode;
use fansly_client::FanslyError;
use gateway_store::AccountStatus;

use crate::http::ApiError;
use crate::http::account::session_expired;
use crate::http::auth::Tenant;
use crate::state::AppState;

/// Seconds to tell a client to wait when Fansly rate-limits without saying for how long.
pub const DEFAULT_RETRY_AFTER_SECS: u64 = 30;

/// Maps an upstream error that is not specific to the calling route.
pub fn map_error(e: FanslyError) -> ApiError {
    match e {
        FanslyError::BadCredentials { details } => ApiError::bad_request(
            "Invalid Fansly credentials: Fansly rejected the username or password",
        )
        .with_cause(details),
        FanslyError::BadTwofaCode { details } => {
            ApiError::bad_request("Invalid verification code").with_cause(details)
        }
        FanslyError::SessionExpired => ApiError::unauthorized(
            "Fansly session is no longer valid — reconnect this account with POST /api/fansly/connect",
        ),
        FanslyError::RateLimited { retry_after } => {
            let secs = retry_after
                .map(|d: Duration| d.as_secs().max(1))
                .unwrap_or(DEFAULT_RETRY_AFTER_SECS);
            ApiError::too_many_requests(
                format!("Fansly is rate limiting this account; retry after {secs} seconds"),
                secs,
            )
        }
        // The gateway's own pacing of the account (no call was made): 429 with the time
        // until a slot frees up, like an upstream 429, so clients back off the same way.
        FanslyError::Paced { retry_after } => {
            let secs = retry_after.as_secs().max(1);
            ApiError::too_many_requests(
                format!(
                    "Too many requests to Fansly for this account: the gateway paces them; retry after {secs} seconds"
                ),
                secs,
            )
        }
        FanslyError::Rejected {
            status,
            code,
            details,
        } => {
            let gateway = match status {
                403 => StatusCode::FORBIDDEN,
                404 => StatusCode::NOT_FOUND,
                _ => StatusCode::BAD_REQUEST,
            };
            let message = if details.is_empty() {
                format!("Fansly rejected the request (HTTP {status})")
            } else {
                format!("Fansly rejected the request: {details}")
            };
            ApiError::new(gateway, message)
                .with_cause(format!("native status {status}, code {code:?}"))
        }
        FanslyError::Server { status } => {
            ApiError::bad_gateway(format!("Fansly upstream error (HTTP {status})"))
        }
        FanslyError::Timeout => {
            ApiError::new(StatusCode::GATEWAY_TIMEOUT, "Fansly did not answer in time")
        }
        FanslyError::Transport(cause) => {
            ApiError::bad_gateway("Could not reach Fansly").with_cause(cause)
        }
        FanslyError::Malformed(cause) => {
            ApiError::bad_gateway("Fansly sent a malformed response").with_cause(cause)
        }
    }
}

impl AppState {
    /// Maps an upstream error raised while acting as `account_id`: a dead session marks the
    /// account expired and answers 401 naming it.
    pub async fn upstream_error(
        &self,
        tenant: Tenant,
        account_id: &str,
        e: FanslyError,
    ) -> ApiError {
        if matches!(e, FanslyError::SessionExpired) {
            // A failed automatic re-login already recorded why (issue 14): keep it.
            if let Some(known) = crate::heal::known_state_error(self, tenant.0, account_id).await {
                return known;
            }
            if let Err(se) = self
                .store
                .set_account_status(tenant.0, account_id, AccountStatus::Expired)
                .await
            {
                tracing::error!(error = %se, "could not mark account expired");
            }
            crate::events::on_session_expired(self, tenant.0, account_id).await;
            return session_expired(account_id);
        }
        map_error(e)
    }
}

/// `result.or_upstream(&app, tenant, &account_id).await?` — maps an upstream failure of a
/// call made as that account (a dead session marks it expired).
pub(crate) trait OrUpstream<T> {
    async fn or_upstream(
        self,
        app: &AppState,
        tenant: Tenant,
        account_id: &str,
    ) -> Result<T, ApiError>;
}

impl<T> OrUpstream<T> for Result<T, FanslyError> {
    async fn or_upstream(
        self,
        app: &AppState,
        tenant: Tenant,
        account_id: &str,
    ) -> Result<T, ApiError> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(app.upstream_error(tenant, account_id, e).await),
        }
    }
}
