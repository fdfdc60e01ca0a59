//! Limits, credits and usage (issue 6): a per-API-key rate limit over a sliding minute, optional
//! monthly credit metering, and the counters behind `GET /api/fansly/usage`.
//!
//! Everything on the request path is in memory: per-key state sits in 16 shards (a key's
//! tenant id picks the shard), each a `Mutex<HashMap>` held for a few hundred nanoseconds, so
//! keys do not contend on one lock and no request waits for the database. A key's plan comes
//! from a snapshot refreshed in the background (every `Settings::key_refresh`), with one
//! database lookup the first time a key is seen. Usage counters are flushed to the database as
//! deltas every `LimitSettings::flush_every` and at shutdown, and loaded at start, so a restart
//! keeps the month's usage. See docs/API-DESIGN.md "Limits, credits and usage".

pub mod credits;
pub mod keys;
mod layer;
pub mod plans;
pub mod shared;
pub mod window;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use gateway_store::{KeyUsage, Store, StoreError, TenantId};
use tokio::sync::Notify;

use crate::state::AppState;
use credits::Period;
pub use layer::{RATE_LIMITED_MESSAGE, UNLIMITED_HEADER_VALUE, admit, webhook_delivered};
pub use plans::{LimitSettings, LimitsArgs, Plan, PlanArgs, PlanCatalog};
use window::{Admission, Window};

const SHARDS: usize = 16;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub requests: u64,
    pub credits: u64,
    pub webhook_events: u64,
}

impl Counts {
    fn is_zero(&self) -> bool {
        *self == Counts::default()
    }

    fn plus(self, o: Counts) -> Counts {
        Counts {
            requests: self.requests + o.requests,
            credits: self.credits + o.credits,
            webhook_events: self.webhook_events + o.webhook_events,
        }
    }

    fn minus(self, o: Counts) -> Counts {
        Counts {
            requests: self.requests.saturating_sub(o.requests),
            credits: self.credits.saturating_sub(o.credits),
            webhook_events: self.webhook_events.saturating_sub(o.webhook_events),
        }
    }
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn from_i64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// One key's counters for one month: `flushed` is in the database (or loaded from it),
/// `pending` not yet.
#[derive(Debug, Default)]
struct Monthly {
    period: Option<Period>,
    flushed: Counts,
    pending: Counts,
}

impl Monthly {
    fn total(&self) -> Counts {
        self.flushed.plus(self.pending)
    }
}

#[derive(Debug, Default)]
struct KeyState {
    /// `None` until known (snapshot refresh or first-use lookup).
    plan: Option<Arc<Plan>>,
    window: Window,
    month: Monthly,
    /// Its part in limits shared with other processes (issue 12; unused when alone).
    shared: shared::SharedKey,
}

/// The limiter: one per gateway (`AppState::limits`).
pub struct Limiter {
    settings: LimitSettings,
    shards: Box<[Shard]>,
    /// Unflushed deltas of a month that has ended (rare: only across a month boundary).
    carry: Mutex<Vec<KeyUsage>>,
    /// Webhook endpoint → owning tenant (endpoints never change owner).
    endpoint_tenants: Mutex<HashMap<String, TenantId>>,
    /// Unknown plan names already warned about.
    warned: Mutex<HashSet<String>>,
    stop: Notify,
    /// Budgets apply: the store is shared and the last exchange worked ([`shared`]).
    shared: AtomicBool,
    /// Live processes at the last exchange.
    live: AtomicU64,
    /// Woken when a key's first reservation is made ([`shared`]).
    reserved: Notify,
}

/// One shard, on its own cache lines so neighbouring shards do not false-share. Keyed by
/// tenant id (the gateway's own numbers) with foldhash: read on every request.
#[derive(Default)]
#[repr(align(128))]
struct Shard(Mutex<foldhash::HashMap<i64, KeyState>>);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The limiter's verdict on a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Admitted {
        used: u64,
    },
    Limited {
        retry_after_secs: u64,
    },
    CreditsSpent {
        used: u64,
        allowance: u64,
        period: Period,
    },
}

/// What `GET /usage` reports.
#[derive(Clone, Debug)]
pub struct UsageView {
    pub plan: Arc<Plan>,
    pub window_used: u64,
    pub period: Period,
    pub month: Counts,
    pub metered: bool,
}

