//! Application assembly: the router with its layers (request id → key → body limits, then
//! per route `http::edge`), and serving with graceful shutdown. The shared state lives in
//! `crate::state`.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::serve::ListenerExt as _;
use tokio::net::TcpListener;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::http::auth;
use crate::http::{edge, fallback, request_id};
use crate::routes;
use crate::state::AppState;

/// The whole HTTP surface. Around the whole router, once per request: request id → key
/// identification → body timeout and size limit. After routing, around each route, one
/// middleware (`http::edge::per_route`): request log and metrics (`observe::track`) → rate
/// limit and credits (`limits`) → re-login on a dead session (`heal`) → panic catcher →
/// routes and fallbacks. Every `/api/fansly` route is wrapped in `http::account::gate` (key →
/// account ownership → `fresh`) before its handler runs. `/mcp` (the MCP server, `crate::mcp`)
/// sits behind the same layers; its tools call a second copy of this router without `/mcp` in
/// process, and so do the pages of the web console (`/console`, `crate::console`).
pub fn router(state: AppState) -> Router {
    let rest = layered(state.clone(), Router::new());
    let mcp = crate::mcp::router(&state, rest.clone());
    let console = crate::console::router(rest);
    layered(state, mcp.merge(console))
}

/// The routes plus `extra`, with every layer.
fn layered(state: AppState, extra: Router<AppState>) -> Router {
    let api = routes::router().route_layer(from_fn_with_state(
        state.clone(),
        crate::http::account::gate,
    ));
    let routes = Router::new()
        .nest("/api/fansly", api)
        .merge(crate::observe::router())
        .merge(crate::openapi::router())
        .merge(extra)
        .fallback(fallback::not_found)
        .method_not_allowed_fallback(fallback::method_not_allowed)
        .layer(from_fn_with_state(state.clone(), edge::per_route))
        .with_state(state.clone());
    with_boundary(routes, state)
}

/// What wraps the whole router once, before routing: the request id, the key check (the
/// tenant goes into the request's extensions), and the body limits. A body that pauses longer
/// than `body_idle_timeout` fails to read (the extractors answer 408); `JsonLimit` lets
/// `ApiJson` refuse a declared length above the limit at once. These wrap the router as one
/// service rather than through `Router::layer`, which would wrap (and clone, per request)
/// every route separately (see `http::edge`).
fn with_boundary(routes: Router, state: AppState) -> Router {
    let limit = state.settings.json_body_limit;
    let body_idle = state.settings.connections.body_idle_timeout;
    let service = tower::ServiceBuilder::new()
        .layer(from_fn(request_id::middleware))
        .layer(from_fn_with_state(state, auth::identify))
        .layer(RequestBodyTimeoutLayer::new(body_idle))
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::Extension(crate::http::json::JsonLimit(limit)))
        .service(routes);
    Router::new().fallback_service(service)
}

