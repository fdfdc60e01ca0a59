//! Per-account proxy URLs (issue 6): sealed at rest, tenant-scoped, gone with the account.

use gateway_store::{Store, StoreError};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

const URL: &str = "socks5://user:proxy-pw-4c1f@10.1.2.3:1080";

#[tokio::test]
async fn proxies_are_sealed_scoped_replaced_and_removed() {
    let db = sqlite_db().await;
    let store: &dyn Store = &db.store;
    let a = tenant(store, "a").await;
    let b = tenant(store, "b").await;
    let (acct, _) = store
        .upsert_account(a, new_account("100", "m", "t"))
        .await
        .unwrap();
    assert!(store.account_proxy(a, &acct.id).await.unwrap().is_none());

    let url = SecretString::from(URL);
    store
        .set_account_proxy(a, &acct.id, Some(&url))
        .await
        .unwrap();
    let got = store.account_proxy(a, &acct.id).await.unwrap().unwrap();
    assert_eq!(got.expose_secret(), URL);

    // Never in plain text on disk (main file and WAL).
    let mut bytes = std::fs::read(&db.path).unwrap();
    bytes.extend(std::fs::read(format!("{}-wal", db.path.display())).unwrap_or_default());
    assert!(
        !bytes.windows(URL.len()).any(|w| w == URL.as_bytes())
            && !bytes.windows(12).any(|w| w == b"proxy-pw-4c1"),
        "the proxy URL is stored in plain text"
    );

    // Another tenant neither reads nor writes it.
    assert!(store.account_proxy(b, &acct.id).await.unwrap().is_none());
    let err = store
        .set_account_proxy(b, &acct.id, Some(&SecretString::from("http://h:1")))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    let err = store
        .set_account_proxy(b, &acct.id, None)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");

    // Replaced, removed, and gone with the account.
    let other = SecretString::from("http://h2:8080");
    store
        .set_account_proxy(a, &acct.id, Some(&other))
        .await
        .unwrap();
    let got = store.account_proxy(a, &acct.id).await.unwrap().unwrap();
    assert_eq!(got.expose_secret(), "http://h2:8080");
    store.set_account_proxy(a, &acct.id, None).await.unwrap();
    assert!(store.account_proxy(a, &acct.id).await.unwrap().is_none());
    store
        .set_account_proxy(a, &acct.id, Some(&url))
        .await
        .unwrap();
    assert!(store.delete_account(a, &acct.id).await.unwrap());
    assert!(store.account_proxy(a, &acct.id).await.unwrap().is_none());
    let err = store
        .set_account_proxy(a, &acct.id, Some(&url))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}
