//! Uploads belong to the gateway process that accepted them (issue 12), on PostgreSQL when
//! `GATEWAY_TEST_DATABASE_URL` names a database: gateway A has an upload in flight (Fansly
//! keeps "processing" it) when gateway B starts on the same schema and upload directory. B
//! fails the jobs of processes that are gone and removes their spool directories, but leaves
//! A's upload running; a process that stops beating after B started has its job failed by the
//! survivors' periodic sweep; A's upload then completes. Without the variable the test
//! returns at once (noted on stderr).

use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use fansly_client::{FanslyClient, FanslyConfig};
use fansly_gateway::app;
use fansly_gateway::clock::Clock as _;
use fansly_gateway::state::{AppState, Settings};
use fansly_gateway::uploads::INTERRUPTED;
use fansly_sim::TwofaMode;
use gateway_store::{Keyring, TenantId, UploadJob, UploadState};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{Options, TestApp, eventually, rand_key};
use crate::media::{job_status, multipart, sample, upload};

/// Last seen a minute ago: gone before B starts.
const DEAD: &str = "gw-1-00000000000000de";
/// Last seen 14 s ago: still live (15 s) when B starts, gone 2 s later.
const DYING: &str = "gw-2-00000000000000d1";

/// The job's status as gateway `root` answers it.
async fn status_at(app: &TestApp, root: &str, job: &str) -> Value {
    let res = app
        .http
        .get(format!("{root}/api/fansly/media/upload/{job}/status"))
        .header("x-api-key", &app.key_a)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

async fn record(app: &TestApp, tenant: TenantId, id: &str, holder: Option<&str>) {
    let now = app.clock.now_ms();
    app.store
        .create_upload_job(
            tenant,
            &UploadJob {
                id: id.to_owned(),
                account_id: "acc_x".to_owned(),
                state: UploadState::Active,
                progress: 40,
                result: None,
                error: None,
                file_name: "a.png".to_owned(),
                file_size: 10,
                created_at: now,
                updated_at: now,
                holder: holder.map(str::to_owned),
            },
        )
        .await
        .unwrap();
}

fn spool(uploads: &Path, holder: &str, job: &str) -> std::path::PathBuf {
    uploads.join(holder).join(format!("{job}.upload"))
}

#[tokio::test]
async fn a_starting_gateway_keeps_live_uploads_and_fails_those_of_stopped_processes() {
    let Some(base) = gateway_store::test_schema::database_url() else {
        let _ = writeln!(
            std::io::stderr(),
            "note: e2e::upload_owners did not run; set GATEWAY_TEST_DATABASE_URL=\
             postgres://postgres@127.0.0.1:5432/test to run it"
        );
        return;
    };
    let schema = gateway_store::test_schema::TestSchema::create(&base, "gwupl").await;
    let mut opts = Options {
        database: Some(schema.url()),
        ..Options::default()
    };
    opts.settings.upload_poll_interval = Duration::from_millis(20);
    opts.settings.upload_poll_attempts = 1_000_000;
    let app = TestApp::spawn_with(opts).await;
    let uploads = app.db_path.parent().unwrap().join("uploads");
    let tenant = app
        .store
        .find_active_api_key(&gateway_store::hash_api_key(&app.key_a))
        .await
        .unwrap()
        .unwrap();

    // Gateway A: an upload that stays in flight (Fansly keeps processing it).
    app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    app.sim.set_upload_polls(1_000_000);
    let (s, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "a.png", "image/png", &sample(5000)),
    )
    .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let job = v["data"]["jobId"].as_str().unwrap().to_owned();
    eventually(Duration::from_secs(10), || async {
        let (_, v) = job_status(&app, &app.key_a, &job).await;
        v["data"]["state"] == "active" && v["data"]["progress"].as_u64() >= Some(80)
    })
    .await;
    let a = app
        .store
        .upload_job(tenant, &job)
        .await
        .unwrap()
        .unwrap()
        .holder
        .expect("the job names the process that accepted it");
    assert!(spool(&uploads, &a, &job).is_file());

    // Left by processes that are gone or going: a job and a spool directory each, and a job
    // recorded before jobs had a holder.
    let now = app.clock.now_ms();
    app.store
        .process_heartbeat(DEAD, now - 60_000, 0, 0)
        .await
        .unwrap();
    app.store
        .process_heartbeat(DYING, now - 14_000, 0, 0)
        .await
        .unwrap();
    let dead_job = "upl_dddddddddddddddddddddddd";
    let dying_job = "upl_eeeeeeeeeeeeeeeeeeeeeeee";
    let legacy_job = "upl_ffffffffffffffffffffffff";
    record(&app, tenant, dead_job, Some(DEAD)).await;
    record(&app, tenant, dying_job, Some(DYING)).await;
    record(&app, tenant, legacy_job, None).await;
    for (holder, job) in [(DEAD, dead_job), (DYING, dying_job)] {
        std::fs::create_dir_all(uploads.join(holder)).unwrap();
        std::fs::write(spool(&uploads, holder, job), b"x").unwrap();
    }

    // Gateway B: another process on the same schema, clock and upload directory.
    let store = gateway_store::open(&schema.url(), Keyring::from_key(rand_key()))
        .await
        .unwrap();
    let fansly = FanslyClient::new(FanslyConfig {
        api_base: url::Url::parse(&app.sim_url).unwrap(),
        media_base: url::Url::parse(&app.sim_url).unwrap(),
        ..FanslyConfig::default()
    })
    .unwrap();
    let state = AppState::new(
        store,
        fansly,
        Arc::new(app.clock.clone()),
        Settings {
            upload_dir: uploads.clone(),
            ..Settings::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let b = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(app::serve(listener, state, std::future::pending()));

    // B answers once its start-up sweep ran: the dead process's and the legacy job failed,
    // the dead process's spool directory gone; A's upload and the dying process's untouched.
    for gone in [dead_job, legacy_job] {
        let v = status_at(&app, &b, gone).await;
        assert_eq!(v["data"]["state"], "failed", "{v}");
        assert_eq!(v["data"]["error"], INTERRUPTED, "{v}");
    }
    assert!(!uploads.join(DEAD).exists());
    for kept in [&job, dying_job] {
        let v = status_at(&app, &b, kept).await;
        assert_eq!(v["data"]["state"], "active", "{v}");
        assert_eq!(v["data"]["error"], Value::Null, "{v}");
    }
    assert!(spool(&uploads, &a, &job).is_file());
    assert!(spool(&uploads, DYING, dying_job).is_file());

    // Two seconds on, the dying process has not beaten for 16 s: a survivor's periodic sweep
    // (every 5 s) fails its job and removes its spool directory. A beats on and keeps its own.
    app.advance(2_000);
    eventually(Duration::from_secs(15), || async {
        status_at(&app, &b, dying_job).await["data"]["state"] == "failed"
    })
    .await;
    let v = status_at(&app, &b, dying_job).await;
    assert_eq!(v["data"]["error"], INTERRUPTED, "{v}");
    eventually(Duration::from_secs(5), || async {
        !uploads.join(DYING).exists()
    })
    .await;
    let v = status_at(&app, &b, &job).await;
    assert_eq!(v["data"]["state"], "active", "{v}");
    assert!(spool(&uploads, &a, &job).is_file());

    // Fansly finishes processing: A completes its upload, which no start or sweep disturbed.
    app.sim.set_upload_polls(1);
    eventually(Duration::from_secs(10), || async {
        status_at(&app, &b, &job).await["data"]["state"] != "active"
    })
    .await;
    let v = status_at(&app, &b, &job).await;
    assert_eq!(v["data"]["state"], "completed", "{v}");
    assert!(!spool(&uploads, &a, &job).exists());
    drop(app);
    schema.drop_now().await;
}
