//! Limits shared by several gateways (migration 0017, `crate::shared_limits`): one transaction
//! per exchange, arrays bound whole so its cost does not grow in round trips with the keys.

use sqlx::{PgPool, Row as _};

use crate::{LimitExchange, LimitShares, StoreError, TenantId};

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
    if !x.admitted.is_empty() {
        let tenants: Vec<i64> = x.admitted.iter().map(|a| a.0.0).collect();
        let seconds: Vec<i64> = x.admitted.iter().map(|a| a.1).collect();
        let counts: Vec<i64> = x.admitted.iter().map(|a| to_i64(a.2)).collect();
        sqlx::query(
            "INSERT INTO limit_admissions (tenant_id, second, holder, admitted) \
             SELECT t, s, $4, c FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[]) AS u(t, s, c) \
             ON CONFLICT (tenant_id, second, holder) DO UPDATE SET \
               admitted = limit_admissions.admitted + excluded.admitted",
        )
        .bind(&tenants)
        .bind(&seconds)
        .bind(&counts)
        .bind(x.holder)
        .execute(&mut *tx)
        .await?;
    }
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
    let mut out = LimitShares::default();
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
            out.others_admitted.push((
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
