//! Pending login-2FA connects: TTL, tries, replace, delete.

use gateway_store::{NewPendingConnect, Store, StoreError};

use crate::common::*;

fn pending(login: &str, expires_at: i64) -> NewPendingConnect {
    NewPendingConnect {
        device_id: format!("dev-{login}"),
        login: login.into(),
        name: "label".into(),
        country: "GB".into(),
        expires_at,
    }
}

both! {
    async fn round_trip_and_ttl(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        store
            .put_pending_connect(t, "tok", pending("model", 1_000))
            .await
            .unwrap();

        let got = store.pending_connect(t, "tok", 999).await.unwrap().unwrap();
        assert_eq!(
            (
                got.device_id.as_str(),
                got.login.as_str(),
                got.name.as_str(),
                got.country.as_str()
            ),
            ("dev-model", "model", "label", "GB")
        );
        assert_eq!((got.tries, got.expires_at), (0, 1_000));
        assert!(got.created_at > 0);
        assert!(
            store
                .pending_connect(t, "other", 999)
                .await
                .unwrap()
                .is_none()
        );

        // Expired at exactly expires_at, and deleted: an earlier `now` no longer finds it.
        assert!(
            store
                .pending_connect(t, "tok", 1_000)
                .await
                .unwrap()
                .is_none()
        );
        assert!(store.pending_connect(t, "tok", 0).await.unwrap().is_none());
    }
}

both! {
    async fn expired_rows_are_purged(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        store
            .put_pending_connect(t, "old", pending("a", 100))
            .await
            .unwrap();
        store
            .put_pending_connect(t, "new", pending("b", 10_000))
            .await
            .unwrap();
        assert!(
            store
                .pending_connect(t, "new", 500)
                .await
                .unwrap()
                .is_some()
        );
        let rows: i64 = on_pool!(db, |p| sqlx::query_scalar("SELECT count(*) FROM pending_connects")
            .fetch_one(p)
            .await
            .unwrap());
        assert_eq!(rows, 1);
    }
}

both! {
    async fn failures_count_up_and_replace_resets(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        store
            .put_pending_connect(t, "tok", pending("model", 1_000))
            .await
            .unwrap();
        assert_eq!(store.record_pending_failure(t, "tok").await.unwrap(), 1);
        assert_eq!(store.record_pending_failure(t, "tok").await.unwrap(), 2);
        assert_eq!(
            store
                .pending_connect(t, "tok", 0)
                .await
                .unwrap()
                .unwrap()
                .tries,
            2
        );

        store
            .put_pending_connect(t, "tok", pending("again", 5_000))
            .await
            .unwrap();
        let got = store.pending_connect(t, "tok", 0).await.unwrap().unwrap();
        assert_eq!(
            (got.login.as_str(), got.tries, got.expires_at),
            ("again", 0, 5_000)
        );

        let err = store
            .record_pending_failure(t, "missing")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    }
}

both! {
    async fn delete_removes_and_is_quiet_when_absent(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        store
            .put_pending_connect(t, "tok", pending("model", 1_000))
            .await
            .unwrap();
        store.delete_pending_connect(t, "tok").await.unwrap();
        assert!(store.pending_connect(t, "tok", 0).await.unwrap().is_none());
        store.delete_pending_connect(t, "tok").await.unwrap();
    }
}

both! {
    async fn only_the_token_hash_is_stored(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        store
            .put_pending_connect(t, "twofa-secret", pending("m", 1_000))
            .await
            .unwrap();
        let hash: Vec<u8> = on_pool!(db, |p| sqlx::query_scalar("SELECT token_hash FROM pending_connects")
            .fetch_one(p)
            .await
            .unwrap());
        assert_eq!(hash, gateway_store::hash_api_key("twofa-secret").to_vec());
    }
}
