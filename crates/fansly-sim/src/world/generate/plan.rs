//! Planning a generated world: every fan, follow, subscription (with its paid periods),
//! chat message and tip, each with its time, all drawn from the seeded RNG. Nothing
//! touches the world here; [`super::build`] runs the plan in time order.

use std::collections::{HashMap, HashSet};

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use super::{Spec, names};

pub(super) const MINUTE: i64 = 60_000;
pub(super) const HOUR: i64 = 60 * MINUTE;
pub(super) const DAY: i64 = 24 * HOUR;
/// Tip amounts (mills) the generator draws from.
const TIP_AMOUNTS: [i64; 7] = [1000, 2000, 5000, 5000, 10_000, 20_000, 50_000];

/// One action of the plan; indices point into [`Plan`]'s vectors.
pub(super) enum Act {
    Fan(usize),
    Follow(usize),
    Subscribe(usize),
    Pay(usize),
    Tip {
        fan: usize,
        amount: i64,
        chat: Option<usize>,
        line: &'static str,
    },
    Message {
        chat: usize,
        from_fan: bool,
        line: &'static str,
    },
}

/// A fan to create; `id` is filled when the plan runs.
pub(super) struct FanPlan {
    pub display: String,
    pub username: String,
    pub balance: i64,
    pub at: i64,
    pub id: String,
}

/// A subscription and its paid periods (`periods` × `price`, every `cycle` ms).
pub(super) struct SubPlan {
    pub fan: usize,
    pub tier: usize,
    pub status: u8,
    pub auto_renew: bool,
    pub created: i64,
    pub ends: i64,
    pub periods: u32,
    pub cycle: i64,
    pub price: i64,
    pub id: String,
}

/// A DM chat with the creator; the group is created by its first message or tip.
pub(super) struct ChatPlan {
    pub fan: usize,
    pub start: i64,
    pub group: Option<String>,
    /// `(message id, sent by the fan)`, in order.
    pub messages: Vec<(String, bool)>,
}

/// Uniform in `[low, high)`; `low` when the range is empty.
pub(super) fn between(rng: &mut StdRng, low: i64, high: i64) -> i64 {
    if high > low {
        rng.gen_range(low..high)
    } else {
        low
    }
}

/// True with probability `pct` %.
pub(super) fn percent(rng: &mut StdRng, pct: u32) -> bool {
    rng.gen_range(0..100) < pct
}

/// Everything the world will hold, and when each action happens (not yet sorted).
pub(super) struct Plan {
    pub fans: Vec<FanPlan>,
    pub subs: Vec<SubPlan>,
    pub chats: Vec<ChatPlan>,
    pub acts: Vec<(i64, Act)>,
}

