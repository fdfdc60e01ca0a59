//! The request log's writer (`observe/request_log.rs`) over time: a half-full queue is
//! written before the batching window ends, and what is still queued at graceful shutdown is
//! written then, on SQLite and on PostgreSQL (where the pool's connections are opened on the
//! serving threads' runtimes as well as the main one, `serving::threads`). (A burst written
//! whole: `observe::a_burst_is_logged_completely`.)

use std::sync::Arc;
use std::time::Duration;

use fansly_gateway::app;
use fansly_gateway::clock::ManualClock;
use fansly_gateway::state::{AppState, Settings};
use gateway_store::Keyring;
use gateway_store::request_log::RequestLogQuery;
use reqwest::StatusCode;

/// A gateway on its own SQLite store whose request-log writer waits `flush` for a batch of
/// 10 000 with a queue of `queue`, and a key; `stop` ends `serve`.
struct SlowWriter {
    store: Arc<dyn gateway_store::Store>,
    key: String,
    tenant: gateway_store::TenantId,
    addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    _dir: tempfile::TempDir,
}

impl SlowWriter {
    async fn start(flush: Duration, queue: usize) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("s.db").display());
        Self::start_on(&url, dir, flush, queue).await
    }

    /// The same on the database at `url`.
    async fn start_on(url: &str, dir: tempfile::TempDir, flush: Duration, queue: usize) -> Self {
        let store = gateway_store::open(url, Keyring::from_key([4; 32]))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let key = gateway_store::generate_api_key();
        let k = secrecy::ExposeSecret::expose_secret(&key).to_owned();
        let record = store
            .create_api_key(
                "t",
                &gateway_store::api_key_prefix(&k),
                &gateway_store::hash_api_key(&k),
            )
            .await
            .unwrap();
        let fansly = fansly_client::FanslyClient::new(fansly_client::FanslyConfig {
            api_base: url::Url::parse("http://127.0.0.1:9").unwrap(),
            media_base: url::Url::parse("http://127.0.0.1:9").unwrap(),
            ..fansly_client::FanslyConfig::default()
        })
        .unwrap();
        let mut settings = Settings::default();
        settings.observe.request_log_batch = 10_000;
        settings.observe.request_log_flush = flush;
        settings.observe.request_log_queue = queue;
        let state = AppState::new(
            Arc::clone(&store),
            fansly,
            Arc::new(ManualClock::new(1_790_000_000_000)),
            settings,
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app::serve(listener, state, async move {
            let _ = stop_rx.await;
        }));
        Self {
            store,
            key: k,
            tenant: record.tenant(),
            addr,
            stop,
            server,
            _dir: dir,
        }
    }

    /// `n` calls of `GET /accounts`, each answered 200.
    async fn call_accounts(&self, n: usize) {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        for _ in 0..n {
            self.call_accounts_with(&http).await;
        }
    }

    /// One call of `GET /accounts` with `http`, answered 200.
    async fn call_accounts_with(&self, http: &reqwest::Client) {
        let res = http
            .get(format!("http://{}/api/fansly/accounts", self.addr))
            .header("x-api-key", &self.key)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }

    async fn rows(&self) -> Vec<gateway_store::request_log::RequestLogRow> {
        rows(&self.store, self.tenant).await
    }

    /// Ends `serve` (which flushes the queue) and hands back the store and the key's tenant.
    async fn stop(self) -> (Arc<dyn gateway_store::Store>, gateway_store::TenantId) {
        self.stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(20), self.server)
            .await
            .expect("serve returns")
            .unwrap()
            .unwrap();
        (self.store, self.tenant)
    }
}

/// The tenant's request-log rows (first page of up to 100).
async fn rows(
    store: &Arc<dyn gateway_store::Store>,
    tenant: gateway_store::TenantId,
) -> Vec<gateway_store::request_log::RequestLogRow> {
    let q = RequestLogQuery {
        limit: 100,
        ..RequestLogQuery::default()
    };
    store.request_log(tenant, &q).await.unwrap()
}

#[tokio::test]
async fn queued_entries_are_written_at_graceful_shutdown() {
    // The writer would wait a minute for a batch of 10 000: only shutdown writes these.
    let gw = SlowWriter::start(Duration::from_secs(60), 10_000).await;
    gw.call_accounts(5).await;
    assert!(gw.rows().await.is_empty(), "still queued");
    let (store, tenant) = gw.stop().await;
    let rows = rows(&store, tenant).await;
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows.iter().all(|r| r.entry.route == "/api/fansly/accounts"));
}

/// On PostgreSQL, with requests served concurrently on every serving thread (which open
/// pool connections there, driven by that thread's runtime), the flush at shutdown writes
/// every queued entry.
#[tokio::test]
async fn queued_entries_are_written_at_graceful_shutdown_on_postgres() {
    let Some(schema) = crate::gateway_process::pg_schema(
        "queued_entries_are_written_at_graceful_shutdown_on_postgres",
        "gwlogstop",
    )
    .await
    else {
        return;
    };
    let gw = SlowWriter::start_on(
        &schema.url(),
        tempfile::tempdir().unwrap(),
        Duration::from_secs(60),
        10_000,
    )
    .await;
    // 32 clients at once, 3 calls each: more at once than the pool's idle connections.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let calls = (0..32).map(|_| async {
        for _ in 0..3 {
            gw.call_accounts_with(&http).await;
        }
    });
    futures_util::future::join_all(calls).await;
    assert!(gw.rows().await.is_empty(), "still queued");
    let (store, tenant) = gw.stop().await;
    let q = RequestLogQuery {
        limit: 200,
        ..RequestLogQuery::default()
    };
    let rows = store.request_log(tenant, &q).await.unwrap();
    assert_eq!(rows.len(), 96, "{rows:?}");
    drop(store);
    schema.drop_now().await;
}

/// The writer sleeps out its batching window rather than waking for every entry; a queue
/// half full wakes it early, so a small queue is written, not outrun, during a long window.
#[tokio::test]
async fn a_half_full_queue_is_written_before_the_window_ends() {
    // The first entries wake the writer and are taken (one, or a few when it was slow to
    // run); four more queued are half the queue of 8. Seven calls reach that either way.
    let gw = SlowWriter::start(Duration::from_secs(60), 8).await;
    gw.call_accounts(7).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let rows = loop {
        let rows = gw.rows().await;
        if rows.len() >= 5 || std::time::Instant::now() > deadline {
            break rows;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(
        rows.len() >= 5,
        "written within 10 s of a 60 s window: {rows:?}"
    );
    gw.stop().await;
}
