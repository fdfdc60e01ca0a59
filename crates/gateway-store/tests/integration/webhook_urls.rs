//! Webhook URLs at rest (issue 11): sealed like the other secrets, bound to the endpoint id,
//! a non-secret host kept beside them, and rows written before migration 0011 converted.

use gateway_store::{NewWebhookEndpoint, Store, WebhookEndpointUpdate};

use crate::common::*;

const URL: &str = "https://user:pw@hooks.example.test:8443/in/KNOWN-URL-TOKEN-7f3a?sig=QUERYSECRET";
const URL2: &str = "https://other.example.test/in/SECOND-URL-TOKEN-91bb";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn db_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(path.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    bytes
}

fn new_endpoint(url: &str) -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: url.to_owned(),
        events: vec!["messages.received".to_owned()],
        account_ids: None,
        description: "visible-description".to_owned(),
        secret: secrecy::SecretString::from("whsec_test"),
        now: 1,
        payload_style: Default::default(),
    }
}

#[tokio::test]
async fn webhook_urls_are_sealed_and_read_back_whole() {
    let db = sqlite_db().await;
    let store: &dyn Store = &db.store;
    let t = tenant(store, "a").await;
    let ep = store
        .create_webhook_endpoint(t, new_endpoint(URL))
        .await
        .unwrap();
    assert_eq!(ep.url, URL);
    assert_eq!(
        store
            .webhook_endpoint(t, &ep.id)
            .await
            .unwrap()
            .unwrap()
            .url,
        URL
    );
    assert!(!format!("{ep:?}").contains("KNOWN-URL-TOKEN"), "{ep:?}");
    let updated = store
        .update_webhook_endpoint(
            t,
            &ep.id,
            WebhookEndpointUpdate {
                url: Some(URL2.to_owned()),
                now: 2,
                ..WebhookEndpointUpdate::default()
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated.url, URL2);
    assert_eq!(store.webhook_endpoints(t).await.unwrap()[0].url, URL2);

    let (host,): (String,) = sqlx::query_as("SELECT url_host FROM webhook_endpoints")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!(host, "https://other.example.test");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(db.store.pool())
        .await
        .unwrap();
    let bytes = db_bytes(&db.path);
    assert!(contains(&bytes, "visible-description"));
    for secret in ["SECOND-URL-TOKEN", "QUERYSECRET"] {
        assert!(!contains(&bytes, secret), "{secret} in the database files");
    }
}

#[tokio::test]
async fn urls_stored_in_plain_text_before_0011_are_sealed_by_migrate() {
    let db = sqlite_db().await;
    let store: &dyn Store = &db.store;
    let t = tenant(store, "a").await;
    let ep = store
        .create_webhook_endpoint(t, new_endpoint(URL2))
        .await
        .unwrap();
    // A row as written before migration 0011: plaintext `url`, nothing sealed.
    sqlx::query(
        "UPDATE webhook_endpoints SET url = ?, url_enc = NULL, url_kid = NULL, url_host = '' \
         WHERE id = ?",
    )
    .bind(URL)
    .bind(&ep.id)
    .execute(db.store.pool())
    .await
    .unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(db.store.pool())
        .await
        .unwrap();
    assert!(contains(&db_bytes(&db.path), "KNOWN-URL-TOKEN"));

    db.store.migrate().await.unwrap();
    assert_eq!(
        store
            .webhook_endpoint(t, &ep.id)
            .await
            .unwrap()
            .unwrap()
            .url,
        URL
    );
    let (plain, host): (String, String) =
        sqlx::query_as("SELECT url, url_host FROM webhook_endpoints WHERE id = ?")
            .bind(&ep.id)
            .fetch_one(db.store.pool())
            .await
            .unwrap();
    assert_eq!(plain, "");
    assert_eq!(host, "https://hooks.example.test:8443");
    let bytes = db_bytes(&db.path);
    for secret in ["KNOWN-URL-TOKEN", "QUERYSECRET", "user:pw"] {
        assert!(
            !contains(&bytes, secret),
            "{secret} left in the database files"
        );
    }
}
