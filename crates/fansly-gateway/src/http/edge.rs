//! The one middleware every route runs inside, after routing: request log and metrics
//! (`observe::track`, which needs the matched route template) → rate limit and credits
//! (`limits::admit`) → re-login on a dead session (`heal::renewing`) → panic catcher → the
//! route.
//!
//! Why one function and not four layers: axum applies a `Router::layer` to every route
//! separately, and a route is a boxed service that is cloned on each request, with everything
//! inside it, at every level of layering. With eight levels (five `from_fn` layers, the panic
//! catcher, the body timeout and limit) that was about 90 boxed-service clones and a boxed
//! future per level on every request — 10 % of a proxied read's instructions (issue 16,
//! docs/PERFORMANCE.md). The steps are plain async functions that take the rest of the chain
//! as a closure, so running them in sequence here costs nothing per step. What needs no route
//! (the request id, the key check, the body limits) wraps the whole router once, in `app.rs`.

use std::panic::AssertUnwindSafe;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::FutureExt as _;

use crate::http::fallback;
use crate::state::AppState;

/// See the module comment. The order is the order the steps run in.
pub async fn per_route(State(app): State<AppState>, req: Request, next: Next) -> Response {
    crate::observe::track(&app, req, |req| {
        crate::limits::admit(&app, req, |req| {
            crate::heal::renewing(&app, req, |req| catch_panic(next.run(req)))
        })
    })
    .await
}

/// A panic in a route becomes the opaque 500 envelope (`fallback::panic_response`), as
/// tower-http's `CatchPanicLayer` makes it; the steps outside still log and count it.
async fn catch_panic(route: impl Future<Output = Response>) -> Response {
    AssertUnwindSafe(route)
        .catch_unwind()
        .await
        .unwrap_or_else(fallback::panic_response)
}
