//! Accounting of the HTTP calls actually sent to Fansly.
//!
//! Two views:
//! - **per request**: the gateway wraps each API request in [`scope`] with a fresh
//!   [`CallTally`]; every upstream HTTP exchange made while that future runs (API calls,
//!   part uploads, CDN reads) counts into it. A read served from a cache or coalesced into
//!   another request's in-flight call counts nothing — that is the point of the number.
//! - **process totals** ([`totals`]): every exchange by outcome, plus a latency histogram,
//!   for `/metrics`.
//!
//! Counting is a handful of relaxed atomic adds: nothing allocates, nothing locks.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use crate::FanslyError;

/// Calls and bytes of one gateway request.
#[derive(Debug, Default)]
pub struct CallTally {
    calls: AtomicU32,
    bytes: AtomicU64,
}

impl CallTally {
    /// Upstream HTTP exchanges made so far (retries count each attempt).
    pub fn calls(&self) -> u32 {
        self.calls.load(Ordering::Relaxed)
    }

    /// Response body bytes read from upstream so far (CDN streams count their declared length).
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

tokio::task_local! {
    static TALLY: Arc<CallTally>;
}

/// Runs `fut` with `tally` counting the upstream calls it makes.
pub async fn scope<F: Future>(tally: Arc<CallTally>, fut: F) -> F::Output {
    TALLY.scope(tally, fut).await
}

/// Upper bounds (ms) of the upstream latency histogram buckets; the last bucket is +Inf.
pub const LATENCY_BUCKETS_MS: [u64; 12] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000];

/// How an upstream exchange ended, as counted in [`Totals`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    RateLimited,
    SessionExpired,
    Rejected,
    ServerError,
    Timeout,
    Transport,
    Malformed,
}

impl Outcome {
    pub const ALL: [Outcome; 8] = [
        Outcome::Ok,
        Outcome::RateLimited,
        Outcome::SessionExpired,
        Outcome::Rejected,
        Outcome::ServerError,
        Outcome::Timeout,
        Outcome::Transport,
        Outcome::Malformed,
    ];

    /// The label used in metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::RateLimited => "rate_limited",
            Outcome::SessionExpired => "session_expired",
            Outcome::Rejected => "rejected",
            Outcome::ServerError => "server_error",
            Outcome::Timeout => "timeout",
            Outcome::Transport => "transport",
            Outcome::Malformed => "malformed",
        }
    }

    pub fn of<T>(result: &Result<T, FanslyError>) -> Self {
        match result {
            Ok(_) => Outcome::Ok,
            Err(FanslyError::RateLimited { .. } | FanslyError::Paced { .. }) => {
                Outcome::RateLimited
            }
            Err(FanslyError::SessionExpired) => Outcome::SessionExpired,
            Err(FanslyError::BadCredentials { .. } | FanslyError::BadTwofaCode { .. })
            | Err(FanslyError::Rejected { .. }) => Outcome::Rejected,
            Err(FanslyError::Server { .. }) => Outcome::ServerError,
            Err(FanslyError::Timeout) => Outcome::Timeout,
            Err(FanslyError::Transport(_)) => Outcome::Transport,
            Err(FanslyError::Malformed(_)) => Outcome::Malformed,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A snapshot of the process-wide upstream counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Exchanges by outcome, indexed like [`Outcome::ALL`].
    pub by_outcome: [u64; 8],
    /// Cumulative-free bucket counts: `buckets[i]` = exchanges with latency ≤
    /// `LATENCY_BUCKETS_MS[i]` and > the previous bound; the last entry is +Inf.
    pub buckets: [u64; 13],
    /// Sum of all latencies, in microseconds.
    pub latency_sum_us: u64,
}

struct Global {
    by_outcome: [AtomicU64; 8],
    buckets: [AtomicU64; 13],
    latency_sum_us: AtomicU64,
}

static GLOBAL: Global = Global {
    by_outcome: [const { AtomicU64::new(0) }; 8],
    buckets: [const { AtomicU64::new(0) }; 13],
    latency_sum_us: AtomicU64::new(0),
};

/// The process totals so far.
pub fn totals() -> Totals {
    Totals {
        by_outcome: std::array::from_fn(|i| GLOBAL.by_outcome[i].load(Ordering::Relaxed)),
        buckets: std::array::from_fn(|i| GLOBAL.buckets[i].load(Ordering::Relaxed)),
        latency_sum_us: GLOBAL.latency_sum_us.load(Ordering::Relaxed),
    }
}

/// What the care layer ([`crate::care`]) did instead of, or before, an exchange; counted per
/// process for `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareEvent {
    /// A read answered from the short cache (no exchange).
    CacheHit,
    /// A read that joined an identical one in flight (no exchange of its own).
    Coalesced,
    /// A call that waited for its account's pacing slot.
    PacedWait,
    /// A call refused because its pacing wait would pass the deadline (no exchange).
    PacedRefused,
    /// A read retried after Fansly answered 429.
    ReadRetried,
}

