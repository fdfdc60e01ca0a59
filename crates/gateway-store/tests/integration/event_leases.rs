//! Event-socket leases and process heartbeats (issue 12).

use gateway_store::{AccountStatus, Store};

use crate::common::*;

both! {
    async fn one_socket_lease_per_account_until_it_lapses(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (a, _) = store
            .upsert_account(t, new_account("1", "m", "tok"))
            .await
            .unwrap();
        assert!(store.lease_event_socket(&a.id, "p1", 0, 100).await.unwrap());
        assert!(!store.lease_event_socket(&a.id, "p2", 50, 150).await.unwrap());
        assert!(store.lease_event_socket(&a.id, "p1", 90, 190).await.unwrap());
        assert_eq!(
            store.event_socket_leases(100).await.unwrap(),
            vec![(a.id.clone(), "p1".to_owned())]
        );
        // Lapsed: gone from the live list, and another process takes it.
        assert!(store.event_socket_leases(190).await.unwrap().is_empty());
        assert!(store.lease_event_socket(&a.id, "p2", 190, 290).await.unwrap());
        store.release_event_socket(&a.id, "p1").await.unwrap();
        assert_eq!(store.event_socket_leases(200).await.unwrap().len(), 1);
        store.release_event_socket(&a.id, "p2").await.unwrap();
        assert!(store.event_socket_leases(200).await.unwrap().is_empty());
        // Only active accounts get a socket.
        store
            .set_account_status(t, &a.id, AccountStatus::Expired)
            .await
            .unwrap();
        assert!(!store.lease_event_socket(&a.id, "p1", 300, 400).await.unwrap());
        // A deleted account's lease goes with it.
        store
            .set_account_status(t, &a.id, AccountStatus::Active)
            .await
            .unwrap();
        assert!(store.lease_event_socket(&a.id, "p1", 300, 400).await.unwrap());
        assert!(store.delete_account(t, &a.id).await.unwrap());
        assert!(store.event_socket_leases(300).await.unwrap().is_empty());
    }
}

both! {
    async fn heartbeats_count_live_processes_and_forget_stops(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let (a, _) = store
            .upsert_account(t, new_account("1", "m", "tok"))
            .await
            .unwrap();
        assert_eq!(store.process_heartbeat("p1", 1_000, 0, 0).await.unwrap(), 1);
        assert_eq!(store.process_heartbeat("p2", 1_100, 0, 0).await.unwrap(), 2);
        // p1 not seen since 1 000: not live at 1 100 + …; gone entirely past `gone_before`.
        assert_eq!(
            store.process_heartbeat("p2", 2_000, 1_050, 0).await.unwrap(),
            1
        );
        assert_eq!(
            store.process_heartbeat("p2", 3_000, 0, 1_050).await.unwrap(),
            1
        );
        assert!(store.lease_event_socket(&a.id, "p2", 3_000, 9_000).await.unwrap());
        store.forget_process("p2").await.unwrap();
        assert!(store.event_socket_leases(3_000).await.unwrap().is_empty());
        assert_eq!(store.process_heartbeat("p3", 3_000, 0, 0).await.unwrap(), 1);
    }
}
