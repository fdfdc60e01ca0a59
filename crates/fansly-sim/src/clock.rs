//! The simulated clock: every timestamp, expiry and rate-limit window reads it.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::config::{ClockMode, wall_now_ms};

/// A clock that is either frozen (manual) or wall time, plus an offset that only grows.
#[derive(Debug)]
pub(crate) struct Clock {
    mode: ClockMode,
    offset_ms: AtomicI64,
}

impl Clock {
    pub(crate) fn new(mode: ClockMode) -> Self {
        Self {
            mode,
            offset_ms: AtomicI64::new(0),
        }
    }

    /// The simulated time in Unix milliseconds.
    pub(crate) fn now_ms(&self) -> i64 {
        let base = match self.mode {
            ClockMode::Manual { start_ms } => start_ms,
            ClockMode::Wall => wall_now_ms(),
        };
        base.saturating_add(self.offset_ms.load(Ordering::SeqCst))
    }

    /// Moves the clock forward by `ms` (negative values count as 0: the clock never goes
    /// back) and returns the new time.
    pub(crate) fn advance(&self, ms: i64) -> i64 {
        self.offset_ms.fetch_add(ms.max(0), Ordering::SeqCst);
        self.now_ms()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_is_frozen_until_advanced() {
        let clock = Clock::new(ClockMode::Manual { start_ms: 1_000 });
        assert_eq!(clock.now_ms(), 1_000);
        assert_eq!(clock.advance(500), 1_500);
        assert_eq!(clock.advance(-10_000), 1_500);
        assert_eq!(clock.now_ms(), 1_500);
    }

    #[test]
    fn wall_clock_adds_the_offset() {
        let clock = Clock::new(ClockMode::Wall);
        let before = wall_now_ms();
        let advanced = clock.advance(3_600_000);
        assert!(advanced >= before + 3_600_000);
    }
}
