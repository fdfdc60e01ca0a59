//! Media routes U1–U3 and AL10–AL12 against the simulator: a real multi-megabyte upload
//! through Fansly's create → parts → complete → poll flow, job status and ownership,
//! restart behaviour, and CDN downloads (allowlist, signatures, cookies, errors).

use std::sync::Arc;
use std::time::Duration;

use fansly_client::{FanslyClient, FanslyConfig};
use fansly_gateway::app;
use fansly_gateway::clock::ManualClock;
use fansly_gateway::state::{AppState, Settings};
use fansly_sim::TwofaMode;
use gateway_store::{Keyring, UploadJob, UploadState};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Options, TestApp, assert_envelope};
use crate::messaging_support::{assert_400, assert_foreign};

const BOUNDARY: &str = "gateway-test-boundary-7f3a";

pub(crate) fn multipart(field: &str, file_name: &str, content_type: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nignored\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Deterministic, incompressible-looking bytes.
pub(crate) fn sample(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

pub(crate) async fn upload(
    app: &TestApp,
    key: &str,
    acct: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let res = app
        .http
        .post(format!("{}/{acct}/media/upload", app.base))
        .header("x-api-key", key)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let v: Value = res.json().await.unwrap();
    assert_envelope(status, &v);
    (status, v)
}

/// Files under the upload directory, one level of per-process directories down.
pub(crate) fn spool_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                std::fs::read_dir(e.path()).map_or(0, Iterator::count)
            } else {
                1
            }
        })
        .sum()
}

pub(crate) async fn job_status(app: &TestApp, key: &str, job: &str) -> (StatusCode, Value) {
    app.get(&format!("/media/upload/{job}/status"), key).await
}

