//! Limits shared by several gateways on one database (issue 12).
//!
//! A request never waits for the database: every [`SYNC`] each process *exchanges* with the
//! store (`Store::exchange_limits`, one transaction) — it adjusts its reservations of the keys'
//! minutes and sends the calls each account wanted of Fansly, and reads the other processes'
//! — and between exchanges it decides alone, from what it learnt:
//!
//! - **Rate limit.** Admissions are *reserved* before they are made. At each exchange a
//!   process keeps, per key asked for in the last [`ACTIVE_MS`], unused reservations up to
//!   twice what it was asked for since the last exchange (at least 1), gives back the rest and
//!   reserves what is missing; the
//!   store grants at most what the key's minute has left, reservations of all processes
//!   counted, under a per-key lock. Between exchanges a process admits up to its reservation
//!   and answers 429 (`Retry-After: 1`) beyond it. The first request of a key a process has
//!   no reservation for reserves at once (one database round trip, then none until the key
//!   has been idle for [`ACTIVE_MS`]). So a key's minute never holds more than its limit,
//!   across any number of processes; what a process reserved and did not use is unavailable
//!   to the others for at most one exchange.
//! - **Credits.** On a shared store usage is flushed at every exchange and the month's totals
//!   (every process's) read back; between exchanges a process may spend at most
//!   ⌈(allowance − spent) ÷ live⌉, each admitted request counting 1 credit at once and the
//!   rest of its cost when priced. The overshoot bound is in docs/POSTGRES.md.
//! - **Pacing of Fansly calls.** Each process paces an account at its *share* of the
//!   configured rate and burst: its demand (calls wanted in the last exchange) ÷ all
//!   processes' demand; an account with no recorded demand elsewhere gets 1 ÷ live processes
//!   (1 alone). Shares sum to 1 except for one exchange after an account's demand moves to a
//!   process that had none (it then uses at most 1 ÷ live of the rate for that exchange).
//!
//! On a store that is not shared (SQLite, one process) nothing of this runs: budgets stay off
//! and the process is alone.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::Ordering;
use std::time::Duration;

use gateway_store::{LimitExchange, Reservation, StoreError, TenantId};

use super::window::{WINDOW_SECS, Window};
use super::{KeyState, Limiter, lock};
use crate::state::AppState;

/// Runs `f` on the key's shared state (created if new).
fn lock_key_state<T>(l: &Limiter, tenant: TenantId, f: impl FnOnce(&mut SharedKey) -> T) -> T {
    let mut shard = l.shard(tenant);
    f(&mut shard.entry(tenant.0).or_default().shared)
}

/// How often a process on a shared store exchanges its reservations and demand.
pub const SYNC: Duration = Duration::from_millis(200);

/// A key not asked for for this long no longer keeps a standing reservation.
pub const ACTIVE_MS: i64 = 10_000;

/// Demand older than this (two exchanges and a margin) no longer counts.
const DEMAND_MS: i64 = 600;

/// One key's part in the shared limit (unused when alone).
#[derive(Debug, Default)]
pub(super) struct SharedKey {
    /// Other processes' reservations, per second, as of the last exchange.
    pub others: Window,
    /// This process's reservations not yet used: `(second reserved at, count)`, oldest first
    /// (used oldest first; a reservation that left the window is forfeited, since the
    /// others no longer count it).
    pub reserved: VecDeque<(i64, u64)>,
    /// Admitted since the last exchange.
    pub spent: u64,
    /// Refused since the last exchange because the reservations were used up.
    pub short: u64,
    /// When a request of the key last came (unix ms; 0: never).
    pub last_asked: i64,
    /// A first reservation of the key is being made (the others wait for it).
    pub reserving: bool,
    /// Credits allowed until the next exchange (`None`: no budget).
    pub credit_budget: Option<u64>,
    /// Credits charged since the last exchange.
    pub credits_spent: u64,
}