/// Loads the key snapshot, starts the background tasks, and serves (HTTPS when
/// `settings.tls` is set) until `shutdown` resolves; then shuts down gracefully:
///
/// 1. at the signal: the listening socket closes (new connections are refused), idle
///    keep-alive connections close, and the webhook engine starts no new attempt;
/// 2. requests in flight finish, and so do webhook attempts in flight, both bounded by one
///    deadline, `settings.shutdown_grace` after the signal (what is left then is cut off; an
///    unfinished webhook attempt stays pending and is retried after the next start);
/// 3. the event sockets, the heartbeat, the upload sweep and the key refresher stop, and the
///    process leaves the cluster: its leases go to the others at once, its unfinished uploads
///    are failed by the others' next sweep (by the next start when alone), and its spool
///    directory goes if empty;
/// 4. the shutdown hooks run (see the marked spot below), the serving threads end
///    (`serving::threads`), and `serve` returns `Ok`.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let tls = match &state.settings.tls {
        Some(files) => Some(files.load().map_err(std::io::Error::other)?),
        None => None,
    };
    state
        .keys
        .refresh()
        .await
        .map_err(|e| std::io::Error::other(format!("loading API keys: {e}")))?;
    crate::upstream_care::route_all(&state).await;
    crate::uploads::orphans::recover(&state).await;
    let limits = crate::limits::start(&state)
        .await
        .map_err(|e| std::io::Error::other(format!("loading key plans and usage: {e}")))?;
    // ── Background tasks: start them here, stop them in the shutdown part below. ──
    // The first heartbeat before anything shares work out, so it counts this process.
    if let Err(e) = state.cluster.beat(&state).await {
        tracing::warn!(error = %e, "cluster: recording the first heartbeat failed");
    }
    let heartbeat = crate::cluster::spawn(&state);
    let upload_sweep = crate::uploads::orphans::spawn(&state);
    let shared_limits = crate::limits::shared::spawn(&state);
    let refresher = state.keys.spawn_refresher(state.settings.key_refresh);
    let request_log = crate::observe::request_log::start(&state);
    let engine = crate::webhooks::engine::start(&state);
    crate::events::leases::first(&state).await;
    let socket_leases = crate::events::leases::spawn(&state);
    let cluster_app = state.clone();
    let health_check = crate::heal::health::start(&state);
    let events = Arc::clone(&state.events);
    let grace = state.settings.shutdown_grace;

    // The signal, fanned out: `axum::serve` stops accepting, the engine stops starting
    // attempts, and the drain deadline starts.
    let (signalled_tx, mut signalled) = tokio::sync::watch::channel(None::<Instant>);
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing requests and webhook attempts in flight");
        let _ = signalled_tx.send(Some(Instant::now()));
    };
    let conns = state.settings.connections.clone();
    let stats = Arc::clone(&state.observe.connections);
    let app = router(state);
    let tcp = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let capped = crate::serving::Capped::new(tcp, conns.max_connections, stats);
    let (serving, http) = crate::serving::threads::start(capped, app, &conns, tls, signal)?;
    let drained = async {
        let at = signalled
            .wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|at| *at);
        let Some(at) = at else {
            // The signal never came (serving ended on its own).
            return std::future::pending().await;
        };
        engine.begin_stop();
        tokio::time::sleep_until((at + grace).into()).await;
        at
    };
    let result = tokio::select! {
        r = http => r,
        _ = drained => {
            tracing::warn!(
                grace_s = grace.as_secs(),
                "shutdown deadline reached: requests still in flight were cut off"
            );
            Ok(())
        }
    };
    let signalled_at = *signalled.borrow();
    let deadline = signalled_at.map_or_else(Instant::now, |at| at + grace);
    engine
        .stop(deadline.saturating_duration_since(Instant::now()))
        .await;
    if let Some(task) = socket_leases {
        task.abort();
    }
    events.stop_all();
    if let Some(task) = heartbeat {
        task.abort();
    }
    if let Some(task) = upload_sweep {
        task.abort();
    }
    crate::cluster::leave(&cluster_app).await;
    crate::uploads::orphans::leave(&cluster_app).await;
    refresher.abort();
    if let Some(task) = health_check {
        task.abort();
    }
    // ── Shutdown hooks: requests have finished (or were cut off) and no webhook attempt
    // runs any more. Flush buffered state here (request log writer, usage counters, …),
    // before `serve` returns and the process exits. ──
    request_log.stop().await;
    if let Some(task) = shared_limits {
        task.abort();
    }
    limits.stop().await;
    // Last: database connections opened while serving are driven by the serving threads.
    if let Some(threads) = serving {
        threads.stop().await;
    }
    tracing::info!("stopped serving");
    result
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_answers_an_opaque_500_envelope() {
        async fn boom() -> &'static str {
            panic!("secret detail")
        }
        let state = AppState::for_test().await;
        let routes = Router::new()
            .route("/boom", get(boom))
            .layer(from_fn_with_state(state.clone(), edge::per_route))
            .with_state(state.clone());
        let app = with_boundary(routes, state);
        let res = app
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let rid = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["statusCode"], 500);
        assert_eq!(v["error"], "Internal Server Error");
        assert_eq!(v["data"], serde_json::Value::Null);
        let msg = v["message"].as_str().unwrap();
        assert!(msg.contains(&rid), "{msg}");
        assert!(!msg.contains("secret detail"), "{msg}");
    }
}
