//! A socket's events recorded together (issue 16, `Store::record_webhook_events`): every
//! event once by its dedupe key, in order, with its deliveries, and the account's cursor moved
//! forward only, all in one transaction (all or none), scoped by tenant.

use gateway_store::{NewWebhookEndpoint, NewWebhookEvent, PayloadStyle, Store, TenantId};

use crate::common::*;

fn endpoint(events: &[&str], accounts: Option<Vec<String>>) -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: "https://hooks.example.test/in".to_owned(),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
        payload_style: PayloadStyle::Envelope,
        account_ids: accounts,
        description: String::new(),
        secret: secrecy::SecretString::from("whsec_test"),
        now: 1,
    }
}

/// One event to record: `(id, dedupe key, event name)`.
type Spec = (&'static str, &'static str, &'static str);

fn batch<'a>(t: TenantId, account: &'a str, specs: &'a [Spec]) -> Vec<NewWebhookEvent<'a>> {
    specs
        .iter()
        .map(|(id, key, event)| NewWebhookEvent {
            id,
            tenant: t,
            account_id: account,
            event,
            dedupe_key: key,
            body: r#"{"event":"x"}"#,
            event_type_body: None,
            occurred_at: 10,
            now: 10,
            only_endpoint: None,
        })
        .collect()
}

/// The event ids of the endpoint's deliveries, in recorded order.
async fn delivered_events(store: &dyn Store, t: TenantId, ep: &str) -> Vec<String> {
    let mut listed = store.webhook_deliveries(t, ep, None, 100).await.unwrap();
    listed.sort_by_key(|d| d.seq);
    listed.into_iter().map(|d| d.event_id).collect()
}

/// The account's recorded event ids, sorted.
async fn recorded(store: &dyn Store, t: TenantId, account: &str) -> Vec<String> {
    let mut ids: Vec<String> = store
        .recent_events(t, account, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    ids.sort();
    ids
}

both! {
    async fn a_batch_records_each_event_once_in_order_with_the_cursor(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let (acct, _) = store.upsert_account(a, new_account("100", "m", "t")).await.unwrap();
        let acc = acct.id.as_str();
        let msgs = store
            .create_webhook_endpoint(a, endpoint(&["messages.received"], None))
            .await
            .unwrap()
            .id;
        let both = store
            .create_webhook_endpoint(a, endpoint(&["messages.received", "tips.received"], None))
            .await
            .unwrap()
            .id;
        let elsewhere = store
            .create_webhook_endpoint(
                a,
                endpoint(&["messages.received"], Some(vec!["acc_other".to_owned()])),
            )
            .await
            .unwrap()
            .id;

        let first: [Spec; 4] = [
            ("evt_1", "msg:1", "messages.received"),
            ("evt_2", "tip:2", "tips.received"),
            ("evt_3", "msg:3", "messages.received"),
            ("evt_4", "msg:4", "messages.received"),
        ];
        let got = store
            .record_webhook_events(a, acc, &batch(a, acc, &first), Some(500))
            .await
            .unwrap();
        let counts: Vec<Option<usize>> = got.iter().map(|d| d.as_ref().map(Vec::len)).collect();
        assert_eq!(counts, [Some(2), Some(1), Some(2), Some(2)]);
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(500));
        assert_eq!(delivered_events(store, a, &msgs).await, ["evt_1", "evt_3", "evt_4"]);
        assert_eq!(
            delivered_events(store, a, &both).await,
            ["evt_1", "evt_2", "evt_3", "evt_4"]
        );
        assert!(delivered_events(store, a, &elsewhere).await.is_empty());

        // Two already recorded, one twice within the batch, two new; the cursor is behind.
        let second: [Spec; 5] = [
            ("evt_5", "msg:3", "messages.received"),
            ("evt_6", "msg:6", "messages.received"),
            ("evt_7", "tip:2", "tips.received"),
            ("evt_8", "msg:6", "messages.received"),
            ("evt_9", "msg:9", "messages.received"),
        ];
        let got = store
            .record_webhook_events(a, acc, &batch(a, acc, &second), Some(300))
            .await
            .unwrap();
        let new: Vec<bool> = got.iter().map(Option::is_some).collect();
        assert_eq!(new, [false, true, false, false, true]);
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(500), "never back");
        assert_eq!(
            recorded(store, a, acc).await,
            ["evt_1", "evt_2", "evt_3", "evt_4", "evt_6", "evt_9"]
        );
        assert_eq!(
            delivered_events(store, a, &both).await,
            ["evt_1", "evt_2", "evt_3", "evt_4", "evt_6", "evt_9"]
        );
        assert_eq!(
            delivered_events(store, a, &msgs).await,
            ["evt_1", "evt_3", "evt_4", "evt_6", "evt_9"]
        );

        // Only duplicates still move the cursor; so does no event at all; no cursor, no move.
        let again: [Spec; 1] = [("evt_10", "msg:1", "messages.received")];
        let got = store
            .record_webhook_events(a, acc, &batch(a, acc, &again), Some(700))
            .await
            .unwrap();
        assert_eq!(got, [None]);
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(700));
        let got = store.record_webhook_events(a, acc, &[], Some(800)).await.unwrap();
        assert!(got.is_empty());
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(800));
        let fresh: [Spec; 1] = [("evt_11", "msg:11", "messages.received")];
        store
            .record_webhook_events(a, acc, &batch(a, acc, &fresh), None)
            .await
            .unwrap();
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(800));
        assert_eq!(recorded(store, a, acc).await.len(), 7);
    }
}