impl SharedKey {
    /// Drops reservations that left the window at `now_ms`.
    fn expire(&mut self, now_ms: i64) {
        let oldest = now_ms.div_euclid(1000) - WINDOW_SECS;
        while self.reserved.front().is_some_and(|r| r.0 <= oldest) {
            self.reserved.pop_front();
        }
    }

    fn left(&self) -> u64 {
        self.reserved.iter().map(|r| r.1).sum()
    }

    /// Takes `n` back from the latest reservations: what to give back, `(second, count)`.
    fn give_back(&mut self, mut n: u64) -> Vec<(i64, u64)> {
        let mut out = Vec::new();
        while n > 0 {
            let Some(last) = self.reserved.back_mut() else {
                break;
            };
            let back = n.min(last.1);
            out.push((last.0, back));
            last.1 -= back;
            n -= back;
            if last.1 == 0 {
                self.reserved.pop_back();
            }
        }
        out
    }

    /// The key's decision within its reservations: `Ok(())` to admit (counted), `Err` with
    /// the seconds to wait; `None` when it needs a first reservation it does not have (the
    /// caller then decides from the window alone).
    pub(super) fn admit(
        &mut self,
        window: &Window,
        limit: u64,
        now_ms: i64,
    ) -> Option<Result<(), u64>> {
        self.expire(now_ms);
        if self.needs_first(now_ms) {
            return None;
        }
        self.last_asked = now_ms;
        if let Some(front) = self.reserved.front_mut() {
            front.1 -= 1;
            if front.1 == 0 {
                self.reserved.pop_front();
            }
            self.spent += 1;
            return Some(Ok(()));
        }
        self.short += 1;
        let full = window.used(now_ms) + self.others.used(now_ms) >= limit;
        Some(Err(if full {
            window.merged(&self.others).retry_after_secs(now_ms, limit)
        } else {
            1
        }))
    }

    /// Whether a request now needs a reservation made at once: none held and the key not
    /// asked for in the last [`ACTIVE_MS`] (so no exchange reserves for it).
    fn needs_first(&self, now_ms: i64) -> bool {
        self.reserved.is_empty() && (self.last_asked == 0 || now_ms - self.last_asked >= ACTIVE_MS)
    }
}

/// Reservations `(key, second, count)` as one window per key.
fn windows(rows: Vec<(TenantId, i64, u64)>) -> HashMap<i64, Window> {
    let mut out: HashMap<i64, Window> = HashMap::new();
    for (tenant, second, n) in rows {
        out.entry(tenant.0).or_default().add(second, n);
    }
    out
}

/// ⌈remaining ÷ live⌉.
fn share_of(remaining: u64, live: u64) -> u64 {
    remaining.div_ceil(live.max(1))
}

impl Limiter {
    /// Turns sharing on (a shared store) with `live` processes.
    pub fn share_with(&self, live: u64) {
        self.live.store(live.max(1), Ordering::Relaxed);
        self.shared.store(true, Ordering::Relaxed);
    }

    /// Whether this limiter shares its keys with other processes.
    pub fn is_shared(&self) -> bool {
        self.shared.load(Ordering::Relaxed)
    }

