//! The `event_type` payload style (client-compat §5.6), chosen per endpoint with
//! `payloadStyle`. Its body is `{event_type, timestamp, data:{account_id, …}}` with a typed
//! object per event, names and avatar filled from the fan's Fansly account and amounts in
//! dollars; the signatures are the same as for the default envelope (they cover whatever
//! body is sent).
//!
//! The body is built once, when the event is recorded ([`super::record`]), and only when an
//! enabled endpoint of this style will receive the event, so an event costs no Fansly call
//! unless such an endpoint exists: one `GET /account?ids=` for the fan, plus one
//! `GET /account/wallets/earnings/stats/accounts` for `subscription_renewed` (the fan's
//! total). A failed lookup leaves those fields `null` (logged) rather than losing the event.
//! Events without a mapping get no body and are not sent to endpoints of this style.

use gateway_store::AccountAccess;
use serde_json::{Value, json};

use super::NewEvent;
use super::events as names;
use crate::fans::{self, native_id};
use crate::http::auth::Tenant;
use crate::http::envelope::timestamp_ms;
use crate::state::AppState;

/// Gateway event → `event_type` (the six of client-compat §5.6, and the test event).
pub const EVENT_TYPES: &[(&str, &str)] = &[
    (names::MESSAGES_RECEIVED, "new_message"),
    (names::TIPS_RECEIVED, "new_tip"),
    (names::SUBSCRIPTIONS_NEW, "new_subscription"),
    (names::SUBSCRIPTIONS_RENEWED, "subscription_renewed"),
    (names::SUBSCRIPTIONS_EXPIRED, "subscription_expired"),
    (names::FOLLOWERS_NEW, "new_follower"),
    (names::WEBHOOK_TEST, "test"),
];

/// The `event_type` of a gateway event, if it has one.
pub fn event_type(event: &str) -> Option<&'static str> {
    EVENT_TYPES
        .iter()
        .find(|(e, _)| *e == event)
        .map(|(_, t)| *t)
}

/// The `event_type` body of `event` when it has a mapping and an enabled endpoint of that
/// style will receive it (`only_endpoint`: the test-event route's one endpoint).
pub(crate) async fn body_if_wanted(
    app: &AppState,
    event: &NewEvent,
    only_endpoint: Option<&str>,
) -> Option<String> {
    let event_type = event_type(event.event)?;
    if !wanted(app, event, only_endpoint).await {
        return None;
    }
    Some(body(app, event, event_type).await)
}

/// [`body_if_wanted`] for each of one account's events (a socket's batch), asking the store
/// once per event name rather than once per event.
pub(crate) async fn bodies_of_one_account(
    app: &AppState,
    events: &[NewEvent],
) -> Vec<Option<String>> {
    let mut asked: Vec<(&str, bool)> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        let Some(event_type) = event_type(event.event) else {
            out.push(None);
            continue;
        };
        let known = asked.iter().find(|(name, _)| *name == event.event);
        let wanted = match known {
            Some(&(_, wanted)) => wanted,
            None => {
                let wanted = wanted(app, event, None).await;
                asked.push((event.event, wanted));
                wanted
            }
        };
        out.push(if wanted {
            Some(body(app, event, event_type).await)
        } else {
            None
        });
    }
    out
}

async fn wanted(app: &AppState, event: &NewEvent, only_endpoint: Option<&str>) -> bool {
    // One indexed read of the tenant's enabled `event_type` endpoints (usually none); no URL
    // or secret is opened.
    match app
        .store
        .webhook_event_type_wanted(event.tenant, event.event, &event.account_id, only_endpoint)
        .await
    {
        Ok(wanted) => wanted,
        Err(e) => {
            // Unsure: build the body (a lookup too many rather than an event lost).
            tracing::warn!(error = %e, "listing webhook endpoints failed");
            true
        }
    }
}

/// The fan's native id in the event's data.
fn fan_id(event: &NewEvent) -> Option<String> {
    let key = match event.event {
        names::MESSAGES_RECEIVED | names::TIPS_RECEIVED => "senderId",
        names::SUBSCRIPTIONS_NEW | names::SUBSCRIPTIONS_RENEWED | names::SUBSCRIPTIONS_EXPIRED => {
            "subscriberId"
        }
        names::FOLLOWERS_NEW => "followerId",
        _ => return None,
    };
    native_id(&event.data, key)
}

/// What Fansly says about the fan: the account, and (for renewals) the all-time total in mills.
#[derive(Default)]
struct Fan {
    account: Option<Value>,
    total_mills: Option<i64>,
}

async fn load_fan(app: &AppState, event: &NewEvent, fan: &str) -> Fan {
    let mut out = Fan::default();
    let account = match app.store.account(event.tenant, &event.account_id).await {
        Ok(AccountAccess::Owned(a)) => a,
        Ok(_) => return out,
        Err(e) => {
            tracing::warn!(error = %e, "event_type webhook: loading the account failed");
            return out;
        }
    };
    let c = match app.with_session(Tenant(event.tenant), account).await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e.message, "event_type webhook: no session for the fan lookup");
            return out;
        }
    };
    match fans::accounts_by_ids(&app.fansly, &c.creds, [fan.to_owned()]).await {
        Ok(mut found) => out.account = found.remove(fan),
        Err(e) => tracing::warn!(error = %e, "event_type webhook: fan account lookup failed"),
    }
    if event.event == names::SUBSCRIPTIONS_RENEWED {
        match app
            .fansly
            .earnings_stats_of_fan(&c.creds, fan, 0, fans::all_time_before(app.clock.now_ms()))
            .await
        {
            Ok(stats) => out.total_mills = Some(total_gross(stats.response())),
            Err(e) => tracing::warn!(error = %e, "event_type webhook: fan total lookup failed"),
        }
    }
    out
}

