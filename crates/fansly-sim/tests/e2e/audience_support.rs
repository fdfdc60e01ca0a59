//! Helpers for the audience, money, driver, world and WebSocket tests: fans with
//! sessions, the control drivers, and reading recorded events.

use fansly_sim::{CreatorInfo, FanInfo, NewFan, TwofaMode};
use serde_json::{Value, json};

use crate::common::{Harness, Reply};

/// One account with a live session token.
pub struct Actor {
    pub id: String,
    pub token: String,
}

impl Harness {
    /// A creator without 2FA, logged in through the control session route.
    pub fn creator_actor(&self, username: &str) -> Actor {
        let info: CreatorInfo = self.creator(username, TwofaMode::None);
        self.actor(&info.id)
    }

    /// A fan with `balance` mills in the main wallet, with a session.
    pub fn fan(&self, username: &str, balance: i64) -> Actor {
        let info: FanInfo = self
            .sim
            .create_fan(NewFan {
                username: username.into(),
                wallet_balance: Some(balance),
                ..NewFan::default()
            })
            .expect("create fan");
        self.actor(&info.id)
    }

    /// A session for an existing account, minted by the simulator.
    pub fn actor(&self, id: &str) -> Actor {
        let (_, token) = self.sim.login_as(id).expect("login_as");
        Actor {
            id: id.to_owned(),
            token,
        }
    }

    /// `POST /api/v1/account/{target}/followers` as `who`.
    pub async fn follow(&self, who: &Actor, target: &str) -> Reply {
        let path = format!("/api/v1/account/{target}/followers");
        self.post(&path, Some(&who.token), json!({})).await
    }

    /// ⚙ subscribe; asserts 201 and returns the subscription.
    pub async fn subscribe(&self, fan: &Actor, creator: &Actor, extra: Value) -> Value {
        let mut body = json!({ "fanId": fan.id, "creatorId": creator.id });
        if let Value::Object(extra) = extra {
            body.as_object_mut().unwrap().extend(extra);
        }
        let reply = self.post("/_sim/subscribe", None, body).await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.body
    }

    /// Events recorded for `account` after `after`, via the control API.
    pub async fn events(&self, account: &str, after: u64) -> Vec<Value> {
        let reply = self
            .get(
                &format!("/_sim/events?accountId={account}&after={after}"),
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body.as_array().expect("array").clone()
    }

    /// The newest event seq recorded for `account` (0 when none).
    pub async fn last_seq(&self, account: &str) -> u64 {
        self.events(account, 0)
            .await
            .last()
            .map_or(0, |e| e["seq"].as_u64().unwrap())
    }

    /// Moves the simulated clock by `ms` through the control API.
    pub async fn advance(&self, ms: i64) {
        let reply = self
            .post("/_sim/clock/advance", None, json!({ "ms": ms }))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
}

/// `(serviceId, type)` of each event, in order.
pub fn kinds(events: &[Value]) -> Vec<(u64, u64)> {
    events
        .iter()
        .map(|e| {
            (
                e["serviceId"].as_u64().unwrap(),
                e["kind"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The payloads of events `(service, type)`.
pub fn payloads(events: &[Value], service: u64, kind: u64) -> Vec<Value> {
    events
        .iter()
        .filter(|e| e["serviceId"] == service && e["kind"] == kind)
        .map(|e| e["payload"].clone())
        .collect()
}

pub const DAY_MS: i64 = 24 * 3600 * 1000;
