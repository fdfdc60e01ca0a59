//! The flat, fan-shaped subscriber rows of S1–S3, AL3 and AL4 (client-compat §5.3):
//! `{id, username, displayName, avatar, subscribedAt, expiresAt, totalSpent,
//! subscriptionTier}` per subscription, joined with the fans' accounts, and `count`, the
//! number of subscribers of the requested status.
//!
//! Per page: one `GET /account?ids=` per 100 fans ([`crate::fans::accounts_by_ids`]) and one
//! `GET /account/wallets/earnings/accounts` (the fans' all-time totals); none for an empty
//! page.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::fans::{self, native_id};
use crate::http::ApiResult;
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::state::AppState;
use crate::upstream::OrUpstream;

/// Fansly's per-fan totals come back in at most this many rows (the biggest spenders).
const TOTALS_CAP: usize = 100;

/// The fan-shaped rows of one native page, in its order.
pub(super) async fn rows(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    subscriptions: &[Value],
) -> ApiResult<Vec<Value>> {
    if subscriptions.is_empty() {
        return Ok(Vec::new());
    }
    let fan_ids = subscriptions
        .iter()
        .filter_map(|s| native_id(s, "subscriberId"));
    let accounts = fans::accounts_by_ids(&app.fansly, &c.creds, fan_ids)
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    let totals = totals(app, tenant, c).await?;
    Ok(subscriptions
        .iter()
        .map(|s| row(s, &accounts, &totals))
        .collect())
}

/// All-time gross per fan (mills), and whether Fansly cut the list at its cap (then a fan
/// missing from it has an unknown total rather than none).
struct Totals {
    by_fan: HashMap<String, i64>,
    capped: bool,
}

async fn totals(app: &AppState, tenant: Tenant, c: &Connected) -> ApiResult<Totals> {
    let native = app
        .fansly
        .earnings_by_account(&c.creds, 0, fans::all_time_before(app.clock.now_ms()))
        .await
        .or_upstream(app, tenant, &c.account.id)
        .await?;
    let rows = native.response().as_array().map_or(&[][..], Vec::as_slice);
    let by_fan = rows
        .iter()
        .filter_map(|r| {
            let gross = match r.get("totalGross")? {
                Value::Number(n) => n.as_f64()?,
                Value::String(s) => s.parse().ok()?,
                _ => return None,
            };
            Some((native_id(r, "correlationAccountId")?, gross.round() as i64))
        })
        .collect();
    Ok(Totals {
        by_fan,
        capped: rows.len() >= TOTALS_CAP,
    })
}

fn row(s: &Value, accounts: &HashMap<String, Value>, totals: &Totals) -> Value {
    let fan = native_id(s, "subscriberId");
    let account = fan.as_ref().and_then(|f| accounts.get(f));
    let total_spent = match fan.as_ref().and_then(|f| totals.by_fan.get(f)) {
        Some(mills) => json!(fans::dollars(*mills)),
        None if totals.capped => Value::Null,
        None => json!(0.0),
    };
    json!({
        "id": fan,
        "username": fans::field(account, "username"),
        "displayName": fans::field(account, "displayName"),
        "avatar": fans::avatar_url(account),
        "subscribedAt": fans::iso_time(s, "createdAt"),
        "expiresAt": fans::iso_time(s, "endsAt"),
        "totalSpent": total_spent,
        "subscriptionTier": s.get("subscriptionTierName").filter(|v| v.is_string()).cloned().unwrap_or(Value::Null),
    })
}

/// The number of subscribers of the native `status` list: Fansly's `stats.totalActive`
/// (`3,4`), `stats.totalExpired` (`5`) or `stats.total` (`3,4,5`); for another list, the
/// rows themselves when this first page is also the last, else `null` (Fansly gives no
/// count per status).
pub(super) fn count(
    response: &Value,
    status: &str,
    offset: u64,
    last_page: bool,
    rows: usize,
) -> Value {
    let stat = match status {
        super::STATUS_ACTIVE => "totalActive",
        super::STATUS_EXPIRED => "totalExpired",
        super::STATUS_ALL => "total",
        _ => "",
    };
    if let Some(n) = response
        .get("stats")
        .and_then(|s| s.get(stat))
        .filter(|n| n.is_u64())
    {
        return n.clone();
    }
    if offset == 0 && last_page {
        json!(rows)
    } else {
        Value::Null
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_is_of_the_requested_status() {
        let r = json!({"stats": {"totalActive": 7, "totalExpired": 3, "total": 10}});
        assert_eq!(count(&r, "3,4", 0, false, 2), 7);
        assert_eq!(count(&r, "5", 0, false, 2), 3);
        assert_eq!(count(&r, "3,4,5", 0, false, 2), 10);
        assert_eq!(count(&r, "3", 0, true, 2), 2);
        assert_eq!(count(&r, "3", 2, true, 2), Value::Null);
        assert_eq!(count(&json!({}), "5", 0, true, 4), 4);
    }

    #[test]
    fn rows_are_fan_shaped() {
        let sub = json!({"id": "900", "subscriberId": "42", "subscriptionTierName": "Gold",
            "createdAt": 1_790_000_000_000_i64, "endsAt": 1_792_592_000_000_i64});
        let accounts = HashMap::from([(
            "42".to_owned(),
            json!({"id": "42", "username": "fan42", "displayName": "Fan",
                   "avatar": {"locations": [{"location": "https://cdn/42.jpg"}]}}),
        )]);
        let totals = Totals {
            by_fan: HashMap::from([("42".to_owned(), 12_990)]),
            capped: false,
        };
        assert_eq!(
            row(&sub, &accounts, &totals),
            json!({"id": "42", "username": "fan42", "displayName": "Fan",
                "avatar": "https://cdn/42.jpg", "subscribedAt": "2026-09-21T14:13:20.000Z",
                "expiresAt": "2026-10-21T14:13:20.000Z", "totalSpent": 12.99,
                "subscriptionTier": "Gold"})
        );
        let none = Totals {
            by_fan: HashMap::new(),
            capped: false,
        };
        let r = row(&sub, &HashMap::new(), &none);
        assert_eq!(r["totalSpent"], 0.0);
        assert_eq!(r["avatar"], Value::Null);
        assert_eq!(r["username"], Value::Null);
        let capped = Totals {
            by_fan: HashMap::new(),
            capped: true,
        };
        assert_eq!(
            row(&sub, &HashMap::new(), &capped)["totalSpent"],
            Value::Null
        );
    }
}
