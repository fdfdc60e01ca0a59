//! The audience world (route-map §4.3 Social graph, Subscriptions): fans, follows, tiers
//! with plans and promos, subscriptions and their clock, lists, presence and the live
//! socket count, and the notifications these changes record.
//!
//! The facts other areas read (who follows whom, a fan's subscription, list members,
//! live sockets) are methods of [`Audience`].

mod fans;
mod follows;
mod lists;
mod presence;
mod renewals;
mod subscribers;
mod subscriptions;
mod tiers;

use std::collections::HashMap;

use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::{Value, json};

use super::World;
use crate::error::SimError;
use crate::json::opt_string;

pub use fans::{DEFAULT_FAN_PASSWORD, FanInfo, NewFan};
pub(crate) use follows::{Follow, FollowRefusal};
pub(crate) use lists::MAX_ITEMS_PER_ADD;
pub(crate) use subscribers::SubscriberQuery;
pub use subscriptions::NewSubscription;
pub(crate) use subscriptions::{SeedSubscription, Subscription};
pub(crate) use tiers::Tier;
pub use tiers::{NewPromo, NewTier};

pub(crate) const DAY_MS: i64 = 24 * 3600 * 1000;

/// Notification codes (route-map §4.3).
pub(crate) const NOTIFY_MEDIA_PURCHASE: u32 = 2007;
pub(crate) const NOTIFY_BUNDLE_PURCHASE: u32 = 2008;
pub(crate) const NOTIFY_FOLLOW: u32 = 3002;
pub(crate) const NOTIFY_TIP: u32 = 7001;
pub(crate) const NOTIFY_SUBSCRIBED: u32 = 15006;
pub(crate) const NOTIFY_EXPIRED: u32 = 15007;

/// All audience state (one field of [`World`]).
#[derive(Debug, Default)]
pub(crate) struct Audience {
    follows: follows::Follows,
    /// Creator → tiers in `pos` order.
    tiers: HashMap<String, Vec<Tier>>,
    subscriptions: subscriptions::Subscriptions,
    lists: lists::Lists,
    presence: presence::Presence,
}

impl Audience {
    /// True when `follower` follows `account`.
    pub(crate) fn follows(&self, follower: &str, account: &str) -> bool {
        self.follows.follows(follower, account)
    }

    /// The follows of `account`'s followers, newest first.
    pub(crate) fn followers_of(&self, account: &str) -> Vec<&Follow> {
        self.follows.followers_of(account)
    }

    /// The accounts `follower` follows, newest first.
    pub(crate) fn following_of(&self, follower: &str) -> Vec<&str> {
        self.follows.following_of(follower)
    }

    /// Everyone following `account`, oldest follow first.
    pub(crate) fn follower_ids(&self, account: &str) -> Vec<String> {
        self.follows.follower_ids(account)
    }

    /// The fan's latest subscription to the creator, any status.
    pub(crate) fn subscription_of(&self, fan: &str, creator: &str) -> Option<&Subscription> {
        self.subscriptions.latest(fan, creator)
    }

    /// The latest subscription of each fan of `creator`, newest first.
    pub(crate) fn subscriptions_to(&self, creator: &str) -> Vec<&Subscription> {
        self.subscriptions.latest_per_fan(creator)
    }

    /// One subscription by id.
    pub(crate) fn subscription(&self, id: &str) -> Option<&Subscription> {
        self.subscriptions.get(id)
    }

    /// The members of a list, in insert order.
    pub(crate) fn list_members(&self, list_id: &str) -> Vec<String> {
        self.lists.members(list_id)
    }

    /// True when `account` is in the list.
    pub(crate) fn in_list(&self, list_id: &str, account: &str) -> bool {
        self.lists.contains(list_id, account)
    }

    /// True when the account has a live WebSocket.
    pub(crate) fn has_live_socket(&self, account: &str) -> bool {
        self.presence.has_live_socket(account)
    }

    /// How many live WebSockets the account has.
    pub(crate) fn live_sockets(&self, account: &str) -> u32 {
        self.presence.live_sockets(account)
    }
}

/// Why a driver (⚙ control action) was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DriverError {
    NotFound(String),
    Invalid(String),
    Conflict(String),
}

impl From<DriverError> for SimError {
    fn from(error: DriverError) -> Self {
        match error {
            DriverError::NotFound(m) | DriverError::Invalid(m) => match m.split_once(": ") {
                Some((field, reason)) if !field.contains(' ') => SimError::invalid(field, reason),
                _ => SimError::invalid("request", m),
            },
            DriverError::Conflict(m) => SimError::Conflict(m),
        }
    }
}

impl World {
    /// Every audience transition due at `now` (§4.7): subscriptions, then presence.
    pub(crate) fn tick_audience(&mut self, now: i64) {
        self.tick_subscriptions(now);
        self.tick_presence(now);
    }

    /// Emits (9,1 `notification`) of code `kind` to `recipient`.
    pub(crate) fn record_notification(
        &mut self,
        recipient: &str,
        kind: u32,
        correlation_id: &str,
        group_id: Option<&str>,
        now: i64,
    ) {
        let payload = json!({
            "id": self.next_id(now),
            "type": kind,
            "accountId": recipient,
            "correlationId": correlation_id,
            "correlationGroupId": group_id,
            "createdAt": now,
        });
        self.emit(&[recipient], (9, 1, "notification"), &payload, now);
    }
}

/// An id that must be present (a JSON string or number).
pub(crate) fn required_id<'de, D: Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    opt_string(de)?
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| D::Error::custom("must be a non-empty id"))
}

/// An optional boolean also accepted as `0` / `1`.
pub(crate) fn opt_flag<'de, D: Deserializer<'de>>(de: D) -> Result<Option<bool>, D::Error> {
    match Option::<Value>::deserialize(de)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(b)),
        Some(Value::Number(n)) if n.as_i64() == Some(0) => Ok(Some(false)),
        Some(Value::Number(n)) if n.as_i64() == Some(1) => Ok(Some(true)),
        Some(other) => Err(D::Error::custom(format!("expected a boolean, got {other}"))),
    }
}