impl Limiter {
    pub fn new(settings: &LimitSettings) -> Self {
        Self {
            settings: settings.clone(),
            shards: (0..SHARDS).map(|_| Shard::default()).collect(),
            carry: Mutex::default(),
            endpoint_tenants: Mutex::default(),
            warned: Mutex::default(),
            stop: Notify::new(),
            shared: AtomicBool::new(false),
            live: AtomicU64::new(1),
            reserved: Notify::new(),
        }
    }

    pub fn settings(&self) -> &LimitSettings {
        &self.settings
    }

    fn shard(&self, tenant: TenantId) -> MutexGuard<'_, foldhash::HashMap<i64, KeyState>> {
        let i = usize::try_from(tenant.0.rem_euclid(SHARDS as i64)).unwrap_or(0);
        lock(&self.shards[i].0)
    }

    /// The plan a stored plan name stands for: the default when unset or unknown.
    fn resolve(&self, stored: Option<&str>) -> Arc<Plan> {
        match stored {
            None => Arc::clone(&self.settings.default_plan),
            Some(name) => match self.settings.plans.get(name) {
                Some(p) => Arc::clone(p),
                None => {
                    if lock(&self.warned).insert(name.to_owned()) {
                        tracing::warn!(plan = %name, default = %self.settings.default_plan.name,
                            "an API key names an unknown plan; it gets the default plan");
                    }
                    Arc::clone(&self.settings.default_plan)
                }
            },
        }
    }

    /// Reloads every active key's plan from the database.
    pub async fn refresh_plans(&self, store: &dyn Store) -> Result<(), StoreError> {
        for (tenant, name) in store.api_key_plans().await? {
            let plan = self.resolve(name.as_deref());
            self.shard(tenant).entry(tenant.0).or_default().plan = Some(plan);
        }
        Ok(())
    }

    /// The key's plan: from memory, or (first use of a key created since the last refresh)
    /// from the database.
    pub async fn plan_for(&self, tenant: TenantId, store: &dyn Store) -> Arc<Plan> {
        if let Some(p) = self
            .shard(tenant)
            .get(&tenant.0)
            .and_then(|s| s.plan.clone())
        {
            return p;
        }
        match store.api_key_plan(tenant).await {
            Ok(name) => {
                let plan = self.resolve(name.as_deref());
                let mut shard = self.shard(tenant);
                let state = shard.entry(tenant.0).or_default();
                Arc::clone(state.plan.get_or_insert(plan))
            }
            Err(e) => {
                tracing::warn!(error = %e, "loading a key's plan failed; using the default plan");
                Arc::clone(&self.settings.default_plan)
            }
        }
    }

    /// Loads every key's stored counters for the month of `now_ms`.
    pub async fn load_usage(&self, store: &dyn Store, now_ms: i64) -> Result<(), StoreError> {
        let period = Period::at(now_ms);
        for row in store.key_usage(&period.key()).await? {
            let mut shard = self.shard(row.tenant);
            let state = shard.entry(row.tenant.0).or_default();
            self.roll(row.tenant, &mut state.month, period);
            state.month.flushed = Counts {
                requests: from_i64(row.requests),
                credits: from_i64(row.credits),
                webhook_events: from_i64(row.webhook_events),
            };
        }
        Ok(())
    }

    /// Moves a key's counters to `period`, keeping an ended month's unflushed deltas.
    fn roll(&self, tenant: TenantId, month: &mut Monthly, period: Period) {
        if month.period == Some(period) {
            return;
        }
        if let Some(old) = month.period
            && !month.pending.is_zero()
        {
            lock(&self.carry).push(usage_row(tenant, old, month.pending));
        }
        *month = Monthly {
            period: Some(period),
            ..Monthly::default()
        };
    }

    /// Counts the request in the key's window unless it is full, then (when `check_credits`
    /// and metering is on) refuses it if the month's allowance is spent. An admitted request
    /// is counted in the month's requests.
    pub fn admit(
        &self,
        tenant: TenantId,
        plan: &Plan,
        now_ms: i64,
        check_credits: bool,
    ) -> Decision {
        let period = Period::at(now_ms);
        let shared = self.shared.load(Ordering::Relaxed);
        let mut shard = self.shard(tenant);
        let state = shard.entry(tenant.0).or_default();
        let used = if shared {
            match self.admit_shared(state, plan, now_ms) {
                Ok(used) => used,
                Err(limited) => return limited,
            }
        } else {
            match state.window.admit(now_ms, plan.rpm) {
                Admission::Limited { retry_after_secs } => {
                    return Decision::Limited { retry_after_secs };
                }
                Admission::Admitted { used } => used,
            }
        };
        self.roll(tenant, &mut state.month, period);
        if check_credits
            && self.settings.credits
            && let Some(allowance) = plan.credits
        {
            let spent = state.month.total().credits;
            let over_budget = shared
                && state
                    .shared
                    .credit_budget
                    .is_some_and(|b| state.shared.credits_spent >= b);
            if spent >= allowance || over_budget {
                return Decision::CreditsSpent {
                    used: spent,
                    allowance,
                    period,
                };
            }
            if shared {
                // Counted against the budget at once at the least a request costs (1), so
                // requests in flight cannot all pass the budget before their cost is known;
                // [`Limiter::charge`] adds the rest.
                state.shared.credits_spent += 1;
            }
        }
        state.month.pending.requests += 1;
        Decision::Admitted { used }
    }

    /// [`Limiter::admit`]'s window half with other processes: admitted within this
    /// process's reservation of the key's minute ([`shared`]); the window it reports holds
    /// the others' reservations too. A key without a reservation (the reservation at its
    /// first request failed) is decided by the local window and the others' last known.
    fn admit_shared(
        &self,
        state: &mut KeyState,
        plan: &Plan,
        now_ms: i64,
    ) -> Result<u64, Decision> {
        let others = state.shared.others.used(now_ms);
        let limit = plan.rpm.map(u64::from);
        if let Some(limit) = limit {
            match state.shared.admit(&state.window, limit, now_ms) {
                Some(Err(retry_after_secs)) => return Err(Decision::Limited { retry_after_secs }),
                Some(Ok(())) => {}
                None => {
                    if state.window.used(now_ms) + others >= limit {
                        let retry_after_secs = state
                            .window
                            .merged(&state.shared.others)
                            .retry_after_secs(now_ms, limit);
                        return Err(Decision::Limited { retry_after_secs });
                    }
                }
            }
        }
        let used = match state.window.admit(now_ms, None) {
            Admission::Admitted { used } => used,
            // Without a limit the window always admits.
            Admission::Limited { .. } => state.window.used(now_ms),
        };
        Ok(used + others)
    }

    /// Adds `credits` to the key's month at `now_ms`.
    pub fn charge(&self, tenant: TenantId, now_ms: i64, credits: u64) {
        let mut shard = self.shard(tenant);
        let state = shard.entry(tenant.0).or_default();
        self.roll(tenant, &mut state.month, Period::at(now_ms));
        state.month.pending.credits += credits;
        // The first credit was counted against the shared budget at admission.
        state.shared.credits_spent += credits.saturating_sub(1);
    }

    /// Counts one delivered webhook event and charges what it costs.
    pub fn record_webhook_event(&self, tenant: TenantId, now_ms: i64) {
        let mut shard = self.shard(tenant);
        let state = shard.entry(tenant.0).or_default();
        self.roll(tenant, &mut state.month, Period::at(now_ms));
        let before = state.month.total().webhook_events;
        state.month.pending.webhook_events += 1;
        state.month.pending.credits += credits::webhook_cost(before);
    }

    /// The key's window and month at `now_ms`.
    pub fn view(&self, tenant: TenantId, plan: Arc<Plan>, now_ms: i64) -> UsageView {
        let period = Period::at(now_ms);
        let mut shard = self.shard(tenant);
        let state = shard.entry(tenant.0).or_default();
        self.roll(tenant, &mut state.month, period);
        UsageView {
            window_used: state.window.used(now_ms),
            month: state.month.total(),
            plan,
            period,
            metered: self.settings.credits,
        }
    }

    /// Adds every pending delta to the database; on failure they stay pending.
    pub async fn flush(&self, store: &dyn Store) -> Result<usize, StoreError> {
        let mut deltas = std::mem::take(&mut *lock(&self.carry));
        for shard in &*self.shards {
            let mut shard = lock(&shard.0);
            for (id, state) in shard.iter_mut() {
                let m = &mut state.month;
                if let Some(period) = m.period
                    && !m.pending.is_zero()
                {
                    deltas.push(usage_row(TenantId(*id), period, m.pending));
                    m.flushed = m.flushed.plus(m.pending);
                    m.pending = Counts::default();
                }
            }
        }
        if deltas.is_empty() {
            return Ok(0);
        }
        match store.add_key_usage(&deltas).await {
            Ok(()) => Ok(deltas.len()),
            Err(e) => {
                for d in deltas {
                    self.restore(d);
                }
                Err(e)
            }
        }
    }

    /// Puts back a delta whose flush failed.
    fn restore(&self, d: KeyUsage) {
        let counts = Counts {
            requests: from_i64(d.requests),
            credits: from_i64(d.credits),
            webhook_events: from_i64(d.webhook_events),
        };
        let mut shard = self.shard(d.tenant);
        let state = shard.entry(d.tenant.0).or_default();
        let m = &mut state.month;
        if m.period.map(Period::key).as_deref() == Some(d.period.as_str()) {
            m.flushed = m.flushed.minus(counts);
            m.pending = m.pending.plus(counts);
        } else {
            lock(&self.carry).push(d);
        }
    }

    /// The owner of a webhook endpoint (cached).
    async fn endpoint_tenant(&self, store: &dyn Store, endpoint_id: &str) -> Option<TenantId> {
        if let Some(t) = lock(&self.endpoint_tenants).get(endpoint_id) {
            return Some(*t);
        }
        match store.webhook_endpoint_tenant(endpoint_id).await {
            Ok(Some(t)) => {
                let mut cache = lock(&self.endpoint_tenants);
                if cache.len() >= 100_000 {
                    cache.clear();
                }
                cache.insert(endpoint_id.to_owned(), t);
                Some(t)
            }
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(error = %e, "usage: finding a webhook endpoint's key failed");
                None
            }
        }
    }
}

