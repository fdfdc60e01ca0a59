//! PostgreSQL only: several stores (as several gateway processes would hold) on one database.

use std::time::{Duration, Instant};

use gateway_store::{AccountAccess, AccountStatus, Keyring, PgStore, Store};

use crate::common::*;

#[tokio::test]
async fn stores_starting_at_once_migrate_exactly_once() {
    let Some(base) = pg_base_url() else {
        return;
    };
    let schema = TestSchema::create(&base, "gwtest").await;
    let url = schema.url();
    let mut starts = Vec::new();
    for _ in 0..4 {
        let url = url.clone();
        starts.push(tokio::spawn(async move {
            let store = PgStore::connect(&url, Keyring::from_key(KEY_A))
                .await
                .unwrap();
            store.migrate().await.unwrap();
            store
        }));
    }
    let mut stores = Vec::new();
    for s in starts {
        stores.push(s.await.unwrap());
    }
    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(stores[0].pool())
        .await
        .unwrap();
    let embedded = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .unwrap()
        .count();
    assert_eq!(applied, i64::try_from(embedded).unwrap());
    for s in &stores {
        assert!(s.schema_status().await.unwrap().is_current());
    }
}

/// Waits until `check` holds, for at most 2 s (the bound); answers how long it took.
async fn within_2s(mut check: impl AsyncFnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !check().await {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "not seen within 2 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    start.elapsed()
}

#[tokio::test]
async fn an_account_changed_through_one_store_is_seen_by_the_others_within_2s() {
    let Some(one) = TestDb::postgres(Keyring::from_key(KEY_A)).await else {
        return;
    };
    let other = one.reopen(Keyring::from_key(KEY_A)).await;
    let t = tenant(&*one.store, "a").await;
    let (a, _) = one
        .store
        .upsert_account(t, new_account("1", "m", "token-1"))
        .await
        .unwrap();
    // The other process warms its cache with the active row and its token.
    assert!(matches!(
        other.store.account(t, &a.id).await.unwrap(),
        AccountAccess::Owned(ref x) if x.status == AccountStatus::Active
    ));
    other.store.session_token(t, &a.id).await.unwrap().unwrap();

    one.store
        .set_account_status(t, &a.id, AccountStatus::Expired)
        .await
        .unwrap();
    within_2s(async || {
        matches!(
            other.store.account(t, &a.id).await.unwrap(),
            AccountAccess::Owned(ref x) if x.status == AccountStatus::Expired
        )
    })
    .await;

    // Disconnected through one process: gone on the other.
    assert!(one.store.delete_account(t, &a.id).await.unwrap());
    within_2s(async || {
        other.store.account(t, &a.id).await.unwrap() == AccountAccess::Missing
            && other.store.session_token(t, &a.id).await.unwrap().is_none()
    })
    .await;
}
