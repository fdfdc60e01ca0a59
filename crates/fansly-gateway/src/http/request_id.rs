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
    id_of(rand::thread_rng().r#gen())
}

/// `req_` and `n` as 16 lowercase hex digits, without the formatting machinery (hot path).
fn id_of(n: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(20);
    id.push_str("req_");
    id.extend(
        (0..16)
            .rev()
            .map(|i| char::from(HEX[(n >> (i * 4)) as usize & 0xf])),
    );
    id
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minted_id_is_req_and_sixteen_hex_digits() {
        for n in [0, 1, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, u64::MAX] {
            assert_eq!(id_of(n), format!("req_{n:016x}"));
        }
        let id = mint();
        assert!(acceptable(&id) && id.len() == 20, "{id}");
    }
}
