//! The account cache behind `Store::account`, `session_token` and `account_proxy`: once warm
//! it answers without the database, and every write through the store is seen at once.

use gateway_store::{AccountAccess, AccountStatus, Store};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

both! {
    async fn warm_reads_need_no_database_and_every_write_is_seen(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let other = tenant(store, "b").await;
        let (acct, _) = store
            .upsert_account(t, new_account("100", "model", "token-1"))
            .await
            .unwrap();
        let id = acct.id.clone();
        let token = |s: Option<SecretString>| s.map(|s| s.expose_secret().to_owned());

        // Warm: the row, the token and the proxy lookup.
        assert!(matches!(
            store.account(t, &id).await.unwrap(),
            AccountAccess::Owned(_)
        ));
        assert_eq!(
            token(store.session_token(t, &id).await.unwrap()).as_deref(),
            Some("token-1")
        );
        assert!(store.account_proxy(t, &id).await.unwrap().is_none());

        // Each write through the store is visible to the next read.
        store
            .set_account_status(t, &id, AccountStatus::Expired)
            .await
            .unwrap();
        let AccountAccess::Owned(a) = store.account(t, &id).await.unwrap() else {
            panic!("owned")
        };
        assert_eq!(a.status, AccountStatus::Expired);

        store
            .upsert_account(t, new_account("100", "model", "token-2"))
            .await
            .unwrap();
        let AccountAccess::Owned(a) = store.account(t, &id).await.unwrap() else {
            panic!("owned")
        };
        assert_eq!(a.status, AccountStatus::Active);
        assert_eq!(
            token(store.session_token(t, &id).await.unwrap()).as_deref(),
            Some("token-2")
        );

        store.touch_account(t, &id, 12_345).await.unwrap();
        let AccountAccess::Owned(a) = store.account(t, &id).await.unwrap() else {
            panic!("owned")
        };
        assert_eq!(a.last_used_at, Some(12_345));

        store
            .update_account_profile(t, &id, "100", Some("renamed"))
            .await
            .unwrap();
        let AccountAccess::Owned(a) = store.account(t, &id).await.unwrap() else {
            panic!("owned")
        };
        assert_eq!(a.username.as_deref(), Some("renamed"));

        let proxy = SecretString::from("http://user:pw@127.0.0.1:3128");
        store.set_account_proxy(t, &id, Some(&proxy)).await.unwrap();
        assert_eq!(
            token(store.account_proxy(t, &id).await.unwrap()).as_deref(),
            Some("http://user:pw@127.0.0.1:3128")
        );
        store.set_account_proxy(t, &id, None).await.unwrap();
        assert!(store.account_proxy(t, &id).await.unwrap().is_none());

        // Tenant scoping holds on cached rows.
        assert_eq!(
            store.account(other, &id).await.unwrap(),
            AccountAccess::Foreign
        );
        assert!(store.session_token(other, &id).await.unwrap().is_none());
        assert!(store.account_proxy(other, &id).await.unwrap().is_none());

        // Warm again, then the database goes away: the cached answers still come.
        store.account(t, &id).await.unwrap();
        store.session_token(t, &id).await.unwrap();
        store.account_proxy(t, &id).await.unwrap();
        match &db.handle {
            Handle::Sqlite(s) => s.close().await,
            Handle::Postgres(s) => s.close().await,
        }
        assert!(matches!(
            store.account(t, &id).await.unwrap(),
            AccountAccess::Owned(_)
        ));
        assert_eq!(
            token(store.session_token(t, &id).await.unwrap()).as_deref(),
            Some("token-2")
        );
        assert!(store.account_proxy(t, &id).await.unwrap().is_none());
        assert!(
            store.account(t, "fansly_unknown").await.is_err(),
            "a miss asks the database"
        );
    }
}

both! {
    async fn delete_is_seen_at_once(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (acct, _) = store
            .upsert_account(t, new_account("100", "model", "token-1"))
            .await
            .unwrap();
        store.account(t, &acct.id).await.unwrap();
        store.session_token(t, &acct.id).await.unwrap();
        assert!(store.delete_account(t, &acct.id).await.unwrap());
        assert_eq!(
            store.account(t, &acct.id).await.unwrap(),
            AccountAccess::Missing
        );
        assert!(store.session_token(t, &acct.id).await.unwrap().is_none());
    }
}