fn usage_row(tenant: TenantId, period: Period, c: Counts) -> KeyUsage {
    KeyUsage {
        tenant,
        period: period.key(),
        requests: to_i64(c.requests),
        credits: to_i64(c.credits),
        webhook_events: to_i64(c.webhook_events),
    }
}

/// The background half: plan refreshes and usage flushes. [`Running::stop`] flushes last.
pub struct Running {
    limiter: Arc<Limiter>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops the background task and flushes what is still pending.
    pub async fn stop(self) {
        self.limiter.stop.notify_one();
        let _ = self.task.await;
    }
}

/// Loads plans and this month's usage, then refreshes and flushes in the background.
pub async fn start(app: &AppState) -> Result<Running, StoreError> {
    let limiter = Arc::clone(&app.limits);
    limiter.refresh_plans(&*app.store).await?;
    limiter.load_usage(&*app.store, app.clock.now_ms()).await?;
    let store = Arc::clone(&app.store);
    let refresh_every = app.settings.key_refresh;
    let flush_every = limiter.settings.flush_every;
    let l = Arc::clone(&limiter);
    let task = tokio::spawn(async move {
        let mut refresh = tokio::time::interval(refresh_every);
        let mut flush = tokio::time::interval(flush_every);
        for t in [&mut refresh, &mut flush] {
            t.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        }
        loop {
            tokio::select! {
                () = l.stop.notified() => break,
                _ = refresh.tick() => {
                    if let Err(e) = l.refresh_plans(&*store).await {
                        tracing::warn!(error = %e, "key plan refresh failed");
                    }
                }
                // On a shared store every exchange flushes ([`shared`]).
                _ = flush.tick(), if !store.is_shared() => {
                    if let Err(e) = l.flush(&*store).await {
                        tracing::warn!(error = %e, "usage flush failed; will retry");
                    }
                }
            }
        }
        if let Err(e) = l.flush(&*store).await {
            tracing::error!(error = %e, "final usage flush failed; this run's latest usage is lost");
        }
    });
    Ok(Running { limiter, task })
}

#[cfg(test)]
mod tests;
