//! A PostgreSQL schema of its own for one test (the store's integration tests and the
//! gateway's end-to-end tests share this one definition).
//!
//! Every connection opened through [`TestSchema::url`] carries the schema's name as its
//! `application_name`, so teardown can end them before `DROP SCHEMA`: a connection left idle
//! inside a transaction (a pool whose tasks no longer run once the test's runtime stops) would
//! otherwise hold its table locks and `DROP SCHEMA` would wait for it forever. Teardown also
//! sets a `lock_timeout`, so it can fail (leaving the schema behind, to be swept by the next
//! run) but never hang.

use rand::Rng as _;
use sqlx::Connection as _;

/// The variable naming the PostgreSQL database tests may create schemas in.
pub const PG_URL_VAR: &str = "GATEWAY_TEST_DATABASE_URL";

/// Schemas left by runs older than this are dropped when a new one is created.
const STALE_AFTER_SECS: u64 = 6 * 3600;

/// The database named by [`PG_URL_VAR`], if it is set and not empty.
pub fn database_url() -> Option<String> {
    std::env::var(PG_URL_VAR).ok().filter(|u| !u.is_empty())
}

/// A fresh schema, dropped with everything in it when this value is dropped (or by
/// [`TestSchema::drop_now`]).
#[derive(Debug)]
pub struct TestSchema {
    base: String,
    name: String,
    dropped: bool,
}

impl TestSchema {
    /// Creates `<prefix>_<unix seconds>_<random>` in the database at `base`. Panics, naming
    /// [`PG_URL_VAR`], when PostgreSQL cannot be reached: the caller asked for it.
    pub async fn create(base: &str, prefix: &str) -> TestSchema {
        let suffix: String = rand::thread_rng()
            .sample_iter(&rand::distributions::Alphanumeric)
            .take(10)
            .map(|c| char::from(c).to_ascii_lowercase())
            .collect();
        let name = format!("{prefix}_{}_{suffix}", unix_secs());
        let mut conn = sqlx::PgConnection::connect(base)
            .await
            .unwrap_or_else(|e| panic!("{PG_URL_VAR} is set but PostgreSQL is unreachable: {e}"));
        sweep_stale(&mut conn, prefix).await;
        sqlx::query(&format!("CREATE SCHEMA {name}"))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("CREATE SCHEMA {name}: {e}"));
        let _ = conn.close().await;
        TestSchema {
            base: base.to_owned(),
            name,
            dropped: false,
        }
    }

    /// The schema's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The base URL with this schema first on the search path and its name as the
    /// connections' `application_name`.
    pub fn url(&self) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!(
            "{}{sep}application_name={name}&options=-c%20search_path%3D{name}",
            self.base,
            name = self.name
        )
    }

    /// Drops the schema now, from async code.
    pub async fn drop_now(mut self) {
        self.dropped = true;
        teardown(&self.base, &self.name).await;
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        let (base, name) = (self.base.clone(), self.name.clone());
        // Drop may run inside the test's runtime: do the async teardown on a thread of its own.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(teardown(&base, &name));
        })
        .join();
    }
}

/// Ends the schema's connections, then drops it; gives up after the lock timeout.
async fn teardown(base: &str, name: &str) {
    let Ok(mut conn) = sqlx::PgConnection::connect(base).await else {
        return;
    };
    let _ = sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE application_name = $1 AND pid <> pg_backend_pid()",
    )
    .bind(name)
    .execute(&mut conn)
    .await;
    let _ = sqlx::query("SET lock_timeout = '10s'")
        .execute(&mut conn)
        .await;
    let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
        .execute(&mut conn)
        .await;
    let _ = conn.close().await;
}

/// Drops schemas of this prefix that an interrupted run left more than six hours ago.
async fn sweep_stale(conn: &mut sqlx::PgConnection, prefix: &str) {
    let Ok(names) = sqlx::query_scalar::<_, String>(
        "SELECT nspname::text FROM pg_namespace WHERE starts_with(nspname::text, $1)",
    )
    .bind(format!("{prefix}_"))
    .fetch_all(&mut *conn)
    .await
    else {
        return;
    };
    let cutoff = unix_secs().saturating_sub(STALE_AFTER_SECS);
    for name in names {
        let created = name[prefix.len() + 1..]
            .split('_')
            .next()
            .and_then(|s| s.parse::<u64>().ok());
        if created.is_some_and(|t| t < cutoff) {
            let _ = sqlx::query("SET lock_timeout = '2s'")
                .execute(&mut *conn)
                .await;
            let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
                .execute(&mut *conn)
                .await;
        }
    }
}

fn unix_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
