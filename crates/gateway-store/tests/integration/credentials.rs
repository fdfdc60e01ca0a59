//! Kept credentials (issue 14): sealed at rest and bound to the account id, tenant-scoped,
//! erased on request and with the account; the re-login state and session replacement.

use gateway_store::{
    AccountStatus, KeptCredentials, Reauth, ReauthState, Store, StoreError, TwofaKind,
};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

const PASSWORD: &str = "kept-password-9a7e";
const TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn kept() -> KeptCredentials {
    KeptCredentials {
        password: SecretString::from(PASSWORD),
        totp_secret: Some(SecretString::from(TOTP)),
        twofa: TwofaKind::Authenticator,
    }
}

#[tokio::test]
async fn credentials_are_sealed_scoped_and_erased() {
    let db = sqlite_db().await;
    let store: &dyn Store = &db.store;
    let a = tenant(store, "a").await;
    let b = tenant(store, "b").await;
    let (one, _) = store
        .upsert_account(a, new_account("100", "m", "t1"))
        .await
        .unwrap();
    let (two, _) = store
        .upsert_account(a, new_account("200", "n", "t2"))
        .await
        .unwrap();
    store.set_credentials(a, &one.id, &kept()).await.unwrap();
    let got = store.credentials(a, &one.id).await.unwrap().unwrap();
    assert_eq!(got.password.expose_secret(), PASSWORD);
    assert_eq!(got.totp_secret.unwrap().expose_secret(), TOTP);
    assert_eq!(
        store.credential_kinds(a).await.unwrap(),
        vec![(one.id.clone(), TwofaKind::Authenticator)]
    );
    assert!(!format!("{:?}", store.credentials(a, &one.id).await.unwrap()).contains(PASSWORD));

    let mut bytes = std::fs::read(&db.path).unwrap();
    bytes.extend(std::fs::read(format!("{}-wal", db.path.display())).unwrap_or_default());
    for needle in [PASSWORD, TOTP] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} stored in plain text"
        );
    }

    // Bound to the row: the sealed blob copied to another account does not open.
    sqlx::query(
        "INSERT INTO account_credentials (account_id, tenant_id, password_enc, password_kid, \
         totp_enc, totp_kid, twofa_kind, updated_at) SELECT ?, tenant_id, password_enc, \
         password_kid, totp_enc, totp_kid, twofa_kind, updated_at FROM account_credentials \
         WHERE account_id = ?",
    )
    .bind(&two.id)
    .bind(&one.id)
    .execute(db.store.pool())
    .await
    .unwrap();
    assert!(store.credentials(a, &two.id).await.is_err());

    // Another tenant sees and changes nothing.
    assert!(store.credentials(b, &one.id).await.unwrap().is_none());
    assert!(store.credential_kinds(b).await.unwrap().is_empty());
    let err = store
        .set_credentials(b, &one.id, &kept())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert!(!store.delete_credentials(b, &one.id).await.unwrap());

    // Erased on request, and with the account.
    assert!(store.delete_credentials(a, &one.id).await.unwrap());
    assert!(store.credentials(a, &one.id).await.unwrap().is_none());
    store.set_credentials(a, &one.id, &kept()).await.unwrap();
    assert!(store.delete_account(a, &one.id).await.unwrap());
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM account_credentials WHERE account_id = ?")
            .bind(&one.id)
            .fetch_one(db.store.pool())
            .await
            .unwrap();
    assert_eq!(left, 0);
}

