//! Subscriptions (route-map §4.3): the entity and its store, the ⚙ subscribe driver
//! (§4.5) and generation's direct inserts. The clock side lives in `renewals`.
//!
//! Status: 2 pending, 3 active, 4 lapsed (renewal unpaid, access kept for the grace
//! period), 5 expired. At most one subscription in 2/3/4 per (fan, creator); expired rows
//! stay as history. `subscriberCount` counts the 2/3/4 ones.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{DAY_MS, DriverError, NOTIFY_SUBSCRIBED};
use crate::json::opt_string;
use crate::world::World;
use crate::world::messaging::AutomationTrigger;
use crate::world::money::TxKind;

/// How long a lapsed subscription keeps access before it expires.
pub(crate) const GRACE_MS: i64 = 3 * DAY_MS;

/// One subscription, serialized with Fansly's field names (prices mills, times ms).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Subscription {
    pub id: String,
    pub history_id: String,
    /// The creator.
    pub account_id: String,
    /// The fan.
    pub subscriber_id: String,
    #[serde(rename = "subscriptionTierId")]
    pub tier_id: String,
    pub subscription_tier_name: String,
    pub subscription_tier_color: String,
    pub plan_id: String,
    /// `"0"` when none (Fansly's string ids; fansly-real-shapes lists it as a string).
    #[serde(serialize_with = "id_or_zero")]
    pub promo_id: Option<String>,
    pub gift_code_id: Option<String>,
    /// Who paid: the fan themself unless gifted (the simulator mints no gifts).
    pub gifted_by: GiftedBy,
    pub status: u8,
    pub price: i64,
    pub renew_price: i64,
    #[serde(serialize_with = "id_or_zero")]
    pub renew_correlation_id: Option<String>,
    pub auto_renew: u8,
    pub billing_cycle: u32,
    pub duration: u32,
    pub renew_date: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub ends_at: i64,
    pub promo_price: i64,
    pub promo_duration: u32,
    pub promo_status: u8,
    pub promo_starts_at: i64,
    pub promo_ends_at: i64,
    pub version: u32,
    /// Status 4 turns 5 at this time.
    #[serde(skip)]
    pub grace_ends_at: i64,
    /// Paid renewals so far (the renewal streak).
    #[serde(skip)]
    pub renewals: u32,
    /// Set by the ⚙ fail-renewal driver: the next renewal fails whatever the balance.
    #[serde(skip)]
    pub fail_next_renewal: bool,
}

/// `giftedBy` of a subscription.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GiftedBy {
    pub account_id: String,
    pub username: String,
    pub display_name: String,
}

fn id_or_zero<S: serde::Serializer>(id: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(id.as_deref().unwrap_or("0"))
}

impl World {
    /// The `giftedBy` of a subscription paid by `payer`.
    fn gifted_by(&self, payer: &str) -> GiftedBy {
        self.account(payer)
            .map(|a| GiftedBy {
                account_id: a.id.clone(),
                username: a.username.clone(),
                display_name: a.display_name.clone(),
            })
            .unwrap_or_default()
    }
}

impl Subscription {
    /// Status 3 or 4: the fan has access.
    pub(crate) fn has_access(&self) -> bool {
        matches!(self.status, 3 | 4)
    }

    /// Status 2, 3 or 4: not expired.
    pub(crate) fn is_current(&self) -> bool {
        matches!(self.status, 2..=4)
    }