async fn wait_final(app: &TestApp, job: &str) -> Value {
    let start = std::time::Instant::now();
    loop {
        let (s, v) = job_status(app, &app.key_a, job).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        if matches!(v["data"]["state"].as_str(), Some("completed" | "failed")) {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "job still running: {v}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn download(
    app: &TestApp,
    method: Method,
    path: &str,
    key: &str,
    url: &str,
) -> reqwest::Response {
    let mut req = app
        .http
        .request(method.clone(), format!("{}{path}", app.base))
        .header("x-api-key", key);
    req = if method == Method::GET {
        req.query(&[("cdnUrl", url)])
    } else {
        req.json(&json!({ "cdnUrl": url }))
    };
    req.send().await.unwrap()
}

async fn error_of(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let v: Value = res.json().await.unwrap();
    assert_envelope(status, &v);
    (status, v)
}

#[tokio::test]
async fn a_multi_megabyte_upload_completes_and_downloads_identically() {
    let app = TestApp::spawn().await;
    let creator = app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    let file = sample(12 * 1024 * 1024 + 12_345); // three 5 MiB parts
    let (status, body) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "clip.mp4", "video/mp4", &file),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!(body["statusCode"], 202);
    let job = body["data"]["jobId"].as_str().expect("jobId").to_owned();

    let done = wait_final(&app, &job).await;
    let data = &done["data"];
    assert_eq!(data["state"], "completed", "{done}");
    assert_eq!(data["progress"], 100);
    assert_eq!(data["error"], Value::Null);
    let media_id = data["result"]["mediaId"]
        .as_str()
        .expect("mediaId")
        .to_owned();
    let offer = &data["result"]["accountMedia"][0];
    assert_eq!(offer["mediaId"], media_id.as_str());
    assert!(offer["id"].is_string());
    assert_eq!(offer["price"], 0);
    assert_eq!(offer["media"]["mimetype"], "video/mp4");
    assert_eq!(offer["media"]["filename"], "clip.mp4");

    // The native flow: one create, three parts, one complete, polls to 6, album, offer.
    assert_eq!(
        app.sim_requests("/api/v1/media/upload/create").await.len(),
        1
    );
    assert_eq!(
        app.sim_requests("/api/v1/media/upload/complete")
            .await
            .len(),
        1
    );
    assert!(!app.sim_requests("/api/v1/vault/albumsnew").await.is_empty());
    let added = app.sim_requests("/api/v1/vault/albums/media").await;
    assert_eq!(added.len(), 1);
    assert_eq!(app.sim_requests("/api/v1/account/media").await.len(), 1);

    // The media is in the "All" album.
    let all = app
        .sim
        .vault_albums(&creator.id)
        .into_iter()
        .find(|(_, k)| *k == 38_000)
        .unwrap()
        .0;
    let (s, v) = app
        .get(
            &format!("/{acct}/vault/albums/{all}/media?limit=5"),
            &app.key_a,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v["data"]["data"]["response"]["media"][0]["mediaId"],
        media_id.as_str()
    );

    // Its signed location downloads the same bytes, through every download route.
    let url = offer["media"]["locations"][0]["location"]
        .as_str()
        .expect("location")
        .to_owned();
    for (method, path) in [
        (Method::POST, "/media/download".to_owned()),
        (Method::GET, "/media/download".to_owned()),
        (Method::POST, format!("/{acct}/media/download")),
        (Method::GET, format!("/{acct}/media/download")),
    ] {
        let res = download(&app, method.clone(), &path, &app.key_a, &url).await;
        assert_eq!(res.status(), StatusCode::OK, "{method} {path}");
        assert_eq!(res.headers()["content-type"], "video/mp4");
        assert_eq!(
            res.headers()["content-length"],
            file.len().to_string().as_str()
        );
        let got = res.bytes().await.unwrap();
        assert!(
            got.as_ref() == file.as_slice(),
            "{method} {path}: bytes differ"
        );
    }
    // Nothing is left in the spool directory (the process's own `uploads/<holder>/`).
    assert_eq!(
        spool_files(&app.db_path.parent().unwrap().join("uploads")),
        0
    );
}

#[tokio::test]
async fn upload_validation() {
    let app = TestApp::spawn_with(Options {
        settings: Settings {
            max_upload_bytes: 1024 * 1024,
            upload_poll_interval: Duration::from_millis(10),
            key_refresh: Duration::from_millis(50),
            ..Settings::default()
        },
        ..Options::default()
    })
    .await;
    app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    // Over the limit: 413, by the declared length and while streaming.
    let (s, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "big.png", "image/png", &sample(2 * 1024 * 1024)),
    )
    .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert!(
        v["message"].as_str().unwrap().contains("upload limit"),
        "{v}"
    );
    // Within the framing allowance, so only the streaming count catches it.
    let (s, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "big.png", "image/png", &sample(1024 * 1024 + 10)),
    )
    .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    // Exactly at the limit is fine.
    let (s, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "ok.png", "image/png", &sample(1024 * 1024)),
    )
    .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let job = v["data"]["jobId"].as_str().unwrap().to_owned();

    // Empty file, no file field, not multipart: 400 naming the file.
    let (s, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "e.png", "image/png", b""),
    )
    .await;
    assert_400(s, &v, "file must not be empty");
    let (s, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("other", "e.png", "image/png", b"abc"),
    )
    .await;
    assert_400(s, &v, "file is required");
    let (s, v) = app
        .post(
            &format!("/{acct}/media/upload"),
            &app.key_a,
            json!({"file": "x"}),
        )
        .await;
    assert_400(s, &v, "multipart/form-data");
    // The accepted upload's job calls Fansly in the background: let it finish (so no request
    // of it lands in a later count), then check that it is the only upload that reached Fansly.
    crate::common::eventually(Duration::from_secs(10), || async {
        let (_, v) = app
            .get(&format!("/media/upload/{job}/status"), &app.key_a)
            .await;
        matches!(v["data"]["state"].as_str(), Some("completed" | "failed"))
    })
    .await;
    assert_eq!(
        app.sim_requests("/api/v1/media/upload/create").await.len(),
        1,
        "only the accepted upload reached Fansly"
    );

    // A foreign key: 403 before the body is read.
    assert_foreign(
        &app,
        Method::POST,
        &format!("/{acct}/media/upload"),
        Some(json!({})),
    )
    .await;
}

