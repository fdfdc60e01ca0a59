//! Care for the Fansly side (issue 6): what [`crate::FanslyClient::call_on`] does around each
//! native exchange so one gateway never hammers Fansly on an account's behalf.
//!
//! - **Pacing**: a token bucket per account ([`Pacer`], GCRA form). A burst waits for tokens;
//!   a request that would wait longer than [`CareConfig::max_wait`] fails at once with
//!   [`FanslyError::Paced`] instead (no upstream exchange is made).
//! - **429 on reads**: a GET answered 429/418 waits `Retry-After` (capped) and retries while
//!   [`CareConfig::read_retry_deadline`] allows; writes are never retried.
//! - **Coalescing**: identical concurrent GETs of one account share one exchange
//!   ([`Flights`]); the waiters count no upstream call.
//! - **Short cache**: slow-changing reads ([`CACHED_PATHS`]) are kept [`CareConfig::cache_ttl`]
//!   per account; any POST through the account drops them; [`bypass`] (the gateway sets it for
//!   `fresh=true`) skips the lookup.
//!
//! The account identity ([`account_key`]) is the Fansly session id for session calls (one
//! stored account = one session; two tenants connecting the same creator hold two sessions
//! and never share pacing state or cache entries), the device id for the login calls, and one
//! shared key for the unsigned `GET /device/id`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

use crate::FanslyError;
use crate::request::{Auth, NativeRequest, NativeResponse};
use crate::tally::{self, CareEvent};

/// Native GET paths whose answers change slowly enough to cache for a few seconds: the
/// profile (`/account/me`), account lookups by id (`/account?ids=`, which carries the walls
/// and timeline stats) and the subscription tiers.
pub const CACHED_PATHS: [&str; 3] = ["/account/me", "/account", "/subscriptions/tiers"];

/// How long a read waits after a 429 that carried no `Retry-After` (before the cap).
pub const DEFAULT_429_WAIT: Duration = Duration::from_secs(2);

/// The longest a Fansly `Retry-After` holds an account's bucket.
const MAX_HOLD: Duration = Duration::from_secs(15 * 60);

/// Buckets kept before idle, full ones are pruned.
const PRUNE_ABOVE: usize = 4096;

/// The knobs of pacing, 429 retries, coalescing and the short cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareConfig {
    /// Sustained native calls per second per account; 0 turns pacing off.
    pub rate_per_sec: u32,
    /// Calls an idle account may make back to back before pacing applies (at least 1).
    pub burst: u32,
    /// The longest a call waits for a pacing token; beyond it the call fails with
    /// [`FanslyError::Paced`] at once.
    pub max_wait: Duration,
    /// How long a GET answered 429 keeps retrying (waiting `Retry-After` each time); zero
    /// never retries.
    pub read_retry_deadline: Duration,
    /// The longest `Retry-After` a read waits out before retrying; a longer one is surfaced
    /// at once (the wait when Fansly sends none is [`DEFAULT_429_WAIT`], capped by this).
    pub retry_after_cap: Duration,
    /// Lifetime of cached reads ([`CACHED_PATHS`]); zero turns the cache off.
    pub cache_ttl: Duration,
    /// Identical concurrent GETs of one account share one exchange.
    pub coalesce: bool,
    /// A Fansly 429 with `Retry-After` holds the whole account's bucket until then: its other
    /// calls wait (within `max_wait`) or are refused with [`FanslyError::Paced`] instead of
    /// reaching Fansly.
    pub hold_on_429: bool,
}

impl Default for CareConfig {
    fn default() -> Self {
        Self {
            rate_per_sec: 4,
            burst: 8,
            max_wait: Duration::from_secs(5),
            read_retry_deadline: Duration::from_secs(10),
            retry_after_cap: Duration::from_secs(5),
            cache_ttl: Duration::from_secs(5),
            coalesce: true,
            hold_on_429: true,
        }
    }
}

impl CareConfig {
    /// No pacing, no retries, no cache, no coalescing: every call is one exchange.
    pub fn off() -> Self {
        Self {
            rate_per_sec: 0,
            burst: 1,
            max_wait: Duration::ZERO,
            read_retry_deadline: Duration::ZERO,
            retry_after_cap: Duration::ZERO,
            cache_ttl: Duration::ZERO,
            coalesce: false,
            hold_on_429: false,
        }
    }
}

tokio::task_local! {
    static FRESH: bool;
}

/// Runs `fut` with the short cache bypassed: its reads go to Fansly (and refresh the cache).
pub async fn bypass<F: Future>(fut: F) -> F::Output {
    FRESH.scope(true, fut).await
}

