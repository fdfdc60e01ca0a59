//! The ApiFansly response envelope `{statusCode, message, data, timestamp}` and its two
//! common payload shapes: flat (`data` holds fields) and proxied (`data.status_code` +
//! `data.data` = the native Fansly body). See docs/API-DESIGN.md.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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

/// Shape **P**'s `data`, sorted like a `json!` map.
#[derive(serde::Serialize)]
struct Proxied {
    data: Value,
    status_code: u16,
}

/// A success envelope with `statusCode` equal to the HTTP status.
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
    (status, Json(body)).into_response()
}

/// A proxied success (route-map §0.3 shape **P**): `data = {status_code, data: <native body>}`.
pub fn proxied(status: StatusCode, native_status: u16, native_body: Value) -> Response {
    respond(
        status,
        "Success",
        Proxied {
            data: native_body,
            status_code: native_status,
        },
    )
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

    #[test]
    fn timestamp_has_millisecond_precision_and_z() {
        assert_eq!(timestamp_ms(1_770_311_171_491), "2026-02-05T17:06:11.491Z");
        assert_eq!(timestamp_ms(0), "1970-01-01T00:00:00.000Z");
    }
}
