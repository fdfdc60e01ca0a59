//! The gate in front of every native request: it logs the request, fires an armed fault
//! and, in strict mode, checks `fansly-client-check` (all but `/device/id`).

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::is_native;
use crate::check::client_check;
use crate::envelope::NativeError;
use crate::reqlog::LoggedRequest;
use crate::sim::Simulator;

const UNCHECKED_PATH: &str = "/api/v1/device/id";

pub(crate) async fn gate(State(sim): State<Simulator>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if !is_native(&path) {
        return next.run(request).await;
    }
    sim.log_request(LoggedRequest::capture(
        request.method(),
        request.uri(),
        request.headers(),
    ));
    sim.tick();
    if let Some(fault) = sim.take_fault(&path) {
        return fault.into_response();
    }
    let config = sim.config();
    if config.strict_client_check
        && path != UNCHECKED_PATH
        && !check_passes(&config.check_key, &path, request.headers())
    {
        return NativeError::invalid_client_check().into_response();
    }
    next.run(request).await
}

/// `fansly-client-check` equals cyrb53(`checkKey_path_<fansly-client-id>`).
fn check_passes(check_key: &str, path: &str, headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let device_id = header("fansly-client-id").unwrap_or_default();
    header("fansly-client-check") == Some(client_check(check_key, path, device_id).as_str())
}
