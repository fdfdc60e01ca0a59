//! Pagination at the boundary (route-map §0.3 "+C" and §0.5): parsing a client's `cursor`
//! for a route's cursor kind, computing the next cursor, and writing it to every place
//! existing clients read it — `data.nextCursor`, `data.data.nextCursor`, and (when
//! `response` is an object) `response.cursor` and `response.nextCursor`. `null` on the
//! last page.

use axum::http::StatusCode;
use axum::response::Response;
use fansly_client::NativeBody;
use serde_json::Value;

use super::envelope;
use super::error::ApiError;

/// How a route's native side pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorKind {
    /// Snowflake `before=<id>`: the cursor is the id of the last (oldest) item returned.
    Id,
    /// `limit` + `offset`: the cursor is the next offset.
    Offset,
    /// `after=<sortId>` (list items): the cursor is the last item's sort id.
    Sort,
}

/// A client's cursor, checked for the route's kind: `None` on the first page. Empty
/// strings, `null`, `0` (for id cursors) count as "first page". Anything that does not parse
/// is a 400 before any upstream call.
pub fn parse_cursor(raw: Option<&str>, kind: CursorKind) -> Result<Option<String>, ApiError> {
    // Absent (an empty query value is absent too, `http::query`); a blank one was sent.
    let Some(raw) = raw.map(str::trim) else {
        return Ok(None);
    };
    if raw == "null" || raw == "undefined" {
        return Ok(None);
    }
    if raw.is_empty() || raw.len() > 20 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        let rule = match kind {
            CursorKind::Id => "the id of the last item of the previous page (digits)",
            CursorKind::Offset => "a non-negative integer offset",
            CursorKind::Sort => "the sort id of the last item of the previous page (digits)",
        };
        return Err(ApiError::bad_request(format!("cursor must be {rule}")));
    }
    if kind != CursorKind::Offset && raw.bytes().all(|b| b == b'0') {
        return Ok(None);
    }
    // Ids and sort ids are 63-bit (snowflakes): a longer number is past every item, which
    // the largest id says the same way (`before` it: from the newest; `after` it: nothing),
    // in a form Fansly reads (it refuses a number that does not fit).
    if kind != CursorKind::Offset && raw.parse::<i64>().is_err() {
        return Ok(Some(i64::MAX.to_string()));
    }
    Ok(Some(raw.to_owned()))
}

/// The largest `offset` the gateway accepts (and the document states): Fansly reads offsets as
/// signed 64-bit integers, so a larger one would only come back as Fansly's own 400.
pub const MAX_OFFSET: u64 = i64::MAX as u64;

/// An `offset` query value: an integer from 0 to [`MAX_OFFSET`]; anything else is a 400
/// naming the field and the rule.
pub fn offset_value(raw: Option<&str>) -> Result<u64, ApiError> {
    let Some(raw) = raw.map(str::trim) else {
        return Ok(0);
    };
    let digits = raw.strip_prefix('+').unwrap_or(raw);
    match digits.parse::<u64>() {
        Ok(o) if o <= MAX_OFFSET && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(o),
        _ => Err(ApiError::bad_request(format!(
            "offset must be an integer from 0 to {MAX_OFFSET} (got `{raw}`)"
        ))),
    }
}

/// The offset a client's `cursor` stands for (0 on the first page).
pub fn parse_offset(raw: Option<&str>) -> Result<u64, ApiError> {
    Ok(parse_cursor(raw, CursorKind::Offset)?
        // Any cursor of up to 20 digits is documented as valid; one past the largest offset
        // Fansly reads is past the end of every list, so it is that offset: an empty page.
        .map(|s| s.parse::<u64>().unwrap_or(u64::MAX).min(MAX_OFFSET))
        .unwrap_or(0))
}

