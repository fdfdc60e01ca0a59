//! The web console (issue 13): server-rendered pages under `/console`, served by the gateway
//! itself (docs/CONSOLE.md).
//!
//! - **No second path to the data.** Every tenant page reads and writes through the REST API
//!   in process (`rest.rs`, like the MCP tools): one request into the layered REST router with
//!   the session's tenant in its extensions, so validation, tenancy (403/404), rate limits,
//!   credits and the request log are the REST ones. The few things no REST route shows (an
//!   account's last use; the live event view) are read with the same tenant-scoped `Store`
//!   calls and ownership checks the routes use. Operators manage API keys with the store calls
//!   the `keys` CLI uses.
//! - **Sessions** (`session.rs`): a random 256-bit token in an HttpOnly, SameSite=Strict cookie
//!   (Secure under TLS), stored only as its SHA-256 (migration 0014), ending at expiry, at
//!   sign-out, or when its API key or operator is revoked.
//! - **CSRF** (`forms.rs`): every POST carries a token derived from the session token and is
//!   refused (403) without it, before its fields are read.
//! - **Pages**, one file per page family: `accounts.rs`, `connect.rs`, `webhooks.rs`,
//!   `live.rs`, `logs.rs`, `usage.rs`, `keys.rs`; the frame and security headers in
//!   `layout.rs`; the stylesheet and the one small script in `assets.rs`.

mod accounts;
mod assets;
pub mod cli;
mod connect;
mod error;
mod forms;
mod keys;
mod layout;
mod limiter;
mod live;
mod logs;
mod rest;
mod session;
mod signin;
mod usage;
mod webhooks;

use std::sync::Arc;

use axum::Router;
use axum::middleware::from_fn;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::state::AppState;

pub use limiter::SignInLimiter;
pub use session::SESSION_COOKIE;

/// What every console handler shares: the REST router it calls in process, the sign-in
/// limiter and the connects waiting for a 2FA code.
#[derive(Clone)]
pub struct Console {
    inner: Arc<Inner>,
}

struct Inner {
    rest: Router,
    signin: SignInLimiter,
    pending: connect::PendingLogins,
}

impl Console {
    fn new(rest: Router) -> Self {
        Self {
            inner: Arc::new(Inner {
                rest,
                signin: SignInLimiter::default(),
                pending: connect::PendingLogins::default(),
            }),
        }
    }
}

/// The console's routes; `rest` is the layered REST router the pages call in process.
pub fn router(rest: Router) -> Router<AppState> {
    let console = Console::new(rest);
    Router::new()
        .route("/console", get(home))
        .route("/console/", get(home))
        .route("/console/sign-in", get(signin::form).post(signin::submit))
        .route("/console/sign-out", post(signin::sign_out))
        .route("/console/assets/console.css", get(assets::css))
        .route("/console/assets/console.js", get(assets::js))
        .route("/console/accounts", get(accounts::list))
        .route(
            "/console/accounts/connect",
            get(connect::form).post(connect::submit),
        )
        .route("/console/accounts/verify", post(connect::verify))
        .route("/console/accounts/{account_id}", get(accounts::show))
        .route(
            "/console/accounts/{account_id}/proxy",
            post(accounts::set_proxy),
        )
        .route(
            "/console/accounts/{account_id}/otp/send",
            post(accounts::otp_send),
        )
        .route(
            "/console/accounts/{account_id}/otp/verify",
            post(accounts::otp_verify),
        )
        .route(
            "/console/accounts/{account_id}/disconnect",
            get(accounts::confirm_disconnect).post(accounts::disconnect),
        )
        .route(
            "/console/webhooks",
            get(webhooks::list).post(webhooks::create),
        )
        .route("/console/webhooks/{id}", get(webhooks::show))
        .route(
            "/console/webhooks/{id}/enabled",
            post(webhooks::set_enabled),
        )
        .route("/console/webhooks/{id}/rotate", post(webhooks::rotate))
        .route("/console/webhooks/{id}/test", post(webhooks::send_test))
        .route(
            "/console/webhooks/{id}/deliveries/{delivery_id}/redeliver",
            post(webhooks::redeliver),
        )
        .route("/console/live", get(live::page))
        .route("/console/live/stream", get(live::stream))
        .route("/console/logs", get(logs::page))
        .route("/console/usage", get(usage::page))
        .route("/console/keys", get(keys::list).post(keys::create))
        .route("/console/keys/{id}/revoke", post(keys::revoke))
        .route("/console/keys/{id}/plan", post(keys::set_plan))
        .layer(axum::Extension(console))
        .layer(from_fn(layout::security_headers))
}

/// `/console`: the signed-in principal's first page, or the sign-in form.
async fn home(session: Option<session::Signed>) -> Response {
    match session.map(|s| s.principal) {
        Some(gateway_store::console::ConsolePrincipal::Operator { .. }) => {
            Redirect::to("/console/keys").into_response()
        }
        Some(_) => Redirect::to("/console/accounts").into_response(),
        None => Redirect::to("/console/sign-in").into_response(),
    }
}
