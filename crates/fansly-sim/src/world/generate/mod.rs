//! Deterministic world generation (`POST /_sim/world {name, seed}`): one creator and an
//! audience around it — fans, follows, subscriptions in mixed statuses and tiers with
//! their ledger, tips, DM chats with messages and read state, lists and presence.
//!
//! Everything is drawn from `StdRng::seed_from_u64(seed)` and laid down in time order
//! over a window ending now, straight into the world (no HTTP). Ids come from the
//! simulated clock, so the same seed gives the same structure, usernames and contents,
//! not the same ids.

mod build;
mod names;
mod payouts;
mod plan;

use serde::Serialize;

use super::World;
use crate::error::SimError;

/// The password of every generated creator.
pub const WORLD_PASSWORD: &str = "creator-password";

/// What a generated world holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorldSummary {
    pub name: String,
    pub seed: u64,
    pub creator_id: String,
    pub creator_username: String,
    pub creator_password: String,
    /// Fans created.
    pub fans: usize,
    /// DM groups with the creator.
    pub chats: usize,
    /// Messages in those chats (tip messages included).
    pub messages: usize,
    /// Fans following the creator.
    pub followers: usize,
    /// Current subscribers (status 3 or 4).
    pub subscribers: usize,
    /// Subscriptions of any status (expired history included).
    pub subscriptions: usize,
    pub tips: usize,
    pub lists: usize,
}

/// The sizes of one named world.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spec {
    pub creator: &'static str,
    pub display_name: &'static str,
    pub fans: usize,
    pub window_days: i64,
    /// Percent of fans following the creator.
    pub follow_pct: u32,
    /// Percent of fans with a subscription (any status).
    pub subscribe_pct: u32,
    pub chats: usize,
    /// Messages per chat, inclusive range.
    pub messages: (usize, usize),
    pub tips: usize,
    pub lists: &'static [&'static str],
    pub list_size: usize,
    /// Tiers besides the default "Basic": `(name, price mills)`; the first gets a promo.
    pub extra_tiers: &'static [(&'static str, i64)],
    /// Percent of fans pinned online.
    pub online_pct: u32,
}

const SMALL: Spec = Spec {
    creator: "creator",
    display_name: "Creator",
    fans: 36,
    window_days: 90,
    follow_pct: 75,
    subscribe_pct: 55,
    chats: 14,
    messages: (3, 12),
    tips: 16,
    lists: &["Favorites", "Big spenders", "New fans"],
    list_size: 8,
    extra_tiers: &[("VIP", 24_990)],
    online_pct: 20,
};

const LARGE: Spec = Spec {
    creator: "bigcreator",
    display_name: "Big Creator",
    fans: 4000,
    window_days: 180,
    follow_pct: 80,
    subscribe_pct: 50,
    chats: 400,
    messages: (30, 120),
    tips: 1500,
    lists: &[
        "Favorites",
        "Big spenders",
        "New fans",
        "Chatters",
        "Top renewals",
    ],
    list_size: 150,
    extra_tiers: &[("VIP", 24_990), ("Inner circle", 49_990)],
    online_pct: 10,
};

impl World {
    /// Builds the world `name` (`small` or `large`) from `seed`, ending at `now`.
    pub(crate) fn seed_world(
        &mut self,
        name: &str,
        seed: u64,
        now: i64,
    ) -> Result<WorldSummary, SimError> {
        let spec = match name.trim().to_ascii_lowercase().as_str() {
            "small" => SMALL,
            "large" => LARGE,
            _ => return Err(SimError::invalid("name", "small or large")),
        };
        let mut summary = self.build_world(spec, seed, now)?;
        let t0 = now - spec.window_days * plan::DAY;
        let large = spec.creator == LARGE.creator;
        self.seed_payouts(&summary.creator_id, large, seed, t0, now);
        summary.name = name.trim().to_ascii_lowercase();
        self.seed_content(&summary.name, &summary.creator_id, seed, now);
        // Last: the vault gives every media seeded above its bytes and album entries.
        self.seed_vault(&summary.name, &summary.creator_id, seed, now);
        Ok(summary)
    }
}
