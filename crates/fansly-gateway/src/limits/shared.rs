//! Limits shared by several gateways on one database (issue 12).
//!
//! A request never waits for the database: every [`SYNC`] each process *exchanges* with the
//! store (`Store::exchange_limits`, one transaction) — it sends the requests it admitted per
//! key and second and the calls each account wanted of Fansly, and reads the other processes'
//! — and between exchanges it decides alone, from what it learnt:
//!
//! - **Rate limit.** A key's window is its own admissions plus the others' (per second, as of
//!   the last exchange; they age out locally like its own). So that processes deciding alone
//!   cannot together overshoot the limit, each may admit at most a *budget* between two
//!   exchanges: ⌈remaining ÷ live processes⌉, where remaining is the limit minus the window at
//!   the exchange. Together they admit at most `remaining + live − 1` before the next exchange,
//!   so a key's minute holds at most `rpm + live − 1` requests (a key idle until a burst
//!   starts: `rpm` plus one per extra process); a process carrying all the load takes
//!   ⌈remaining ÷ live⌉ per exchange and fills the minute in a few exchanges.
//! - **Credits.** On a shared store usage is flushed at every exchange and the month's totals
//!   (every process's) read back, so `spent` is at most one exchange old; between exchanges a
//!   process may spend at most ⌈(allowance − spent) ÷ live⌉. The month overshoots the
//!   allowance by at most the cost of the requests in flight when it is reached (one per
//!   process per exchange at most, plus webhook events, which are never refused).
//! - **Pacing of Fansly calls.** Each process paces an account at its *share* of the
//!   configured rate and burst: its demand (calls wanted in the last exchange) ÷ all
//!   processes' demand; an account with no recorded demand elsewhere gets 1 ÷ live processes
//!   (1 alone). Shares sum to 1 except for one exchange after an account's demand moves to a
//!   process that had none (it then uses at most 1 ÷ live of the rate for that exchange).
//!
//! On a store that is not shared (SQLite, one process) nothing of this runs: budgets stay off
//! and the process is alone.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use gateway_store::{LimitExchange, StoreError, TenantId};

use super::window::{WINDOW_SECS, Window};
use super::{KeyState, Limiter, lock};
use crate::state::AppState;

/// How often a process on a shared store exchanges its admissions and demand.
pub const SYNC: Duration = Duration::from_millis(200);

/// Demand older than this (two exchanges and a margin) no longer counts.
const DEMAND_MS: i64 = 600;

/// One key's part in the shared limit (all zero / off when alone).
#[derive(Debug, Default)]
pub(super) struct SharedKey {
    /// Other processes' admissions, per second, as of the last exchange.
    pub others: Window,
    /// Admissions not yet sent: `(second, count)`, oldest first.
    pub outbox: Vec<(i64, u64)>,
    /// Admissions allowed until the next exchange; `None`: no budget (alone, or not yet
    /// exchanged and then the first budget is set from the plan).
    pub budget: Option<u64>,
    /// Admitted since the last exchange.
    pub spent: u64,
    /// Credits allowed until the next exchange (`None`: no budget).
    pub credit_budget: Option<u64>,
    /// Credits charged since the last exchange.
    pub credits_spent: u64,
}

impl SharedKey {
    /// Counts one admission at `now_ms`.
    pub fn admitted(&mut self, now_ms: i64) {
        let second = now_ms.div_euclid(1000);
        match self.outbox.last_mut() {
            Some((s, n)) if *s == second => *n += 1,
            _ => self.outbox.push((second, 1)),
        }
        self.spent += 1;
    }
}

/// ⌈remaining ÷ live⌉.
fn share_of(remaining: u64, live: u64) -> u64 {
    remaining.div_ceil(live.max(1))
}

impl Limiter {
    /// Turns budgets on (a shared store) with `live` processes, before the first exchange.
    pub fn share_with(&self, live: u64) {
        self.live.store(live.max(1), Ordering::Relaxed);
        self.shared.store(true, Ordering::Relaxed);
    }

    /// Whether this limiter shares its keys with other processes.
    pub fn is_shared(&self) -> bool {
        self.shared.load(Ordering::Relaxed)
    }

    /// The first budget of a key this process has not exchanged yet: an equal part of its
    /// whole limit.
    pub(super) fn first_budget(&self, rpm: Option<u32>) -> Option<u64> {
        let live = self.live.load(Ordering::Relaxed);
        rpm.map(|l| share_of(u64::from(l), live))
    }