/// Next id/sort cursor: the `field` of the last item, when the page was full.
pub fn next_from_last(items: &[Value], page_size: usize, field: &str) -> Option<String> {
    if page_size == 0 || items.len() < page_size {
        return None;
    }
    items.last().and_then(|i| match i.get(field)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Next offset cursor, when the page was full.
pub fn next_offset(offset: u64, returned: usize, limit: usize) -> Option<String> {
    (limit > 0 && returned >= limit).then(|| (offset + returned as u64).to_string())
}

/// `data` of a proxied page (shape **P**) with `next` in every place clients read a cursor.
/// Routes that add flat fields beside it build on this; the rest use [`proxied_page`].
pub fn paged_data(native_status: u16, native_body: Value, next: Option<String>) -> Value {
    let cursor = next.map_or(Value::Null, Value::String);
    let mut body = NativeBody::from(native_body);
    add_cursor(&mut body, &cursor);
    serde_json::json!({ "status_code": native_status, "data": body.into_value(), "nextCursor": cursor })
}

/// A proxied answer (shape **P**) carrying `next` in every place clients read a cursor. A
/// body passed on unread gets its cursors written into its text
/// ([`NativeBody::set_members`]) and is copied into the answer as that text.
pub fn proxied_page(
    status: StatusCode,
    native_status: u16,
    native_body: impl Into<NativeBody>,
    next: Option<String>,
) -> Response {
    let cursor = next.map_or(Value::Null, Value::String);
    let mut body = native_body.into();
    add_cursor(&mut body, &cursor);
    let cursor_json = cursor.to_string();
    let code = native_status.to_string();
    envelope::proxied_members(
        status,
        body,
        &[("nextCursor", &cursor_json), ("status_code", &code)],
    )
}

/// Writes `cursor` as `response.cursor`, `response.nextCursor` (when `response` is an
/// object) and `nextCursor` (when the body is an object).
fn add_cursor(body: &mut NativeBody, cursor: &Value) {
    body.set_members(
        &[("cursor", cursor), ("nextCursor", cursor)],
        &[("nextCursor", cursor)],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cursors_parse_per_kind() {
        assert_eq!(parse_cursor(None, CursorKind::Id).unwrap(), None);
        // A blank value was sent (an empty one never gets here: `http::query` drops it).
        assert!(parse_cursor(Some(" "), CursorKind::Id).is_err());
        assert_eq!(parse_cursor(Some("0"), CursorKind::Id).unwrap(), None);
        assert_eq!(
            parse_cursor(Some("123"), CursorKind::Id)
                .unwrap()
                .as_deref(),
            Some("123")
        );
        assert!(parse_cursor(Some("abc"), CursorKind::Id).is_err());
        // Past every id (found by schemathesis: Fansly refused `before=21318708277630339420`).
        for kind in [CursorKind::Id, CursorKind::Sort] {
            for past in [
                "9223372036854775808",
                "21318708277630339420",
                "99999999999999999999",
            ] {
                assert_eq!(
                    parse_cursor(Some(past), kind).unwrap().as_deref(),
                    Some("9223372036854775807"),
                    "{past}"
                );
            }
        }
        assert!(parse_cursor(Some("-1"), CursorKind::Offset).is_err());
        assert_eq!(parse_offset(Some("25")).unwrap(), 25);
        assert_eq!(parse_offset(None).unwrap(), 0);
        for past in [
            "9223372036854775808",
            "59030321130512538825",
            "99999999999999999999",
        ] {
            assert_eq!(parse_offset(Some(past)).unwrap(), MAX_OFFSET, "{past}");
        }
        assert_eq!(
            offset_value(Some("9223372036854775807")).unwrap(),
            MAX_OFFSET
        );
        for bad in ["9223372036854775808", "-1", "1.5", "+-1", "x"] {
            assert!(
                offset_value(Some(bad))
                    .unwrap_err()
                    .message
                    .contains("offset"),
                "{bad}"
            );
        }
    }

    #[test]
    fn paged_data_places_the_cursor_everywhere() {
        let d = paged_data(
            200,
            json!({"success": true, "response": {"subscriptions": []}}),
            Some("100".into()),
        );
        assert_eq!(d["nextCursor"], "100");
        assert_eq!(d["data"]["nextCursor"], "100");
        assert_eq!(d["data"]["response"]["cursor"], "100");
        assert_eq!(d["data"]["response"]["nextCursor"], "100");
        let d = paged_data(200, json!({"success": true, "response": []}), None);
        assert_eq!(d["nextCursor"], Value::Null);
        assert_eq!(d["data"]["response"], json!([]));
    }

    #[test]
    fn next_cursors() {
        let items = vec![json!({"id": "5"}), json!({"id": "3"})];
        assert_eq!(next_from_last(&items, 2, "id").as_deref(), Some("3"));
        assert_eq!(next_from_last(&items, 3, "id"), None);
        assert_eq!(next_offset(25, 25, 25).as_deref(), Some("50"));
        assert_eq!(next_offset(25, 3, 25), None);
    }
}
