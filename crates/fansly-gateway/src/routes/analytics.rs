//! Analytics (route-map §1.9): AN1 `GET /{a}/analytics/profilestats?afterDate&beforeDate&period`
//! or `?year&month` → `GET /it/amoie/stats?beforeDate&afterDate&period&year&month`, shape **P**.
//!
//! Decisions where the row is open: with neither dates nor `year`/`month`, the window is the
//! last 30 days up to now; `month` needs `year` (and the reverse); a given date wins over the
//! month bound it replaces.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use fansly_client::ProfileStatsQuery;

use super::messages::proxied;
use crate::http::auth::Tenant;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiResult};
use crate::state::AppState;
use crate::upstream::OrUpstream;

/// The bucket widths Fansly accepts (ms).
pub const PERIODS: [i64; 4] = [300_000, 3_600_000, 21_600_000, 86_400_000];
pub const DEFAULT_PERIOD: i64 = 86_400_000;
/// The default window without dates or a month.
pub const DEFAULT_WINDOW_MS: i64 = 30 * 86_400_000;

pub fn router() -> Router<AppState> {
    Router::new().route("/{account_id}/analytics/profilestats", get(profile_stats))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `[start, end)` of a UTC month in ms.
pub fn month_bounds(year: i64, month: i64) -> (i64, i64) {
    let start = days_from_civil(year, month, 1) * 86_400_000;
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    (start, days_from_civil(ny, nm, 1) * 86_400_000)
}

fn ms(q: &QueryParams, name: &str) -> ApiResult<Option<i64>> {
    match q.integer(name)? {
        Some(v) if v < 0 => Err(ApiError::bad_request(format!(
            "{name} must be a Unix time in milliseconds"
        ))),
        other => Ok(other),
    }
}

/// Reads and checks the query into the native one (`now` in ms).
pub fn stats_query(q: &QueryParams, now: i64) -> ApiResult<ProfileStatsQuery> {
    let period = q.integer("period")?.unwrap_or(DEFAULT_PERIOD);
    if !PERIODS.contains(&period) {
        return Err(ApiError::bad_request(
            "period must be one of 300000, 3600000, 21600000, 86400000 (ms)",
        ));
    }
    let after = ms(q, "afterDate")?;
    let before = ms(q, "beforeDate")?;
    let year = q.integer("year")?;
    let month = q.integer("month")?;
    let (year, month, after, before) = match (year, month) {
        (None, None) => {
            let before = before.unwrap_or(now);
            (
                0,
                0,
                after.unwrap_or(before - DEFAULT_WINDOW_MS).max(0),
                before,
            )
        }
        (Some(y), Some(m)) => {
            if !(2019..=2100).contains(&y) {
                return Err(ApiError::bad_request("year must be between 2019 and 2100"));
            }
            if !(1..=12).contains(&m) {
                return Err(ApiError::bad_request("month must be between 1 and 12"));
            }
            let (start, end) = month_bounds(y, m);
            (y, m, after.unwrap_or(start), before.unwrap_or(end))
        }
        (Some(_), None) => return Err(ApiError::bad_request("month is required with year")),
        (None, Some(_)) => return Err(ApiError::bad_request("year is required with month")),
    };
    if after >= before {
        return Err(ApiError::bad_request(
            "afterDate must be earlier than beforeDate",
        ));
    }
    Ok(ProfileStatsQuery {
        before_date: before,
        after_date: after,
        period,
        year: i32::try_from(year).unwrap_or(0),
        month: u32::try_from(month).unwrap_or(0),
    })
}

async fn profile_stats(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let query = stats_query(&q, app.clock.now_ms())?;
    let native = app
        .fansly
        .profile_stats(&c.creds, &query)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_bounds_are_utc_months() {
        // 2026-02-01T00:00:00Z and 2026-03-01T00:00:00Z.
        assert_eq!(
            month_bounds(2026, 2),
            (1_769_904_000_000, 1_772_323_200_000)
        );
        let (s, e) = month_bounds(2025, 12);
        assert_eq!(e - s, 31 * 86_400_000);
    }
}
