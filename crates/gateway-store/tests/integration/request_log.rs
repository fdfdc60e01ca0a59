//! Request log: batch inserts, tenant-scoped filtered newest-first pages, pruning by age; and
//! the schema status and gauge counts behind `/readyz` and `/metrics`.

use gateway_store::request_log::{NewRequestLog, RequestLogQuery, StatusFilter};
use gateway_store::{Store, TenantId};

use crate::common::*;

fn entry(tenant: TenantId, at_ms: i64, status: u16, route: &str) -> NewRequestLog {
    NewRequestLog {
        tenant,
        at_ms,
        request_id: format!("req_{at_ms}"),
        account_id: Some("acc_1".into()),
        method: "GET".into(),
        route: route.into(),
        status,
        latency_us: 1234,
        upstream_calls: 2,
        bytes_in: None,
        bytes_out: Some(99),
        tool: None,
    }
}

fn query(limit: i64) -> RequestLogQuery {
    RequestLogQuery {
        limit,
        ..RequestLogQuery::default()
    }
}

both! {
    async fn rows_come_back_newest_first_filtered_and_only_to_their_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        let batch: Vec<_> = (0..10)
            .map(|i| {
                let status = if i % 2 == 0 { 200 } else { 404 };
                entry(a, 1000 + i, status, "/api/fansly/{account_id}/chats")
            })
            .chain([entry(b, 5000, 200, "/api/fansly/accounts")])
            .collect();
        store.insert_request_log(&batch).await.unwrap();

        let all = store.request_log(a, &query(100)).await.unwrap();
        assert_eq!(all.len(), 10);
        assert!(all.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
        assert_eq!(all[0].entry, batch[9], "stored as given");

        // Paging by seq visits every row once.
        let mut seen = Vec::new();
        let mut before = None;
        loop {
            let page = store
                .request_log(
                    a,
                    &RequestLogQuery {
                        before_seq: before,
                        ..query(3)
                    },
                )
                .await
                .unwrap();
            if page.is_empty() {
                break;
            }
            before = page.last().map(|r| r.seq);
            seen.extend(page.into_iter().map(|r| r.entry.at_ms));
        }
        assert_eq!(seen, (1000..1010).rev().collect::<Vec<_>>());

        let q = |f: RequestLogQuery| async move { store.request_log(a, &f).await.unwrap().len() };
        let exact = RequestLogQuery {
            status: Some(StatusFilter::Exact(404)),
            ..query(100)
        };
        assert_eq!(q(exact).await, 5);
        let class = RequestLogQuery {
            status: Some(StatusFilter::Class(2)),
            ..query(100)
        };
        assert_eq!(q(class).await, 5);
        let window = RequestLogQuery {
            since_ms: Some(1002),
            until_ms: Some(1004),
            ..query(100)
        };
        assert_eq!(q(window).await, 3);
        let other_route = RequestLogQuery {
            route: Some("/api/fansly/accounts".into()),
            ..query(100)
        };
        assert_eq!(q(other_route).await, 0, "tenant b's route is not a's");
        let other_account = RequestLogQuery {
            account_id: Some("acc_2".into()),
            ..query(100)
        };
        assert_eq!(q(other_account).await, 0);
        let post = RequestLogQuery {
            method: Some("POST".into()),
            ..query(100)
        };
        assert_eq!(q(post).await, 0);

        let for_b = store.request_log(b, &query(100)).await.unwrap();
        assert_eq!(for_b.len(), 1);
        assert_eq!(for_b[0].entry.tenant, b);
    }
}

both! {
    async fn pruning_deletes_only_older_rows_of_every_tenant(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        store
            .insert_request_log(&[
                entry(a, 100, 200, "/x"),
                entry(b, 150, 200, "/x"),
                entry(a, 300, 200, "/x"),
            ])
            .await
            .unwrap();
        assert_eq!(store.prune_request_log(200).await.unwrap(), 2);
        let left = store.request_log(a, &query(10)).await.unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].entry.at_ms, 300);
        assert!(store.request_log(b, &query(10)).await.unwrap().is_empty());
    }
}

both! {
    async fn schema_status_reports_missing_migrations(db) {
        let store: &dyn Store = &*db.store;
        let status = store.schema_status().await.unwrap();
        assert!(status.is_current(), "{status:?}");
        sqlx_delete_last_migration(&db).await;
        let status = store.schema_status().await.unwrap();
        assert!(!status.is_current());
        assert_eq!(status.missing.len(), 1, "{status:?}");
    }
}

async fn sqlx_delete_last_migration(db: &TestDb) {
    on_pool!(db, |p| sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT max(version) FROM _sqlx_migrations)",
    )
    .execute(p)
    .await
    .map(|_| ())
    .unwrap());
}

both! {
    async fn gauges_count_active_accounts(db) {
        let store: &dyn Store = &*db.store;
        let a = tenant(store, "a").await;
        let b = tenant(store, "b").await;
        assert_eq!(store.gauge_counts().await.unwrap().active_accounts, 0);
        store
            .upsert_account(a, new_account("1", "m", "t"))
            .await
            .unwrap();
        store
            .upsert_account(b, new_account("2", "n", "t"))
            .await
            .unwrap();
        let g = store.gauge_counts().await.unwrap();
        assert_eq!(g.active_accounts, 2);
        assert_eq!(g.pending_webhook_deliveries, 0);
    }
}
