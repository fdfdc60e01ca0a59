//! Test harness: a fresh, migrated SQLite file in its own temp dir per test.

use std::path::PathBuf;

use gateway_store::{Keyring, NewAccount, SqliteStore, Store, TenantId, hash_api_key};
use secrecy::SecretString;
use tempfile::TempDir;

pub const KEY_A: [u8; 32] = [0x11; 32];

pub struct TestDb {
    pub store: SqliteStore,
    pub path: PathBuf,
    /// Held so the directory outlives the store; removed on drop.
    _dir: TempDir,
}

impl TestDb {
    pub fn url(&self) -> String {
        format!("sqlite://{}", self.path.display())
    }
}

pub async fn test_db() -> TestDb {
    test_db_with(Keyring::from_key(KEY_A)).await
}

pub async fn test_db_with(keyring: Keyring) -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gateway.db");
    let store = SqliteStore::connect(&format!("sqlite://{}", path.display()), keyring)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    TestDb {
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