/// Whether the current task runs inside [`bypass`].
pub fn bypassed() -> bool {
    FRESH.try_with(|b| *b).unwrap_or(false)
}

/// The pacing / cache identity of a call's credentials (see the module docs).
pub(crate) fn account_key(auth: &Auth<'_>) -> String {
    match auth {
        Auth::None => "anonymous".to_owned(),
        Auth::Device(device_id) => ["device:", device_id].concat(),
        Auth::Session(creds) => ["session:", &creds.session_id].concat(),
    }
}

/// One key per distinct read: account, host, path and query.
pub(crate) fn read_key(account: &str, base: &url::Url, req: &NativeRequest<'_>) -> String {
    let mut key = [account, "\n", base.as_str(), "\n", req.path, "\n"].concat();
    for (k, v) in &req.query {
        key.push_str(k);
        key.push('=');
        key.push_str(v);
        key.push('&');
    }
    key
}

pub(crate) fn cacheable(path: &str) -> bool {
    CACHED_PATHS.contains(&path)
}

/// Per-account token buckets in GCRA form: `tat` is the theoretical arrival time of the next
/// call; a call may go when `tat - (burst-1)·T ≤ now`.
///
/// Several gateways pacing one account (issue 12) each pace it at their *share* of the rate
/// and burst ([`Pacer::set_shares`]), so together they stay within the configured rate. The
/// shares are keyed by an opaque [`pace_key`] (never the session id itself), and each process
/// reports how many calls each account wanted since its last report ([`Pacer::take_demand`]),
/// from which the gateway computes the shares. Alone, a process's share is 1.
#[derive(Debug, Default)]
pub(crate) struct Pacer {
    tat: Mutex<HashMap<String, Instant>>,
    shares: Mutex<Shares>,
}

/// The pacing shares of this process and the demand it has seen since the last report.
#[derive(Debug)]
struct Shares {
    /// Share of an account without its own entry.
    default: f64,
    /// By [`pace_key`].
    by_key: HashMap<String, f64>,
    /// By account identity: its [`pace_key`] and the calls wanted since the last report.
    demand: HashMap<String, (String, u64)>,
}

impl Default for Shares {
    fn default() -> Self {
        Self {
            default: 1.0,
            by_key: HashMap::new(),
            demand: HashMap::new(),
        }
    }
}

/// The opaque name of an account identity on the shared pacing table: the first 16 bytes of
/// SHA-256 over a label and the identity, in hex.
pub fn pace_key(account: &str) -> String {
    use sha2::{Digest as _, Sha256};
    let digest = Sha256::new()
        .chain_update(b"fansly-gateway pacing\n")
        .chain_update(account.as_bytes())
        .finalize();
    hex::encode(&digest[..16])
}

/// The spacing and burst tolerance of one account at `share` of the configured pace.
fn pace(config: &CareConfig, share: f64) -> (Duration, Duration) {
    let share = if share.is_finite() {
        share.clamp(0.01, 1.0)
    } else {
        1.0
    };
    let rate = f64::from(config.rate_per_sec) * share;
    let interval = Duration::from_secs_f64(1.0 / rate);
    // The burst shrinks with the share, but one call may always go at its slot.
    let burst = (f64::from(config.burst.max(1)) * share).floor().max(1.0);
    let tolerance = interval.mul_f64(burst - 1.0);
    (interval, tolerance)
}

impl Pacer {
    /// Takes one token for `account`, sleeping until it is due; [`FanslyError::Paced`] when the
    /// wait would exceed `max_wait` (nothing is taken then).
    pub(crate) async fn acquire(
        &self,
        config: &CareConfig,
        account: &str,
    ) -> Result<(), FanslyError> {
        let wait = self
            .reserve(config, account, Instant::now())
            .inspect_err(|_| tally::care_event(CareEvent::PacedRefused))?;
        if !wait.is_zero() {
            tally::care_event(CareEvent::PacedWait);
            tracing::debug!(wait_ms = wait.as_millis() as u64, "pacing a Fansly call");
            tokio::time::sleep(wait).await;
        }
        Ok(())
    }

    /// Fansly asked the account to wait `retry_after`: no call of it is due before then, and
    /// the bucket starts empty (calls resume one per interval, not in a burst).
    pub(crate) fn hold(
        &self,
        config: &CareConfig,
        account: &str,
        retry_after: Duration,
        now: Instant,
    ) {
        if config.rate_per_sec == 0 || !config.hold_on_429 {
            return;
        }
        let (_, tolerance) = pace(config, self.share(account, false));
        let until = now + retry_after.min(MAX_HOLD) + tolerance;
        let mut map = self.tat.lock().unwrap_or_else(|e| e.into_inner());
        let tat = map.entry(account.to_owned()).or_insert(until);
        *tat = (*tat).max(until);
    }

