//! The sliding minute: 60 one-second buckets per key. At time `t` the window holds the
//! requests of the 60 whole seconds ending with the current one (`⌊t/1000⌋-59 ..= ⌊t/1000⌋`),
//! so a request stops counting between 59 and 60 seconds after it was admitted, never later.
//! Memory is fixed (60 × 12 bytes) whatever the limit, and an update is O(60) at worst.

pub const WINDOW_SECS: i64 = 60;
const SLOTS: usize = WINDOW_SECS as usize;

#[derive(Clone, Debug)]
pub struct Window {
    /// `(second, count)`; slot `second mod 60`. A slot whose second has left the window
    /// counts as empty.
    slots: [(i64, u32); SLOTS],
}

/// What [`Window::admit`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Admitted; `used` requests (this one included) are now in the window.
    Admitted { used: u64 },
    /// Refused: the window is full until `retry_after_secs` from now.
    Limited { retry_after_secs: u64 },
}

impl Default for Window {
    fn default() -> Self {
        Self {
            slots: [(i64::MIN, 0); SLOTS],
        }
    }
}

fn slot(second: i64) -> usize {
    usize::try_from(second.rem_euclid(WINDOW_SECS)).unwrap_or(0)
}

fn live(bucket_second: i64, now_s: i64) -> bool {
    bucket_second > now_s - WINDOW_SECS && bucket_second <= now_s
}

impl Window {
    /// Requests in the window at `now_ms`.
    pub fn used(&self, now_ms: i64) -> u64 {
        let now_s = now_ms.div_euclid(1000);
        self.slots
            .iter()
            .filter(|(s, _)| live(*s, now_s))
            .map(|(_, c)| u64::from(*c))
            .sum()
    }

    /// Counts a request at `now_ms` unless `limit` requests are already in the window
    /// (`None`: no limit, always counted).
    pub fn admit(&mut self, now_ms: i64, limit: Option<u32>) -> Admission {
        let now_s = now_ms.div_euclid(1000);
        let used = self.used(now_ms);
        if let Some(limit) = limit
            && used >= u64::from(limit)
        {
            return Admission::Limited {
                retry_after_secs: self.retry_after(now_ms, used, u64::from(limit)),
            };
        }
        let s = &mut self.slots[slot(now_s)];
        if s.0 != now_s {
            *s = (now_s, 0);
        }
        s.1 = s.1.saturating_add(1);
        Admission::Admitted { used: used + 1 }
    }

    /// Adds `count` requests at `second` (other processes' admissions, issue 12).
    pub fn add(&mut self, second: i64, count: u64) {
        let s = &mut self.slots[slot(second)];
        if s.0 != second {
            if s.0 > second {
                return; // the slot already holds a later second
            }
            *s = (second, 0);
        }
        s.1 = s.1.saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
    }

    /// This window's requests and `other`'s together.
    pub fn merged(&self, other: &Window) -> Window {
        let mut out = self.clone();
        for &(second, count) in &other.slots {
            if count > 0 {
                out.add(second, u64::from(count));
            }
        }
        out
    }

    /// Whole seconds (at least 1) until the window holds fewer than `limit` requests at
    /// `now_ms`.
    pub fn retry_after_secs(&self, now_ms: i64, limit: u64) -> u64 {
        self.retry_after(now_ms, self.used(now_ms), limit)
    }

    /// Whole seconds (at least 1) until the window holds fewer than `limit` requests: the
    /// oldest buckets leave one by one, each at the start of the second 60 after its own.
    fn retry_after(&self, now_ms: i64, used: u64, limit: u64) -> u64 {
        let now_s = now_ms.div_euclid(1000);
        let mut live: Vec<(i64, u32)> = self
            .slots
            .iter()
            .copied()
            .filter(|(s, c)| *c > 0 && live(*s, now_s))
            .collect();
        live.sort_unstable();
        let mut left = used;
        for (second, count) in live {
            left -= u64::from(count);
            if left < limit {
                let free_at_ms = (second + WINDOW_SECS) * 1000;
                let wait_ms = u64::try_from(free_at_ms - now_ms).unwrap_or(0);
                return wait_ms.div_ceil(1000).max(1);
            }
        }
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_790_000_000_000; // a whole second

    #[test]
    fn admits_up_to_the_limit_then_refuses() {
        let mut w = Window::default();
        for i in 1..=3 {
            assert_eq!(
                w.admit(T0 + i * 10, Some(3)),
                Admission::Admitted { used: i as u64 }
            );
        }
        assert_eq!(
            w.admit(T0 + 40, Some(3)),
            Admission::Limited {
                retry_after_secs: 60
            }
        );
        assert_eq!(w.used(T0 + 40), 3, "a refusal is not counted");
    }

    #[test]
    fn slides_second_by_second() {
        let mut w = Window::default();
        w.admit(T0, Some(2)); // second 0
        w.admit(T0 + 30_500, Some(2)); // second 30
        // At 45.2 s both count; the first leaves at 60.0 s.
        assert_eq!(
            w.admit(T0 + 45_200, Some(2)),
            Admission::Limited {
                retry_after_secs: 15
            }
        );
        assert_eq!(w.used(T0 + 59_999), 2);
        assert_eq!(w.used(T0 + 60_000), 1);
        assert_eq!(
            w.admit(T0 + 60_000, Some(2)),
            Admission::Admitted { used: 2 }
        );
        // Now seconds 30 and 60 are in; the one of second 30 leaves at 90.0 s.
        assert_eq!(
            w.admit(T0 + 89_001, Some(2)),
            Admission::Limited {
                retry_after_secs: 1
            }
        );
        assert_eq!(
            w.admit(T0 + 90_000, Some(2)),
            Admission::Admitted { used: 2 }
        );
        assert_eq!(w.used(T0 + 200_000), 0, "all gone after a quiet minute");
    }

    #[test]
    fn retry_after_waits_for_enough_buckets_to_leave() {
        let mut w = Window::default();
        // 3 at second 0, 2 at second 10, limit 4 → full; one slot frees at 60 s (3 leave).
        for _ in 0..3 {
            w.admit(T0, Some(5));
        }
        for _ in 0..2 {
            w.admit(T0 + 10_000, Some(5));
        }
        assert_eq!(
            w.admit(T0 + 20_000, Some(4)),
            Admission::Limited {
                retry_after_secs: 40
            }
        );
        // Limit 1: the second-10 bucket must leave too → 70 s.
        assert_eq!(
            w.admit(T0 + 20_000, Some(1)),
            Admission::Limited {
                retry_after_secs: 50
            }
        );
    }

    #[test]
    fn unlimited_counts_without_refusing() {
        let mut w = Window::default();
        for i in 1..=1_000u64 {
            assert_eq!(w.admit(T0, None), Admission::Admitted { used: i });
        }
        assert_eq!(w.used(T0 + 59_999), 1_000);
        assert_eq!(w.used(T0 + 60_000), 0);
    }
}
