//! Optional TLS: a self-signed certificate made in the test, a client that trusts it, all on
//! 127.0.0.1; plus the startup errors for half or broken TLS settings.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fansly_gateway::state::Settings;
use fansly_gateway::tls::TlsFiles;
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::assert_envelope;
use crate::shutdown::Served;

struct SelfSigned {
    cert_pem: String,
    files: TlsFiles,
    _dir: tempfile::TempDir,
}

fn self_signed() -> SelfSigned {
    let ck =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("certificate");
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    let cert_pem = ck.cert.pem();
    std::fs::write(&cert, &cert_pem).unwrap();
    std::fs::write(&key, ck.key_pair.serialize_pem()).unwrap();
    SelfSigned {
        cert_pem,
        files: TlsFiles { cert, key },
        _dir: dir,
    }
}

fn trusting(cert_pem: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .use_rustls_tls()
        .add_root_certificate(reqwest::Certificate::from_pem(cert_pem.as_bytes()).unwrap())
        .build()
        .unwrap()
}

#[tokio::test]
async fn serves_https_with_the_configured_certificate() {
    let tls = self_signed();
    let mut g = Served::start(Settings {
        tls: Some(tls.files.clone()),
        ..Settings::default()
    })
    .await;
    assert!(g.base.starts_with("https://127.0.0.1:"), "{}", g.base);
    let http = trusting(&tls.cert_pem);

    // A DB-answered route and a proxied one, over TLS.
    g.creator("mia");
    let account = g.connect(&http, "mia").await;
    let res = http
        .get(format!("{}/{account}/me", g.base))
        .header("x-api-key", &g.key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.version(), reqwest::Version::HTTP_11);
    let status = res.status();
    let v: Value = res.json().await.unwrap();
    assert_envelope(status, &v);
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["data"]["response"]["account"]["username"], "mia");

    // Errors are envelopes over TLS too.
    let res = http
        .get(format!("{}/accounts", g.base))
        .header("x-api-key", "fgw_wrong")
        .send()
        .await
        .unwrap();
    let status = res.status();
    let v: Value = res.json().await.unwrap();
    assert_envelope(status, &v);
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // A client that does not trust the certificate is turned away by its own TLS check.
    let untrusting = reqwest::Client::builder()
        .no_proxy()
        .use_rustls_tls()
        .build()
        .unwrap();
    let err = untrusting
        .get(format!("{}/accounts", g.base))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");

    // Plain HTTP to the TLS port gets no HTTP answer.
    let plain = reqwest::Client::builder().no_proxy().build().unwrap();
    let r = plain
        .get(format!(
            "http://127.0.0.1:{}/api/fansly/accounts",
            g.addr.port()
        ))
        .header("x-api-key", &g.key)
        .timeout(Duration::from_secs(12))
        .send()
        .await;
    assert!(r.is_err(), "plain HTTP was answered: {r:?}");

    // A silent client does not block others: handshakes run in their own tasks.
    let _silent = tokio::net::TcpStream::connect(g.addr).await.unwrap();
    let res = http
        .get(format!("{}/accounts", g.base))
        .header("x-api-key", &g.key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // Graceful shutdown works the same over TLS: the listener closes.
    g.signal();
    g.finished(Duration::from_secs(10)).await;
    assert!(tokio::net::TcpStream::connect(g.addr).await.is_err());
}

const BIN: &str = env!("CARGO_BIN_EXE_fansly-gateway");

fn serve_fails(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .current_dir(dir.path())
        .env_remove("FANSLY_GATEWAY_TLS_CERT")
        .env_remove("FANSLY_GATEWAY_TLS_KEY")
        .env("FANSLY_GATEWAY_MASTER_KEY", "00".repeat(32))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run binary");
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve started with {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success(), "serve exited 0 with {args:?}");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    err
}

#[test]
fn half_or_broken_tls_settings_stop_startup_with_a_clear_error() {
    let tls = self_signed();
    let cert = tls.files.cert.to_str().unwrap();
    let key = tls.files.key.to_str().unwrap();

    let e = serve_fails(&["--tls-cert", cert]);
    assert!(
        e.contains("--tls-key") && e.contains("both or neither"),
        "{e}"
    );
    let e = serve_fails(&["--tls-key", key]);
    assert!(
        e.contains("--tls-cert") && e.contains("both or neither"),
        "{e}"
    );

    let missing = PathBuf::from(cert).with_file_name("missing.pem");
    let e = serve_fails(&["--tls-cert", missing.to_str().unwrap(), "--tls-key", key]);
    assert!(e.contains("missing.pem"), "{e}");

    // The key file given as the certificate: the message names it, and shows no key material.
    let e = serve_fails(&["--tls-cert", key, "--tls-key", key]);
    assert!(e.contains("key.pem"), "{e}");
    assert!(!e.contains("PRIVATE KEY-----"), "{e}");

    // A key that does not match the certificate.
    let other = self_signed();
    let e = serve_fails(&[
        "--tls-cert",
        cert,
        "--tls-key",
        other.files.key.to_str().unwrap(),
    ]);
    assert!(e.contains("usable pair") || e.contains("TLS"), "{e}");
}

/// Under TLS the console's cookies (pre-session and session) are `Secure` as well.
#[tokio::test]
async fn console_cookies_are_secure_under_tls() {
    let tls = self_signed();
    let g = Served::start(Settings {
        tls: Some(tls.files.clone()),
        ..Settings::default()
    })
    .await;
    let http = reqwest::Client::builder()
        .no_proxy()
        .use_rustls_tls()
        .redirect(reqwest::redirect::Policy::none())
        .add_root_certificate(reqwest::Certificate::from_pem(tls.cert_pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    let root = g.base.trim_end_matches("/api/fansly");
    let form = http
        .get(format!("{root}/console/sign-in"))
        .send()
        .await
        .unwrap();
    let pre = form.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(pre.contains("Secure") && pre.contains("HttpOnly"), "{pre}");
    let value = pre.split(';').next().unwrap().to_owned();
    let csrf = value.split_once('=').unwrap().1.to_owned();
    let res = http
        .post(format!("{root}/console/sign-in"))
        .header("cookie", value)
        .form(&[("csrf", csrf.as_str()), ("secret", g.key.as_str())])
        .send()
        .await
        .unwrap();
    let session: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .filter(|c| c.starts_with("fgw_console="))
        .collect();
    assert_eq!(session.len(), 1, "{:?}", res.headers());
    for flag in ["Secure", "HttpOnly", "SameSite=Strict"] {
        assert!(session[0].contains(flag), "{flag}: {}", session[0]);
    }
}