    /// This process's share of `account`'s pace; `wanted` counts one call of demand.
    fn share(&self, account: &str, wanted: bool) -> f64 {
        let mut shares = self.shares.lock().unwrap_or_else(|e| e.into_inner());
        let Shares {
            default,
            by_key,
            demand,
        } = &mut *shares;
        if !demand.contains_key(account) {
            demand.insert(account.to_owned(), (pace_key(account), 0));
        }
        let Some(entry) = demand.get_mut(account) else {
            return *default;
        };
        if wanted {
            entry.1 += 1;
        }
        by_key.get(&entry.0).copied().unwrap_or(*default)
    }

    /// Sets this process's shares: `default` for every account not in `by_key` (keyed by
    /// [`pace_key`]). Shares are clamped to 0.01..=1.
    pub(crate) fn set_shares(&self, default: f64, by_key: HashMap<String, f64>) {
        let mut shares = self.shares.lock().unwrap_or_else(|e| e.into_inner());
        shares.default = default;
        shares.by_key = by_key;
    }

    /// The calls each account wanted since the last call, by [`pace_key`]; accounts that
    /// wanted none are forgotten.
    pub(crate) fn take_demand(&self) -> Vec<(String, u64)> {
        let mut shares = self.shares.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::new();
        shares.demand.retain(|_, (key, n)| {
            if *n == 0 {
                return false;
            }
            out.push((key.clone(), std::mem::take(n)));
            true
        });
        out
    }

    fn reserve(
        &self,
        config: &CareConfig,
        account: &str,
        now: Instant,
    ) -> Result<Duration, FanslyError> {
        if config.rate_per_sec == 0 {
            return Ok(Duration::ZERO);
        }
        let (interval, tolerance) = pace(config, self.share(account, true));
        let mut map = self.tat.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, tat| *tat > now);
        }
        let tat = map.get(account).copied().unwrap_or(now).max(now);
        let start = tat.checked_sub(tolerance).unwrap_or(now).max(now);
        let wait = start - now;
        if wait > config.max_wait {
            return Err(FanslyError::Paced {
                retry_after: round_up_secs(wait),
            });
        }
        map.insert(account.to_owned(), tat + interval);
        Ok(wait)
    }
}

fn round_up_secs(d: Duration) -> Duration {
    Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(Duration::from_secs(1))
}

/// The short read cache: per account, entries plus a generation that every write bumps (a
/// read that started before a write does not store its answer).
#[derive(Debug, Default)]
pub(crate) struct ReadCache {
    accounts: Mutex<HashMap<String, AccountCache>>,
}

#[derive(Debug, Default)]
struct AccountCache {
    generation: u64,
    entries: HashMap<String, (Instant, NativeResponse)>,
}

impl ReadCache {
    pub(crate) fn get(&self, account: &str, key: &str) -> Option<NativeResponse> {
        let map = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        let (expires, resp) = map.get(account)?.entries.get(key)?;
        (*expires > Instant::now()).then(|| resp.clone())
    }

    pub(crate) fn generation(&self, account: &str) -> u64 {
        let map = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        map.get(account).map_or(0, |a| a.generation)
    }

    pub(crate) fn put(
        &self,
        account: &str,
        key: String,
        generation: u64,
        ttl: Duration,
        resp: &NativeResponse,
    ) {
        let now = Instant::now();
        let mut map = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, a| {
                a.entries.retain(|_, (expires, _)| *expires > now);
                !a.entries.is_empty()
            });
        }
        let entry = map.entry(account.to_owned()).or_default();
        if entry.generation != generation {
            return;
        }
        entry.entries.retain(|_, (expires, _)| *expires > now);
        entry.entries.insert(key, (now + ttl, resp.clone()));
    }

    /// A write went through `account`: its cached reads are dropped.
    pub(crate) fn invalidate(&self, account: &str) {
        let mut map = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map.entry(account.to_owned()).or_default();
        entry.generation += 1;
        entry.entries.clear();
    }
}

type Shared = Option<Result<NativeResponse, FanslyError>>;

/// In-flight reads by [`read_key`]: the first caller (the leader) makes the exchange, the
/// others wait for its result. A leader that is cancelled hands the read to one waiter.
#[derive(Debug, Default)]
pub(crate) struct Flights {
    next_id: AtomicU64,
    inflight: Mutex<HashMap<String, (u64, watch::Receiver<Shared>)>>,
}

