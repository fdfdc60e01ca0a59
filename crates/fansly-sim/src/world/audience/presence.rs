//! Presence (route-map §4.5 `POST /status`, ⚙ presence; §4.7): `statusId` 1 online /
//! 2 offline, `lastSeenAt`, and the live WebSocket count per account.
//!
//! A `POST /status` heartbeat keeps an account online for 5 minutes (longer while it has
//! a live socket); the ⚙ presence driver pins the status until it is changed again.

use std::collections::{HashMap, HashSet};

use serde_json::json;

use crate::world::messaging::GroupQuery;
use crate::world::{Rejection, World};

/// Heartbeat lifetime.
pub(crate) const PRESENCE_TTL_MS: i64 = 5 * 60 * 1000;
pub(crate) const STATUS_ONLINE: u8 = 1;
pub(crate) const STATUS_OFFLINE: u8 = 2;

#[derive(Debug, Default)]
pub(crate) struct Presence {
    /// Live WebSocket connections per account.
    sockets: HashMap<String, u32>,
    /// Accounts online through heartbeats → last heartbeat (Unix ms).
    heartbeats: HashMap<String, i64>,
}

impl Presence {
    /// True when the account has a live WebSocket (messages to it count as delivered).
    pub(crate) fn has_live_socket(&self, account: &str) -> bool {
        self.sockets.get(account).is_some_and(|&n| n > 0)
    }

    /// How many live WebSockets the account has.
    pub(crate) fn live_sockets(&self, account: &str) -> u32 {
        self.sockets.get(account).copied().unwrap_or(0)
    }
}

impl World {
    /// A WebSocket of `account` authenticated.
    pub(crate) fn socket_opened(&mut self, account: &str) {
        *self
            .audience
            .presence
            .sockets
            .entry(account.to_owned())
            .or_default() += 1;
    }

    /// A WebSocket of `account` went away; a heartbeat's 5 minutes restart from now.
    pub(crate) fn socket_closed(&mut self, account: &str, now: i64) {
        let presence = &mut self.audience.presence;
        if let Some(n) = presence.sockets.get_mut(account) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                presence.sockets.remove(account);
                if let Some(at) = presence.heartbeats.get_mut(account) {
                    *at = now;
                }
            }
        }
    }

    /// Sets `statusId` (1 or 2) and `lastSeenAt`; a change emits (8,1 `status`) to the
    /// account's followers and DM partners that have a live socket. `heartbeat` = `POST /status` (online
    /// lapses after 5 min); otherwise the status is pinned.
    pub(crate) fn set_presence(
        &mut self,
        account: &str,
        status_id: u8,
        heartbeat: bool,
        now: i64,
    ) -> Result<(), Rejection> {
        if !matches!(status_id, STATUS_ONLINE | STATUS_OFFLINE) {
            return Err(Rejection::BadRequest(
                "statusId: 1 (online) or 2 (offline)".into(),
            ));
        }
        let a = self
            .accounts
            .get_mut(account)
            .ok_or(Rejection::NotFound("account not found"))?;
        a.last_seen_at = now;
        let changed = a.status_id != status_id;
        a.status_id = status_id;
        if heartbeat && status_id == STATUS_ONLINE {
            self.audience
                .presence
                .heartbeats
                .insert(account.to_owned(), now);
        } else {
            self.audience.presence.heartbeats.remove(account);
        }
        if changed {
            self.emit_status(account, status_id, now);
        }
        Ok(())
    }

    /// (8,1 `status`) to the account's followers and DM partners that have a live socket.
    fn emit_status(&mut self, account: &str, status_id: u8, now: i64) {
        let chats = GroupQuery {
            limit: usize::MAX,
            ..GroupQuery::default()
        };
        let partners = self.messaging_groups(account, &chats).partner_ids;
        let presence = &self.audience.presence;
        let mut seen = HashSet::new();
        let recipients: Vec<String> = self
            .audience
            .follows
            .follower_ids(account)
            .into_iter()
            .chain(partners)
            .filter(|a| presence.has_live_socket(a) && seen.insert(a.clone()))
            .collect();
        let recipients: Vec<&str> = recipients.iter().map(String::as_str).collect();
        let payload = json!({ "accountId": account, "statusId": status_id });
        self.emit(&recipients, (8, 1, "status"), &payload, now);
    }

    /// Heartbeat accounts with no heartbeat for 5 minutes and no live socket go offline.
    pub(crate) fn tick_presence(&mut self, now: i64) {
        let presence = &self.audience.presence;
        let mut lapsed: Vec<String> = presence
            .heartbeats
            .iter()
            .filter(|(account, at)| {
                **at + PRESENCE_TTL_MS <= now && !presence.has_live_socket(account)
            })
            .map(|(account, _)| account.clone())
            .collect();
        lapsed.sort();
        for account in lapsed {
            self.audience.presence.heartbeats.remove(&account);
            if let Some(a) = self.accounts.get_mut(&account)
                && a.status_id != STATUS_OFFLINE
            {
                a.status_id = STATUS_OFFLINE;
                self.emit_status(&account, STATUS_OFFLINE, now);
            }
        }
    }
}
