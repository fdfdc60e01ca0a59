//! The binary on PostgreSQL (issue 12), when `GATEWAY_TEST_DATABASE_URL` names a database:
//! an installation made on SQLite is moved with `migrate-data`, then two gateways serve it
//! from one PostgreSQL schema as one service — a key works on both, is revoked through the
//! command line and stops working on both within 2 s. Without the variable the test returns
//! at once (and says so on stderr).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::cli::{BIN, Guard, first_line_value, run, wait_until_up};

async fn gateway(dir: &std::path::Path, database: &str) -> (Guard, String) {
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            "http://127.0.0.1:9",
            "--database",
            database,
        ])
        .current_dir(dir)
        .env_remove("FANSLY_GATEWAY_MASTER_KEY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let guard = Guard(child);
    let listen = first_line_value(stderr, "listen=").await;
    let base = format!("http://{listen}");
    wait_until_up(&format!("{base}/healthz")).await;
    (guard, base)
}

#[tokio::test]
async fn migrate_data_then_two_gateways_on_one_database() {
    let Some(schema) = crate::gateway_process::pg_schema("postgres", "gwe2e").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ok, out, err) = run(d, &["keys", "create", "--name", "crm"]);
    assert!(ok, "{err}");
    let key = out.lines().last().unwrap().trim().to_owned();

    let pg = schema.url();
    let (ok, out, err) = run(
        d,
        &[
            "migrate-data",
            "--from",
            "sqlite://./data/fansly-gateway.db",
            "--to",
            &pg,
        ],
    );
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("api_keys: 1 rows copied, counts match"),
        "{out}"
    );
    // Copying again into the occupied database is refused.
    let (ok, _, err) = run(
        d,
        &[
            "migrate-data",
            "--from",
            "sqlite://./data/fansly-gateway.db",
            "--to",
            &pg,
        ],
    );
    assert!(!ok && err.contains("empty installation"), "{err}");

    let (_one, a) = gateway(d, &pg).await;
    let (_two, b) = gateway(d, &pg).await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    for base in [&a, &b] {
        let ready = http.get(format!("{base}/readyz")).send().await.unwrap();
        assert_eq!(ready.status(), StatusCode::OK, "{base}");
        let res = http
            .get(format!("{base}/api/fansly/accounts"))
            .header("x-api-key", &key)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{base}");
    }

    // Revoked through a third process: both gateways refuse the key within 2 s.
    let (ok, out, err) = run(d, &["keys", "revoke", "1", "--database", &pg]);
    assert!(ok && out.contains("Revoked"), "{out}{err}");
    let start = Instant::now();
    for base in [&a, &b] {
        loop {
            let res = http
                .get(format!("{base}/api/fansly/accounts"))
                .header("x-api-key", &key)
                .send()
                .await
                .unwrap();
            if res.status() == StatusCode::UNAUTHORIZED {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(2),
                "{base} still accepts a revoked key"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
    drop((_one, _two));
    schema.drop_now().await;
}
