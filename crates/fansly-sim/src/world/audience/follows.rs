//! The follow graph: `POST /account/{id}/followers` (+ `/remove`) and the follower and
//! following lists. `followCount` on the followed account is kept current.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::NOTIFY_FOLLOW;
use crate::world::World;
use crate::world::messaging::AutomationTrigger;

/// One follow (follower → followed).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Follow {
    pub id: String,
    pub follower_id: String,
    /// The followed account.
    pub account_id: String,
    pub created_at: i64,
}

/// Every follow, with both directions indexed (ids in follow order, oldest first).
#[derive(Debug, Default)]
pub(crate) struct Follows {
    by_pair: HashMap<(String, String), Follow>,
    followers: HashMap<String, Vec<String>>,
    following: HashMap<String, Vec<String>>,
}

/// Why a follow was refused (422 code 5 natively, except an unknown account).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FollowRefusal {
    UnknownAccount,
    /// Self, duplicate or blocked: "you can not follow".
    CannotFollow,
}

impl Follows {
    /// True when `follower` follows `account`.
    pub(crate) fn follows(&self, follower: &str, account: &str) -> bool {
        self.by_pair
            .contains_key(&(follower.to_owned(), account.to_owned()))
    }

    /// The follow of `follower` → `account`, if any.
    pub(crate) fn get(&self, follower: &str, account: &str) -> Option<&Follow> {
        self.by_pair.get(&(follower.to_owned(), account.to_owned()))
    }

    /// The followers of `account`, newest first.
    pub(crate) fn followers_of(&self, account: &str) -> Vec<&Follow> {
        self.followers
            .get(account)
            .map(|ids| {
                ids.iter()
                    .rev()
                    .filter_map(|f| self.get(f, account))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The ids of everyone following `account`, oldest follow first.
    pub(crate) fn follower_ids(&self, account: &str) -> Vec<String> {
        self.followers.get(account).cloned().unwrap_or_default()
    }

    /// The accounts `follower` follows, newest first.
    pub(crate) fn following_of(&self, follower: &str) -> Vec<&str> {
        self.following
            .get(follower)
            .map(|ids| ids.iter().rev().map(String::as_str).collect())
            .unwrap_or_default()
    }

    fn insert(&mut self, follow: Follow) {
        let (f, a) = (follow.follower_id.clone(), follow.account_id.clone());
        self.followers.entry(a.clone()).or_default().push(f.clone());
        self.following.entry(f.clone()).or_default().push(a.clone());
        self.by_pair.insert((f, a), follow);
    }

    fn remove(&mut self, follower: &str, account: &str) -> Option<Follow> {
        let follow = self
            .by_pair
            .remove(&(follower.to_owned(), account.to_owned()))?;
        if let Some(ids) = self.followers.get_mut(account) {
            ids.retain(|id| id != follower);
        }
        if let Some(ids) = self.following.get_mut(follower) {
            ids.retain(|id| id != account);
        }
        Some(follow)
    }
}

impl World {
    /// Stores a follow and bumps `followCount`; no events (seeding and the route share it).
    pub(crate) fn insert_follow(&mut self, follower: &str, account: &str, now: i64) -> Follow {
        let follow = Follow {
            id: self.next_id(now),
            follower_id: follower.to_owned(),
            account_id: account.to_owned(),
            created_at: now,
        };
        self.audience.follows.insert(follow.clone());
        if let Some(a) = self.accounts.get_mut(account) {
            a.follow_count += 1;
        }
        follow
    }

    /// `POST /account/{id}/followers`: (3,2) → both, notification 3002 → followed, then
    /// the `new_follower` automation.
    pub(crate) fn follow_account(
        &mut self,
        follower: &str,
        account: &str,
        now: i64,
    ) -> Result<Follow, FollowRefusal> {
        if self.account(account).is_none() {
            return Err(FollowRefusal::UnknownAccount);
        }
        if follower == account
            || self.audience.follows.follows(follower, account)
            || self.is_partner_blocked(account, follower)
        {
            return Err(FollowRefusal::CannotFollow);
        }
        let follow = self.insert_follow(follower, account, now);
        let payload = serde_json::to_value(&follow).unwrap_or(Value::Null);
        self.emit(&[follower, account], (3, 2, "follow"), &payload, now);
        self.record_notification(account, NOTIFY_FOLLOW, &follow.id, None, now);
        self.fire_automation(account, follower, AutomationTrigger::NewFollower, now);
        Ok(follow)
    }

    /// `POST /account/{id}/followers/remove`: (3,3) with the follow's id → both. Not
    /// following is a no-op (`None`).
    pub(crate) fn unfollow_account(
        &mut self,
        follower: &str,
        account: &str,
        now: i64,
    ) -> Option<Follow> {
        let follow = self.audience.follows.remove(follower, account)?;
        if let Some(a) = self.accounts.get_mut(account) {
            a.follow_count = a.follow_count.saturating_sub(1);
        }
        let payload = serde_json::to_value(&follow).unwrap_or(Value::Null);
        self.emit(&[follower, account], (3, 3, "follow"), &payload, now);
        Some(follow)
    }
}