/// Removes the leader's entry when it finishes or is dropped.
struct FlightGuard<'a> {
    flights: &'a Flights,
    key: &'a str,
    id: u64,
}

impl Drop for FlightGuard<'_> {
    fn drop(&mut self) {
        let mut map = self
            .flights
            .inflight
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if map.get(self.key).is_some_and(|(id, _)| *id == self.id) {
            map.remove(self.key);
        }
    }
}

impl Flights {
    pub(crate) async fn run<F, Fut>(
        &self,
        key: &str,
        make: F,
    ) -> Result<NativeResponse, FanslyError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<NativeResponse, FanslyError>>,
    {
        let mut make = Some(make);
        loop {
            let joined = {
                let mut map = self.inflight.lock().unwrap_or_else(|e| e.into_inner());
                match map.get(key) {
                    Some((_, rx)) => Ok(rx.clone()),
                    None => {
                        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                        let (tx, rx) = watch::channel(None);
                        map.insert(key.to_owned(), (id, rx));
                        Err((id, tx))
                    }
                }
            };
            match joined {
                Ok(mut rx) => {
                    loop {
                        if let Some(result) = rx.borrow_and_update().clone() {
                            tally::care_event(CareEvent::Coalesced);
                            return result;
                        }
                        if rx.changed().await.is_err() {
                            break;
                        }
                    }
                    if let Some(result) = rx.borrow().clone() {
                        tally::care_event(CareEvent::Coalesced);
                        return result;
                    }
                    // The leader was cancelled before answering: try again (maybe as leader).
                }
                Err((id, tx)) => {
                    let _guard = FlightGuard {
                        flights: self,
                        key,
                        id,
                    };
                    let Some(make) = make.take() else {
                        return Err(FanslyError::Malformed("coalesced read lost".into()));
                    };
                    let result = make().await;
                    tx.send_replace(Some(result.clone()));
                    return result;
                }
            }
        }
    }
}

/// The care state of one [`crate::FanslyClient`].
#[derive(Debug, Default)]
pub(crate) struct Care {
    pub(crate) pacer: Pacer,
    pub(crate) cache: ReadCache,
    pub(crate) flights: Flights,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(rate: u32, burst: u32, max_wait_ms: u64) -> CareConfig {
        CareConfig {
            rate_per_sec: rate,
            burst,
            max_wait: Duration::from_millis(max_wait_ms),
            ..CareConfig::default()
        }
    }

