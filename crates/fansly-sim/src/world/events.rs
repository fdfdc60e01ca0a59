//! The event stream of §4.5 (spec/route-map.md): every state change records the native
//! WebSocket events it causes, addressed to the accounts that receive them. Events are
//! kept in order (a bounded history, for tests and reconnect catch-up) and published on a
//! broadcast channel that live WebSocket connections subscribe to.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use tokio::sync::broadcast;

/// How many events the history keeps.
const HISTORY: usize = 100_000;

/// One native service event for one recipient account.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// Monotonic across the simulator (commit order).
    pub seq: u64,
    /// The recipient.
    pub account_id: String,
    pub service_id: u32,
    /// The event `type` within the service.
    pub kind: u32,
    /// The payload key, e.g. `message` in `{"type":1,"message":{…}}`.
    pub key: String,
    pub payload: Value,
    /// Simulated time, Unix ms.
    pub at: i64,
}

impl Event {
    /// The inner `event` JSON string of a `t:10000` frame: `{"type":T,"<key>":{…}}`.
    pub fn event_json(&self) -> String {
        let mut obj = serde_json::Map::new();
        obj.insert("type".to_owned(), Value::from(self.kind));
        obj.insert(self.key.clone(), self.payload.clone());
        Value::Object(obj).to_string()
    }
}

#[derive(Debug)]
pub(crate) struct Events {
    next_seq: u64,
    history: VecDeque<Arc<Event>>,
    tx: broadcast::Sender<Arc<Event>>,
}

impl Default for Events {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(4096);
        Self {
            next_seq: 1,
            history: VecDeque::new(),
            tx,
        }
    }
}

impl Events {
    /// Records one event per recipient, in order, and publishes them.
    pub(crate) fn emit(
        &mut self,
        recipients: &[&str],
        service_id: u32,
        kind: u32,
        key: &str,
        payload: &Value,
        now: i64,
    ) {
        for account in recipients {
            let event = Arc::new(Event {
                seq: self.next_seq,
                account_id: (*account).to_owned(),
                service_id,
                kind,
                key: key.to_owned(),
                payload: payload.clone(),
                at: now,
            });
            self.next_seq += 1;
            if self.history.len() == HISTORY {
                self.history.pop_front();
            }
            self.history.push_back(Arc::clone(&event));
            // No live subscriber is not an error: the history still has it.
            let _ = self.tx.send(event);
        }
    }

    /// Events for `account_id` with `seq > after`, oldest first.
    pub(crate) fn since(&self, account_id: &str, after: u64) -> Vec<Arc<Event>> {
        self.history
            .iter()
            .filter(|e| e.seq > after && e.account_id == account_id)
            .cloned()
            .collect()
    }

    /// A receiver of every event published from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.tx.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_are_ordered_per_recipient_and_published() {
        let mut events = Events::default();
        let mut rx = events.subscribe();
        events.emit(&["1", "2"], 5, 1, "message", &json!({"id": "9"}), 7);
        events.emit(&["2"], 4, 2, "ackCommand", &json!({}), 8);
        let for_two: Vec<u64> = events.since("2", 0).iter().map(|e| e.seq).collect();
        assert_eq!(for_two, [2, 3]);
        assert_eq!(events.since("2", 2).len(), 1);
        assert_eq!(rx.try_recv().unwrap().account_id, "1");
        let e = events.since("1", 0)[0].clone();
        assert_eq!(e.event_json(), r#"{"message":{"id":"9"},"type":1}"#);
    }
}
