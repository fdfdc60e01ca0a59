//! The ApiFansly response envelope `{statusCode, message, data, timestamp}` and its two
//! common payload shapes: flat (`data` holds fields) and proxied (`data.status_code` +
//! `data.data` = the native Fansly body). See docs/API-DESIGN.md.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fansly_client::NativeBody;
use http_body::{Frame, SizeHint};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::format_description;

/// ISO-8601 UTC with exactly three fractional digits, e.g. `2026-02-05T17:06:11.491Z`.
pub fn timestamp(at: OffsetDateTime) -> String {
    let fmt =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    at.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_owned())
}

/// ISO-8601 form of a Unix-milliseconds value.
pub fn timestamp_ms(ms: i64) -> String {
    let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    timestamp(at)
}

/// The envelope, serialized straight from borrowed parts (no intermediate JSON tree). Fields
/// are in the order a `json!` map gives them (sorted), so the bytes are the same as before.
#[derive(serde::Serialize)]
struct Envelope<'a, T: serde::Serialize> {
    data: T,
    message: &'a str,
    #[serde(rename = "statusCode")]
    status_code: u16,
    timestamp: String,
}

pub fn ok(status: StatusCode, message: &str, data: impl serde::Serialize) -> Response {
    respond(status, message, data)
}

fn respond<T: serde::Serialize>(status: StatusCode, message: &str, data: T) -> Response {
    let body = Envelope {
        data,
        message,
        status_code: status.as_u16(),
        timestamp: timestamp(OffsetDateTime::now_utc()),
    };
    let mut buf = Vec::with_capacity(256);
    match serde_json::to_writer(&mut buf, &body) {
        Ok(()) => json_response(status, buf),
        // Not reachable with JSON values (their keys are strings); answered like `Json` does.
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn json_response(status: StatusCode, body: impl IntoResponse) -> Response {
    (
        status,
        [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body,
    )
        .into_response()
}

/// A proxied success (route-map §0.3 shape **P**): `data = {status_code, data: <native body>}`.
/// A [`NativeBody`] still as Fansly sent it is written as that text ([`proxied_members`]).
pub fn proxied(
    status: StatusCode,
    native_status: u16,
    native_body: impl Into<NativeBody>,
) -> Response {
    let body = native_body.into();
    let code = native_status.to_string();
    proxied_members(status, body, &[("status_code", &code)])
}

/// The envelope's own bytes around a proxied answer: `{"data":{"data":` … `},"message":
/// "Success","statusCode":200,"timestamp":"2026-12-02T18:00:00.000Z"}` is 94; with room.
const ENVELOPE_OVERHEAD: usize = 128;

/// A success whose `data` is `{"data": <native body>, …more}` (`more`: keys sorted after
/// `data`, each with its JSON text). An unchanged native body is sent as its text, between
/// the envelope's head and tail, without being copied (issue 16: copying a 125 KB page into
/// a new buffer was 7 % of a proxied `/chats`' CPU, and zeroing the buffer's fresh pages 4 %
/// more); a changed one is serialised.
pub fn proxied_members(status: StatusCode, native: NativeBody, more: &[(&str, &str)]) -> Response {
    let text = match native.into_text_or_value() {
        Ok(text) => text,
        Err(value) => {
            let mut data = serde_json::Map::new();
            data.insert("data".to_owned(), value);
            for (k, v) in more {
                data.insert(
                    (*k).to_owned(),
                    serde_json::from_str(v).unwrap_or(Value::Null),
                );
            }
            return ok(status, "Success", Value::Object(data));
        }
    };
    let ts = timestamp(OffsetDateTime::now_utc());
    let more_len: usize = more.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let mut out = Vec::with_capacity(more_len + ENVELOPE_OVERHEAD);
    for (k, v) in more {
        out.push(b',');
        // The keys are ours (plain ASCII names); the values are JSON text.
        let _ = serde_json::to_writer(&mut out, k);
        out.push(b':');
        out.extend_from_slice(v.as_bytes());
    }
    out.extend_from_slice(b"},\"message\":\"Success\",\"statusCode\":");
    out.extend_from_slice(status.as_u16().to_string().as_bytes());
    out.extend_from_slice(b",\"timestamp\":");
    let _ = serde_json::to_writer(&mut out, &ts);
    out.push(b'}');
    let body = Chunks::new([
        Bytes::from_static(b"{\"data\":{\"data\":"),
        Bytes::from(text),
        Bytes::from(out),
    ]);
    json_response(status, Body::new(body))
}

/// A body of a few chunks of known total length: hyper declares it as `Content-Length` and
/// writes the chunks with one vectored write. (`http-body-util` has one-chunk and streamed
/// bodies, but none of several chunks with an exact size.)
struct Chunks<const N: usize> {
    rest: std::array::IntoIter<Bytes, N>,
    len: u64,
}

impl<const N: usize> Chunks<N> {
    fn new(chunks: [Bytes; N]) -> Self {
        let len = chunks.iter().map(|c| c.len() as u64).sum();
        Chunks {
            rest: chunks.into_iter(),
            len,
        }
    }
}

impl<const N: usize> http_body::Body for Chunks<N> {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let next = self.rest.next();
        if let Some(chunk) = &next {
            self.len -= chunk.len() as u64;
        }
        Poll::Ready(next.map(|chunk| Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.len == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.len)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The serialized envelope has the bytes the `json!` form had (sorted keys).
    #[tokio::test]
    async fn envelopes_keep_their_exact_bytes() {
        let native = json!({"success": true, "response": {"b": 1, "a": [true, null]}});
        let res = proxied(StatusCode::OK, 200, native.clone());
        assert_eq!(res.headers()["content-type"], "application/json");
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let v: Value = serde_json::from_slice(&body).unwrap();
        let expected = json!({
            "statusCode": 200,
            "message": "Success",
            "data": {"status_code": 200, "data": native},
            "timestamp": v["timestamp"],
        });
        assert_eq!(body, serde_json::to_vec(&expected).unwrap());
    }

    /// Issue 16: a native body passed on unread is written as its text, in the same envelope
    /// bytes the serialised path writes (for text that is compact with sorted keys, both are
    /// the same bytes), and a changed one is serialised.
    #[tokio::test]
    async fn a_native_body_passed_on_is_written_as_its_text() {
        let text = r#"{"response":{"a":[true,null],"b":1},"success":true}"#;
        let raw = NativeBody::from_json(text.as_bytes().to_vec()).unwrap();
        let mut changed = raw.clone();
        changed["response"]["c"] = json!(2);
        for (body, native) in [
            (raw, serde_json::from_str::<Value>(text).unwrap()),
            (changed.clone(), changed.into_value()),
        ] {
            let res = proxied(StatusCode::CREATED, 200, body);
            assert_eq!(res.status(), StatusCode::CREATED);
            // The length is declared (hyper sends it as `Content-Length`, the log counts it).
            let declared = http_body::Body::size_hint(res.body()).exact();
            let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .unwrap();
            assert_eq!(declared, Some(bytes.len() as u64));
            let v: Value = serde_json::from_slice(&bytes).unwrap();
            let expected = json!({
                "statusCode": 201,
                "message": "Success",
                "data": {"status_code": 200, "data": native},
                "timestamp": v["timestamp"],
            });
            assert_eq!(bytes, serde_json::to_vec(&expected).unwrap());
        }
    }

    #[test]
    fn timestamp_has_millisecond_precision_and_z() {
        assert_eq!(timestamp_ms(1_770_311_171_491), "2026-02-05T17:06:11.491Z");
        assert_eq!(timestamp_ms(0), "1970-01-01T00:00:00.000Z");
    }
}
