//! Fansly's native REST surface under `/api/v1`: the route table, the gate every native
//! request passes (request log, faults, strict client check) and the fallback.

mod account;
mod auth;
mod extract;
mod gate;
mod twofa;
mod views;

use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::control::ControlError;
use crate::envelope::NativeError;
use crate::sim::Simulator;

pub(crate) use gate::gate;

/// Path prefix of every native route.
pub(crate) const API_PREFIX: &str = "/api/v1";

pub(crate) fn router() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/device/id", get(auth::device_id))
        .route("/api/v1/login", post(auth::login))
        .route("/api/v1/login/twofa", post(auth::login_twofa))
        .route("/api/v1/session/close", post(auth::close_session))
        .route("/api/v1/twofa/session", post(twofa::send))
        .route("/api/v1/twofa/session/verify", post(twofa::verify))
        .route("/api/v1/account/me", get(account::me))
        .route("/api/v1/account", get(account::by_ids_or_usernames))
}

/// Unknown paths: under `/api/v1` a 401 without a live session, else a native 404;
/// elsewhere the control API's 404.
pub(crate) async fn fallback(uri: Uri, caller: Result<extract::Viewer, NativeError>) -> Response {
    if !is_native(uri.path()) {
        return ControlError::not_found("no such route").into_response();
    }
    match caller {
        Ok(_) => NativeError::not_found("not found").into_response(),
        Err(error) => error.into_response(),
    }
}

/// A known path with the wrong method: a native 405 under `/api/v1`, else the control one.
pub(crate) async fn method_not_allowed(uri: Uri) -> Response {
    if is_native(uri.path()) {
        NativeError::new(StatusCode::METHOD_NOT_ALLOWED, 405, "method not allowed").into_response()
    } else {
        ControlError::method_not_allowed().into_response()
    }
}

pub(crate) fn is_native(path: &str) -> bool {
    path.strip_prefix(API_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