    /// What messaging's access rules and audiences read.
    pub(crate) fn sub_info(&self) -> crate::world::messaging::SubInfo {
        crate::world::messaging::SubInfo {
            status: self.status,
            tier_id: self.tier_id.clone(),
            auto_renew: self.auto_renew == 1,
        }
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Every subscription, in creation order, with the lookups the rules need.
#[derive(Debug, Default)]
pub(crate) struct Subscriptions {
    pub(super) rows: Vec<Subscription>,
    pub(super) index: HashMap<String, usize>,
    by_creator: HashMap<String, Vec<usize>>,
    /// `(fan, creator)` → the latest row of any status.
    latest: HashMap<(String, String), usize>,
}

impl Subscriptions {
    pub(crate) fn get(&self, id: &str) -> Option<&Subscription> {
        self.index.get(id).map(|&i| &self.rows[i])
    }

    /// The fan's latest subscription to the creator, any status.
    pub(crate) fn latest(&self, fan: &str, creator: &str) -> Option<&Subscription> {
        self.latest
            .get(&(fan.to_owned(), creator.to_owned()))
            .map(|&i| &self.rows[i])
    }

    /// The fan's subscription in status 2, 3 or 4, if any.
    pub(crate) fn current(&self, fan: &str, creator: &str) -> Option<&Subscription> {
        self.latest(fan, creator).filter(|s| s.is_current())
    }

    /// Every subscription to `creator`, newest first.
    pub(crate) fn of_creator<'a>(
        &'a self,
        creator: &str,
    ) -> impl Iterator<Item = &'a Subscription> + 'a {
        self.by_creator
            .get(creator)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .rev()
            .map(|&i| &self.rows[i])
    }

    /// The latest subscription of each fan of `creator`, newest first.
    pub(crate) fn latest_per_fan(&self, creator: &str) -> Vec<&Subscription> {
        self.of_creator(creator)
            .filter(|s| {
                self.latest(&s.subscriber_id, creator)
                    .is_some_and(|l| l.id == s.id)
            })
            .collect()
    }

    fn push(&mut self, sub: Subscription) -> usize {
        let i = self.rows.len();
        self.index.insert(sub.id.clone(), i);
        self.by_creator
            .entry(sub.account_id.clone())
            .or_default()
            .push(i);
        self.latest
            .insert((sub.subscriber_id.clone(), sub.account_id.clone()), i);
        self.rows.push(sub);
        i
    }
}

/// Input of the ⚙ subscribe driver (`POST /_sim/subscribe`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSubscription {
    #[serde(deserialize_with = "crate::world::audience::required_id")]
    pub fan_id: String,
    #[serde(deserialize_with = "crate::world::audience::required_id")]
    pub creator_id: String,
    #[serde(default, deserialize_with = "opt_string")]
    pub tier_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub plan_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub promo_id: Option<String>,
    /// Default true; `0`/`1` are accepted too.
    #[serde(default, deserialize_with = "crate::world::audience::opt_flag")]
    pub auto_renew: Option<bool>,
}

/// A subscription as world generation lays it down (no events, no ledger).
pub(crate) struct SeedSubscription<'a> {
    pub fan_id: &'a str,
    pub creator_id: &'a str,
    pub tier_index: usize,
    pub status: u8,
    pub auto_renew: bool,
    pub created_at: i64,
    pub ends_at: i64,
    pub renewals: u32,
}

impl World {
    /// ⚙ subscribe (§4.5): a top-up when short, status 2 then 3, the ledger rows, the
    /// notification and the `new_subscriber` automation, with their events in order.
    pub(crate) fn subscribe_fan(
        &mut self,
        new: NewSubscription,
        now: i64,
    ) -> Result<Subscription, DriverError> {
        let (fan, creator) = (new.fan_id.as_str(), new.creator_id.as_str());
        if self.account(fan).is_none() {
            return Err(DriverError::NotFound(format!(
                "fanId: unknown account {fan}"
            )));
        }
        if !self.is_creator(creator) {
            return Err(DriverError::NotFound(format!(
                "creatorId: unknown creator {creator}"
            )));
        }
        if fan == creator {
            return Err(DriverError::Invalid(
                "fanId: a creator cannot subscribe to itself".into(),
            ));
        }
        if self.audience.subscriptions.current(fan, creator).is_some() {
            return Err(DriverError::Conflict(
                "the fan already has a current subscription".into(),
            ));
        }
        let tiers = self.tiers_of(creator);
        let tier = match &new.tier_id {
            Some(id) => tiers.iter().find(|t| &t.id == id),
            None => tiers.first(),
        }
        .ok_or_else(|| DriverError::NotFound("tierId: no such tier".into()))?
        .clone();
        let plan = match &new.plan_id {
            Some(id) => tier.plans.iter().find(|p| &p.id == id),
            None => tier.plans.first(),
        }
        .ok_or_else(|| DriverError::NotFound("planId: no such plan".into()))?;
        let promo = match &new.promo_id {
            Some(id) => Some(
                plan.promos
                    .iter()
                    .find(|p| &p.id == id)
                    .ok_or_else(|| DriverError::NotFound("promoId: no such promo".into()))?,
            ),
            None => None,
        };
        let duration = promo.map_or(plan.billing_cycle, |p| p.duration);
        let price = promo.map_or(plan.price, |p| p.price);
        let id = self.next_id(now);
        let ends_at = now + i64::from(duration) * DAY_MS;
        let mut sub = Subscription {
            history_id: self.next_id(now),
            id,
            account_id: creator.to_owned(),
            subscriber_id: fan.to_owned(),
            tier_id: tier.id.clone(),
            subscription_tier_name: tier.name.clone(),
            subscription_tier_color: tier.color.clone(),
            plan_id: plan.id.clone(),
            promo_id: promo.map(|p| p.id.clone()),
            gift_code_id: None,
            gifted_by: self.gifted_by(fan),
            status: 2,
            price,
            renew_price: plan.price,
            renew_correlation_id: None,
            auto_renew: u8::from(new.auto_renew.unwrap_or(true)),
            billing_cycle: plan.billing_cycle,
            duration,
            renew_date: ends_at,
            created_at: now,
            updated_at: now,
            ends_at,
            promo_price: promo.map_or(0, |p| p.price),
            promo_duration: promo.map_or(0, |p| p.duration),
            promo_status: promo.map_or(0, |p| p.status),
            promo_starts_at: promo.map_or(0, |p| p.starts_at),
            promo_ends_at: promo.map_or(0, |p| p.ends_at),
            version: 1,
            grace_ends_at: 0,
            renewals: 0,
            fail_next_renewal: false,
        };
        self.count_plan_use(creator, &sub.plan_id, sub.promo_id.as_deref());

        if let Some(top_up) = self.top_up_if_short(fan, price, now) {
            self.emit_top_up(&top_up, now);
        }
        self.emit(&[fan], (15, 5, "subscription"), &sub.json(), now);
        sub.status = 3;
        let i = self.audience.subscriptions.push(sub.clone());
        self.emit(&[fan, creator], (15, 5, "subscription"), &sub.json(), now);
        let debit = self.debit_fan(fan, price, &sub.id, creator, now);
        self.emit_transaction(&debit, now);
        let credit = self.credit_creator(creator, TxKind::Subscription, price, &sub.id, fan, now);
        self.emit_transaction(&credit, now);
        self.record_notification(creator, NOTIFY_SUBSCRIBED, &sub.id, None, now);
        self.bump_subscriber_count(creator, 1);
        self.fire_automation(creator, fan, AutomationTrigger::NewSubscriber, now);
        Ok(self.audience.subscriptions.rows[i].clone())
    }

