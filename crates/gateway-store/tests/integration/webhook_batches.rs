//! The delivery engine's batched calls (issue 16): a page of an endpoint's due deliveries,
//! oldest first; many attempts' outcomes recorded in one call, in order, with each one's
//! failing streak; and the cheap "does an `event_type` endpoint want this event" check.

use gateway_store::{
    DeliveryAttempt, DeliveryStatus, NewWebhookEndpoint, NewWebhookEvent, PayloadStyle, Store,
    TenantId, WebhookEndpointUpdate,
};

use crate::common::*;

fn endpoint(style: PayloadStyle, accounts: Option<Vec<String>>) -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: "https://hooks.example.test/in?token=t".to_owned(),
        events: vec!["messages.received".to_owned()],
        payload_style: style,
        account_ids: accounts,
        description: String::new(),
        secret: secrecy::SecretString::from("whsec_test"),
        now: 1,
    }
}

async fn events(store: &dyn Store, t: TenantId, n: usize, now: i64) {
    for i in 0..n {
        let id = format!("evt_{now}_{i:03}");
        store
            .record_webhook_event(&NewWebhookEvent {
                id: &id,
                tenant: t,
                account_id: "acc_a",
                event: "messages.received",
                dedupe_key: &id,
                body: r#"{"event":"messages.received"}"#,
                event_type_body: None,
                occurred_at: now,
                now,
                only_endpoint: None,
            })
            .await
            .unwrap();
    }
}

fn outcome<'a>(id: &'a str, ep: &'a str, status: DeliveryStatus, now: i64) -> DeliveryAttempt<'a> {
    DeliveryAttempt {
        delivery_id: id,
        endpoint_id: ep,
        status,
        response_status: Some(if status == DeliveryStatus::Delivered {
            200
        } else {
            500
        }),
        latency_ms: 1,
        error: (status != DeliveryStatus::Delivered).then_some("HTTP 500"),
        next_attempt_at: (status == DeliveryStatus::Pending).then_some(now + 5_000),
        now,
        disable_endpoint: None,
    }
}

