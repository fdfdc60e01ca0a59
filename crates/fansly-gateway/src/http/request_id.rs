//! Request ids: one per request, taken from a sane incoming `x-request-id` or minted, echoed
//! on the response, and reachable from anywhere in the request's task (error bodies and
//! log lines use it).

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use rand::Rng;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being handled, or `"-"` outside a request.
pub fn current() -> String {
    REQUEST_ID
        .try_with(|id| id.clone())
        .unwrap_or_else(|_| "-".to_owned())
}

fn mint() -> String {
    let n: u64 = rand::thread_rng().r#gen();
    format!("req_{n:016x}")
}

fn acceptable(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub async fn middleware(req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| acceptable(v))
        .map(str::to_owned)
        .unwrap_or_else(mint);
    let header = HeaderValue::from_str(&id).ok();
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path());
    let mut res = REQUEST_ID
        .scope(id, tracing::Instrument::instrument(next.run(req), span))
        .await;
    if let Some(h) = header {
        res.headers_mut().insert("x-request-id", h);
    }
    res
}
