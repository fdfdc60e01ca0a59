//! Test harness. Every test written with [`both!`] runs twice from one body: on a fresh SQLite
//! file in its own temp dir, and on PostgreSQL in its own fresh schema when
//! `GATEWAY_TEST_DATABASE_URL` names a database (e.g.
//! `postgres://postgres@127.0.0.1:5432/test`). Without the variable the PostgreSQL half of
//! each such test returns at once and the run says so, once, on stderr.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Once};

use gateway_store::{Keyring, NewAccount, PgStore, SqliteStore, Store, TenantId, hash_api_key};
use secrecy::SecretString;
use tempfile::TempDir;

pub const KEY_A: [u8; 32] = [0x11; 32];

pub use gateway_store::test_schema::PG_URL_VAR;
pub use gateway_store::test_schema::TestSchema;

/// Runs the test body once per backend: `both! { async fn name(db) { … } }` becomes the tests
/// `name::sqlite` and `name::postgres`, `db` being a fresh migrated [`TestDb`].
macro_rules! both {
    ($(#[$meta:meta])* async fn $name:ident($db:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                #[allow(unused_mut)]
                let mut $db = $crate::common::TestDb::sqlite(
                    gateway_store::Keyring::from_key($crate::common::KEY_A),
                )
                .await;
                $body
            }

            #[tokio::test]
            async fn postgres() {
                #[allow(unused_mut)]
                let Some(mut $db) = $crate::common::TestDb::postgres(
                    gateway_store::Keyring::from_key($crate::common::KEY_A),
                )
                .await
                else {
                    return;
                };
                $body
            }
        }
    };
}
pub(crate) use both;

/// Runs `$body` with `$p` bound to the test database's pool, whichever the backend (the body
/// is compiled for both; write placeholders as `$1`, which SQLite accepts too).
macro_rules! on_pool {
    ($db:expr, |$p:ident| $body:expr) => {
        match &$db.handle {
            $crate::common::Handle::Sqlite(s) => {
                let $p = s.pool();
                $body
            }
            $crate::common::Handle::Postgres(s) => {
                let $p = s.pool();
                $body
            }
        }
    };
}
pub(crate) use on_pool;

/// The concrete store behind [`TestDb::store`], for direct SQL.
pub enum Handle {
    Sqlite(Arc<SqliteStore>),
    Postgres(Arc<PgStore>),
}

pub struct TestDb {
    pub store: Arc<dyn Store>,
    pub handle: Handle,
    /// The URL the store was opened with (reopen it with another keyring).
    pub url: String,
    /// The SQLite file (None on PostgreSQL).
    pub path: Option<PathBuf>,
    _dir: Option<Arc<TempDir>>,
    _schema: Option<Arc<TestSchema>>,
}

impl TestDb {
    pub fn is_postgres(&self) -> bool {
        matches!(self.handle, Handle::Postgres(_))
    }

    pub async fn sqlite(keyring: Keyring) -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gateway.db");
        let url = format!("sqlite://{}", path.display());
        let store = Arc::new(SqliteStore::connect(&url, keyring).await.unwrap());
        store.migrate().await.unwrap();
        TestDb {
            store: store.clone(),
            handle: Handle::Sqlite(store),
            url,
            path: Some(path),
            _dir: Some(Arc::new(dir)),
            _schema: None,
        }
    }

    /// A fresh schema in the database of `GATEWAY_TEST_DATABASE_URL`, migrated; None (after
    /// saying so once) when the variable is unset.
    pub async fn postgres(keyring: Keyring) -> Option<TestDb> {
        let Some(base) = pg_base_url() else {
            static SAID: Once = Once::new();
            SAID.call_once(|| {
                // Straight to stderr: the test harness captures print!/eprint!.
                let _ = writeln!(
                    std::io::stderr(),
                    "\nnote: gateway-store's integration tests ran on SQLite only; their \
                     `::postgres` halves returned without running. Set {PG_URL_VAR}=\
                     postgres://postgres@127.0.0.1:5432/test to run them on PostgreSQL too.\n"
                );
            });
            return None;
        };
        let schema = TestSchema::create(&base, "gwtest").await;
        let url = schema.url();
        let store = Arc::new(PgStore::connect(&url, keyring).await.unwrap());
        store.migrate().await.unwrap();
        Some(TestDb {
            store: store.clone(),
            handle: Handle::Postgres(store),
            url,
            path: None,
            _dir: None,
            _schema: Some(Arc::new(schema)),
        })
    }

    /// The same database opened again (another process, or another keyring); not migrated.
    pub async fn reopen(&self, keyring: Keyring) -> TestDb {
        let (store, handle): (Arc<dyn Store>, Handle) = match &self.handle {
            Handle::Sqlite(_) => {
                let s = Arc::new(SqliteStore::connect(&self.url, keyring).await.unwrap());
                (s.clone(), Handle::Sqlite(s))
            }
            Handle::Postgres(_) => {
                let s = Arc::new(PgStore::connect(&self.url, keyring).await.unwrap());
                (s.clone(), Handle::Postgres(s))
            }
        };
        TestDb {
            store,
            handle,
            url: self.url.clone(),
            path: self.path.clone(),
            _dir: self._dir.clone(),
            _schema: self._schema.clone(),
        }
    }
}

pub fn pg_base_url() -> Option<String> {
    gateway_store::test_schema::database_url()
}

/// SQLite only: a fresh migrated file, for tests about the file itself (its bytes, pragmas).
pub struct SqliteDb {
    pub store: SqliteStore,
    pub path: PathBuf,
    /// Held so the directory outlives the store; removed on drop.
    _dir: TempDir,
}

pub async fn sqlite_db() -> SqliteDb {
    sqlite_db_with(Keyring::from_key(KEY_A)).await
}

pub async fn sqlite_db_with(keyring: Keyring) -> SqliteDb {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gateway.db");
    let store = SqliteStore::connect(&format!("sqlite://{}", path.display()), keyring)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    SqliteDb {
        store,
        path,
        _dir: dir,
    }
}

/// A new API key, returned as its tenant.
pub async fn tenant(store: &dyn Store, name: &str) -> TenantId {
    let record = store
        .create_api_key(name, "fgw_test0000", &hash_api_key(name))
        .await
        .unwrap();
    record.tenant()
}

pub fn new_account(native_id: &str, login: &str, token: &str) -> NewAccount {
    NewAccount {
        native_id: native_id.into(),
        login: login.into(),
        name: format!("label {native_id}"),
        country: "US".into(),
        device_id: format!("device-{native_id}"),
        session_id: format!("session-{native_id}"),
        session_token: SecretString::from(token),
        username: Some(format!("user{native_id}")),
    }
}
