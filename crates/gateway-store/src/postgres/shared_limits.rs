//! Limits shared by several gateways (migration 0017, `crate::shared_limits`): one transaction
//! per exchange; a reservation takes a per-key advisory lock, so the grants of processes
//! reserving at once add up to at most the key's limit.

use sqlx::{PgPool, Row as _};

use crate::{LimitExchange, LimitShares, Reservation, StoreError, TenantId};

/// The first half of the advisory lock key of a key's minute (the second is the key's id).
const LOCK_SPACE: i32 = 0x4657_4c4d; // "FWLM"

/// The key's id as the second half of its lock key (ids beyond 32 bits share a lock, which
/// only serialises them more).
fn lock_key(t: TenantId) -> i32 {
    i32::try_from(t.0).unwrap_or_else(|_| i32::try_from(t.0 & 0x7fff_ffff).unwrap_or(0))
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub(super) async fn exchange(
    pool: &PgPool,
    x: &LimitExchange<'_>,
) -> Result<LimitShares, StoreError> {
    let mut tx = pool.begin().await?;
    if !x.returned.is_empty() {
        let tenants: Vec<i64> = x.returned.iter().map(|a| a.0.0).collect();
        let seconds: Vec<i64> = x.returned.iter().map(|a| a.1).collect();
        let counts: Vec<i64> = x.returned.iter().map(|a| to_i64(a.2)).collect();
        sqlx::query(
            "UPDATE limit_admissions l SET admitted = GREATEST(0, l.admitted - u.c) \
             FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[]) AS u(t, s, c) \
             WHERE l.tenant_id = u.t AND l.second = u.s AND l.holder = $4",
        )
        .bind(&tenants)
        .bind(&seconds)
        .bind(&counts)
        .bind(x.holder)
        .execute(&mut *tx)
        .await?;
    }
    let mut out = LimitShares::default();
    let second = x.now.div_euclid(1000);
    // In key order, so two processes reserving the same keys take their locks in one order.
    let mut wanted: Vec<(usize, &Reservation)> = x.wanted.iter().enumerate().collect();
    wanted.sort_by_key(|(_, r)| r.key.0);
    let mut granted = vec![0u64; x.wanted.len()];
    for (i, r) in wanted {
        if r.want == 0 {
            continue;
        }
        // One process at a time reserves of a key's minute (until this transaction ends).
        sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind(LOCK_SPACE)
            .bind(lock_key(r.key))
            .execute(&mut *tx)
            .await?;
        let used: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(admitted), 0)::BIGINT FROM limit_admissions \
             WHERE tenant_id = $1 AND second > $2",
        )
        .bind(r.key.0)
        .bind(x.after_second)
        .fetch_one(&mut *tx)
        .await?;
        let grant = r.want.min(r.limit.saturating_sub(to_u64(used)));
        if grant > 0 {
            sqlx::query(
                "INSERT INTO limit_admissions (tenant_id, second, holder, admitted) \
                 VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (tenant_id, second, holder) DO UPDATE SET \
                   admitted = limit_admissions.admitted + excluded.admitted",
            )
            .bind(r.key.0)
            .bind(second)
            .bind(x.holder)
            .bind(to_i64(grant))
            .execute(&mut *tx)
            .await?;
        }
        granted[i] = grant;
    }
    out.granted = x.wanted.iter().map(|r| r.key).zip(granted).collect();
    if !x.demand.is_empty() {
        let keys: Vec<&str> = x.demand.iter().map(|d| d.0.as_str()).collect();
        let counts: Vec<i64> = x.demand.iter().map(|d| to_i64(d.1)).collect();
        sqlx::query(
            "INSERT INTO pacing_demand (pace_key, holder, demand, updated_at) \
             SELECT k, $3, c, $4 FROM UNNEST($1::TEXT[], $2::BIGINT[]) AS u(k, c) \
             ON CONFLICT (pace_key, holder) DO UPDATE SET \
               demand = excluded.demand, updated_at = excluded.updated_at",
        )
        .bind(&keys)
        .bind(&counts)
        .bind(x.holder)
        .bind(x.now)
        .execute(&mut *tx)
        .await?;
    }
    if !x.keys.is_empty() {
        let keys: Vec<i64> = x.keys.iter().map(|t| t.0).collect();
        let rows = sqlx::query(
            "SELECT tenant_id, second, SUM(admitted)::BIGINT FROM limit_admissions \
             WHERE tenant_id = ANY($1) AND second > $2 AND holder <> $3 \
             GROUP BY tenant_id, second",
        )
        .bind(&keys)
        .bind(x.after_second)
        .bind(x.holder)
        .fetch_all(&mut *tx)
        .await?;
        for r in rows {
            out.others.push((
                TenantId(r.try_get(0)?),
                r.try_get(1)?,
                to_u64(r.try_get(2)?),
            ));
        }
    }
    if !x.demand.is_empty() {
        let keys: Vec<&str> = x.demand.iter().map(|d| d.0.as_str()).collect();
        let rows = sqlx::query(
            "SELECT pace_key, SUM(demand)::BIGINT FROM pacing_demand \
             WHERE pace_key = ANY($1) AND holder <> $2 AND updated_at > $3 GROUP BY pace_key",
        )
        .bind(&keys)
        .bind(x.holder)
        .bind(x.demand_after)
        .fetch_all(&mut *tx)
        .await?;
        for r in rows {
            out.others_demand
                .push((r.try_get(0)?, to_u64(r.try_get(1)?)));
        }
    }
    // Housekeeping: this process's rows that left the window or went stale, and anyone's
    // ten minutes later (a process that died); nobody writes such old rows any more.
    sqlx::query(
        "DELETE FROM limit_admissions WHERE second <= $2 AND (holder = $1 OR second <= $2 - 600)",
    )
    .bind(x.holder)
    .bind(x.after_second)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM pacing_demand \
         WHERE updated_at <= $2 AND (holder = $1 OR updated_at <= $2 - 600000)",
    )
    .bind(x.holder)
    .bind(x.demand_after)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(out)
}
