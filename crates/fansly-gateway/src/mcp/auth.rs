//! The key check in front of `/mcp`: the same keys, cache and 401 envelope as the REST API,
//! with the key also accepted as `Authorization: Bearer <key>` (what MCP clients send).

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use gateway_store::TenantId;
use secrecy::SecretString;

use crate::http::ApiError;
use crate::state::AppState;

/// The authenticated caller of an `/mcp` request (a request extension, which rmcp hands to the
/// tools with the rest of the HTTP request's parts). The key is kept to make the in-process
/// REST calls with it; `SecretString` keeps it out of `Debug` output.
#[derive(Clone, Debug)]
pub struct Caller {
    pub tenant: TenantId,
    pub key: SecretString,
}

/// `x-api-key`, else the token of `Authorization: Bearer`.
fn presented(headers: &HeaderMap) -> Option<&str> {
    let api_key = headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty());
    api_key.or_else(|| {
        let v = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
        let (scheme, token) = v.split_once(' ')?;
        let token = token.trim();
        (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
    })
}

/// Middleware on `/mcp`: 401 (the REST envelope, with `WWW-Authenticate: Bearer`) unless the
/// request carries an active key; otherwise the [`Caller`] joins the request's extensions.
pub async fn require_key(State(app): State<AppState>, mut req: Request, next: Next) -> Response {
    let resolved = match presented(req.headers()) {
        None => Err(ApiError::unauthorized("Missing API key")),
        Some(key) => match app.keys.resolve(key).await {
            Ok(Some(tenant)) => Ok(Caller {
                tenant,
                key: SecretString::from(key.to_owned()),
            }),
            Ok(None) => Err(ApiError::unauthorized("Invalid API key")),
            Err(e) => Err(e),
        },
    };
    match resolved {
        Ok(caller) => {
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Err(e) => {
            let mut res = e.into_response();
            if res.status() == axum::http::StatusCode::UNAUTHORIZED {
                res.headers_mut().insert(
                    axum::http::header::WWW_AUTHENTICATE,
                    axum::http::HeaderValue::from_static("Bearer"),
                );
            }
            res
        }
    }
}
