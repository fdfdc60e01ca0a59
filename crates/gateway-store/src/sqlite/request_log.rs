//! Request log (migration 0007): batch inserts from the gateway's writer, the tenant's
//! filtered newest-first pages, age pruning; plus the schema and gauge queries behind
//! `/readyz` and `/metrics`.

use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use crate::request_log::{
    GaugeCounts, NewRequestLog, RequestLogQuery, RequestLogRow, SchemaStatus, StatusFilter,
};
use crate::{StoreError, TenantId};

pub(super) async fn insert(pool: &SqlitePool, entries: &[NewRequestLog]) -> Result<(), StoreError> {
    if entries.is_empty() {
        return Ok(());
    }
    // Multi-row INSERTs in chunks of a few sizes (see `insert_chunks`).
    let mut tx = pool.begin().await?;
    for chunk in crate::request_log::insert_chunks(entries) {
        let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO request_log (tenant_id, at_ms, request_id, account_id, method, route, \
             status, latency_us, upstream_calls, bytes_in, bytes_out, tool) ",
        );
        b.push_values(chunk, |mut row, e| {
            row.push_bind(e.tenant.0)
                .push_bind(e.at_ms)
                .push_bind(&e.request_id)
                .push_bind(e.account_id.as_deref())
                .push_bind(&e.method)
                .push_bind(&e.route)
                .push_bind(i64::from(e.status))
                .push_bind(e.latency_us)
                .push_bind(i64::from(e.upstream_calls))
                .push_bind(e.bytes_in)
                .push_bind(e.bytes_out)
                .push_bind(e.tool.as_deref());
        });
        b.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn query(
    pool: &SqlitePool,
    tenant: TenantId,
    q: &RequestLogQuery,
) -> Result<Vec<RequestLogRow>, StoreError> {
    let mut b: QueryBuilder<Sqlite> = QueryBuilder::new(
        "SELECT seq, tenant_id, at_ms, request_id, account_id, method, route, status, \
         latency_us, upstream_calls, bytes_in, bytes_out, tool FROM request_log WHERE tenant_id = ",
    );
    b.push_bind(tenant.0);
    if let Some(a) = &q.account_id {
        b.push(" AND account_id = ").push_bind(a.clone());
    }
    match q.status {
        Some(StatusFilter::Exact(s)) => {
            b.push(" AND status = ").push_bind(i64::from(s));
        }
        Some(StatusFilter::Class(c)) => {
            let low = i64::from(c) * 100;
            b.push(" AND status >= ").push_bind(low);
            b.push(" AND status < ").push_bind(low + 100);
        }
        None => {}
    }
    if let Some(m) = &q.method {
        b.push(" AND method = ").push_bind(m.clone());
    }
    if let Some(r) = &q.route {
        b.push(" AND route = ").push_bind(r.clone());
    }
    if let Some(s) = q.since_ms {
        b.push(" AND at_ms >= ").push_bind(s);
    }
    if let Some(u) = q.until_ms {
        b.push(" AND at_ms <= ").push_bind(u);
    }
    if let Some(before) = q.before_seq {
        b.push(" AND seq < ").push_bind(before);
    }
    b.push(" ORDER BY seq DESC LIMIT ")
        .push_bind(q.limit.max(0));
    let rows = b.build().fetch_all(pool).await?;
    rows.iter().map(row).collect()
}

fn row(r: &sqlx::sqlite::SqliteRow) -> Result<RequestLogRow, StoreError> {
    let status: i64 = r.try_get("status")?;
    let calls: i64 = r.try_get("upstream_calls")?;
    Ok(RequestLogRow {
        seq: r.try_get("seq")?,
        entry: NewRequestLog {
            tenant: TenantId(r.try_get("tenant_id")?),
            at_ms: r.try_get("at_ms")?,
            request_id: r.try_get("request_id")?,
            account_id: r.try_get("account_id")?,
            method: r.try_get("method")?,
            route: r.try_get("route")?,
            status: u16::try_from(status)
                .map_err(|_| StoreError::Database(format!("request_log status {status}")))?,
            latency_us: r.try_get("latency_us")?,
            upstream_calls: u32::try_from(calls).unwrap_or(u32::MAX),
            bytes_in: r.try_get("bytes_in")?,
            bytes_out: r.try_get("bytes_out")?,
            tool: r.try_get("tool")?,
        },
    })
}

pub(super) async fn prune(pool: &SqlitePool, older_than_ms: i64) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM request_log WHERE at_ms < ?")
        .bind(older_than_ms)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

pub(super) async fn schema_status(pool: &SqlitePool) -> Result<SchemaStatus, StoreError> {
    let table = sqlx::query(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?
    .try_get::<i64, _>(0)?;
    let applied: Vec<(i64, bool)> = if table == 0 {
        Vec::new()
    } else {
        sqlx::query("SELECT version, success FROM _sqlx_migrations")
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get::<i64, _>(0)?, r.try_get::<bool, _>(1)?)))
            .collect::<Result<_, StoreError>>()?
    };
    let mut status = SchemaStatus::default();
    for m in super::MIGRATOR
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
    {
        match applied.iter().find(|(v, _)| *v == m.version) {
            None => status.missing.push(m.version),
            Some((v, false)) => status.failed.push(*v),
            Some(_) => {}
        }
    }
    Ok(status)
}

pub(super) async fn gauges(pool: &SqlitePool) -> Result<GaugeCounts, StoreError> {
    let r = sqlx::query(
        "SELECT (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'), \
                (SELECT count(*) FROM accounts WHERE status = 'active')",
    )
    .fetch_one(pool)
    .await?;
    Ok(GaugeCounts {
        pending_webhook_deliveries: r.try_get(0)?,
        active_accounts: r.try_get(1)?,
    })
}
