//! The ApiFansly response envelope `{statusCode, message, data, timestamp}` and its two
//! common payload shapes: flat (`data` holds fields) and proxied (`data.status_code` +
//! `data.data` = the native Fansly body). See docs/API-DESIGN.md.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
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

/// A success envelope with `statusCode` equal to the HTTP status.
pub fn ok(status: StatusCode, message: &str, data: Value) -> Response {
    let body = json!({
        "statusCode": status.as_u16(),
        "message": message,
        "data": data,
        "timestamp": timestamp(OffsetDateTime::now_utc()),
    });
    (status, Json(body)).into_response()
}

/// A proxied success (route-map §0.3 shape **P**): `data = {status_code, data: <native body>}`.
pub fn proxied(status: StatusCode, native_status: u16, native_body: Value) -> Response {
    ok(
        status,
        "Success",
        json!({ "status_code": native_status, "data": native_body }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_has_millisecond_precision_and_z() {
        assert_eq!(timestamp_ms(1_770_311_171_491), "2026-02-05T17:06:11.491Z");
        assert_eq!(timestamp_ms(0), "1970-01-01T00:00:00.000Z");
    }
}