both! {
    async fn reauth_state_marks_expired_and_a_renewed_session_or_reconnect_clears_it(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let (acct, _) = store
            .upsert_account(a, new_account("100", "m", "t1"))
            .await
            .unwrap();
        let failed = Reauth {
            state: ReauthState::Failed,
            reason: "rate_limited".into(),
            failures: 2,
            retry_at: Some(123),
        };
        store.set_reauth(a, &acct.id, Some(&failed)).await.unwrap();
        assert_eq!(
            store.reauth(a, &acct.id).await.unwrap(),
            Some(failed.clone())
        );
        let gateway_store::AccountAccess::Owned(row) = store.account(a, &acct.id).await.unwrap() else {
            panic!("owned");
        };
        assert_eq!(row.status, AccountStatus::Expired);

        store
            .replace_session(a, &acct.id, "900", &SecretString::from("renewed-token"))
            .await
            .unwrap();
        assert_eq!(store.reauth(a, &acct.id).await.unwrap(), None);
        let gateway_store::AccountAccess::Owned(row) = store.account(a, &acct.id).await.unwrap() else {
            panic!("owned");
        };
        assert_eq!(
            (row.status, row.session_id.as_str()),
            (AccountStatus::Active, "900")
        );
        assert_eq!(
            store
                .session_token(a, &acct.id)
                .await
                .unwrap()
                .unwrap()
                .expose_secret(),
            "renewed-token"
        );

        store.set_reauth(a, &acct.id, Some(&failed)).await.unwrap();
        store
            .upsert_account(a, new_account("100", "m", "t3"))
            .await
            .unwrap();
        assert_eq!(
            store.reauth(a, &acct.id).await.unwrap(),
            None,
            "a reconnect clears it"
        );
    }
}

both! {
    async fn an_account_listing_joins_credentials_and_reauth_per_account_and_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let mut ids = Vec::new();
        for (native, session) in [("100", "s1"), ("200", "s2"), ("300", "s3")] {
            let (acct, _) = store
                .upsert_account(a, new_account(native, "m", session))
                .await
                .unwrap();
            ids.push(acct.id);
        }
        let (other, _) = store
            .upsert_account(b, new_account("400", "o", "s4"))
            .await
            .unwrap();
        store.set_credentials(a, &ids[0], &kept()).await.unwrap();
        store.set_credentials(b, &other.id, &kept()).await.unwrap();
        let failed = Reauth {
            state: ReauthState::Required,
            reason: "email_code".into(),
            failures: 1,
            retry_at: None,
        };
        store.set_reauth(a, &ids[1], Some(&failed)).await.unwrap();
        store.set_reauth(b, &other.id, Some(&failed)).await.unwrap();

        let listing = store.account_listing(a).await.unwrap();
        // The same rows, in the same order, as `accounts`, and what the separate reads say.
        let accounts = store.accounts(a).await.unwrap();
        assert_eq!(
            listing.iter().map(|l| l.account.clone()).collect::<Vec<_>>(),
            accounts
        );
        let kinds = store.credential_kinds(a).await.unwrap();
        let reauths = store.reauths(a).await.unwrap();
        for l in listing.iter() {
            let id = &l.account.id;
            assert_eq!(l.credentials, kinds.iter().find(|(k, _)| k == id).map(|(_, t)| *t));
            assert_eq!(l.reauth, reauths.iter().find(|(k, _)| k == id).map(|(_, r)| r.clone()));
        }
        assert_eq!(listing[0].credentials, Some(TwofaKind::Authenticator));
        assert_eq!(listing[1].reauth, Some(failed));
        assert_eq!((listing[2].credentials, listing[2].reauth.as_ref()), (None, None));
        // Tenant b's rows, and nothing of a's.
        let theirs = store.account_listing(b).await.unwrap();
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0].account.id, other.id);
        assert!(theirs[0].credentials.is_some() && theirs[0].reauth.is_some());

        // Cached, and every write it shows is seen at once.
        let again = store.account_listing(a).await.unwrap();
        assert_eq!(again, listing);
        assert!(store.delete_credentials(a, &ids[0]).await.unwrap());
        assert_eq!(store.account_listing(a).await.unwrap()[0].credentials, None);
        store.set_credentials(a, &ids[2], &kept()).await.unwrap();
        assert!(store.account_listing(a).await.unwrap()[2].credentials.is_some());
        store.set_reauth(a, &ids[1], None).await.unwrap();
        assert_eq!(store.account_listing(a).await.unwrap()[1].reauth, None);
        store.set_account_status(a, &ids[2], AccountStatus::Expired).await.unwrap();
        assert_eq!(
            store.account_listing(a).await.unwrap()[2].account.status,
            AccountStatus::Expired
        );
        assert!(store.delete_account(a, &ids[0]).await.unwrap());
        assert_eq!(store.account_listing(a).await.unwrap().len(), 2);
        let (added, _) = store
            .upsert_account(a, new_account("500", "p", "s5"))
            .await
            .unwrap();
        let now = store.account_listing(a).await.unwrap();
        assert_eq!(now.last().map(|l| &l.account.id), Some(&added.id));
    }
}
