//! Event-ingestion state: per-account cursors (never rewound, tenant-scoped, gone with the
//! account), the subscription seen-set, and the cross-tenant list of active accounts.

use gateway_store::{AccountStatus, Store};

use crate::common::*;

both! {
    async fn cursors_only_move_forward_and_stay_with_their_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let (acct, _) = store
            .upsert_account(a, new_account("100", "m", "t"))
            .await
            .unwrap();
        assert_eq!(store.event_cursor(a, &acct.id).await.unwrap(), None);
        store.advance_event_cursor(a, &acct.id, 500).await.unwrap();
        store.advance_event_cursor(a, &acct.id, 300).await.unwrap();
        assert_eq!(store.event_cursor(a, &acct.id).await.unwrap(), Some(500));
        store.advance_event_cursor(a, &acct.id, 900).await.unwrap();
        assert_eq!(store.event_cursor(a, &acct.id).await.unwrap(), Some(900));

        // Another tenant neither reads nor writes it.
        assert_eq!(store.event_cursor(b, &acct.id).await.unwrap(), None);
        store
            .advance_event_cursor(b, &acct.id, 5_000)
            .await
            .unwrap();
        assert_eq!(store.event_cursor(a, &acct.id).await.unwrap(), Some(900));

        assert!(store.delete_account(a, &acct.id).await.unwrap());
        assert_eq!(store.event_cursor(a, &acct.id).await.unwrap(), None);
    }
}

both! {
    async fn the_seen_set_answers_the_previous_history_id(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let (acct, _) = store
            .upsert_account(a, new_account("100", "m", "t"))
            .await
            .unwrap();
        let seen = |h: &'static str| store.record_subscription_seen(a, &acct.id, "sub-1", h);
        assert_eq!(
            store.subscription_seen(a, &acct.id, "sub-1").await.unwrap(),
            None
        );
        assert_eq!(seen("h1").await.unwrap(), None);
        // Reading does not record; it answers what the last record stored.
        assert_eq!(
            store
                .subscription_seen(a, &acct.id, "sub-1")
                .await
                .unwrap()
                .as_deref(),
            Some("h1")
        );
        let b = tenant(store, "b").await;
        assert_eq!(
            store.subscription_seen(b, &acct.id, "sub-1").await.unwrap(),
            None
        );
        assert_eq!(seen("h1").await.unwrap().as_deref(), Some("h1"));
        assert_eq!(seen("h2").await.unwrap().as_deref(), Some("h1"));
        assert_eq!(
            store
                .record_subscription_seen(a, &acct.id, "sub-2", "h1")
                .await
                .unwrap(),
            None
        );
    }
}

both! {
    async fn active_accounts_of_every_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let (one, _) = store
            .upsert_account(a, new_account("1", "one", "t"))
            .await
            .unwrap();
        let (two, _) = store
            .upsert_account(b, new_account("2", "two", "t"))
            .await
            .unwrap();
        let (three, _) = store
            .upsert_account(b, new_account("3", "three", "t"))
            .await
            .unwrap();
        store
            .set_account_status(b, &three.id, AccountStatus::Expired)
            .await
            .unwrap();
        let ids: Vec<String> = store
            .active_accounts_all()
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.id)
            .collect();
        assert_eq!(ids, [one.id, two.id]);
    }
}

both! {
    async fn the_seen_set_is_seeded_once_without_overwriting_and_only_by_its_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let (acct, _) = store
            .upsert_account(a, new_account("100", "m", "t"))
            .await
            .unwrap();
        let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
            p.iter()
                .map(|(s, h)| ((*s).to_owned(), (*h).to_owned()))
                .collect()
        };
        // No cursor yet: nothing to seed.
        assert!(
            !store
                .seed_subscriptions_seen(a, &acct.id, &pairs(&[("s1", "h1")]))
                .await
                .unwrap()
        );
        assert!(!store.subscriptions_seeded(a, &acct.id).await.unwrap());
        store.advance_event_cursor(a, &acct.id, 100).await.unwrap();
        // A pair recorded live before seeding is kept as it is.
        store
            .record_subscription_seen(a, &acct.id, "s2", "live")
            .await
            .unwrap();
        // Another tenant cannot seed it.
        assert!(
            !store
                .seed_subscriptions_seen(b, &acct.id, &pairs(&[("s9", "h9")]))
                .await
                .unwrap()
        );
        assert!(
            store
                .seed_subscriptions_seen(a, &acct.id, &pairs(&[("s1", "h1"), ("s2", "old")]))
                .await
                .unwrap()
        );
        assert!(store.subscriptions_seeded(a, &acct.id).await.unwrap());
        assert!(!store.subscriptions_seeded(b, &acct.id).await.unwrap());
        let seen = |s: &'static str| store.subscription_seen(a, &acct.id, s);
        assert_eq!(seen("s1").await.unwrap().as_deref(), Some("h1"));
        assert_eq!(seen("s2").await.unwrap().as_deref(), Some("live"));
        assert_eq!(seen("s9").await.unwrap(), None);
        // Only once.
        assert!(
            !store
                .seed_subscriptions_seen(a, &acct.id, &pairs(&[("s3", "h3")]))
                .await
                .unwrap()
        );
        assert_eq!(seen("s3").await.unwrap(), None);
    }
}