/// The sum of `totalGross` over the rows of `…/earnings/stats/accounts` (mills).
fn total_gross(rows: &Value) -> i64 {
    rows.as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| match r.get("totalGross")? {
                    Value::Number(n) => n.as_f64(),
                    Value::String(s) => s.parse().ok(),
                    _ => None,
                })
                .sum::<f64>()
                .round() as i64
        })
        .unwrap_or(0)
}

async fn body(app: &AppState, event: &NewEvent, event_type: &str) -> String {
    let fan = match fan_id(event) {
        Some(id) => (load_fan(app, event, &id).await, Some(id)),
        None => (Fan::default(), None),
    };
    let data = typed_data(event, event_type, &fan.0, fan.1.as_deref());
    json!({
        "event_type": event_type,
        "timestamp": timestamp_ms(event.occurred_at_ms),
        "data": data,
    })
    .to_string()
}

/// `data` of one `event_type` body.
fn typed_data(event: &NewEvent, event_type: &str, fan: &Fan, fan_id: Option<&str>) -> Value {
    let p = &event.data;
    let a = fan.account.as_ref();
    let person = json!({
        "id": fan_id,
        "username": fans::field(a, "username"),
        "display_name": fans::field(a, "displayName"),
        "avatar": fans::avatar_url(a),
    });
    let tier = p
        .get("subscriptionTierName")
        .filter(|v| v.is_string())
        .cloned()
        .unwrap_or(Value::Null);
    let mut data = json!({ "account_id": event.account_id });
    let (key, value) = match event_type {
        "new_message" => {
            data["sender"] = person;
            let message = json!({
                "id": native_id(p, "id"),
                "text": p.get("content").cloned().unwrap_or(Value::Null),
                "created_at": fans::iso_time(p, "createdAt"),
            });
            ("message", message)
        }
        "new_tip" => {
            data["sender"] = person;
            let tip = json!({
                "id": native_id(p, "id"),
                "amount": fans::dollars_of(p, "amount"),
                "message": p.get("message").cloned().unwrap_or(Value::Null),
                "created_at": fans::iso_time(p, "createdAt"),
            });
            ("tip", tip)
        }
        "new_subscription" | "subscription_renewed" | "subscription_expired" => {
            let mut s = person;
            s["tier"] = tier;
            s["amount"] = fans::dollars_of(p, "price");
            if event_type == "subscription_renewed" {
                s["total_spent"] = fan
                    .total_mills
                    .map_or(Value::Null, |m| json!(fans::dollars(m)));
            }
            ("subscriber", s)
        }
        "new_follower" => ("follower", person),
        _ => {
            let test = json!({ "message": p.get("message").cloned().unwrap_or(Value::Null) });
            ("test", test)
        }
    };
    data[key] = value;
    data
}

#[cfg(test)]
mod tests {
    use gateway_store::TenantId;

    use super::*;

    fn event(name: &'static str, data: Value) -> NewEvent {
        NewEvent {
            tenant: TenantId(1),
            account_id: "fansly_abc".into(),
            event: name,
            data,
            dedupe_key: "k".into(),
            occurred_at_ms: 1_790_000_000_000,
        }
    }

    fn fan() -> Fan {
        Fan {
            account: Some(
                json!({"id": "42", "username": "fan42", "displayName": "Fan 42",
                "avatar": {"locations": [{"location": "https://cdn/42.jpg"}]}}),
            ),
            total_mills: Some(29_970),
        }
    }

    #[test]
    fn the_six_events_map_and_others_do_not() {
        for (e, t) in [
            (names::MESSAGES_RECEIVED, "new_message"),
            (names::TIPS_RECEIVED, "new_tip"),
            (names::SUBSCRIPTIONS_NEW, "new_subscription"),
            (names::SUBSCRIPTIONS_RENEWED, "subscription_renewed"),
            (names::SUBSCRIPTIONS_EXPIRED, "subscription_expired"),
            (names::FOLLOWERS_NEW, "new_follower"),
        ] {
            assert_eq!(event_type(e), Some(t));
        }
        for e in [
            names::MESSAGES_SENT,
            names::PPV_PURCHASED,
            names::MESSAGES_READ,
            names::ACCOUNTS_CONNECTED,
        ] {
            assert_eq!(event_type(e), None, "{e}");
        }
    }

    #[test]
    fn typed_objects_carry_names_and_dollars() {
        let e = event(
            names::TIPS_RECEIVED,
            json!({"id": "7", "senderId": "42", "amount": 2500, "createdAt": 1_790_000_000}),
        );
        let d = typed_data(&e, "new_tip", &fan(), Some("42"));
        assert_eq!(d["account_id"], "fansly_abc");
        assert_eq!(d["tip"]["amount"], 2.5);
        assert_eq!(
            d["sender"],
            json!({"id": "42", "username": "fan42", "display_name": "Fan 42",
                   "avatar": "https://cdn/42.jpg"})
        );
        let e = event(
            names::SUBSCRIPTIONS_RENEWED,
            json!({"subscriberId": "42", "price": 9990, "subscriptionTierName": "Gold"}),
        );
        let d = typed_data(&e, "subscription_renewed", &fan(), Some("42"));
        assert_eq!(d["subscriber"]["total_spent"], 29.97);
        assert_eq!(d["subscriber"]["amount"], 9.99);
        assert_eq!(d["subscriber"]["tier"], "Gold");
        // A failed lookup leaves names null but keeps the ids.
        let d = typed_data(&e, "subscription_renewed", &Fan::default(), Some("42"));
        assert_eq!(d["subscriber"]["id"], "42");
        assert_eq!(d["subscriber"]["username"], Value::Null);
        assert_eq!(d["subscriber"]["total_spent"], Value::Null);
    }
}