both! {
    async fn a_failing_batch_writes_nothing(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let (acct, _) = store.upsert_account(a, new_account("100", "m", "t")).await.unwrap();
        let acc = acct.id.as_str();
        let ep = store
            .create_webhook_endpoint(a, endpoint(&["messages.received"], None))
            .await
            .unwrap()
            .id;
        store.advance_event_cursor(a, acc, 100).await.unwrap();
        let first: [Spec; 1] = [("evt_1", "msg:1", "messages.received")];
        store
            .record_webhook_events(a, acc, &batch(a, acc, &first), Some(200))
            .await
            .unwrap();

        // The third event reuses a recorded event's id (a new dedupe key): the store refuses
        // it, and the two before it and the cursor are not written either.
        let bad: [Spec; 3] = [
            ("evt_2", "msg:2", "messages.received"),
            ("evt_3", "msg:3", "messages.received"),
            ("evt_1", "msg:4", "messages.received"),
        ];
        assert!(
            store
                .record_webhook_events(a, acc, &batch(a, acc, &bad), Some(900))
                .await
                .is_err()
        );
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(200));
        assert_eq!(recorded(store, a, acc).await, ["evt_1"]);
        assert_eq!(delivered_events(store, a, &ep).await, ["evt_1"]);

        // An event of another account in the batch: refused, nothing written.
        let mut mixed = batch(a, acc, &bad[..2]);
        mixed[1].account_id = "acc_other";
        assert!(store.record_webhook_events(a, acc, &mixed, Some(900)).await.is_err());
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(200));
        assert_eq!(recorded(store, a, acc).await, ["evt_1"]);

        // The same events again, on their own: recorded now, once each.
        let got = store
            .record_webhook_events(a, acc, &batch(a, acc, &bad[..2]), Some(900))
            .await
            .unwrap();
        assert!(got.iter().all(Option::is_some));
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(900));
        assert_eq!(delivered_events(store, a, &ep).await, ["evt_1", "evt_2", "evt_3"]);
    }
}

both! {
    async fn a_batch_stays_within_its_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let (acct, _) = store.upsert_account(a, new_account("100", "m", "t")).await.unwrap();
        let acc = acct.id.as_str();
        let ep_a = store
            .create_webhook_endpoint(a, endpoint(&["messages.received"], None))
            .await
            .unwrap()
            .id;
        let ep_b = store
            .create_webhook_endpoint(b, endpoint(&["messages.received"], None))
            .await
            .unwrap()
            .id;
        store.advance_event_cursor(a, acc, 100).await.unwrap();

        // Tenant b names tenant a's account: its events go to b's endpoints only, and a's
        // cursor does not move.
        let specs: [Spec; 2] = [
            ("evt_b1", "msg:1", "messages.received"),
            ("evt_b2", "msg:2", "messages.received"),
        ];
        let got = store
            .record_webhook_events(b, acc, &batch(b, acc, &specs), Some(5_000))
            .await
            .unwrap();
        assert!(got.iter().all(|d| d.as_ref().is_some_and(|d| d.len() == 1)));
        assert_eq!(store.event_cursor(a, acc).await.unwrap(), Some(100));
        assert_eq!(store.event_cursor(b, acc).await.unwrap(), None);
        assert!(delivered_events(store, a, &ep_a).await.is_empty());
        assert_eq!(delivered_events(store, b, &ep_b).await, ["evt_b1", "evt_b2"]);
        assert!(recorded(store, a, acc).await.is_empty());
    }
}