    /// Lays down a subscription for world generation: no events, no ledger, counters kept.
    pub(crate) fn seed_subscription(
        &mut self,
        seed: SeedSubscription<'_>,
        now: i64,
    ) -> Subscription {
        let tiers = self.tiers_of(seed.creator_id);
        let tier = tiers[seed.tier_index.min(tiers.len() - 1)].clone();
        let plan = &tier.plans[0];
        let sub = Subscription {
            id: self.next_id(now),
            history_id: self.next_id(now),
            account_id: seed.creator_id.to_owned(),
            subscriber_id: seed.fan_id.to_owned(),
            tier_id: tier.id.clone(),
            subscription_tier_name: tier.name.clone(),
            subscription_tier_color: tier.color.clone(),
            plan_id: plan.id.clone(),
            promo_id: None,
            gift_code_id: None,
            gifted_by: self.gifted_by(seed.fan_id),
            status: seed.status,
            price: plan.price,
            renew_price: plan.price,
            renew_correlation_id: None,
            auto_renew: u8::from(seed.auto_renew),
            billing_cycle: plan.billing_cycle,
            duration: plan.billing_cycle,
            renew_date: seed.ends_at,
            created_at: seed.created_at,
            updated_at: seed.created_at,
            ends_at: seed.ends_at,
            promo_price: 0,
            promo_duration: 0,
            promo_status: 0,
            promo_starts_at: 0,
            promo_ends_at: 0,
            version: 1 + seed.renewals,
            grace_ends_at: if seed.status == 4 {
                seed.ends_at + GRACE_MS
            } else {
                0
            },
            renewals: seed.renewals,
            fail_next_renewal: false,
        };
        self.audience.subscriptions.push(sub.clone());
        if sub.is_current() {
            self.bump_subscriber_count(seed.creator_id, 1);
        }
        sub
    }

    pub(super) fn bump_subscriber_count(&mut self, creator: &str, delta: i64) {
        if let Some(a) = self.accounts.get_mut(creator) {
            a.subscriber_count = a.subscriber_count.saturating_add_signed(delta);
        }
    }

    fn count_plan_use(&mut self, creator: &str, plan_id: &str, promo_id: Option<&str>) {
        let Some(tiers) = self.audience.tiers.get_mut(creator) else {
            return;
        };
        for plan in tiers.iter_mut().flat_map(|t| t.plans.iter_mut()) {
            if plan.id == plan_id {
                plan.uses += 1;
                for promo in &mut plan.promos {
                    if Some(promo.id.as_str()) == promo_id {
                        promo.uses += 1;
                    }
                }
            }
        }
    }
}
