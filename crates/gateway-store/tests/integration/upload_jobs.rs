//! Upload jobs: their holder (the accepting process, issue 12), tenant scoping, and the sweep
//! that fails the jobs of processes that are gone.

use gateway_store::{Store, TenantId, UploadJob, UploadState, UploadUpdate};

use crate::common::*;

const REASON: &str = "the process stopped";

fn job(id: &str, state: UploadState, holder: Option<&str>) -> UploadJob {
    UploadJob {
        id: id.to_owned(),
        account_id: "acc_1".to_owned(),
        state,
        progress: 40,
        result: (state == UploadState::Completed).then(|| "{\"mediaId\":\"1\"}".to_owned()),
        error: (state == UploadState::Failed).then(|| "earlier".to_owned()),
        file_name: "a.png".to_owned(),
        file_size: 10,
        created_at: 1_000,
        updated_at: 1_000,
        holder: holder.map(str::to_owned),
    }
}

async fn get(store: &dyn Store, tenant: TenantId, id: &str) -> UploadJob {
    store.upload_job(tenant, id).await.unwrap().unwrap()
}

both! {
    async fn upload_jobs_keep_their_holder_and_stay_in_their_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let mine = job("upl_1", UploadState::Waiting, Some("gw-1"));
        store.create_upload_job(a, &mine).await.unwrap();
        store
            .create_upload_job(a, &job("upl_2", UploadState::Waiting, None))
            .await
            .unwrap();
        assert_eq!(get(store, a, "upl_1").await, mine);
        assert_eq!(get(store, a, "upl_2").await.holder, None);
        // Another tenant neither reads nor moves it.
        assert!(store.upload_job(b, "upl_1").await.unwrap().is_none());
        let update = UploadUpdate {
            state: UploadState::Active,
            progress: 50,
            result: None,
            error: None,
            now: 2_000,
        };
        assert!(store.update_upload_job(b, "upl_1", &update).await.is_err());
        store.update_upload_job(a, "upl_1", &update).await.unwrap();
        let moved = get(store, a, "upl_1").await;
        assert_eq!(
            (moved.state, moved.progress, moved.holder.as_deref()),
            (UploadState::Active, 50, Some("gw-1"))
        );
    }
}

both! {
    async fn only_jobs_of_gone_processes_fail(db) {
        let store: &dyn Store = &*db.store;
        let shared = store.is_shared();
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        // Seen at 10 000: "me" (the caller) and "alive"; "dead" last at 1 000; "ghost" never.
        store.process_heartbeat("dead", 1_000, 0, 0).await.unwrap();
        store.process_heartbeat("me", 10_000, 0, 0).await.unwrap();
        store.process_heartbeat("alive", 10_000, 0, 0).await.unwrap();
        let jobs = [
            (a, "upl_mine", UploadState::Active, Some("me")),
            (a, "upl_alive", UploadState::Waiting, Some("alive")),
            (a, "upl_dead_a", UploadState::Active, Some("dead")),
            (b, "upl_dead_b", UploadState::Waiting, Some("dead")),
            (b, "upl_legacy", UploadState::Active, None),
            (b, "upl_ghost", UploadState::Waiting, Some("ghost")),
            (a, "upl_done", UploadState::Completed, Some("dead")),
            (b, "upl_failed", UploadState::Failed, None),
        ];
        for (t, id, state, holder) in jobs {
            store.create_upload_job(t, &job(id, state, holder)).await.unwrap();
        }
        let before: Vec<UploadJob> = {
            let mut v = Vec::new();
            for (t, id, ..) in jobs {
                v.push(get(store, t, id).await);
            }
            v
        };

        let failed = store
            .fail_orphaned_upload_jobs("me", 5_000, REASON, 20_000)
            .await
            .unwrap();
        // A lone SQLite process: the other holders are a previous run's, live or not.
        let gone: &[&str] = if shared {
            &["upl_dead_a", "upl_dead_b", "upl_legacy", "upl_ghost"]
        } else {
            &["upl_alive", "upl_dead_a", "upl_dead_b", "upl_legacy", "upl_ghost"]
        };
        assert_eq!(failed, gone.len() as u64);
        for ((t, id, ..), was) in jobs.iter().zip(&before) {
            let now = get(store, *t, id).await;
            if gone.contains(id) {
                assert_eq!(now.state, UploadState::Failed, "{id}");
                assert_eq!(now.error.as_deref(), Some(REASON), "{id}");
                assert_eq!(now.updated_at, 20_000, "{id}");
                assert_eq!(now.holder, was.holder, "{id}");
            } else {
                assert_eq!(&now, was, "{id} changed");
            }
        }
        // Each job is still only its own tenant's.
        assert!(store.upload_job(a, "upl_dead_b").await.unwrap().is_none());
        assert!(store.upload_job(b, "upl_dead_a").await.unwrap().is_none());
        // Nothing left to fail.
        assert_eq!(
            store
                .fail_orphaned_upload_jobs("me", 5_000, REASON, 21_000)
                .await
                .unwrap(),
            0
        );

        // "alive" not seen after 10 000 any more: its job goes; the caller's own never does,
        // however old its heartbeat.
        let failed = store
            .fail_orphaned_upload_jobs("me", 10_000, REASON, 30_000)
            .await
            .unwrap();
        assert_eq!(failed, u64::from(shared));
        assert_eq!(get(store, a, "upl_alive").await.state, UploadState::Failed);
        assert_eq!(get(store, a, "upl_mine").await.state, UploadState::Active);
    }
}

both! {
    async fn live_processes_are_those_seen_after_the_mark(db) {
        let store: &dyn Store = &*db.store;
        store.process_heartbeat("p1", 1_000, 0, 0).await.unwrap();
        store.process_heartbeat("p2", 2_000, 0, 0).await.unwrap();
        store.process_heartbeat("p3", 3_000, 0, 0).await.unwrap();
        assert_eq!(store.live_processes(1_000).await.unwrap(), ["p2", "p3"]);
        assert_eq!(store.live_processes(0).await.unwrap(), ["p1", "p2", "p3"]);
        store.forget_process("p3").await.unwrap();
        let left = store.live_processes(0).await.unwrap();
        // forget_process on a store that is not shared drops every heartbeat.
        if store.is_shared() {
            assert_eq!(left, ["p1", "p2"]);
        } else {
            assert!(left.is_empty());
        }
    }
}
