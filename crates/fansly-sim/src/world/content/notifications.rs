//! Notifications (route-map §4.3 Notification): every (9,1 `notification`) event the world
//! records for an account *is* that account's notification, so the list is derived from the
//! event history (bounded like it) instead of a second store that could drift. Read state is
//! the per-account `ackedBefore {type → notificationId}`.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::world::World;
use crate::world::messaging::id_num;

/// Notification code of a post like (§4.5).
pub(crate) const NOTIFY_POST_LIKE: u32 = 1002;

/// Filters of `GET /notifications`.
#[derive(Clone, Debug, Default)]
pub(crate) struct NotificationQuery {
    pub before: u64,
    pub after: u64,
    /// Empty = every type.
    pub types: Vec<i64>,
    pub limit: usize,
}

impl World {
    /// `GET /notifications`: the account's notifications, newest first, with `read`.
    pub(crate) fn notifications(&self, account: &str, q: &NotificationQuery) -> Vec<Value> {
        let acked = self.content.acked.get(account);
        let mut items: Vec<Value> = self
            .events
            .since(account, 0)
            .into_iter()
            .filter(|e| e.service_id == 9 && e.kind == 1)
            .map(|e| e.payload.clone())
            .filter(|n| {
                let id = id_num(n["id"].as_str().unwrap_or_default());
                (q.before == 0 || id < q.before)
                    && id > q.after
                    && (q.types.is_empty()
                        || n["type"].as_i64().is_some_and(|t| q.types.contains(&t)))
            })
            .collect();
        items.sort_by_key(|n| std::cmp::Reverse(id_num(n["id"].as_str().unwrap_or_default())));
        items.truncate(q.limit);
        for n in &mut items {
            let id = id_num(n["id"].as_str().unwrap_or_default());
            let t = n["type"].as_i64().unwrap_or(0);
            let read = acked.is_some_and(|a: &HashMap<i64, u64>| {
                [t, 0].iter().any(|k| a.get(k).is_some_and(|m| id <= *m))
            });
            n["read"] = Value::Bool(read);
        }
        items
    }

    /// `POST /notifications/ack {beforeAnd, type}`: notifications up to and including
    /// `beforeAnd` (of the given types; none = all) are read; emits (9,2) to the acker.
    pub(crate) fn ack_notifications(
        &mut self,
        account: &str,
        before_and: &str,
        types: &[i64],
        raw_type: &Value,
        now: i64,
    ) {
        let marker = id_num(before_and);
        let acked = self.content.acked.entry(account.to_owned()).or_default();
        let keys: Vec<i64> = if types.is_empty() {
            vec![0]
        } else {
            types.to_vec()
        };
        for t in keys {
            let m = acked.entry(t).or_insert(0);
            *m = (*m).max(marker);
        }
        let payload = json!({ "beforeAnd": before_and, "type": raw_type });
        self.emit(&[account], (9, 2, "data"), &payload, now);
    }
}