impl CareEvent {
    pub const ALL: [CareEvent; 5] = [
        CareEvent::CacheHit,
        CareEvent::Coalesced,
        CareEvent::PacedWait,
        CareEvent::PacedRefused,
        CareEvent::ReadRetried,
    ];

    /// The label used in metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            CareEvent::CacheHit => "cache_hit",
            CareEvent::Coalesced => "coalesced",
            CareEvent::PacedWait => "paced_wait",
            CareEvent::PacedRefused => "paced_refused",
            CareEvent::ReadRetried => "read_retried",
        }
    }
}

static CARE: [AtomicU64; 5] = [const { AtomicU64::new(0) }; 5];

/// Care events so far, indexed like [`CareEvent::ALL`].
pub fn care_totals() -> [u64; 5] {
    std::array::from_fn(|i| CARE[i].load(Ordering::Relaxed))
}

pub(crate) fn care_event(e: CareEvent) {
    CARE[e as usize].fetch_add(1, Ordering::Relaxed);
}

/// Counts one upstream HTTP exchange: into the current request's tally (if any) and the
/// process totals.
pub(crate) fn record(outcome: Outcome, latency: Duration, bytes: u64) {
    let _ = TALLY.try_with(|t| {
        t.calls.fetch_add(1, Ordering::Relaxed);
        t.bytes.fetch_add(bytes, Ordering::Relaxed);
    });
    GLOBAL.by_outcome[outcome.index()].fetch_add(1, Ordering::Relaxed);
    let ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
    let bucket = LATENCY_BUCKETS_MS
        .iter()
        .position(|&bound| ms <= bound)
        .unwrap_or(LATENCY_BUCKETS_MS.len());
    GLOBAL.buckets[bucket].fetch_add(1, Ordering::Relaxed);
    GLOBAL.latency_sum_us.fetch_add(
        u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
        Ordering::Relaxed,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn calls_inside_a_scope_count_into_its_tally_and_outside_into_none() {
        let before = totals();
        record(Outcome::Ok, Duration::from_millis(3), 10); // no scope: totals only
        let tally = Arc::new(CallTally::default());
        scope(Arc::clone(&tally), async {
            record(Outcome::Ok, Duration::from_millis(3), 100);
            record(Outcome::RateLimited, Duration::from_millis(20_000), 5);
        })
        .await;
        assert_eq!(tally.calls(), 2);
        assert_eq!(tally.bytes(), 105);
        let after = totals();
        // Other tests may record concurrently, so only lower bounds hold.
        assert!(after.by_outcome[0] >= before.by_outcome[0] + 2);
        assert!(after.by_outcome[1] > before.by_outcome[1]);
        assert!(
            after.buckets[2] >= before.buckets[2] + 2,
            "3 ms is in the ≤5 ms bucket"
        );
        assert!(after.buckets[12] > before.buckets[12], "20 s is in +Inf");
    }

    #[test]
    fn care_events_count_under_their_own_index() {
        for (i, e) in CareEvent::ALL.iter().enumerate() {
            assert_eq!(*e as usize, i);
            let before = care_totals()[i];
            care_event(*e);
            assert!(care_totals()[i] > before, "{}", e.as_str());
        }
    }

    #[test]
    fn outcome_indices_follow_all() {
        for (i, o) in Outcome::ALL.iter().enumerate() {
            assert_eq!(o.index(), i);
        }
    }
}
