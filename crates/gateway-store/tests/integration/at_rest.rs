//! Secrets at rest: what the database files hold, row binding and key rotation through the store.

use gateway_store::{Keyring, MasterKey, OtpVerification, Store, StoreError};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

const TOKEN: &str = "sess-tok-KNOWN-4f1c9e2ab7d35";
const OTP_TOKEN: &str = "87545123:1:1:47b47KNOWNOTPTOKEN";
const OTP_CODE: &str = "otp-code-918273";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn database_files_never_hold_plaintext_secrets() {
    let db = sqlite_db().await;
    let store: &dyn Store = &db.store;
    let t = tenant(store, "a").await;
    let mut new = new_account("100", "visible-login@known.example", TOKEN);
    new.name = "visible-label".into();
    let (a, _) = store.upsert_account(t, new).await.unwrap();
    let otp = OtpVerification {
        token: SecretString::from(OTP_TOKEN),
        code: SecretString::from(OTP_CODE),
        verified_at: 1,
    };
    store.put_otp_verification(t, &a.id, &otp).await.unwrap();
    store
        .put_pending_connect(t, "twofa-KNOWN-handoff", pending())
        .await
        .unwrap();

    let wal_path = db.path.with_extension("db-wal");
    let mut bytes = std::fs::read(&db.path).unwrap();
    bytes.extend(std::fs::read(&wal_path).expect("WAL file exists while the pool is open"));
    // The files are the right ones: non-secret values are visible in them.
    assert!(contains(&bytes, "visible-login@known.example"));
    assert!(contains(&bytes, "visible-label"));
    for secret in [TOKEN, OTP_TOKEN, OTP_CODE, "twofa-KNOWN-handoff"] {
        assert!(
            !contains(&bytes, secret),
            "{secret} found in the database files"
        );
    }

    // After a checkpoint into the main file, still nothing.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(db.store.pool())
        .await
        .unwrap();
    let bytes = std::fs::read(&db.path).unwrap();
    assert!(contains(&bytes, "visible-label"));
    for secret in [TOKEN, OTP_TOKEN, OTP_CODE, "twofa-KNOWN-handoff"] {
        assert!(!contains(&bytes, secret), "{secret} found after checkpoint");
    }
}

fn pending() -> gateway_store::NewPendingConnect {
    gateway_store::NewPendingConnect {
        device_id: "d".into(),
        login: "l".into(),
        name: "n".into(),
        country: "US".into(),
        expires_at: i64::MAX,
    }
}

both! {
    async fn a_sealed_token_moved_to_another_row_does_not_open(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (x, _) = store
            .upsert_account(t, new_account("1", "x", "token-x"))
            .await
            .unwrap();
        let (y, _) = store
            .upsert_account(t, new_account("2", "y", "token-y"))
            .await
            .unwrap();
        on_pool!(db, |p| sqlx::query(
            "UPDATE accounts SET session_token_enc = \
             (SELECT session_token_enc FROM accounts WHERE id = $1) WHERE id = $2",
        )
        .bind(&x.id)
        .bind(&y.id)
        .execute(p)
        .await
        .map(|_| ())
        .unwrap());
        let err = store.session_token(t, &y.id).await.unwrap_err();
        assert!(matches!(err, StoreError::Crypto(_)), "{err}");
        assert!(!err.to_string().contains("token-x"));
        assert_eq!(
            store
                .session_token(t, &x.id)
                .await
                .unwrap()
                .unwrap()
                .expose_secret(),
            "token-x"
        );
    }
}

both! {
    async fn a_truncated_value_in_the_database_is_an_error(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (x, _) = store
            .upsert_account(t, new_account("1", "x", "token-x"))
            .await
            .unwrap();
        let blob: Vec<u8> = on_pool!(db, |p| sqlx::query_scalar("SELECT session_token_enc FROM accounts")
            .fetch_one(p)
            .await
            .unwrap());
        for len in [0, 5, 39, blob.len() - 1] {
            on_pool!(db, |p| sqlx::query("UPDATE accounts SET session_token_enc = $1")
                .bind(&blob[..len])
                .execute(p)
                .await
                .map(|_| ())
                .unwrap());
            let err = store.session_token(t, &x.id).await.unwrap_err();
            assert!(matches!(err, StoreError::Crypto(_)), "{err}");
        }
    }
}

both! {
    async fn rotation_reads_old_values_and_writes_with_the_new_key(db) {
        let old = MasterKey::from_bytes(KEY_A);
        let new_key = [0x22; 32];
        let t = tenant(&*db.store, "a").await;
        let (x, _) = db
            .store
            .upsert_account(t, new_account("1", "x", "old-era"))
            .await
            .unwrap();

        // New current key with the old one as previous: old values open, new ones use the new
        // id.
        let ring = Keyring::from_key(new_key).with_previous([MasterKey::from_bytes(KEY_A)]);
        let new_id = ring.current_key_id().to_owned();
        let rotated = db.reopen(ring).await;
        let token = rotated.store.session_token(t, &x.id).await.unwrap().unwrap();
        assert_eq!(token.expose_secret(), "old-era");
        let (y, _) = rotated
            .store
            .upsert_account(t, new_account("2", "y", "new-era"))
            .await
            .unwrap();
        let mut kids: Vec<(String, String)> = on_pool!(rotated, |p| sqlx::query_as(
            "SELECT id, session_token_kid FROM accounts"
        )
        .fetch_all(p)
        .await
        .unwrap());
        kids.sort();
        let mut want = vec![(x.id.clone(), old.id().to_owned()), (y.id.clone(), new_id)];
        want.sort();
        assert_eq!(kids, want);

        // Without the old key, the old value fails cleanly; the new one still opens.
        let only_new = db.reopen(Keyring::from_key(new_key)).await;
        let err = only_new.store.session_token(t, &x.id).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Crypto(ref m) if m.contains(old.id())),
            "{err}"
        );
        let token = only_new.store.session_token(t, &y.id).await.unwrap().unwrap();
        assert_eq!(token.expose_secret(), "new-era");
    }
}

both! {
    async fn a_store_with_a_different_keyring_cannot_read(db) {
        let t = tenant(&*db.store, "a").await;
        let (x, _) = db
            .store
            .upsert_account(t, new_account("1", "x", "secret"))
            .await
            .unwrap();
        let other = db.reopen(Keyring::from_key([6; 32])).await;
        assert!(matches!(
            other.store.session_token(t, &x.id).await,
            Err(StoreError::Crypto(_))
        ));
    }
}
