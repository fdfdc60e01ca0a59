//! Answers for requests no handler takes: unknown routes (`404 Cannot {METHOD} {path}`, the
//! wording existing ApiFansly clients recognise as "route missing"), a known path with the
//! wrong method (405, same wording, plus `Allow`), and a panicking handler (an opaque 500).

use std::any::Any;

use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

pub async fn not_found(method: Method, uri: Uri) -> Response {
    ApiError::not_found(format!("Cannot {method} {}", uri.path())).into_response()
}

/// Installed with `Router::method_not_allowed_fallback`; axum adds the `Allow` header.
pub async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Cannot {method} {}", uri.path()),
    )
    .into_response()
}

pub fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "unknown panic".to_owned());
    ApiError::internal(format!("handler panicked: {detail}")).into_response()
}
