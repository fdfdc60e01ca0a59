//! Sign-in rate limit: at most [`ATTEMPTS`] sign-in attempts per client address per
//! [`WINDOW_MS`] (a fixed window per address, in memory; the map is bounded, and full windows
//! are forgotten once they end). Counting every attempt, not only failures, keeps the limit
//! from telling an attacker which guesses were right.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

pub const ATTEMPTS: u32 = 10;
pub const WINDOW_MS: i64 = 60_000;
const MAX_TRACKED: usize = 10_000;

#[derive(Default)]
pub struct SignInLimiter {
    windows: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl SignInLimiter {
    /// Counts an attempt from `addr` at `now_ms`: `Ok` if allowed, else the seconds to wait.
    pub fn admit(&self, addr: IpAddr, now_ms: i64) -> Result<(), i64> {
        let mut map = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_TRACKED {
            map.retain(|_, (start, _)| now_ms - *start < WINDOW_MS);
        }
        if map.len() >= MAX_TRACKED && !map.contains_key(&addr) {
            // Every slot holds a live window: refuse rather than grow without bound.
            return Err(WINDOW_MS / 1000);
        }
        let (start, count) = map.entry(addr).or_insert((now_ms, 0));
        if now_ms - *start >= WINDOW_MS {
            *start = now_ms;
            *count = 0;
        }
        if *count >= ATTEMPTS {
            return Err(((*start + WINDOW_MS - now_ms) / 1000).max(1));
        }
        *count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_attempt_in_a_minute_waits_and_the_next_window_admits() {
        let l = SignInLimiter::default();
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        for _ in 0..ATTEMPTS {
            l.admit(a, 1_000).unwrap();
        }
        assert_eq!(l.admit(a, 31_000), Err(30));
        l.admit(b, 31_000).unwrap();
        l.admit(a, 61_000).unwrap();
    }
}