    /// Before admitting a request of a key without a reservation (its first here, or the
    /// first after it was idle): reserves an equal part of its limit now. No-op when alone,
    /// unlimited, or already reserved.
    pub async fn reserve_first(&self, app: &AppState, tenant: TenantId, plan: &super::Plan) {
        let Some(limit) = plan.rpm.filter(|_| self.is_shared()) else {
            return;
        };
        // One first reservation per key at a time; concurrent first requests wait for it.
        loop {
            let done = self.reserved.notified();
            tokio::pin!(done);
            done.as_mut().enable();
            let now = app.clock.now_ms();
            let go = lock_key_state(self, tenant, |s| {
                if !s.needs_first(now) {
                    Some(false)
                } else if s.reserving {
                    None
                } else {
                    s.reserving = true;
                    Some(true)
                }
            });
            match go {
                Some(false) => return,
                Some(true) => break,
                None => {
                    if tokio::time::timeout(SYNC, done).await.is_err() {
                        // The reserving request is slow: decide without waiting longer.
                        return;
                    }
                }
            }
        }
        let now = app.clock.now_ms();
        let wanted = [Reservation {
            key: tenant,
            limit: u64::from(limit),
            want: share_of(u64::from(limit), self.live.load(Ordering::Relaxed)),
        }];
        let x = LimitExchange {
            holder: app.cluster.holder(),
            returned: &[],
            wanted: &wanted,
            keys: &[tenant],
            after_second: now.div_euclid(1000) - WINDOW_SECS,
            demand: &[],
            demand_after: now - DEMAND_MS,
            now,
        };
        match app.store.exchange_limits(&x).await {
            Ok(got) => {
                let mut shard = self.shard(tenant);
                let s = &mut shard.entry(tenant.0).or_default().shared;
                s.others = windows(got.others).remove(&tenant.0).unwrap_or_default();
                s.last_asked = now;
                s.reserved.extend(
                    got.granted
                        .iter()
                        .filter(|g| g.1 > 0)
                        .map(|g| (now.div_euclid(1000), g.1)),
                );
            }
            Err(e) => {
                tracing::warn!(error = %e, "shared limits: reserving failed; deciding alone until the next exchange");
                self.shared.store(false, Ordering::Relaxed);
            }
        }
        lock_key_state(self, tenant, |s| s.reserving = false);
        self.reserved.notify_waiters();
    }

    /// One exchange: gives back what was not used, reserves for the keys in use, sends the
    /// accounts' demand, reads the others', and sets every key's reservation and credit
    /// budget and every account's pacing share.
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
        let mut returned = Vec::new();
        let mut wanted = Vec::new();
        let mut keys = Vec::new();
        for shard in &*self.shards {
            let mut shard = lock(&shard.0);
            for (id, state) in shard.iter_mut() {
                let tenant = TenantId(*id);
                let s = &mut state.shared;
                s.expire(now);
                let limit = state
                    .plan
                    .as_ref()
                    .unwrap_or(&self.settings.default_plan)
                    .rpm;
                let asked = s.spent + s.short;
                let target = match limit {
                    Some(l)
                        if asked > 0 || (s.last_asked > 0 && now - s.last_asked < ACTIVE_MS) =>
                    {
                        (asked * 2).clamp(1, u64::from(l))
                    }
                    _ => 0,
                };
                let left = s.left();
                if left > target {
                    for (second, n) in s.give_back(left - target) {
                        returned.push((tenant, second, n));
                    }
                } else if let Some(l) = limit
                    && target > left
                {
                    wanted.push(Reservation {
                        key: tenant,
                        limit: u64::from(l),
                        want: target - left,
                    });
                }
                s.spent = 0;
                s.short = 0;
                if state.window.used(now) > 0
                    || s.others.used(now) > 0
                    || limit.is_some() && now - s.last_asked < WINDOW_SECS * 1000
                {
                    keys.push(tenant);
                }
            }
        }
        let demand = app.fansly.take_pacing_demand();
        let x = LimitExchange {
            holder: app.cluster.holder(),
            returned: &returned,
            wanted: &wanted,
            keys: &keys,
            after_second,
            demand: &demand,
            demand_after: now - DEMAND_MS,
            now,
        };
        let shares = match app.store.exchange_limits(&x).await {
            Ok(s) => s,
            Err(e) => {
                // Until an exchange works again each process decides alone (the unused
                // reservations stay in the database until they leave the window).
                self.shared.store(false, Ordering::Relaxed);
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

        let mut others = windows(shares.others);
        let granted: HashMap<i64, u64> = shares.granted.iter().map(|(t, n)| (t.0, *n)).collect();
        for shard in &*self.shards {
            let mut shard = lock(&shard.0);
            for (id, state) in shard.iter_mut() {
                if let Some(&g) = granted.get(id)
                    && g > 0
                {
                    state.shared.reserved.push_back((now_s, g));
                }
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
        s.credits_spent = 0;
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
