//! The money side of a generated world beyond the ledger: the creator's payout methods (a
//! Paxum e-mail method; the large world also a USDT wallet) and a processed payout roughly
//! every 30 days, each of part of what was available then (net past the 7-day hold, minus
//! earlier payouts), so the earnings wallet's balance stays consistent (route-map §4.4).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use super::plan::DAY;
use crate::world::World;
use crate::world::money::{EARNINGS_HOLD_MS, WALLET_EARNINGS};
use crate::world::payouts::PROVIDER_PAXUM;

/// `providerId` of USDT.
const PROVIDER_USDT: u32 = 30;
/// Days between seeded payouts.
const PAYOUT_EVERY_DAYS: i64 = 30;

impl World {
    /// Lays the payout methods and payouts of `creator` over `[t0, now)`.
    pub(super) fn seed_payouts(&mut self, creator: &str, usdt: bool, seed: u64, t0: i64, now: i64) {
        let mut rng = StdRng::seed_from_u64(seed ^ 0x5041_594f_5554);
        let email = self
            .account(creator)
            .map(|a| a.email.clone())
            .unwrap_or_default();
        let paxum = self.seed_payout_method(
            creator,
            PROVIDER_PAXUM,
            json!({"field0": "", "field1": "", "email": email}),
            t0 + DAY,
        );
        if usdt {
            self.seed_payout_method(
                creator,
                PROVIDER_USDT,
                json!({"field0": format!("T{:033x}", rng.r#gen::<u128>())}),
                t0 + 2 * DAY,
            );
        }
        let mut paid = 0;
        let mut at = t0 + PAYOUT_EVERY_DAYS * DAY;
        while at < now - EARNINGS_HOLD_MS {
            let cleared: i64 = self
                .money
                .ledger_of(creator)
                .filter(|tx| {
                    tx.destination == 2
                        && tx.status == 2
                        && tx.wallet_kind == WALLET_EARNINGS
                        && tx.created_at <= at - EARNINGS_HOLD_MS
                })
                .map(|tx| tx.amount)
                .sum();
            let share = rng.gen_range(60..=90);
            let amount = (cleared - paid) * share / 100 / 1000 * 1000;
            if amount > 0 {
                self.seed_payout_request(creator, &paxum, amount, at);
                paid += amount;
            }
            at += PAYOUT_EVERY_DAYS * DAY;
        }
    }
}
