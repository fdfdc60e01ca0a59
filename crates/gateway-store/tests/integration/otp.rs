//! Sensitive-action OTP state.

use gateway_store::{OtpVerification, Store, StoreError};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

fn otp(token: &str, code: &str, at: i64) -> OtpVerification {
    OtpVerification {
        token: SecretString::from(token),
        code: SecretString::from(code),
        verified_at: at,
    }
}

both! {
    async fn round_trip_and_replace(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (a, _) = store
            .upsert_account(t, new_account("1", "a", "t"))
            .await
            .unwrap();
        assert!(store.otp_verification(t, &a.id).await.unwrap().is_none());

        store
            .put_otp_verification(t, &a.id, &otp("87545:1:1:47b47", "123456", 10))
            .await
            .unwrap();
        let got = store.otp_verification(t, &a.id).await.unwrap().unwrap();
        assert_eq!(got.token.expose_secret(), "87545:1:1:47b47");
        assert_eq!(got.code.expose_secret(), "123456");
        assert_eq!(got.verified_at, 10);

        store
            .put_otp_verification(t, &a.id, &otp("t2", "654321", 20))
            .await
            .unwrap();
        let got = store.otp_verification(t, &a.id).await.unwrap().unwrap();
        assert_eq!(
            (got.token.expose_secret(), got.code.expose_secret()),
            ("t2", "654321")
        );
        assert_eq!(got.verified_at, 20);
    }
}

both! {
    async fn unknown_account_is_not_found(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let err = store
            .put_otp_verification(t, "fansly_nope", &otp("t", "c", 1))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)), "{err}");
        assert!(
            store
                .otp_verification(t, "fansly_nope")
                .await
                .unwrap()
                .is_none()
        );
    }
}

both! {
    async fn token_and_code_are_sealed_per_field(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (a, _) = store
            .upsert_account(t, new_account("1", "a", "t"))
            .await
            .unwrap();
        store
            .put_otp_verification(t, &a.id, &otp("tok", "code", 1))
            .await
            .unwrap();
        on_pool!(db, |p| // Swapping the two sealed values must not decrypt: each is bound to its own column.
        sqlx::query(
            "UPDATE otp_verifications SET token_enc = code_enc, code_enc = token_enc, \
             token_kid = code_kid, code_kid = token_kid",
        )
        .execute(p)
        .await
        .map(|_| ())
        .unwrap());
        let err = store.otp_verification(t, &a.id).await.unwrap_err();
        assert!(matches!(err, StoreError::Crypto(_)), "{err}");
    }
}
