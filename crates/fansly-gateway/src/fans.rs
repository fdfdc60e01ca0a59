//! Fans as clients want to see them: one batched account lookup for a set of fan ids
//! (`GET /account?ids=`, 100 ids per call, never one call per fan), the avatar URL of a
//! native account, Fansly's mills as dollars and native times as ISO-8601. Shared by the
//! flat subscriber rows (`routes/subscribers/flat.rs`) and the `event_type` webhook style
//! (`webhooks/style.rs`).

use std::collections::{BTreeSet, HashMap};

use fansly_client::{FanslyClient, FanslyError, SessionCreds};
use serde_json::{Value, json};

use crate::http::envelope::timestamp_ms;

/// Ids per `GET /account?ids=` call.
pub const IDS_PER_CALL: usize = 100;

/// The `before` bound of an "all time" earnings read: a minute past the gateway's now, so a
/// payment Fansly stamped this very moment (Fansly's windows end before `before`) or a little
/// ahead of the gateway's clock still counts.
pub fn all_time_before(now_ms: i64) -> i64 {
    now_ms + 60_000
}

/// The native accounts of `ids` (duplicates and blanks dropped) by id, in as few calls as
/// the batch size allows. An id Fansly does not know is simply absent.
pub async fn accounts_by_ids(
    fansly: &FanslyClient,
    creds: &SessionCreds,
    ids: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, Value>, FanslyError> {
    let wanted: BTreeSet<String> = ids.into_iter().filter(|i| !i.is_empty()).collect();
    let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let mut found = HashMap::with_capacity(wanted.len());
    for chunk in wanted.chunks(IDS_PER_CALL) {
        let page = fansly.accounts_by_ids(creds, chunk).await?;
        if let Value::Array(items) = page.response() {
            for a in items {
                if let Some(id) = native_id(a, "id") {
                    found.insert(id, a.clone());
                }
            }
        }
    }
    Ok(found)
}

/// A native id sent as a string or a number.
pub fn native_id(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The avatar URL of a native account: `avatar.locations[0].location`, else
/// `avatar.location`, else `null` (no avatar object, or one without a location).
pub fn avatar_url(account: Option<&Value>) -> Value {
    let Some(avatar) = account
        .and_then(|a| a.get("avatar"))
        .filter(|a| a.is_object())
    else {
        return Value::Null;
    };
    avatar
        .get("locations")
        .and_then(Value::as_array)
        .and_then(|l| l.iter().find_map(|l| l.get("location")?.as_str()))
        .or_else(|| avatar.get("location").and_then(Value::as_str))
        .filter(|s| !s.is_empty())
        .map_or(Value::Null, |s| json!(s))
}

/// A string field of a native account, or `null`.
pub fn field(account: Option<&Value>, key: &str) -> Value {
    account
        .and_then(|a| a.get(key))
        .filter(|v| v.is_string())
        .cloned()
        .unwrap_or(Value::Null)
}

/// Fansly mills (1000 = US$1) as dollars, rounded to the cent.
pub fn dollars(mills: i64) -> f64 {
    (mills as f64 / 10.0).round() / 100.0
}

/// An amount field in mills (number or numeric string) as dollars; `null` when absent.
pub fn dollars_of(v: &Value, key: &str) -> Value {
    let mills = match v.get(key) {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.parse::<f64>().ok(),
        _ => None,
    };
    mills.map_or(Value::Null, |m| json!(dollars(m.round() as i64)))
}

/// A native time (seconds, possibly fractional, below 10¹¹; else ms) as ISO-8601, or `null`.
pub fn iso_time(v: &Value, key: &str) -> Value {
    let Some(t) = v.get(key).and_then(Value::as_f64).filter(|t| *t > 0.0) else {
        return Value::Null;
    };
    let ms = if t < 1e11 { t * 1000.0 } else { t };
    json!(timestamp_ms(ms as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avatars_read_the_real_shape_and_tolerate_its_absence() {
        let real = json!({"avatar": {"id": "1", "location": "/1/a.jpg",
            "locations": [{"locationId": "1", "location": "https://cdn/a.jpg"}]}});
        assert_eq!(avatar_url(Some(&real)), "https://cdn/a.jpg");
        let bare = json!({"avatar": {"location": "https://cdn/b.jpg", "locations": []}});
        assert_eq!(avatar_url(Some(&bare)), "https://cdn/b.jpg");
        for none in [
            json!({}),
            json!({"avatar": null}),
            json!({"avatar": {"locations": []}}),
        ] {
            assert_eq!(avatar_url(Some(&none)), Value::Null, "{none}");
        }
        assert_eq!(avatar_url(None), Value::Null);
    }

    #[test]
    fn units() {
        assert_eq!(dollars(5000), 5.0);
        assert_eq!(dollars(4990), 4.99);
        assert_eq!(dollars_of(&json!({"amount": "2500"}), "amount"), json!(2.5));
        assert_eq!(dollars_of(&json!({}), "amount"), Value::Null);
        assert_eq!(
            iso_time(&json!({"t": 1_790_000_000}), "t"),
            "2026-09-21T14:13:20.000Z"
        );
        assert_eq!(
            iso_time(&json!({"t": 1_790_000_000_123_i64}), "t"),
            "2026-09-21T14:13:20.123Z"
        );
        assert_eq!(iso_time(&json!({"t": null}), "t"), Value::Null);
    }
}
