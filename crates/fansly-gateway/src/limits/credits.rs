//! Credit costs (spec/gateway-api.md §1.8, rules as of 2026-07-30) and the monthly period.
//!
//! - A standard request costs 1 credit per started 80 KiB (81,920 bytes) of response body,
//!   at least 1.
//! - A media upload or download costs 2 credits per started MiB (1,048,576 bytes) of media
//!   moved (the upload's request body, the download's response body), at least 2.
//! - Webhook deliveries cost 1 credit per started 80 delivered events: the 1st, 81st, 161st…
//!   delivery of the month each cost 1 credit.
//! - Answers of 500 and above cost nothing (the gateway or Fansly failed), nor do the
//!   limiter's own 429/402 answers or `GET /usage`.

use time::{Date, Month, OffsetDateTime, UtcOffset};

pub const STANDARD_UNIT_BYTES: u64 = 80 * 1024;
pub const MEDIA_UNIT_BYTES: u64 = 1024 * 1024;
pub const MEDIA_CREDITS_PER_UNIT: u64 = 2;
pub const WEBHOOK_EVENTS_PER_CREDIT: u64 = 80;

pub fn standard_cost(response_bytes: u64) -> u64 {
    response_bytes.div_ceil(STANDARD_UNIT_BYTES).max(1)
}

pub fn media_cost(media_bytes: u64) -> u64 {
    MEDIA_CREDITS_PER_UNIT * media_bytes.div_ceil(MEDIA_UNIT_BYTES).max(1)
}

/// Credits owed for the webhook delivery that brings the month's count from `before` to
/// `before + 1`.
pub fn webhook_cost(before: u64) -> u64 {
    u64::from(before.is_multiple_of(WEBHOOK_EVENTS_PER_CREDIT))
}

/// A calendar month in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: Month,
}

impl Period {
    pub fn at(now_ms: i64) -> Self {
        let t = OffsetDateTime::from_unix_timestamp_nanos(i128::from(now_ms) * 1_000_000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
            .to_offset(UtcOffset::UTC);
        Self {
            year: t.year(),
            month: t.month(),
        }
    }

    /// `YYYY-MM`, the database key.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, u8::from(self.month))
    }

    /// Unix ms of the first instant of the month.
    pub fn start_ms(self) -> i64 {
        month_start_ms(self.year, self.month)
    }

    /// Unix ms of the first instant of the next month (when the allowance resets).
    pub fn end_ms(self) -> i64 {
        match self.month {
            Month::December => month_start_ms(self.year + 1, Month::January),
            m => month_start_ms(self.year, m.next()),
        }
    }
}

fn month_start_ms(year: i32, month: Month) -> i64 {
    Date::from_calendar_date(year, month, 1)
        .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs() {
        assert_eq!(standard_cost(0), 1);
        assert_eq!(standard_cost(81_920), 1);
        assert_eq!(standard_cost(81_921), 2);
        assert_eq!(standard_cost(3 * 81_920 + 1), 4);
        assert_eq!(media_cost(0), 2);
        assert_eq!(media_cost(1_048_576), 2);
        assert_eq!(media_cost(1_048_577), 4);
        assert_eq!(media_cost(5 * 1_048_576), 10);
        let owed: u64 = (0..161).map(webhook_cost).sum();
        assert_eq!(owed, 3, "deliveries 1, 81 and 161 each start a credit");
        assert_eq!((0..80).map(webhook_cost).sum::<u64>(), 1);
    }

    #[test]
    fn periods_are_utc_calendar_months() {
        // 2026-11-30T23:59:59.999Z and 2026-12-01T00:00:00Z
        let p = Period::at(1_796_083_199_999);
        assert_eq!(p.key(), "2026-11");
        assert_eq!(p.start_ms(), 1_793_491_200_000);
        assert_eq!(p.end_ms(), 1_796_083_200_000);
        assert_eq!(Period::at(1_796_083_200_000).key(), "2026-12");
        assert_eq!(
            Period::at(1_796_083_200_000).end_ms(),
            1_798_761_600_000,
            "2027-01-01"
        );
    }
}
