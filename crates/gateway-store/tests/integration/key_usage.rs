//! Key plans and usage counters (issue 6, limits).

use gateway_store::{KeyUsage, Keyring, NewWebhookEndpoint, Store, TenantId};

use crate::common::*;

fn delta(t: TenantId, period: &str, requests: i64, credits: i64, events: i64) -> KeyUsage {
    KeyUsage {
        tenant: t,
        period: period.to_owned(),
        requests,
        credits,
        webhook_events: events,
    }
}

both! {
    async fn a_key_is_created_with_its_plan_in_one_write(db) {
        let store: &dyn Store = &*db.store;
        let pro = store
            .create_api_key_on_plan("p", "fgw_pro", &[7; 32], Some("pro"))
            .await
            .unwrap();
        let plain = store.create_api_key("d", "fgw_def", &[8; 32]).await.unwrap();
        assert_eq!(
            store.api_key_plans().await.unwrap(),
            vec![
                (TenantId(pro.id), Some("pro".to_owned())),
                (TenantId(plain.id), None)
            ],
            "no moment where the new key has no plan"
        );
    }
}

both! {
    async fn plans_are_stored_per_active_key(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        assert_eq!(
            store.api_key_plans().await.unwrap(),
            vec![(a, None), (b, None)]
        );
        assert!(store.set_api_key_plan(a.0, Some("pro")).await.unwrap());
        assert_eq!(store.api_key_plan(a).await.unwrap().as_deref(), Some("pro"));
        assert_eq!(store.api_key_plan(b).await.unwrap(), None);
        assert_eq!(
            store.api_key_plans().await.unwrap(),
            vec![(a, Some("pro".to_owned())), (b, None)]
        );
        assert!(store.set_api_key_plan(a.0, None).await.unwrap(), "cleared");
        assert_eq!(store.api_key_plan(a).await.unwrap(), None);
        assert!(!store.set_api_key_plan(9_999, Some("pro")).await.unwrap());

        store.set_api_key_plan(b.0, Some("free")).await.unwrap();
        assert!(store.revoke_api_key(b.0).await.unwrap());
        assert!(
            !store.set_api_key_plan(b.0, Some("pro")).await.unwrap(),
            "a revoked key's plan cannot change"
        );
        assert_eq!(store.api_key_plan(b).await.unwrap(), None);
        assert_eq!(store.api_key_plans().await.unwrap(), vec![(a, None)]);
    }
}

both! {
    async fn usage_deltas_add_up_per_key_and_period(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        store.add_key_usage(&[]).await.unwrap();
        store
            .add_key_usage(&[
                delta(a, "2026-11", 3, 5, 0),
                delta(b, "2026-11", 1, 1, 80),
                delta(a, "2026-10", 7, 7, 0),
            ])
            .await
            .unwrap();
        store
            .add_key_usage(&[delta(a, "2026-11", 2, 10, 1)])
            .await
            .unwrap();
        assert_eq!(
            store.key_usage("2026-11").await.unwrap(),
            vec![delta(a, "2026-11", 5, 15, 1), delta(b, "2026-11", 1, 1, 80)]
        );
        assert_eq!(
            store.key_usage("2026-10").await.unwrap(),
            vec![delta(a, "2026-10", 7, 7, 0)]
        );
        assert!(store.key_usage("2026-12").await.unwrap().is_empty());

        // One bad row (an unknown key) fails the whole batch: nothing is half-added.
        let err = store
            .add_key_usage(&[
                delta(a, "2026-11", 1, 1, 0),
                delta(TenantId(9_999), "2026-11", 1, 1, 0),
            ])
            .await;
        assert!(err.is_err());
        assert_eq!(
            store.key_usage("2026-11").await.unwrap()[0],
            delta(a, "2026-11", 5, 15, 1)
        );
    }
}

both! {
    async fn usage_survives_reopening_the_database(db) {
        let a = tenant(&*db.store, "a").await;
        db.store
            .add_key_usage(&[delta(a, "2026-11", 4, 9, 2)])
            .await
            .unwrap();
        let reopened = db.reopen(Keyring::from_key(KEY_A)).await;
        assert_eq!(
            reopened.store.key_usage("2026-11").await.unwrap(),
            vec![delta(a, "2026-11", 4, 9, 2)]
        );
    }
}

both! {
    async fn a_webhook_endpoint_names_its_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let ep = store.create_webhook_endpoint(a, endpoint()).await.unwrap();
        assert_eq!(
            store.webhook_endpoint_tenant(&ep.id).await.unwrap(),
            Some(a)
        );
        assert_eq!(
            store.webhook_endpoint_tenant("whe_none").await.unwrap(),
            None
        );
    }
}

fn endpoint() -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: "https://hooks.example.test/in".to_owned(),
        events: vec!["messages.received".to_owned()],
        payload_style: gateway_store::PayloadStyle::Envelope,
        account_ids: None,
        description: String::new(),
        secret: secrecy::SecretString::from("whsec_test"),
        now: 1,
    }
}
