//! Connected accounts within one tenant: upsert, reads, status, touch, profile, delete.

use gateway_store::{AccountAccess, AccountStatus, OtpVerification, Store, StoreError};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

both! {
    async fn insert_mints_an_id_and_stores_everything(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (acct, created) = store
            .upsert_account(t, new_account("100", "Model@Example.com", "token-1"))
            .await
            .unwrap();
        assert!(created);
        assert!(
            acct.id.starts_with("fansly_") && acct.id.len() == 31,
            "{}",
            acct.id
        );
        assert_eq!(acct.tenant, t);
        assert_eq!(
            (
                acct.native_id.as_str(),
                acct.login.as_str(),
                acct.name.as_str()
            ),
            ("100", "Model@Example.com", "label 100")
        );
        assert_eq!(
            (acct.country.as_str(), acct.username.as_deref()),
            ("US", Some("user100"))
        );
        assert_eq!(
            (acct.device_id.as_str(), acct.session_id.as_str()),
            ("device-100", "session-100")
        );
        assert_eq!(acct.status, AccountStatus::Active);
        assert_eq!(acct.created_at, acct.updated_at);
        assert_eq!(acct.last_used_at, None);

        assert_eq!(
            store.account(t, &acct.id).await.unwrap(),
            AccountAccess::Owned(acct.clone())
        );
        let token = store.session_token(t, &acct.id).await.unwrap().unwrap();
        assert_eq!(token.expose_secret(), "token-1");
    }
}

both! {
    async fn reconnect_keeps_id_and_created_at_and_replaces_the_session(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (first, _) = store
            .upsert_account(t, new_account("100", "model", "old-token"))
            .await
            .unwrap();
        store
            .set_account_status(t, &first.id, AccountStatus::Expired)
            .await
            .unwrap();
        store.touch_account(t, &first.id, 1_000).await.unwrap();
        let otp = OtpVerification {
            token: "otp-token".into(),
            code: "123456".into(),
            verified_at: 5,
        };
        store
            .put_otp_verification(t, &first.id, &otp)
            .await
            .unwrap();

        let mut again = new_account("100", "model@example.com", "new-token");
        again.name = "renamed".into();
        again.country = "DE".into();
        again.device_id = "device-2".into();
        again.session_id = "session-2".into();
        again.username = None;
        let (second, created) = store.upsert_account(t, again).await.unwrap();

        assert!(!created);
        assert_eq!(second.id, first.id);
        assert_eq!(second.created_at, first.created_at);
        assert!(second.updated_at >= first.updated_at);
        assert_eq!(second.status, AccountStatus::Active);
        assert_eq!(
            (second.name.as_str(), second.country.as_str()),
            ("renamed", "DE")
        );
        assert_eq!(second.login, "model@example.com");
        assert_eq!(
            (second.device_id.as_str(), second.session_id.as_str()),
            ("device-2", "session-2")
        );
        assert_eq!(
            second.username.as_deref(),
            Some("user100"),
            "None keeps the known username"
        );
        assert_eq!(second.last_used_at, Some(1_000));
        let token = store.session_token(t, &first.id).await.unwrap().unwrap();
        assert_eq!(token.expose_secret(), "new-token");
        assert!(
            store
                .otp_verification(t, &first.id)
                .await
                .unwrap()
                .is_none(),
            "old OTP cleared"
        );
        assert_eq!(store.accounts(t).await.unwrap().len(), 1);
    }
}

both! {
    async fn list_is_oldest_first_and_login_lookup_ignores_case(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let mut ids = Vec::new();
        for n in ["1", "2", "3"] {
            let (a, _) = store
                .upsert_account(t, new_account(n, &format!("Login{n}@X.com"), "t"))
                .await
                .unwrap();
            ids.push(a.id);
        }
        let listed: Vec<String> = store
            .accounts(t)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(listed, ids);

        let found = store
            .account_by_login(t, "login2@x.COM")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.id, ids[1]);
        assert!(
            store
                .account_by_login(t, "login9@x.com")
                .await
                .unwrap()
                .is_none()
        );
    }
}

