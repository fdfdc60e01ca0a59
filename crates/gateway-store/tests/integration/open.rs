//! `open()`, connection settings and migrations.

use gateway_store::{Keyring, SqliteStore, Store, StoreError, open};

use crate::common::*;

both! {
    async fn migrations_are_idempotent(db) {
        db.store.migrate().await.unwrap();
        db.store.migrate().await.unwrap();
        db.store.ping().await.unwrap();
        let applied: i64 = on_pool!(db, |p| sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
            .fetch_one(p)
            .await
            .unwrap());
        let dir = if db.is_postgres() { "postgres" } else { "sqlite" };
        let embedded = std::fs::read_dir(format!(
            "{}/migrations/{dir}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
        .count();
        assert_eq!(applied, i64::try_from(embedded).unwrap());
    }
}

#[tokio::test]
async fn connections_use_the_documented_pragmas() {
    let db = sqlite_db().await;
    let pool = db.store.pool();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(pool)
        .await
        .unwrap();
    let fks: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(pool)
        .await
        .unwrap();
    let secure_delete: i64 = sqlx::query_scalar("PRAGMA secure_delete")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(
        (mode.as_str(), busy, fks, sync, secure_delete),
        ("wal", 5000, 1, 1, 1)
    );
}

#[tokio::test]
async fn open_creates_the_parent_directory_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/gw.db");
    let store = open(
        &format!("sqlite://{}", path.display()),
        Keyring::from_key(KEY_A),
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    assert!(path.is_file());
    assert!(store.list_api_keys().await.unwrap().is_empty());
}

#[tokio::test]
async fn open_does_not_migrate() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("gw.db").display());
    let store = open(&url, Keyring::from_key(KEY_A)).await.unwrap();
    assert!(matches!(
        store.list_api_keys().await,
        Err(StoreError::Database(_))
    ));
}

#[tokio::test]
async fn memory_database_is_shared_across_calls() {
    let store = open("sqlite::memory:", Keyring::from_key(KEY_A))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let created = store.create_api_key("k", "fgw_", &[3; 32]).await.unwrap();
    let (a, b) = tokio::join!(store.list_api_keys(), store.find_active_api_key(&[3; 32]));
    assert_eq!(a.unwrap(), vec![created.clone()]);
    assert_eq!(b.unwrap(), Some(created.tenant()));
}

#[tokio::test]
async fn unknown_schemes_are_refused_without_echoing_the_url() {
    for url in ["mysql://root:hunter2@db/gw", "hunter2", ""] {
        match open(url, Keyring::from_key(KEY_A)).await {
            Err(StoreError::Unsupported(msg)) => assert!(!msg.contains("hunter2"), "{msg}"),
            Err(other) => panic!("{url}: unexpected error {other}"),
            Ok(_) => panic!("{url}: opened"),
        }
    }
}

#[tokio::test]
async fn sqlite_store_is_object_safe_behind_arc() {
    let store: std::sync::Arc<dyn Store> = std::sync::Arc::new(
        SqliteStore::connect("sqlite::memory:", Keyring::from_key(KEY_A))
            .await
            .unwrap(),
    );
    store.migrate().await.unwrap();
    store.ping().await.unwrap();
}
