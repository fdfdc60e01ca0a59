//! Tenant isolation: tenant B can neither see nor change anything of tenant A's.

use gateway_store::{
    AccountAccess, AccountStatus, NewPendingConnect, OtpVerification, Store, StoreError,
};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

fn otp(code: &str) -> OtpVerification {
    OtpVerification {
        token: SecretString::from("otp-token"),
        code: SecretString::from(code),
        verified_at: 10,
    }
}

both! {
    async fn every_account_method_is_scoped_by_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let (acct, _) = store
            .upsert_account(a, new_account("100", "model@x.com", "a-token"))
            .await
            .unwrap();
        store
            .put_otp_verification(a, &acct.id, &otp("111111"))
            .await
            .unwrap();
        let id = acct.id.as_str();

        // Reads.
        assert_eq!(store.account(b, id).await.unwrap(), AccountAccess::Foreign);
        assert!(store.accounts(b).await.unwrap().is_empty());
        assert!(
            store
                .account_by_login(b, "model@x.com")
                .await
                .unwrap()
                .is_none()
        );
        assert!(store.most_recent_active_account(b).await.unwrap().is_none());
        assert!(store.session_token(b, id).await.unwrap().is_none());
        assert!(store.otp_verification(b, id).await.unwrap().is_none());

        // Writes.
        let errs = [
            store
                .set_account_status(b, id, AccountStatus::Expired)
                .await
                .unwrap_err(),
            store.touch_account(b, id, 9_999).await.unwrap_err(),
            store
                .update_account_profile(b, id, "hijack", Some("evil"))
                .await
                .unwrap_err(),
            store
                .put_otp_verification(b, id, &otp("222222"))
                .await
                .unwrap_err(),
        ];
        for err in errs {
            assert!(matches!(err, StoreError::NotFound(_)), "{err}");
        }
        assert!(!store.delete_account(b, id).await.unwrap());

        // Same native account connected under B is B's own row, not A's.
        let (b_acct, created) = store
            .upsert_account(b, new_account("100", "model@x.com", "b-token"))
            .await
            .unwrap();
        assert!(created);
        assert_ne!(b_acct.id, acct.id);
        assert_eq!(
            store.account(a, &b_acct.id).await.unwrap(),
            AccountAccess::Foreign
        );

        // A's account is exactly as it was.
        assert_eq!(
            store.account(a, id).await.unwrap(),
            AccountAccess::Owned(acct.clone())
        );
        assert_eq!(store.accounts(a).await.unwrap(), vec![acct.clone()]);
        let token = store.session_token(a, id).await.unwrap().unwrap();
        assert_eq!(token.expose_secret(), "a-token");
        let kept = store.otp_verification(a, id).await.unwrap().unwrap();
        assert_eq!(kept.code.expose_secret(), "111111");
        assert_eq!(
            store
                .account_by_login(a, "MODEL@x.com")
                .await
                .unwrap()
                .map(|x| x.id),
            Some(acct.id.clone())
        );
        assert_eq!(
            store
                .most_recent_active_account(a)
                .await
                .unwrap()
                .map(|x| x.id),
            Some(acct.id.clone())
        );
        assert_eq!(
            store.account(a, "fansly_missing").await.unwrap(),
            AccountAccess::Missing
        );
    }
}

both! {
    async fn pending_connects_are_scoped_by_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let p = NewPendingConnect {
            device_id: "dev".into(),
            login: "model".into(),
            name: "label".into(),
            country: "US".into(),
            expires_at: 10_000,
        };
        store
            .put_pending_connect(a, "twofa-1", p.clone())
            .await
            .unwrap();

        assert!(
            store
                .pending_connect(b, "twofa-1", 0)
                .await
                .unwrap()
                .is_none()
        );
        let err = store
            .record_pending_failure(b, "twofa-1")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)), "{err}");
        store.delete_pending_connect(b, "twofa-1").await.unwrap();
        // B storing the same token makes B's own entry and leaves A's alone.
        store
            .put_pending_connect(
                b,
                "twofa-1",
                NewPendingConnect {
                    login: "b".into(),
                    ..p
                },
            )
            .await
            .unwrap();

        let kept = store
            .pending_connect(a, "twofa-1", 0)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((kept.login.as_str(), kept.tries), ("model", 0));
        assert_eq!(
            store
                .pending_connect(b, "twofa-1", 0)
                .await
                .unwrap()
                .unwrap()
                .login,
            "b"
        );
    }
}
