//! The audience and money facts messaging needs (follows, subscriptions, lists, purchases,
//! tips, live sockets), each behind one function that reads `world.audience` /
//! `world.money`.

use serde_json::Value;

use crate::world::World;

/// A fan's current subscription to a creator, as access rules and audiences read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SubInfo {
    /// 2 pending, 3 active, 4 lapsed with access, 5 expired.
    pub status: u8,
    pub tier_id: String,
    pub auto_renew: bool,
}

impl SubInfo {
    /// Status 3 or 4.
    pub(crate) fn has_access(&self) -> bool {
        matches!(self.status, 3 | 4)
    }
}

impl World {
    /// True when `follower` follows `account`.
    pub(crate) fn follows(&self, follower: &str, account: &str) -> bool {
        self.audience.follows(follower, account)
    }

    /// The fan's latest subscription to the creator (any status), if any.
    pub(crate) fn subscription_of(&self, fan: &str, creator: &str) -> Option<SubInfo> {
        self.audience
            .subscription_of(fan, creator)
            .map(|s| s.sub_info())
    }

    /// Everyone following `creator`.
    pub(crate) fn followers_of(&self, creator: &str) -> Vec<String> {
        self.audience.follower_ids(creator)
    }

    /// The latest subscription of each fan of `creator`.
    pub(crate) fn subscriptions_to(&self, creator: &str) -> Vec<(String, SubInfo)> {
        self.audience
            .subscriptions_to(creator)
            .into_iter()
            .map(|s| (s.subscriber_id.clone(), s.sub_info()))
            .collect()
    }

    /// Members of a list.
    pub(crate) fn list_members(&self, list_id: &str) -> Vec<String> {
        self.audience.list_members(list_id)
    }

    /// True when `account` is in the list.
    pub(crate) fn in_list(&self, list_id: &str, account: &str) -> bool {
        self.audience.in_list(list_id, account)
    }

    /// True when `buyer` holds a MediaOrder for the offer or bundle `offer_id` (a bundle
    /// order covers its offers).
    pub(crate) fn has_purchased(&self, buyer: &str, offer_id: &str) -> bool {
        self.money.has_purchased(buyer, offer_id)
    }

    /// Σ of the fan's tips to the creator (mills).
    pub(crate) fn tips_total(&self, fan: &str, creator: &str) -> i64 {
        self.money.tips_total(fan, creator)
    }

    /// Σ of the fan's media purchases from the creator (mills).
    pub(crate) fn purchases_total(&self, fan: &str, creator: &str) -> i64 {
        self.money.purchases_total(fan, creator)
    }

    /// True when the account has a live WebSocket (messages to it count as delivered).
    pub(crate) fn has_live_socket(&self, account: &str) -> bool {
        self.audience.has_live_socket(account)
    }

    /// Tips named by message attachments (`contentType 7`), for `GET /message`'s `tips`.
    pub(crate) fn tips_by_ids(&self, ids: &[&str]) -> Vec<Value> {
        ids.iter()
            .filter_map(|id| self.money.tip(id))
            .map(|tip| serde_json::to_value(tip).unwrap_or(Value::Null))
            .collect()
    }

    /// The viewer's MediaOrders of these offers or bundles, for `accountMediaOrders`.
    pub(crate) fn media_orders_of(&self, viewer: &str, offer_ids: &[&str]) -> Vec<Value> {
        self.money
            .orders()
            .iter()
            .filter(|o| o.account_id == viewer)
            .filter(|o| {
                let id = o
                    .account_media_id
                    .as_deref()
                    .or(o.account_media_bundle_id.as_deref());
                id.is_some_and(|id| offer_ids.contains(&id))
            })
            .map(|o| serde_json::to_value(o).unwrap_or(Value::Null))
            .collect()
    }
}
