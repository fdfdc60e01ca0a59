//! Webhook derivation from the creator's own socket (route-map §4.8 and the extra
//! events). Pure: what needs the store or a REST call (subscription seen-set, PPV price) is
//! returned as a [`Derived`] variant the caller completes. Dedupe keys are native ids, so the
//! same native event derived from the socket or from reconciliation is published once.

use fansly_client::ws::ServiceEvent;
use serde_json::{Value, json};

use crate::webhooks::events as names;

/// One webhook-to-be.
#[derive(Debug, Clone, PartialEq)]
pub struct Plain {
    pub event: &'static str,
    pub data: Value,
    pub dedupe_key: String,
    pub occurred_at_ms: Option<i64>,
}

/// What a native event turns into.
#[derive(Debug, Clone, PartialEq)]
pub enum Derived {
    Publish(Plain),
    /// (2,7) of type 2 (an offer or a whole bundle): `ppv.purchased` once the price is read.
    Purchase {
        order: Value,
    },
    /// (15,5) status 3: new or renewed, decided by the persisted seen-set.
    SubscriptionActive {
        subscription: Value,
        id: String,
        history_id: String,
    },
}

/// A native id, whether sent as a string or a number.
pub fn id_of(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A native time as Unix ms: seconds (possibly fractional) below 10¹¹, else ms.
pub fn time_ms(v: &Value, key: &str) -> Option<i64> {
    let t = v.get(key)?.as_f64()?;
    if t <= 0.0 {
        return None;
    }
    Some(if t < 1e11 {
        (t * 1000.0) as i64
    } else {
        t as i64
    })
}

/// The message webhook (`messages.received` or `messages.sent`) of a message object, from the
/// socket or from REST reconciliation. Fansly's REST rows carry `inReplyTo`/`inReplyToRoot`
/// `null` where its socket frames carry `""`; the webhook always carries the socket's `""`,
/// so a message's payload does not depend on which path found it first.
pub fn message(creator: &str, m: &Value) -> Option<Plain> {
    let id = id_of(m, "id")?;
    let sent = id_of(m, "senderId").as_deref() == Some(creator);
    let mut data = m.clone();
    if let Some(obj) = data.as_object_mut() {
        for key in ["inReplyTo", "inReplyToRoot"] {
            if let Some(v @ Value::Null) = obj.get_mut(key) {
                *v = Value::String(String::new());
            }
        }
    }
    Some(Plain {
        event: if sent {
            names::MESSAGES_SENT
        } else {
            names::MESSAGES_RECEIVED
        },
        data,
        dedupe_key: format!("msg:{id}"),
        occurred_at_ms: time_ms(m, "createdAt"),
    })
}

/// A tip to the creator: `tips.received` with `fromUser.id`.
pub fn tip(creator: &str, t: &Value) -> Option<Plain> {
    if id_of(t, "receiverId").as_deref() != Some(creator) {
        return None;
    }
    let id = id_of(t, "id")?;
    let mut data = t.clone();
    if let (Some(obj), Some(sender)) = (data.as_object_mut(), id_of(t, "senderId")) {
        obj.insert("fromUser".into(), json!({ "id": sender }));
    }
    Some(Plain {
        event: names::TIPS_RECEIVED,
        data,
        dedupe_key: format!("tip:{id}"),
        occurred_at_ms: time_ms(t, "createdAt"),
    })
}

/// Derives the webhooks of one event seen on `creator`'s socket.
pub fn derive(creator: &str, e: &ServiceEvent) -> Option<Derived> {
    let p = &e.payload;
    let plain = |event, key: String, at| {
        Some(Derived::Publish(Plain {
            event,
            data: p.clone(),
            dedupe_key: key,
            occurred_at_ms: at,
        }))
    };
    match (e.service_id, e.kind) {
        (5, 1) => message(creator, p).map(Derived::Publish),
        (5, 10) => {
            let id = id_of(p, "id")?;
            plain(
                names::MESSAGES_DELETED,
                format!("msgdel:{id}"),
                time_ms(p, "deletedAt"),
            )
        }
        (4, 2) => {
            let kind = p.get("type").and_then(Value::as_i64)?;
            let reader = id_of(p, "userId")?;
            if !matches!(kind, 2 | 3) || reader == creator {
                return None;
            }
            let group = id_of(p, "groupId").unwrap_or_default();
            let ids: Vec<String> = p
                .get("messageIds")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| match v {
                            Value::String(s) => Some(s.clone()),
                            Value::Number(n) => Some(n.to_string()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let last = ids.iter().max_by_key(|s| (s.len(), (*s).clone()))?;
            plain(
                names::MESSAGES_READ,
                format!("read:{group}:{reader}:{last}"),
                None,
            )
        }
        (3, 2 | 3) => {
            if id_of(p, "accountId").as_deref() != Some(creator) {
                return None;
            }
            let id = id_of(p, "id")?;
            if e.kind == 2 {
                plain(
                    names::FOLLOWERS_NEW,
                    format!("follow:{id}"),
                    time_ms(p, "createdAt"),
                )
            } else {
                plain(names::FOLLOWERS_REMOVED, format!("unfollow:{id}"), None)
            }
        }
        // A purchase is one (2,7) of type 2 for what was bought (an offer, or a bundle),
        // then, for a bundle, one (2,7) of type 1 per item in it and a closing (2,8): only
        // the type-2 order is a sale, so one purchase is one `ppv.purchased`.
        (2, 7) => {
            if id_of(p, "correlationAccountId").as_deref() != Some(creator)
                || p.get("type").and_then(Value::as_i64) == Some(1)
            {
                return None;
            }
            id_of(p, "orderId")?;
            Some(Derived::Purchase { order: p.clone() })
        }
        (7, 1) => tip(creator, p).map(Derived::Publish),
        (15, 5) => {
            if id_of(p, "accountId").as_deref() != Some(creator) {
                return None;
            }
            let id = id_of(p, "id")?;
            let history_id = id_of(p, "historyId")
                .or_else(|| id_of(p, "version"))
                .unwrap_or_default();
            match p.get("status").and_then(Value::as_i64)? {
                3 => Some(Derived::SubscriptionActive {
                    subscription: p.clone(),
                    id,
                    history_id,
                }),
                5 => plain(
                    names::SUBSCRIPTIONS_EXPIRED,
                    format!("subexp:{id}:{history_id}"),
                    time_ms(p, "updatedAt"),
                ),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `ppv.purchased` data: the order plus `orderMetadata.accountMediaPrice` in cents.
pub fn purchase(order: &Value, price_mills: Option<i64>) -> Option<Plain> {
    let id = id_of(order, "orderId")?;
    let mut data = order.clone();
    if let Some(obj) = data.as_object_mut() {
        let cents = price_mills.map(|m| m / 10);
        let meta = obj.entry("orderMetadata").or_insert_with(|| json!({}));
        if !meta.is_object() {
            *meta = json!({});
        }
        if let Some(meta) = meta.as_object_mut() {
            meta.insert("accountMediaPrice".into(), json!(cents));
        }
    }
    Some(Plain {
        event: names::PPV_PURCHASED,
        data,
        dedupe_key: format!("order:{id}"),
        occurred_at_ms: None,
    })
}

/// `subscriptions.new` (never seen) or `subscriptions.renewed` (seen with another history id).
pub fn subscription(
    subscription: &Value,
    id: &str,
    history_id: &str,
    previous: Option<&str>,
) -> Option<Plain> {
    let (event, key) = match previous {
        None => (names::SUBSCRIPTIONS_NEW, format!("sub:{id}")),
        Some(prev) if prev != history_id => (
            names::SUBSCRIPTIONS_RENEWED,
            format!("subrenew:{id}:{history_id}"),
        ),
        Some(_) => return None,
    };
    Some(Plain {
        event,
        data: subscription.clone(),
        dedupe_key: key,
        occurred_at_ms: time_ms(subscription, "updatedAt"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(service_id: i64, kind: i64, payload: Value) -> ServiceEvent {
        ServiceEvent {
            service_id,
            kind,
            key: String::new(),
            payload,
        }
    }

    fn publish(d: Option<Derived>) -> Plain {
        match d {
            Some(Derived::Publish(p)) => p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn messages_split_by_sender() {
        let m = json!({"id": "10", "senderId": "1", "createdAt": 1700000000.5});
        let p = publish(derive("1", &ev(5, 1, m.clone())));
        assert_eq!(p.event, "messages.sent");
        assert_eq!(p.dedupe_key, "msg:10");
        assert_eq!(p.occurred_at_ms, Some(1_700_000_000_500));
        assert_eq!(p.data, m);
        let p = publish(derive("2", &ev(5, 1, m)));
        assert_eq!(p.event, "messages.received");
        // A REST row (reconciliation) has `null` reply fields; the webhook carries the socket's "".
        let rest = json!({"id": "11", "senderId": "2", "createdAt": 1700000001,
                          "inReplyTo": null, "inReplyToRoot": null});
        let p = message("1", &rest).expect("message");
        assert_eq!(
            (&p.data["inReplyTo"], &p.data["inReplyToRoot"]),
            (&json!(""), &json!(""))
        );
        let reply = json!({"id": "12", "senderId": "2", "inReplyTo": "11", "inReplyToRoot": "11"});
        assert_eq!(message("1", &reply).expect("reply").data, reply);
        let p = publish(derive("2", &ev(5, 10, json!({"id": "10", "deletedAt": 5}))));
        assert_eq!(
            (p.event, p.dedupe_key.as_str()),
            ("messages.deleted", "msgdel:10")
        );
    }

    #[test]
    fn reads_follows_tips_orders_and_subscriptions() {
        let ack = json!({"groupId": "g", "messageIds": ["9", "11"], "userId": "5", "type": 2});
        let p = publish(derive("1", &ev(4, 2, ack.clone())));
        assert_eq!(
            (p.event, p.dedupe_key.as_str()),
            ("messages.read", "read:g:5:11")
        );
        assert!(
            derive("5", &ev(4, 2, ack)).is_none(),
            "the creator's own read"
        );
        let delivered = json!({"groupId": "g", "messageIds": ["9"], "userId": "5", "type": 1});
        assert!(derive("1", &ev(4, 2, delivered)).is_none());

        let follow = json!({"followerId": "5", "accountId": "1", "id": "77"});
        assert_eq!(
            publish(derive("1", &ev(3, 2, follow.clone()))).event,
            "followers.new"
        );
        assert_eq!(
            publish(derive("1", &ev(3, 3, follow.clone()))).dedupe_key,
            "unfollow:77"
        );
        assert!(
            derive("5", &ev(3, 2, follow)).is_none(),
            "the fan's own follow"
        );

        let t = json!({"id": "3", "senderId": "5", "receiverId": "1", "amount": 5000});
        let p = publish(derive("1", &ev(7, 1, t)));
        assert_eq!(p.data["fromUser"], json!({"id": "5"}));
        assert_eq!(p.data["amount"], 5000);

        let order = json!({"orderId": "8", "accountMediaId": "4", "correlationAccountId": "1", "accountId": "5", "type": 2});
        // A bundle purchase: the bundle's order is the sale; its items and the closing
        // (2,8) derive nothing.
        let item = json!({"orderId": "9", "accountMediaId": "6", "correlationAccountId": "1", "accountId": "5", "type": 1});
        assert!(derive("1", &ev(2, 7, item)).is_none());
        assert!(derive("1", &ev(2, 8, order.clone())).is_none());
        let Some(Derived::Purchase { order }) = derive("1", &ev(2, 7, order)) else {
            panic!()
        };
        let p = purchase(&order, Some(4990)).unwrap();
        assert_eq!(p.data["orderMetadata"]["accountMediaPrice"], 499);
        assert_eq!(p.dedupe_key, "order:8");

        let sub = json!({"id": "s", "historyId": "h1", "accountId": "1", "status": 3});
        let Some(Derived::SubscriptionActive { id, history_id, .. }) =
            derive("1", &ev(15, 5, sub.clone()))
        else {
            panic!()
        };
        assert_eq!(
            subscription(&sub, &id, &history_id, None).unwrap().event,
            "subscriptions.new"
        );
        assert!(subscription(&sub, &id, &history_id, Some("h1")).is_none());
        let renewed = subscription(&sub, &id, &history_id, Some("h0")).unwrap();
        assert_eq!(renewed.event, "subscriptions.renewed");
        let expired = json!({"id": "s", "historyId": "h1", "accountId": "1", "status": 5});
        assert_eq!(
            publish(derive("1", &ev(15, 5, expired))).event,
            "subscriptions.expired"
        );
        let status2 = json!({"id": "s", "historyId": "h1", "accountId": "1", "status": 2});
        assert!(derive("1", &ev(15, 5, status2)).is_none());
    }
}
