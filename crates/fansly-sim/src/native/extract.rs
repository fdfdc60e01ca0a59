//! Extractors for native handlers: the authenticated [`Viewer`], the client IP, and JSON
//! bodies whose errors come back in the native envelope.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::envelope::NativeError;
use crate::json::parse_body;
use crate::sim::Simulator;

/// The caller behind the `authorization` header (a live session's raw token).
#[derive(Clone, Debug)]
pub(crate) struct Viewer {
    pub session_id: String,
    pub account_id: String,
}

impl FromRequestParts<Simulator> for Viewer {
    type Rejection = NativeError;

    async fn from_request_parts(parts: &mut Parts, sim: &Simulator) -> Result<Self, NativeError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(NativeError::unauthorized)?;
        let now = sim.now_ms();
        let caller = sim.world().authenticate(token, now)?;
        Ok(Self {
            session_id: caller.session_id,
            account_id: caller.account_id,
        })
    }
}

/// The peer IP; `127.0.0.1` when the router runs without connect info.
#[derive(Clone, Debug)]
pub(crate) struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "127.0.0.1".to_owned(), |info| info.0.ip().to_string());
        Ok(Self(ip))
    }
}

/// A JSON body (an empty body counts as `{}`); errors are native 400s naming the field.
pub(crate) struct NativeJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for NativeJson<T> {
    type Rejection = NativeError;

    async fn from_request(request: Request, state: &S) -> Result<Self, NativeError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| NativeError::bad_request(e.body_text()))?;
        parse_body(&bytes)
            .map(Self)
            .map_err(NativeError::bad_request)
    }
}
