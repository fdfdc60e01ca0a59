//! Subscription tiers → plans → promos (`GET /subscriptions/tiers`), with the seed
//! invariant that every creator has at least one tier with one plan.

use serde::{Deserialize, Serialize};

use super::DriverError;
use crate::world::World;

/// A tier as Fansly renders it (prices in mills).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Tier {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub color: String,
    pub pos: u32,
    pub price: i64,
    pub max_subscribers: u32,
    pub subscription_benefits: Vec<String>,
    pub included_tier_ids: Vec<String>,
    pub plans: Vec<Plan>,
}

/// A billing plan of a tier.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Plan {
    pub id: String,
    pub status: u8,
    /// Days.
    pub billing_cycle: u32,
    pub price: i64,
    pub use_amounts: u8,
    pub uses: u32,
    pub promos: Vec<Promo>,
}

/// A discount on a plan.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Promo {
    pub id: String,
    pub status: u8,
    pub price: i64,
    /// Days.
    pub duration: u32,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub max_uses: u32,
    pub max_uses_before: i64,
    pub new_subscribers_only: u8,
    pub uses: u32,
}

/// Input for a tier (`POST /_sim/tiers` and world generation).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTier {
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
    /// Mills per billing cycle.
    pub price: i64,
    /// Days; 30 when absent.
    #[serde(default)]
    pub billing_cycle: Option<u32>,
    #[serde(default)]
    pub promo: Option<NewPromo>,
}

/// Input for a promo on a new tier's plan.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewPromo {
    /// Mills for the first `duration` days.
    pub price: i64,
    pub duration: u32,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub starts_at: Option<i64>,
    #[serde(default)]
    pub ends_at: Option<i64>,
    #[serde(default)]
    pub max_uses: u32,
    #[serde(default)]
    pub new_subscribers_only: bool,
}

/// What a default tier looks like: "Basic", $9.99 for 30 days.
pub(crate) const DEFAULT_TIER_PRICE: i64 = 9990;

/// Tier colours handed out in `pos` order when none is given.
const COLORS: [&str; 4] = ["#2699f7", "#e3a32b", "#9b51e0", "#27ae60"];

impl World {
    /// The tiers of `creator_id`, in `pos` order.
    pub(crate) fn tiers_of(&self, creator_id: &str) -> &[Tier] {
        self.audience
            .tiers
            .get(creator_id)
            .map_or(&[], Vec::as_slice)
    }

    /// Adds a tier with one plan (and the promo, if any) to a creator; returns it.
    pub(crate) fn add_tier(&mut self, creator_id: &str, new: NewTier, now: i64) -> Tier {
        let pos = u32::try_from(self.tiers_of(creator_id).len()).unwrap_or(u32::MAX);
        let tier_id = self.next_id(now);
        let plan_id = self.next_id(now);
        let promos = match new.promo {
            Some(p) => vec![Promo {
                id: self.next_id(now),
                status: 1,
                price: p.price,
                duration: p.duration,
                description: p.description,
                starts_at: p.starts_at.unwrap_or(now),
                ends_at: p.ends_at.unwrap_or(0),
                max_uses: p.max_uses,
                max_uses_before: 0,
                new_subscribers_only: u8::from(p.new_subscribers_only),
                uses: 0,
            }],
            None => Vec::new(),
        };
        let price = new.price;
        let color = new
            .color
            .unwrap_or_else(|| COLORS[usize::try_from(pos).unwrap_or(0) % COLORS.len()].to_owned());
        let tier = Tier {
            id: tier_id,
            account_id: creator_id.to_owned(),
            name: new.name,
            color,
            pos,
            price,
            max_subscribers: 0,
            // Fansly tiers list their benefits as text; the simulator's are fixed.
            subscription_benefits: vec!["Full access to my feed".into(), "Direct messages".into()],
            included_tier_ids: Vec::new(),
            plans: vec![Plan {
                id: plan_id,
                status: 1,
                billing_cycle: new.billing_cycle.unwrap_or(30),
                price,
                use_amounts: 0,
                uses: 0,
                promos,
            }],
        };
        self.audience
            .tiers
            .entry(creator_id.to_owned())
            .or_default()
            .push(tier.clone());
        tier
    }

    /// ⚙ a tier for a creator (`POST /_sim/tiers`), validated.
    pub(crate) fn create_tier(
        &mut self,
        creator_id: &str,
        new: NewTier,
        now: i64,
    ) -> Result<Tier, DriverError> {
        if !self.is_creator(creator_id) {
            return Err(DriverError::NotFound(format!(
                "creatorId: unknown creator {creator_id}"
            )));
        }
        if new.name.trim().is_empty() {
            return Err(DriverError::Invalid("name: must not be blank".into()));
        }
        if new.price < 0 || new.promo.as_ref().is_some_and(|p| p.price < 0) {
            return Err(DriverError::Invalid("price: must not be negative".into()));
        }
        if new.billing_cycle == Some(0) || new.promo.as_ref().is_some_and(|p| p.duration == 0) {
            return Err(DriverError::Invalid("billingCycle: at least 1 day".into()));
        }
        Ok(self.add_tier(creator_id, new, now))
    }

    /// Seed invariants of a creator: the wallets and, when it has none, a "Basic" tier.
    pub(crate) fn seed_creator_audience(&mut self, creator_id: &str, now: i64) {
        self.open_wallets(creator_id, true, 0, now);
        if self.tiers_of(creator_id).is_empty() {
            self.add_tier(
                creator_id,
                NewTier {
                    name: "Basic".into(),
                    color: None,
                    price: DEFAULT_TIER_PRICE,
                    billing_cycle: None,
                    promo: None,
                },
                now,
            );
        }
    }
}
