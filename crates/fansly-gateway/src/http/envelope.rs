//! The ApiFansly response envelope `{statusCode, message, data, timestamp}` and its two
//! common payload shapes: flat (`data` holds fields) and proxied (`data.status_code` +
//! `data.data` = the native Fansly body). See docs/API-DESIGN.md.

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fansly_client::NativeBody;
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

pub fn ok(status: StatusCode, message: &str, data: Value) -> Response {
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

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
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
/// `data`, each with its JSON text). An unchanged native body is copied into the answer as
/// its text, in one buffer sized for it; a changed one is serialised.
pub fn proxied_members(status: StatusCode, native: NativeBody, more: &[(&str, &str)]) -> Response {
    let Some(raw) = native.raw() else {
        let mut data = serde_json::Map::new();
        data.insert("data".to_owned(), native.into_value());
        for (k, v) in more {
            data.insert(
                (*k).to_owned(),
                serde_json::from_str(v).unwrap_or(Value::Null),
            );
        }
        return ok(status, "Success", Value::Object(data));
    };
    let ts = timestamp(OffsetDateTime::now_utc());
    // Room for all of it: growing the buffer at the end copied a large answer once more.
    let more_len: usize = more.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let mut out = Vec::with_capacity(raw.len() + more_len + ENVELOPE_OVERHEAD);
    out.extend_from_slice(b"{\"data\":{\"data\":");
    out.extend_from_slice(raw.as_bytes());
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
    json_response(status, out)
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
            let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .unwrap();
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