both! {
    async fn most_recent_active_prefers_last_used_then_updated(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        assert!(store.most_recent_active_account(t).await.unwrap().is_none());
        let (a, _) = store
            .upsert_account(t, new_account("1", "a", "t"))
            .await
            .unwrap();
        let (b, _) = store
            .upsert_account(t, new_account("2", "b", "t"))
            .await
            .unwrap();
        let (c, _) = store
            .upsert_account(t, new_account("3", "c", "t"))
            .await
            .unwrap();

        // Nobody used yet: the latest updated (ties: the latest inserted).
        assert_eq!(
            store
                .most_recent_active_account(t)
                .await
                .unwrap()
                .unwrap()
                .id,
            c.id
        );
        store.touch_account(t, &a.id, 2_000).await.unwrap();
        store.touch_account(t, &b.id, 1_000).await.unwrap();
        assert_eq!(
            store
                .most_recent_active_account(t)
                .await
                .unwrap()
                .unwrap()
                .id,
            a.id
        );
        store
            .set_account_status(t, &a.id, AccountStatus::Expired)
            .await
            .unwrap();
        assert_eq!(
            store
                .most_recent_active_account(t)
                .await
                .unwrap()
                .unwrap()
                .id,
            b.id
        );
    }
}

both! {
    async fn status_touch_and_profile_updates(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (a, _) = store
            .upsert_account(t, new_account("1", "a", "t"))
            .await
            .unwrap();
        let (b, _) = store
            .upsert_account(t, new_account("2", "b", "t"))
            .await
            .unwrap();

        store
            .set_account_status(t, &a.id, AccountStatus::Expired)
            .await
            .unwrap();
        store.touch_account(t, &a.id, 77).await.unwrap();
        store
            .update_account_profile(t, &a.id, "1-new", None)
            .await
            .unwrap();
        let AccountAccess::Owned(now) = store.account(t, &a.id).await.unwrap() else {
            panic!("account gone")
        };
        assert_eq!(now.status, AccountStatus::Expired);
        assert_eq!(now.last_used_at, Some(77));
        assert_eq!(
            (now.native_id.as_str(), now.username.as_deref()),
            ("1-new", None)
        );
        assert!(now.updated_at >= a.updated_at);
        // An expired account still yields its token (the gateway decides what to do with it).
        assert!(store.session_token(t, &a.id).await.unwrap().is_some());

        store
            .update_account_profile(t, &a.id, "1-new", Some("model"))
            .await
            .unwrap();
        let err = store
            .update_account_profile(t, &b.id, "1-new", None)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");

        for err in [
            store
                .set_account_status(t, "fansly_nope", AccountStatus::Active)
                .await
                .unwrap_err(),
            store.touch_account(t, "fansly_nope", 1).await.unwrap_err(),
            store
                .update_account_profile(t, "fansly_nope", "9", None)
                .await
                .unwrap_err(),
        ] {
            assert!(matches!(err, StoreError::NotFound(_)), "{err}");
        }
    }
}

both! {
    async fn delete_removes_row_token_and_otp_state(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (a, _) = store
            .upsert_account(t, new_account("1", "a", "t"))
            .await
            .unwrap();
        let otp = OtpVerification {
            token: SecretString::from("tok"),
            code: SecretString::from("999999"),
            verified_at: 1,
        };
        store.put_otp_verification(t, &a.id, &otp).await.unwrap();

        assert!(store.delete_account(t, &a.id).await.unwrap());
        assert!(!store.delete_account(t, &a.id).await.unwrap());
        assert_eq!(
            store.account(t, &a.id).await.unwrap(),
            AccountAccess::Missing
        );
        assert!(store.session_token(t, &a.id).await.unwrap().is_none());
        assert!(store.otp_verification(t, &a.id).await.unwrap().is_none());
        let otp_rows: i64 = on_pool!(db, |p| sqlx::query_scalar("SELECT count(*) FROM otp_verifications")
            .fetch_one(p)
            .await
            .unwrap());
        assert_eq!(otp_rows, 0);

        // Reconnecting after a delete mints a new id.
        let (again, created) = store
            .upsert_account(t, new_account("1", "a", "t"))
            .await
            .unwrap();
        assert!(created);
        assert_ne!(again.id, a.id);
    }
}

both! {
    async fn concurrent_upserts_of_one_account_make_one_row(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let results = upsert_four_times(store, t).await;
        let created = results.iter().filter(|(_, c)| *c).count();
        assert_eq!(created, 1);
        assert!(results.iter().all(|(a, _)| a.id == results[0].0.id));
        assert_eq!(store.accounts(t).await.unwrap().len(), 1);
    }
}

async fn upsert_four_times(
    store: &dyn Store,
    t: gateway_store::TenantId,
) -> Vec<(gateway_store::Account, bool)> {
    let (a, b, c, d) = tokio::join!(
        store.upsert_account(t, new_account("7", "x", "t1")),
        store.upsert_account(t, new_account("7", "x", "t2")),
        store.upsert_account(t, new_account("7", "x", "t3")),
        store.upsert_account(t, new_account("7", "x", "t4")),
    );
    vec![a.unwrap(), b.unwrap(), c.unwrap(), d.unwrap()]
}