#[tokio::test]
async fn a_job_answers_only_to_its_key() {
    let app = TestApp::spawn().await;
    app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    let (s, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "a.jpg", "image/jpeg", &sample(1000)),
    )
    .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let job = v["data"]["jobId"].as_str().unwrap().to_owned();
    let (s, v) = job_status(&app, &app.key_b, &job).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = job_status(&app, &app.key_a, "upl_000000000000000000000000").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = job_status(&app, &app.key_a, "not-a-job").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let done = wait_final(&app, &job).await;
    assert_eq!(done["data"]["state"], "completed", "{done}");
    assert_eq!(
        done["data"]["result"]["accountMedia"][0]["media"]["mimetype"],
        "image/jpeg"
    );
}

#[tokio::test]
async fn a_failing_native_step_fails_the_job_with_the_reason() {
    let app = TestApp::spawn().await;
    app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    app.sim_fault("/api/v1/media/upload/complete", 400, 1, None)
        .await;
    let (_, v) = upload(
        &app,
        &app.key_a,
        &acct,
        multipart("file", "a.png", "image/png", &sample(5000)),
    )
    .await;
    let job = v["data"]["jobId"].as_str().unwrap().to_owned();
    let done = wait_final(&app, &job).await;
    assert_eq!(done["data"]["state"], "failed", "{done}");
    assert!(
        done["data"]["error"].as_str().unwrap().contains("Fansly"),
        "{done}"
    );
    assert_eq!(done["data"]["result"], Value::Null);
}

