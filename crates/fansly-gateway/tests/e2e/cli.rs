//! The binary itself: `keys create|list|revoke`, `migrate`, `serve` with a key made by
//! `keys create`, and `demo` followed through its printed flow.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_fansly-gateway");

pub(crate) fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("FANSLY_GATEWAY_MASTER_KEY")
        .output()
        .expect("run binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Kills the child when the test ends, pass or fail.
pub(crate) struct Guard(pub(crate) Child);
impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The value after `marker` on the first line of `out` that has it (e.g. a logged address).
pub(crate) async fn first_line_value(
    out: impl std::io::Read + Send + 'static,
    marker: &'static str,
) -> String {
    tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(out).lines().map_while(Result::ok);
        let found = lines.by_ref().find_map(|l| {
            let at = l.find(marker)?;
            Some(l[at + marker.len()..].split_whitespace().next()?.to_owned())
        });
        std::thread::spawn(move || lines.for_each(drop));
        found.unwrap_or_else(|| panic!("no {marker} in the output"))
    })
    .await
    .unwrap()
}

pub(crate) async fn wait_until_up(url: &str) {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    for _ in 0..300 {
        if http.get(url).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{url} did not come up");
}

#[tokio::test]
async fn keys_migrate_and_serve() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ok, out, err) = run(d, &["migrate"]);
    assert!(ok, "{err}");
    assert!(out.contains("up to date"));
    let key_file = d.join("data/master.key");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let (ok, out, err) = run(d, &["keys", "create", "--name", "crm"]);
    assert!(ok, "{err}");
    let key = out.lines().last().unwrap().trim().to_owned();
    assert!(key.starts_with("fgw_") && key.len() >= 36, "{out}");

    let (ok, list, _) = run(d, &["keys", "list"]);
    assert!(ok);
    assert!(list.contains("crm") && !list.contains(&key), "{list}");
    let (ok, _, err) = run(d, &["keys", "create", "--name", " "]);
    assert!(!ok && err.contains("--name"), "{err}");

    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            "http://127.0.0.1:9",
        ])
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let _server = Guard(child);
    let listen = first_line_value(stderr, "listen=").await;
    let base = format!("http://{listen}/api/fansly");
    wait_until_up(&base).await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let res = http
        .get(format!("{base}/accounts"))
        .header("x-api-key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // Revoked by another process: the running server stops accepting the key.
    let (ok, out, err) = run(d, &["keys", "revoke", "1"]);
    assert!(ok && out.contains("Revoked"), "{out}{err}");
    let mut revoked = false;
    for _ in 0..100 {
        let res = http
            .get(format!("{base}/accounts"))
            .header("x-api-key", &key)
            .send()
            .await
            .unwrap();
        if res.status() == StatusCode::UNAUTHORIZED {
            revoked = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(revoked, "revoked key still accepted after 5 s");
    let (ok, _, err) = run(d, &["keys", "revoke", "1"]);
    assert!(!ok && err.contains("no active API key"), "{err}");

    // A bad setting is refused at start with a message naming it.
    let (ok, _, err) = run(d, &["serve", "--upstream", "ftp://x"]);
    assert!(!ok && err.contains("upstream"), "{err}");
}

#[tokio::test]
async fn demo_runs_the_printed_connect_flow() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args([
            "demo",
            "--listen",
            "127.0.0.1:0",
            "--sim-listen",
            "127.0.0.1:0",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _guard = Guard(child);
    let printed = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let printed: Vec<String> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("Press Ctrl-C"))
            .collect();
        // Keep draining, so the demo never writes into a closed pipe.
        std::thread::spawn(move || lines.for_each(drop));
        printed
    })
    .await
    .unwrap();
    let var = |name: &str| {
        printed
            .iter()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("demo prints {name}=: {printed:?}"))
            .trim_matches('\'')
            .to_owned()
    };
    let (key, base, sim) = (var("KEY"), var("GW"), var("SIM"));
    wait_until_up(&base).await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let post = |path: String, body: Value| {
        let http = http.clone();
        let key = key.clone();
        async move {
            let res = http
                .post(path)
                .header("x-api-key", key)
                .json(&body)
                .send()
                .await
                .unwrap();
            (res.status(), res.json::<Value>().await.unwrap())
        }
    };
    let pw = fansly_gateway::demo::DEMO_PASSWORD;
    let body = |u: &str| json!({"username": u, "password": pw, "name": u, "countryCode": "US"});

    let (s, v) = post(format!("{base}/connect"), body("mia")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let mia = v["data"]["account_id"].as_str().unwrap().to_owned();

    let (_, v) = post(format!("{base}/connect"), body("ella")).await;
    let token = v["data"]["twofa_token"].as_str().unwrap().to_owned();
    let outbox: Vec<Value> = http
        .get(format!("{sim}/_sim/outbox"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = outbox.last().unwrap()["code"].as_str().unwrap().to_owned();
    let mut verify = body("ella");
    verify["twoFactorToken"] = json!(token);
    verify["twoFactorCode"] = json!(code);
    let (s, v) = post(format!("{base}/verify-2fa"), verify).await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let (_, v) = post(format!("{base}/connect"), body("tara")).await;
    let token = v["data"]["twofa_token"].as_str().unwrap().to_owned();
    let secret = fansly_gateway::demo::DEMO_TOTP_SECRET;
    let totp: Value = http
        .get(format!("{sim}/_sim/totp/{secret}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut verify = body("tara");
    verify["twoFactorToken"] = json!(token);
    verify["twoFactorCode"] = totp["code"].clone();
    let (s, v) = post(format!("{base}/verify-2fa"), verify).await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let (s, v) = post(
        format!("{base}/{mia}/twofa/session"),
        json!({"useEmailTwoFAFallback": true}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let otp_token = v["data"]["data"]["response"]["emailTwofa"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let outbox: Vec<Value> = http
        .get(format!("{sim}/_sim/outbox"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = outbox.last().unwrap()["code"].as_str().unwrap().to_owned();
    let (s, v) = post(
        format!("{base}/{mia}/twofa/session/verify"),
        json!({"token": otp_token, "code": code, "mode": 1}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    let res = http
        .get(format!("{base}/accounts"))
        .header("x-api-key", &key)
        .send()
        .await
        .unwrap();
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["data"]["count"], 3, "{v}");

    // The printed console sign-ins work: the key as a tenant, the operator secret as operator.
    let root = base.trim_end_matches("/api/fansly");
    assert!(
        printed
            .iter()
            .any(|l| l.contains(&format!("{root}/console"))),
        "{printed:?}"
    );
    let mut tenant = crate::console::Visitor::at(root);
    assert_eq!(
        tenant.sign_in(&key).await.location(),
        Some("/console/accounts")
    );
    let page = tenant.get("/console/accounts").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&mia),
        "the connected accounts are listed"
    );
    let mut operator = crate::console::Visitor::at(root);
    let signed = operator.sign_in(&var("OPERATOR")).await;
    assert_eq!(signed.location(), Some("/console/keys"));
}
