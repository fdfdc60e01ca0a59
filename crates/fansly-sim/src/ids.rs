//! The snowflake id generator shared by every entity type (route-map §4.2):
//! `((now_ms − 1561494359539) << 22) | seq`, monotonic, rendered as decimal strings.

/// Fansly's snowflake epoch (2019-06-25T20:25:59.539Z).
pub(crate) const SNOWFLAKE_EPOCH_MS: i64 = 1_561_494_359_539;
const SEQ_BITS: u32 = 22;
const MAX_SEQ: u64 = (1 << SEQ_BITS) - 1;

/// Mints strictly increasing snowflake ids from the simulated time.
#[derive(Debug, Default)]
pub(crate) struct IdGen {
    last_ms: i64,
    seq: u64,
}

impl IdGen {
    /// The next id at `now_ms`. Within one millisecond `seq` counts up; when it overflows,
    /// or when the clock is behind the last id, the next millisecond is borrowed.
    pub(crate) fn next(&mut self, now_ms: i64) -> String {
        let now = (now_ms - SNOWFLAKE_EPOCH_MS).max(0);
        if now > self.last_ms {
            self.last_ms = now;
            self.seq = 0;
        } else if self.seq < MAX_SEQ {
            self.seq += 1;
        } else {
            self.last_ms += 1;
            self.seq = 0;
        }
        let ms = u64::try_from(self.last_ms).unwrap_or(0);
        ((ms << SEQ_BITS) | self.seq).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis_of(id: &str) -> i64 {
        let raw: u64 = id.parse().unwrap();
        i64::try_from(raw >> SEQ_BITS).unwrap() + SNOWFLAKE_EPOCH_MS
    }

    #[test]
    fn ids_carry_the_time_and_increase() {
        let mut ids = IdGen::default();
        let now = 1_790_000_000_000;
        let a = ids.next(now);
        let b = ids.next(now);
        let c = ids.next(now + 5);
        assert_eq!(millis_of(&a), now);
        assert_eq!(millis_of(&b), now);
        assert_eq!(millis_of(&c), now + 5);
        let (a, b, c): (u64, u64, u64) =
            (a.parse().unwrap(), b.parse().unwrap(), c.parse().unwrap());
        assert!(a < b && b < c);
    }

    #[test]
    fn sequence_overflow_borrows_the_next_millisecond() {
        let mut ids = IdGen {
            last_ms: 10,
            seq: MAX_SEQ,
        };
        let id = ids.next(SNOWFLAKE_EPOCH_MS + 10);
        assert_eq!(millis_of(&id), SNOWFLAKE_EPOCH_MS + 11);
    }

    #[test]
    fn a_clock_behind_the_last_id_stays_monotonic() {
        let mut ids = IdGen::default();
        let a: u64 = ids.next(SNOWFLAKE_EPOCH_MS + 100).parse().unwrap();
        let b: u64 = ids.next(SNOWFLAKE_EPOCH_MS + 50).parse().unwrap();
        assert!(b > a);
    }
}