#[tokio::test]
async fn unfinished_jobs_fail_cleanly_when_the_gateway_restarts() {
    let app = TestApp::spawn().await;
    let tenant = app
        .store
        .find_active_api_key(&gateway_store::hash_api_key(&app.key_a))
        .await
        .unwrap()
        .unwrap();
    let now = app.sim.now_ms();
    for (id, state) in [
        ("upl_aaaaaaaaaaaaaaaaaaaaaaaa", UploadState::Active),
        ("upl_bbbbbbbbbbbbbbbbbbbbbbbb", UploadState::Waiting),
    ] {
        app.store
            .create_upload_job(
                tenant,
                &UploadJob {
                    id: id.to_owned(),
                    account_id: "acc_x".to_owned(),
                    state,
                    progress: 40,
                    result: None,
                    error: None,
                    file_name: "a.png".to_owned(),
                    file_size: 10,
                    created_at: now,
                    updated_at: now,
                    holder: None,
                },
            )
            .await
            .unwrap();
    }
    // Spool files of the previous run: its own directory, a loose file of an older version,
    // and something that is no spool file at all.
    let uploads = app.db_path.parent().unwrap().join("uploads");
    let previous = uploads.join("gw-1-00000000000000aa");
    std::fs::create_dir_all(&previous).unwrap();
    std::fs::write(previous.join("upl_aaaaaaaaaaaaaaaaaaaaaaaa.upload"), b"x").unwrap();
    std::fs::write(uploads.join("upl_cccccccccccccccccccccccc.upload"), b"x").unwrap();
    std::fs::write(uploads.join("notes.txt"), b"x").unwrap();
    // A second gateway process on the same database.
    let mut key = [0u8; 32];
    key[0] = 9;
    let store = gateway_store::open(
        &format!("sqlite://{}", app.db_path.display()),
        Keyring::from_key(key),
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let state = AppState::new(
        store,
        FanslyClient::new(FanslyConfig::default()).unwrap(),
        Arc::new(ManualClock::new(now)),
        Settings {
            upload_dir: uploads.clone(),
            ..Settings::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(app::serve(listener, state, std::future::pending()));
    for job in [
        "upl_aaaaaaaaaaaaaaaaaaaaaaaa",
        "upl_bbbbbbbbbbbbbbbbbbbbbbbb",
    ] {
        let url = format!("http://{addr}/api/fansly/media/upload/{job}/status");
        let start = std::time::Instant::now();
        let last: Value = loop {
            if let Ok(res) = app
                .http
                .get(&url)
                .header("x-api-key", &app.key_a)
                .send()
                .await
            {
                let v: Value = res.json().await.unwrap_or(Value::Null);
                if v["statusCode"] == 200 {
                    break v;
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "second gateway never answered"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert_eq!(last["data"]["state"], "failed", "{last}");
        assert!(
            last["data"]["error"]
                .as_str()
                .unwrap()
                .contains("stopped before it finished"),
            "{last}"
        );
    }
    // A lone process (SQLite): the previous run's spool files are gone, the rest stays.
    let mut left: Vec<String> = std::fs::read_dir(&uploads)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["notes.txt"]);
}

#[tokio::test]
async fn downloads_are_limited_to_the_fansly_cdn() {
    let app = TestApp::spawn().await;
    app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    for url in [
        "https://evil.example.com/a.jpg",
        "http://cdn3.fansly.com/1/2.jpeg",
        "https://cdn3.fansly.com.evil.example/1/2.jpeg",
        "https://apiv3.fansly.com/api/v1/account/me",
        "file:///etc/passwd",
        "not a url",
    ] {
        for path in [
            "/media/download".to_owned(),
            format!("/{acct}/media/download"),
        ] {
            for method in [Method::GET, Method::POST] {
                let (s, v) =
                    error_of(download(&app, method.clone(), &path, &app.key_a, url).await).await;
                assert_400(s, &v, "cdnUrl");
            }
        }
    }
    let (s, v) = app.post("/media/download", &app.key_a, json!({})).await;
    assert_400(s, &v, "cdnUrl is required");
    let (s, v) = app.get("/media/download", &app.key_a).await;
    assert_400(s, &v, "cdnUrl is required");
    // Account-scoped routes check the account first.
    assert_foreign(
        &app,
        Method::POST,
        &format!("/{acct}/media/download"),
        Some(json!({"cdnUrl": "https://evil.example"})),
    )
    .await;
    assert_foreign(
        &app,
        Method::GET,
        &format!("/{acct}/media/download?cdnUrl=x"),
        None,
    )
    .await;
    // The global routes need a connected account (key B has none).
    let url = format!("{}/cdn/1/2.jpeg", app.sim_url);
    let (s, v) =
        error_of(download(&app, Method::POST, "/media/download", &app.key_b, &url).await).await;
    assert_400(s, &v, "Connect an account first");
}

#[tokio::test]
async fn cdn_refusals_pass_through() {
    let app = TestApp::spawn().await;
    let creator = app.creator("uploader", TwofaMode::None);
    let acct = app.connect(&app.key_a, "uploader").await;
    let with_bytes = app.sim.create_media(&creator.id, "image/png").unwrap();
    app.sim
        .put_media_bytes(&with_bytes, b"\x89PNG-bytes".to_vec())
        .unwrap();
    let without_bytes = app.sim.create_media(&creator.id, "image/png").unwrap();

    // Unsigned, never seen by the gateway: Fansly's 403 passes through.
    let bare = format!("{}/cdn/{}/{with_bytes}.png", app.sim_url, creator.id);
    let (s, v) =
        error_of(download(&app, Method::POST, "/media/download", &app.key_a, &bare).await).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("MissingKey-Pair-Id"),
        "{v}"
    );
    // A tampered signature: 403.
    let all = app
        .sim
        .vault_albums(&creator.id)
        .into_iter()
        .find(|(_, k)| *k == 38_000)
        .unwrap()
        .0;
    let (_, listed) = app
        .get(&format!("/{acct}/vault/albums/{all}/media"), &app.key_a)
        .await;
    let rows = listed["data"]["data"]["response"]["media"]
        .as_array()
        .unwrap()
        .clone();
    let location = |id: &str| {
        rows.iter().find(|r| r["mediaId"] == id).unwrap()["media"]["locations"][0]["location"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let signed = location(&with_bytes);
    let tampered = signed.replace("Signature=", "Signature=x");
    let (s, v) =
        error_of(download(&app, Method::POST, "/media/download", &app.key_a, &tampered).await)
            .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    // Unsigned, but the gateway saw the location's CloudFront cookies in the listing.
    let res = download(
        &app,
        Method::GET,
        &format!("/{acct}/media/download"),
        &app.key_a,
        &bare,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"\x89PNG-bytes");
    // Signed, but nothing stored: 404.
    let (s, v) = error_of(
        download(
            &app,
            Method::POST,
            "/media/download",
            &app.key_a,
            &location(&without_bytes),
        )
        .await,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    // Signatures expire after 5 h.
    app.advance(5 * 60 * 60 * 1000 + 1000);
    let (s, v) =
        error_of(download(&app, Method::POST, "/media/download", &app.key_a, &signed).await).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
}
