//! Query strings, parsed by hand from `RawQuery` so every bad value becomes the gateway's own
//! 400 envelope naming the field (axum's `Query` rejection would be plain text). One rule for
//! every route: an empty value counts as absent (`allowEmptyValue` in the document), other
//! values are trimmed — so a value of only whitespace is not empty but blank, and a typed
//! parameter refuses it — and with a repeated name the first value counts.

use super::error::{ApiError, ApiResult};
use super::page::{self, CursorKind};

#[derive(Debug, Default)]
pub struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    pub fn parse(raw: Option<&str>) -> Self {
        Self(
            url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, trimmed; an empty value counts as absent. A value of only
    /// whitespace is `Some("")`: it was sent, and is not what the document calls empty (a
    /// boolean, integer, cursor or enum parameter refuses it with a 400).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .filter(|(_, v)| !v.is_empty())
            .map(|(_, v)| v.trim())
    }

    /// An integer parameter; anything else is a 400 naming it.
    pub fn integer(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.parse::<i64>().map(Some).map_err(|_| {
                ApiError::bad_request(format!("{name} must be an integer (got `{v}`)"))
            }),
        }
    }

    /// The `cursor` parameter, checked for the route's cursor kind.
    pub fn cursor(&self, kind: CursorKind) -> ApiResult<Option<String>> {
        page::parse_cursor(self.get("cursor"), kind)
    }

    /// An offset page position: `cursor`, or (where a route also takes it) `offset`; `cursor`
    /// wins when both are sent.
    /// A bad `offset` is refused even when `cursor` wins.
    pub fn offset(&self, offset_alias: bool) -> ApiResult<u64> {
        let cursor = self.get("cursor");
        let offset = if offset_alias {
            self.offset_param()?
        } else {
            0
        };
        if cursor.is_some() || !offset_alias {
            return page::parse_offset(cursor);
        }
        Ok(offset)
    }

    /// The `offset` parameter alone: 0 to [`page::MAX_OFFSET`], absent → 0.
    pub fn offset_param(&self) -> ApiResult<u64> {
        page::offset_value(self.get("offset"))
    }

    /// `limit`: absent → `default`; a positive integer above `max` is clamped to `max` (a
    /// client asking for more than a route serves gets a full page, not an error); zero, a
    /// negative or a non-integer value is a 400 naming the field.
    pub fn limit(&self, default: u32, max: u32) -> ApiResult<u32> {
        match self.get("limit") {
            None => Ok(default),
            Some(raw) => clamp_limit(raw, max),
        }
    }
}

/// A `limit` value: digits (an optional leading `+`), at least 1; above `max` → `max`.
pub fn clamp_limit(raw: &str, max: u32) -> ApiResult<u32> {
    let digits = raw.strip_prefix('+').unwrap_or(raw);
    let positive = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.bytes().any(|b| b != b'0');
    if !positive {
        return Err(ApiError::bad_request(format!(
            "limit must be a positive integer (got `{raw}`); values above {max} are clamped to {max}"
        )));
    }
    // Digits too long for u64 are still "more than the maximum".
    Ok(digits
        .parse::<u64>()
        .map_or(max, |n| u32::try_from(n.min(u64::from(max))).unwrap_or(max)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_value_trimmed_and_decoded() {
        let q = QueryParams::parse(Some("search=a%20b&search=c&cursor=&x=%201%20"));
        assert_eq!(q.get("search"), Some("a b"));
        assert_eq!(q.get("cursor"), None);
        assert_eq!(q.get("x"), Some("1"));
        assert_eq!(q.get("missing"), None);
    }

    #[test]
    fn blank_is_not_empty() {
        // schemathesis sent `fresh=%0B`: trimmed to nothing it used to count as absent, so a
        // value the document's boolean forbids was accepted.
        let q = QueryParams::parse(Some("fresh=%0B&limit=%20&cursor=%09&offset=&search=%20"));
        assert_eq!(q.get("fresh"), Some(""));
        assert!(q.limit(10, 100).is_err());
        assert!(q.integer("limit").is_err());
        assert!(q.cursor(CursorKind::Id).is_err());
        assert_eq!(q.offset_param().unwrap(), 0, "empty is absent");
        assert_eq!(q.get("search"), Some(""));
    }

    #[test]
    fn integers_limits_and_offsets_name_the_field() {
        let q = QueryParams::parse(Some("limit=abc"));
        assert!(q.integer("limit").unwrap_err().message.contains("limit"));
        assert!(q.limit(10, 10).unwrap_err().message.contains("limit"));
        assert_eq!(QueryParams::parse(None).limit(100, 100).unwrap(), 100);
        assert_eq!(
            QueryParams::parse(Some("limit=7")).limit(100, 100).unwrap(),
            7
        );
        for bad in ["0", "00", "-1", "1.5", "%2B", "1e3", "abc"] {
            let q = QueryParams::parse(Some(&format!("limit={bad}")));
            let e = q.limit(100, 100).unwrap_err();
            assert!(
                e.message.starts_with("limit must be a positive integer"),
                "{bad}"
            );
        }
        for (big, want) in [
            ("101", 100),
            ("500", 100),
            ("+100", 100),
            ("99999999999999999999999", 100),
        ] {
            let q = QueryParams::parse(Some(&format!("limit={big}")));
            assert_eq!(q.limit(20, 100).unwrap(), want, "{big}");
        }
        let q = QueryParams::parse(Some("offset=40&cursor="));
        assert_eq!(q.offset(true).unwrap(), 40);
        assert_eq!(q.offset(false).unwrap(), 0);
        assert_eq!(
            QueryParams::parse(Some("offset=40&cursor=10"))
                .offset(true)
                .unwrap(),
            10
        );
        assert!(
            QueryParams::parse(Some("cursor=abc"))
                .offset(false)
                .is_err()
        );
        let e = QueryParams::parse(Some("offset=-2"))
            .offset(true)
            .unwrap_err();
        assert!(e.message.contains("offset"));
    }
}