both! {
    async fn pages_of_due_deliveries_and_outcomes_recorded_together(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let ep = store
            .create_webhook_endpoint(t, endpoint(PayloadStyle::Envelope, None))
            .await
            .unwrap()
            .id;
        events(store, t, 5, 10).await;
        events(store, t, 2, 20).await;

        // Only what is due, oldest first, a page at most; URL and secret opened for each.
        let page = store.due_webhook_deliveries(&ep, 15, 3).await.unwrap();
        assert_eq!(page.len(), 3);
        let all = store.due_webhook_deliveries(&ep, 20, 100).await.unwrap();
        assert_eq!(all.len(), 7);
        assert_eq!(
            page.iter().map(|d| &d.id).collect::<Vec<_>>(),
            all[..3].iter().map(|d| &d.id).collect::<Vec<_>>()
        );
        let listed = store.webhook_deliveries(t, &ep, None, 100).await.unwrap();
        let mut by_seq: Vec<_> = listed.iter().map(|d| (d.seq, d.id.clone())).collect();
        by_seq.sort();
        assert_eq!(
            all.iter().map(|d| d.id.clone()).collect::<Vec<_>>(),
            by_seq.into_iter().map(|(_, id)| id).collect::<Vec<_>>(),
            "recorded order"
        );
        assert!(all.iter().all(|d| d.url == "https://hooks.example.test/in?token=t"));
        assert!(all.iter().all(|d| d.attempts == 0));

        // Seven outcomes in one call: delivered, delivered, failed (retry), delivered, …
        let statuses = [
            DeliveryStatus::Delivered,
            DeliveryStatus::Delivered,
            DeliveryStatus::Pending,
            DeliveryStatus::Pending,
            DeliveryStatus::Delivered,
            DeliveryStatus::Delivered,
            DeliveryStatus::Failed,
        ];
        let batch: Vec<DeliveryAttempt<'_>> = all
            .iter()
            .zip(statuses)
            .enumerate()
            .map(|(i, (d, s))| outcome(&d.id, &ep, s, 100 + i as i64))
            .collect();
        let failing = store.record_webhook_attempts(&batch).await.unwrap();
        // The streak starts at the first failure, lasts through the second, ends at a success,
        // and starts again.
        assert_eq!(
            failing,
            vec![None, None, Some(102), Some(102), None, None, Some(106)]
        );
        let listed = store.webhook_deliveries(t, &ep, None, 100).await.unwrap();
        assert!(listed.iter().all(|d| d.attempts == 1), "{listed:?}");
        let count = |s: DeliveryStatus| listed.iter().filter(|d| d.status == s).count();
        assert_eq!(count(DeliveryStatus::Delivered), 4);
        assert_eq!(count(DeliveryStatus::Pending), 2);
        assert_eq!(count(DeliveryStatus::Failed), 1);
        let e = store.webhook_endpoint(t, &ep).await.unwrap().unwrap();
        assert_eq!(e.failing_since, Some(106));
        // Nothing due until the retries' time; then the two retries, in order.
        assert!(store.due_webhook_deliveries(&ep, 5_000, 10).await.unwrap().is_empty());
        let again = store.due_webhook_deliveries(&ep, 6_000, 10).await.unwrap();
        assert_eq!(
            again.iter().map(|d| &d.id).collect::<Vec<_>>(),
            vec![&all[2].id, &all[3].id]
        );

        // A 410 in a batch disables the endpoint: nothing of it is due any more.
        let mut gone = outcome(&again[0].id, &ep, DeliveryStatus::Failed, 6_000);
        gone.disable_endpoint = Some("endpoint answered 410 Gone");
        store.record_webhook_attempts(&[gone]).await.unwrap();
        assert!(store.due_webhook_deliveries(&ep, 10_000, 10).await.unwrap().is_empty());
        let e = store.webhook_endpoint(t, &ep).await.unwrap().unwrap();
        assert!(!e.enabled);

        // The one-attempt call is the same thing.
        store
            .update_webhook_endpoint(t, &ep, WebhookEndpointUpdate { enabled: Some(true), now: 7_000, ..Default::default() })
            .await
            .unwrap();
        let last = store.next_due_webhook_delivery(&ep, 10_000).await.unwrap().unwrap();
        assert_eq!(last.id, all[3].id);
        let f = store
            .record_webhook_attempt(&outcome(&last.id, &ep, DeliveryStatus::Delivered, 10_000))
            .await
            .unwrap();
        assert_eq!(f, None);
        assert!(store.next_due_webhook_delivery(&ep, 10_000).await.unwrap().is_none());
        assert!(store.record_webhook_attempts(&[]).await.unwrap().is_empty());
    }
}

both! {
    async fn event_type_body_is_wanted_only_by_a_matching_enabled_endpoint_of_that_style(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let wanted = |account: &'static str, only: Option<String>| {
            let store = db.store.clone();
            async move {
                store
                    .webhook_event_type_wanted(t, "messages.received", account, only.as_deref())
                    .await
                    .unwrap()
            }
        };
        let env = store
            .create_webhook_endpoint(t, endpoint(PayloadStyle::Envelope, None))
            .await
            .unwrap()
            .id;
        assert!(!wanted("acc_a", None).await, "envelope endpoints only");
        let typed = store
            .create_webhook_endpoint(
                t,
                endpoint(PayloadStyle::EventType, Some(vec!["acc_b".to_owned()])),
            )
            .await
            .unwrap()
            .id;
        assert!(wanted("acc_b", None).await);
        assert!(!wanted("acc_a", None).await, "another account");
        assert!(
            !store
                .webhook_event_type_wanted(t, "tips.received", "acc_b", None)
                .await
                .unwrap(),
            "not subscribed"
        );
        // The test event goes to one endpoint, whatever it subscribes to.
        assert!(wanted("acc_a", Some(typed.clone())).await);
        assert!(!wanted("acc_b", Some(env)).await);
        // Another tenant's endpoints do not count; a disabled one does not either.
        let other = tenant(store, "b").await;
        assert!(
            !store
                .webhook_event_type_wanted(other, "messages.received", "acc_b", None)
                .await
                .unwrap()
        );
        store
            .update_webhook_endpoint(t, &typed, WebhookEndpointUpdate { enabled: Some(false), now: 2, ..Default::default() })
            .await
            .unwrap();
        assert!(!wanted("acc_b", None).await, "disabled");
    }
}
