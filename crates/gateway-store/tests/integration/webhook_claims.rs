//! Delivery claims on webhook endpoints (issue 12): one holder at a time, renewals, takeover
//! after expiry, release, and one winner among concurrent claimers.

use std::sync::Arc;

use gateway_store::{NewWebhookEndpoint, PayloadStyle, Store};
use secrecy::SecretString;

use crate::common::*;

async fn endpoint(store: &dyn Store) -> String {
    let t = tenant(store, "a").await;
    store
        .create_webhook_endpoint(
            t,
            NewWebhookEndpoint {
                url: "https://hooks.example/in".into(),
                events: vec!["messages.received".into()],
                payload_style: PayloadStyle::Envelope,
                account_ids: None,
                description: String::new(),
                secret: SecretString::from("whsec_x"),
                now: 0,
            },
        )
        .await
        .unwrap()
        .id
}

both! {
    async fn one_holder_at_a_time_until_the_claim_lapses(db) {
        let store: &dyn Store = &*db.store;
        let ep = endpoint(store).await;
        assert!(store.claim_webhook_endpoint(&ep, "p1", 0, 1_000).await.unwrap());
        assert!(!store.claim_webhook_endpoint(&ep, "p2", 10, 1_010).await.unwrap());
        // The holder renews; the other still cannot take it before the new expiry.
        assert!(store.claim_webhook_endpoint(&ep, "p1", 900, 1_900).await.unwrap());
        assert!(!store.claim_webhook_endpoint(&ep, "p2", 1_500, 2_500).await.unwrap());
        // Lapsed: another process takes over.
        assert!(store.claim_webhook_endpoint(&ep, "p2", 1_900, 2_900).await.unwrap());
        assert!(!store.claim_webhook_endpoint(&ep, "p1", 2_000, 3_000).await.unwrap());
        // Only the holder's release counts.
        store.release_webhook_endpoint(&ep, "p1").await.unwrap();
        assert!(!store.claim_webhook_endpoint(&ep, "p1", 2_000, 3_000).await.unwrap());
        store.release_webhook_endpoint(&ep, "p2").await.unwrap();
        assert!(store.claim_webhook_endpoint(&ep, "p1", 2_000, 3_000).await.unwrap());
        // A lone process's start drops whatever a previous run held.
        assert_eq!(store.reset_webhook_claims().await.unwrap(), 1);
        assert!(store.claim_webhook_endpoint(&ep, "p3", 2_001, 3_001).await.unwrap());
        assert_eq!(store.is_shared(), db.is_postgres());
        // No claim on an endpoint that does not exist.
        assert!(!store.claim_webhook_endpoint("whk_nope", "p1", 0, 10).await.unwrap());
    }
}

both! {
    async fn concurrent_claimers_have_one_winner(db) {
        let ep = endpoint(&*db.store).await;
        let store: Arc<dyn Store> = Arc::clone(&db.store);
        let mut tasks = Vec::new();
        for i in 0..8 {
            let (store, ep) = (Arc::clone(&store), ep.clone());
            tasks.push(tokio::spawn(async move {
                store
                    .claim_webhook_endpoint(&ep, &format!("p{i}"), 0, 1_000)
                    .await
                    .unwrap()
            }));
        }
        let mut won = 0;
        for t in tasks {
            won += usize::from(t.await.unwrap());
        }
        assert_eq!(won, 1);
    }
}