    /// One exchange: sends what was admitted and wanted since the last, reads the others',
    /// and sets every key's budgets and every account's pacing share.
    pub async fn exchange(&self, app: &AppState, live: u64) -> Result<(), StoreError> {
        let live = live.max(1);
        self.live.store(live, Ordering::Relaxed);
        let now = app.clock.now_ms();
        let now_s = now.div_euclid(1000);
        let after_second = now_s - WINDOW_SECS;
        // Credits are only comparable once every process's usage is in the database.
        if let Err(e) = self.flush(&*app.store).await {
            tracing::warn!(error = %e, "usage flush failed; will retry");
        }
        let mut admitted = Vec::new();
        let mut keys = Vec::new();
        for shard in &*self.shards {
            let mut shard = lock(&shard.0);
            for (id, state) in shard.iter_mut() {
                let tenant = TenantId(*id);
                for (second, n) in state.shared.outbox.drain(..) {
                    admitted.push((tenant, second, n));
                }
                if state.window.used(now) > 0 || state.shared.others.used(now) > 0 {
                    keys.push(tenant);
                }
            }
        }
        let demand = app.fansly.take_pacing_demand();
        let x = LimitExchange {
            holder: app.cluster.holder(),
            admitted: &admitted,
            keys: &keys,
            after_second,
            demand: &demand,
            demand_after: now - DEMAND_MS,
            now,
        };
        let shares = match app.store.exchange_limits(&x).await {
            Ok(s) => s,
            Err(e) => {
                // Until an exchange works again each process decides alone.
                self.shared.store(false, Ordering::Relaxed);
                // Put the admissions back so the next exchange sends them.
                for (tenant, second, n) in admitted {
                    let mut shard = self.shard(tenant);
                    let state = shard.entry(tenant.0).or_default();
                    state.shared.outbox.insert(0, (second, n));
                }
                return Err(e);
            }
        };
        let usage = match app.store.key_usage(&super::Period::at(now).key()).await {
            Ok(rows) => rows,
            Err(e) => {
                self.shared.store(false, Ordering::Relaxed);
                return Err(e);
            }
        };
        let usage: HashMap<i64, super::Counts> = usage
            .into_iter()
            .map(|u| {
                let counts = super::Counts {
                    requests: super::from_i64(u.requests),
                    credits: super::from_i64(u.credits),
                    webhook_events: super::from_i64(u.webhook_events),
                };
                (u.tenant.0, counts)
            })
            .collect();

        let mut others: HashMap<i64, Window> = HashMap::new();
        for (tenant, second, n) in shares.others_admitted {
            others.entry(tenant.0).or_default().add(second, n);
        }
        for shard in &*self.shards {
            let mut shard = lock(&shard.0);
            for (id, state) in shard.iter_mut() {
                self.rebudget(
                    state,
                    others.remove(id).unwrap_or_default(),
                    &usage,
                    *id,
                    now,
                    live,
                );
            }
        }

        let others_demand: HashMap<String, u64> = shares.others_demand.into_iter().collect();
        let by_key = demand
            .into_iter()
            .map(|(key, mine)| {
                let theirs = others_demand.get(&key).copied().unwrap_or(0);
                #[allow(clippy::cast_precision_loss)]
                let share = mine as f64 / (mine + theirs).max(1) as f64;
                (key, share)
            })
            .collect();
        #[allow(clippy::cast_precision_loss)]
        app.fansly.set_pacing_shares(1.0 / live as f64, by_key);
        self.shared.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// A key's budgets from the window and month as they stand after an exchange.
    fn rebudget(
        &self,
        state: &mut KeyState,
        others: Window,
        usage: &HashMap<i64, super::Counts>,
        id: i64,
        now: i64,
        live: u64,
    ) {
        let plan = state
            .plan
            .clone()
            .unwrap_or_else(|| self.settings.default_plan.clone());
        let period = super::Period::at(now);
        if let Some(&counts) = usage.get(&id) {
            self.roll(TenantId(id), &mut state.month, period);
            // The database now holds every process's flushed usage, ours included.
            state.month.flushed = counts;
        }
        let s = &mut state.shared;
        s.others = others;
        s.spent = 0;
        s.credits_spent = 0;
        s.budget = plan.rpm.map(|limit| {
            let used = state.window.used(now) + s.others.used(now);
            share_of(u64::from(limit).saturating_sub(used), live)
        });
        s.credit_budget = if self.settings.credits {
            plan.credits.map(|allowance| {
                share_of(allowance.saturating_sub(state.month.total().credits), live)
            })
        } else {
            None
        };
    }
}

/// The exchange loop (shared stores only); aborted at shutdown.
pub fn spawn(app: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    if !app.store.is_shared() {
        return None;
    }
    app.limits.share_with(app.cluster.live());
    let app = app.clone();
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(SYNC);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let live = app.cluster.live();
            if let Err(e) = app.limits.exchange(&app, live).await {
                tracing::warn!(error = %e, "shared limits: the exchange failed; deciding alone until the next");
            }
        }
    }))
}