    #[tokio::test]
    async fn a_burst_passes_then_calls_are_spaced_then_refused_past_the_deadline() {
        let pacer = Pacer::default();
        let c = cfg(2, 3, 1_200);
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(pacer.reserve(&c, "a", now).unwrap(), Duration::ZERO);
        }
        assert_eq!(
            pacer.reserve(&c, "a", now).unwrap(),
            Duration::from_millis(500)
        );
        assert_eq!(
            pacer.reserve(&c, "a", now).unwrap(),
            Duration::from_millis(1_000)
        );
        let err = pacer.reserve(&c, "a", now).unwrap_err();
        assert!(
            matches!(err, FanslyError::Paced { retry_after } if retry_after == Duration::from_secs(2)),
            "{err:?}"
        );
        // Another account has its own bucket.
        assert_eq!(pacer.reserve(&c, "b", now).unwrap(), Duration::ZERO);
        // Tokens come back with time.
        let later = now + Duration::from_secs(3);
        assert_eq!(pacer.reserve(&c, "a", later).unwrap(), Duration::ZERO);
        // Rate 0 = off.
        for _ in 0..100 {
            assert_eq!(
                pacer.reserve(&cfg(0, 1, 0), "c", now).unwrap(),
                Duration::ZERO
            );
        }
    }

    #[tokio::test]
    async fn a_share_paces_at_that_part_of_the_rate_and_burst_and_demand_is_reported() {
        let pacer = Pacer::default();
        let c = cfg(4, 8, 10_000);
        let now = Instant::now();
        // Half of 4/s with a burst of 8: four back to back, then one every 500 ms.
        pacer.set_shares(1.0, HashMap::from([(pace_key("a"), 0.5)]));
        for _ in 0..4 {
            assert_eq!(pacer.reserve(&c, "a", now).unwrap(), Duration::ZERO);
        }
        assert_eq!(
            pacer.reserve(&c, "a", now).unwrap(),
            Duration::from_millis(500)
        );
        // An account without an entry gets the default (here the whole pace).
        for _ in 0..8 {
            assert_eq!(pacer.reserve(&c, "b", now).unwrap(), Duration::ZERO);
        }
        assert_eq!(
            pacer.reserve(&c, "b", now).unwrap(),
            Duration::from_millis(250)
        );
        // Demand: every call wanted, by pace key (never the identity itself), then reset.
        let mut demand = pacer.take_demand();
        demand.sort();
        let mut want = vec![(pace_key("a"), 5), (pace_key("b"), 9)];
        want.sort();
        assert_eq!(demand, want);
        assert!(
            demand
                .iter()
                .all(|(k, _)| k.len() == 32 && k != "a" && k != "b")
        );
        assert!(pacer.take_demand().is_empty());
        // A share is at least 1 %: one call goes at once, the next slot is 25 s away.
        pacer.set_shares(0.0, HashMap::new());
        assert_eq!(pacer.reserve(&c, "c", now).unwrap(), Duration::ZERO);
        let err = pacer.reserve(&c, "c", now).unwrap_err();
        assert!(
            matches!(err, FanslyError::Paced { retry_after } if retry_after == Duration::from_secs(25)),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn a_429_holds_the_account_then_calls_resume_one_at_a_time() {
        let pacer = Pacer::default();
        let c = cfg(4, 8, 1_000);
        let now = Instant::now();
        pacer.hold(&c, "a", Duration::from_secs(3), now);
        let err = pacer.reserve(&c, "a", now).unwrap_err();
        assert!(
            matches!(err, FanslyError::Paced { retry_after } if retry_after == Duration::from_secs(3)),
            "{err:?}"
        );
        assert_eq!(
            pacer.reserve(&c, "b", now).unwrap(),
            Duration::ZERO,
            "other accounts go on"
        );
        let after = now + Duration::from_secs(3);
        assert_eq!(pacer.reserve(&c, "a", after).unwrap(), Duration::ZERO);
        assert_eq!(
            pacer.reserve(&c, "a", after).unwrap(),
            Duration::from_millis(250)
        );
        // Off: no hold.
        let off = CareConfig {
            hold_on_429: false,
            ..c.clone()
        };
        pacer.hold(&off, "c", Duration::from_secs(3), now);
        assert_eq!(pacer.reserve(&off, "c", now).unwrap(), Duration::ZERO);
    }

    fn resp(n: i64) -> NativeResponse {
        NativeResponse {
            status: 200,
            body: serde_json::json!({"success": true, "response": n}).into(),
        }
    }

    #[tokio::test]
    async fn the_cache_is_per_account_expires_and_writes_invalidate() {
        let cache = ReadCache::default();
        let ttl = Duration::from_secs(60);
        let g = cache.generation("a");
        cache.put("a", "k".into(), g, ttl, &resp(1));
        assert_eq!(cache.get("a", "k"), Some(resp(1)));
        assert_eq!(cache.get("b", "k"), None);
        cache.invalidate("a");
        assert_eq!(cache.get("a", "k"), None);
        // A read that started before the write does not store its (stale) answer.
        cache.put("a", "k".into(), g, ttl, &resp(2));
        assert_eq!(cache.get("a", "k"), None);
        cache.put(
            "a",
            "k".into(),
            cache.generation("a"),
            Duration::ZERO,
            &resp(3),
        );
        assert_eq!(cache.get("a", "k"), None, "expired at once");
    }

    #[tokio::test]
    async fn concurrent_identical_reads_share_one_call() {
        let flights = std::sync::Arc::new(Flights::default());
        let calls = std::sync::Arc::new(AtomicU64::new(0));
        let mut tasks = Vec::new();
        for _ in 0..5 {
            let (flights, calls) = (flights.clone(), calls.clone());
            tasks.push(tokio::spawn(async move {
                flights
                    .run("k", || async {
                        calls.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        Err(FanslyError::Server { status: 502 })
                    })
                    .await
            }));
        }
        for t in tasks {
            let r = t.await.unwrap();
            assert!(
                matches!(r, Err(FanslyError::Server { status: 502 })),
                "{r:?}"
            );
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(flights.inflight.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_cancelled_leader_hands_the_read_to_a_waiter() {
        let flights = std::sync::Arc::new(Flights::default());
        let f2 = flights.clone();
        let leader = tokio::spawn(async move {
            f2.run("k", || async {
                tokio::time::sleep(Duration::from_secs(60)).await;
                Ok(resp(0))
            })
            .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let f3 = flights.clone();
        let waiter = tokio::spawn(async move { f3.run("k", || async { Ok(resp(7)) }).await });
        tokio::time::sleep(Duration::from_millis(50)).await;
        leader.abort();
        let got = tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("the waiter is not stuck")
            .unwrap();
        assert_eq!(got.unwrap(), resp(7));
    }
}