/// Plans fans created over the first 30 % of `[t0, end]` and their activity until `end`.
/// `tiers` holds `(price, billing cycle ms)` per tier; `taken` the names already in use.
pub(super) fn plan(
    spec: &Spec,
    rng: &mut StdRng,
    tiers: &[(i64, i64)],
    mut taken: HashSet<String>,
    (t0, end, now): (i64, i64, i64),
) -> Plan {
    let fan_window = spec.window_days * DAY * 3 / 10;
    let mut fans: Vec<FanPlan> = Vec::with_capacity(spec.fans);
    for i in 0..spec.fans {
        let (display, mut username) = names::fan_names(rng);
        if taken.contains(&username) || taken.contains(&format!("{username}@fans.example")) {
            username = format!("{username}_{i}");
        }
        taken.insert(username.clone());
        taken.insert(format!("{username}@fans.example"));
        let offset =
            fan_window * i64::try_from(i).unwrap_or(0) / i64::try_from(spec.fans).unwrap_or(1);
        fans.push(FanPlan {
            display,
            username,
            balance: rng.gen_range(0..=150) * 1000,
            at: t0 + MINUTE + offset,
            id: String::new(),
        });
    }
    let mut acts: Vec<(i64, Act)> = fans
        .iter()
        .enumerate()
        .map(|(i, f)| (f.at, Act::Fan(i)))
        .collect();
    let mut subs: Vec<SubPlan> = Vec::new();
    let mut engaged = vec![false; fans.len()];
    for (i, fan) in fans.iter().enumerate() {
        if percent(rng, spec.follow_pct) {
            acts.push((between(rng, fan.at + MINUTE, end), Act::Follow(i)));
            engaged[i] = true;
        }
        if percent(rng, spec.subscribe_pct) {
            let tier = if tiers.len() > 1 && !percent(rng, 80) {
                rng.gen_range(1..tiers.len())
            } else {
                0
            };
            if let Some(plan) = plan_subscription(rng, i, tier, tiers[tier], fan.at, now) {
                subs.push(plan);
                engaged[i] = true;
            }
        }
    }
    for (s, plan) in subs.iter().enumerate() {
        acts.push((plan.created, Act::Subscribe(s)));
        for period in 0..i64::from(plan.periods) {
            acts.push((plan.created + period * plan.cycle, Act::Pay(s)));
        }
    }
    let mut order: Vec<usize> = (0..fans.len()).collect();
    order.shuffle(rng);
    order.sort_by_key(|&i| !engaged[i]);
    let mut chats: Vec<ChatPlan> = Vec::new();
    for &fan in order.iter().take(spec.chats) {
        let start = between(rng, fans[fan].at + HOUR, end - HOUR);
        let count = rng.gen_range(spec.messages.0..=spec.messages.1);
        let mut times: Vec<i64> = (0..count).map(|_| between(rng, start, end)).collect();
        times.sort_unstable();
        let mut from_fan = percent(rng, 70);
        for at in times {
            let line = names::dm_line(rng, from_fan);
            acts.push((
                at,
                Act::Message {
                    chat: chats.len(),
                    from_fan,
                    line,
                },
            ));
            if percent(rng, 65) {
                from_fan = !from_fan;
            }
        }
        chats.push(ChatPlan {
            fan,
            start,
            group: None,
            messages: Vec::new(),
        });
    }
    let chat_of: HashMap<usize, usize> =
        chats.iter().enumerate().map(|(c, p)| (p.fan, c)).collect();
    let subscribers: Vec<usize> = subs.iter().map(|s| s.fan).collect();
    for _ in 0..spec.tips {
        let fan = if !subscribers.is_empty() && percent(rng, 70) {
            subscribers[rng.gen_range(0..subscribers.len())]
        } else {
            rng.gen_range(0..fans.len())
        };
        let at = between(rng, fans[fan].at + HOUR, end);
        let amount = *TIP_AMOUNTS.choose(rng).unwrap_or(&1000);
        let chat = chat_of
            .get(&fan)
            .copied()
            .filter(|&c| at > chats[c].start && percent(rng, 50));
        let line = names::tip_line(rng);
        acts.push((
            at,
            Act::Tip {
                fan,
                amount,
                chat,
                line,
            },
        ));
    }
    Plan {
        fans,
        subs,
        chats,
        acts,
    }
}

/// A subscription of `fan` (created at `fan_at`) to tier `(price, cycle)`: status 3
/// (72 %), 4 (12 %, lapsed within the last two days) or 5 (expired 4–40 days ago).
fn plan_subscription(
    rng: &mut StdRng,
    fan: usize,
    tier: usize,
    (price, cycle): (i64, i64),
    fan_at: i64,
    now: i64,
) -> Option<SubPlan> {
    let roll = rng.gen_range(0..100);
    let (status, auto_renew, created, ends, periods) = if roll < 72 {
        let created = between(rng, fan_at + HOUR, now - HOUR);
        let periods = (now - created) / cycle + 1;
        (
            3,
            percent(rng, 85),
            created,
            created + periods * cycle,
            periods,
        )
    } else {
        let (status, ends) = if roll < 84 {
            (4, now - between(rng, HOUR, 2 * DAY))
        } else {
            (5, now - between(rng, 4 * DAY, 40 * DAY))
        };
        let max_periods = ((ends - fan_at - HOUR) / cycle).min(6);
        if max_periods < 1 {
            return None;
        }
        let periods = rng.gen_range(1..=max_periods);
        let auto_renew = status == 4 || percent(rng, 50);
        (status, auto_renew, ends - periods * cycle, ends, periods)
    };
    Some(SubPlan {
        fan,
        tier,
        status,
        auto_renew,
        created,
        ends,
        periods: u32::try_from(periods).unwrap_or(1),
        cycle,
        price,
        id: String::new(),
    })
}
