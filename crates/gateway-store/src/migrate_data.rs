//! `fansly-gateway migrate-data`: copies a SQLite installation into an empty PostgreSQL
//! database, so a user moves without reconnecting creators (issue 12).
//!
//! Every table of the source except the request log (`request_log`: a pruned, per-process
//! diagnostic) and sqlx's bookkeeping is copied row by row, in one PostgreSQL transaction:
//! keys (ids kept: an id is a tenant), accounts with their sealed session tokens, kept
//! credentials, proxies and OTP state, pending connects, idempotency records, upload jobs,
//! webhook endpoints, events and deliveries (pending ones stay pending), event cursors and
//! seen-sets, usage counters, and the console's operators and sessions (hashes only). Sealed values are copied as the bytes they are — never
//! opened, never re-sealed — and stay valid because ids (their associated data) are kept and
//! the same master key is used. Columns are read from SQLite's own table description, so a
//! table added by a later migration is copied as long as PostgreSQL has it too. Before
//! committing, the row count of every table is compared with the source; identity sequences
//! are then moved past the copied ids.

use sqlx::{Postgres, QueryBuilder, Row as _};

use crate::{PgStore, SqliteStore, Store, StoreError};

/// Copied first, in this order, so foreign keys hold; any other table follows by name.
const ORDER: &[&str] = &[
    "api_keys",
    "accounts",
    "pending_connects",
    "otp_verifications",
    "account_proxies",
    "account_credentials",
    "account_reauth",
    "idempotency_keys",
    "upload_jobs",
    "webhook_endpoints",
    "webhook_events",
    "webhook_deliveries",
    "event_cursors",
    "event_subscriptions_seen",
    "key_usage",
];

/// Not copied: sqlx's and SQLite's bookkeeping, and the request log.
const SKIPPED: &[&str] = &["_sqlx_migrations", "sqlite_sequence", "request_log"];

/// Identity columns whose sequence must continue after the copied values.
const IDENTITIES: &[(&str, &str)] = &[
    ("api_keys", "id"),
    ("webhook_deliveries", "seq"),
    ("console_operators", "id"),
];

/// How many rows of each table were copied (equal to the source's, or the copy fails).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CopyReport {
    pub tables: Vec<(String, i64)>,
}

impl CopyReport {
    pub fn rows(&self, table: &str) -> Option<i64> {
        self.tables
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, n)| *n)
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Int,
    Text,
    Blob,
}

/// Copies `from` into `to`. Both must be migrated to the current schema, and `to` must hold
/// no API key and no account (it refuses to merge installations).
pub async fn copy_sqlite_to_postgres(
    from: &SqliteStore,
    to: &PgStore,
) -> Result<CopyReport, StoreError> {
    for (name, store) in [
        ("source", from as &dyn Store),
        ("destination", to as &dyn Store),
    ] {
        let status = store.schema_status().await?;
        if !status.is_current() {
            return Err(StoreError::Database(format!(
                "the {name} database is not migrated (missing {:?}, failed {:?}); run \
                 `fansly-gateway migrate` on it first",
                status.missing, status.failed
            )));
        }
    }
    let src = from.pool();
    let dst = to.pool();
    // `SqliteStore::migrate` seals URLs written before migration 0011; never copy plaintext.
    let plain: i64 = sqlx::query_scalar("SELECT count(*) FROM webhook_endpoints WHERE url != ''")
        .fetch_one(src)
        .await?;
    if plain > 0 {
        return Err(StoreError::Database(
            "the source still holds webhook URLs in plain text; run `fansly-gateway migrate` \
             on it first"
                .into(),
        ));
    }
    let occupied: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM api_keys) + (SELECT count(*) FROM accounts)",
    )
    .fetch_one(dst)
    .await?;
    if occupied > 0 {
        return Err(StoreError::Conflict(
            "the destination database already holds API keys or accounts; migrate-data only \
             copies into an empty installation"
                .into(),
        ));
    }

    let mut tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(src)
            .await?;
    tables.retain(|t| !SKIPPED.contains(&t.as_str()));
    tables.sort_by_key(|t| ORDER.iter().position(|o| o == t).unwrap_or(ORDER.len()));

    let mut report = CopyReport::default();
    let mut tx = dst.begin().await?;
    for table in &tables {
        let columns = columns(src, table).await?;
        let expected: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{table}\""))
            .fetch_one(src)
            .await?;
        copy_table(src, &mut tx, table, &columns).await?;
        let copied: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{table}\""))
            .fetch_one(&mut *tx)
            .await?;
        if copied != expected {
            return Err(StoreError::Database(format!(
                "{table}: {expected} rows in the source, {copied} in the destination; nothing \
                 was committed"
            )));
        }
        report.tables.push((table.clone(), copied));
    }
    for (table, column) in IDENTITIES {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), \
             COALESCE((SELECT max({column}) FROM {table}), 0) + 1, false)"
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(report)
}

/// The table's columns and their SQLite declared types.
async fn columns(src: &sqlx::SqlitePool, table: &str) -> Result<Vec<(String, Kind)>, StoreError> {
    let rows = sqlx::query(&format!("PRAGMA table_info(\"{table}\")"))
        .fetch_all(src)
        .await?;
    rows.iter()
        .map(|r| {
            let name: String = r.try_get("name")?;
            let declared: String = r.try_get("type")?;
            let kind = match declared.to_ascii_uppercase().as_str() {
                "INTEGER" => Kind::Int,
                "TEXT" => Kind::Text,
                "BLOB" => Kind::Blob,
                other => {
                    return Err(StoreError::Database(format!(
                        "{table}.{name}: no copy rule for SQLite type {other:?}"
                    )));
                }
            };
            Ok((name, kind))
        })
        .collect()
}

/// One decoded value, owned, ready to bind.
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Blob(Option<Vec<u8>>),
}

/// Rows per INSERT (PostgreSQL allows 65,535 parameters per statement).
const BATCH: usize = 500;

async fn copy_table(
    src: &sqlx::SqlitePool,
    tx: &mut sqlx::PgConnection,
    table: &str,
    columns: &[(String, Kind)],
) -> Result<(), StoreError> {
    let list = columns
        .iter()
        .map(|(c, _)| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    // rowid order: insertion order, which `accounts.seq` (PostgreSQL's stand-in) preserves.
    let rows = sqlx::query(&format!("SELECT {list} FROM \"{table}\" ORDER BY rowid"))
        .fetch_all(src)
        .await?;
    let mut decoded = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut values = Vec::with_capacity(columns.len());
        for (i, (_, kind)) in columns.iter().enumerate() {
            values.push(match kind {
                Kind::Int => Value::Int(row.try_get(i)?),
                Kind::Text => Value::Text(row.try_get(i)?),
                Kind::Blob => Value::Blob(row.try_get(i)?),
            });
        }
        decoded.push(values);
    }
    for chunk in decoded.chunks(BATCH) {
        let mut b: QueryBuilder<Postgres> =
            QueryBuilder::new(format!("INSERT INTO \"{table}\" ({list}) "));
        b.push_values(chunk, |mut row, values| {
            for v in values {
                match v {
                    Value::Int(x) => row.push_bind(*x),
                    Value::Text(x) => row.push_bind(x.clone()),
                    Value::Blob(x) => row.push_bind(x.clone()),
                };
            }
        });
        b.build().execute(&mut *tx).await?;
    }
    Ok(())
}
