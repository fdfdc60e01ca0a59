//! The OpenAPI document and the router agree: every documented operation reaches a handler
//! (never the `Cannot {METHOD} {path}` fallback or a 405), and the served `/openapi.json` and
//! `/docs` need no API key and load nothing from other hosts. (The other direction — every
//! `.route(` registration is documented — and the checked-in copy are unit tests in
//! `src/openapi/tests.rs`.)

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::TestApp;

/// The path with each `{param}` replaced by a plausible dummy value.
fn fill(path: &str) -> String {
    path.split('/')
        .map(
            |seg| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some("account_id") => "fansly_openapi_probe".to_owned(),
                Some("username") => "someone".to_owned(),
                Some("job_id") => "upl_000000000000000000000000".to_owned(),
                Some("id" | "delivery_id") => "wh_probe".to_owned(),
                Some(_) => "123".to_owned(),
                None => seg.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_documented_operation_reaches_a_handler() {
    let app = TestApp::spawn().await;
    let doc = fansly_gateway::openapi::document();
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut statuses = std::collections::BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let url = format!("{}{}", app.root, fill(path));
            let mut req = app
                .http
                .request(m.clone(), &url)
                .header("x-api-key", &app.key_a);
            if m != Method::GET {
                req = req.json(&json!({}));
            }
            let res = req.send().await.expect("request");
            let status = res.status();
            let body = res.text().await.unwrap();
            let message = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| v["message"].as_str().map(str::to_owned))
                .unwrap_or_default();
            // 402/429 would come from the limits layer before routing: they would hide a
            // fallback, so they fail the probe too.
            let fallback = status == StatusCode::METHOD_NOT_ALLOWED
                || status == StatusCode::TOO_MANY_REQUESTS
                || status == StatusCode::PAYMENT_REQUIRED
                || (status == StatusCode::NOT_FOUND && message.starts_with("Cannot "));
            *statuses.entry(status.as_u16()).or_insert(0) += 1;
            if fallback {
                failures.push(format!("{m} {path} → {status} {message}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} operations checked");
    eprintln!("probe statuses: {statuses:?}");
    assert!(
        failures.is_empty(),
        "documented but not routed: {failures:#?} (statuses {statuses:?})"
    );

    // And the probe itself can fail: an undocumented path hits the fallback.
    let res = app
        .http
        .get(format!("{}/api/fansly/no/such/route", app.root))
        .header("x-api-key", &app.key_a)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let v: Value = res.json().await.unwrap();
    assert!(v["message"].as_str().unwrap().starts_with("Cannot GET"));
}

#[tokio::test]
async fn openapi_json_is_served_without_a_key_and_matches_the_code() {
    let app = TestApp::spawn().await;
    let res = app
        .http
        .get(format!("{}/openapi.json", app.root))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let served: Value = res.json().await.unwrap();
    assert_eq!(served, fansly_gateway::openapi::document());
    assert_eq!(served["openapi"], "3.1.0");
}

/// `src` / `href` attribute values of an HTML text.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=", "href=", "action="] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = rest[1..].find(q) {
                out.push(rest[1..1 + end].to_owned());
            }
        }
    }
    out
}

#[tokio::test]
async fn docs_page_is_built_in_and_loads_nothing_external() {
    let app = TestApp::spawn().await;
    let res = app
        .http
        .get(format!("{}/docs", app.root))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    for directive in [
        "default-src 'none'",
        "connect-src 'self'",
        "script-src 'self'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    let script_src = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(
        !script_src.contains("unsafe"),
        "no inline script or eval: {csp}"
    );
    let html = res.text().await.unwrap();
    let found = links(&html);
    assert!(found.iter().any(|l| l == "docs/scalar.js"), "{found:?}");
    assert!(found.iter().any(|l| l == "openapi.json"), "{found:?}");
    assert!(html.contains(r#"data-url="openapi.json""#));
    for l in &found {
        let lower = l.to_ascii_lowercase();
        assert!(
            !(lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")),
            "the docs page references an external URL: {l}"
        );
    }
    for bad in ["<link ", "@import", "url(http", "url(//"] {
        assert!(!html.contains(bad), "external asset pattern {bad}");
    }

    // The renderer itself is served by the gateway, from the binary, without a key.
    let res = app
        .http
        .get(format!("{}/docs/scalar.js", app.root))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let js = res.text().await.unwrap();
    assert_eq!(
        js.len(),
        fansly_gateway::openapi::docs_page::SCALAR_JS.len()
    );
    assert!(js.contains("api-reference"));
}

#[test]
fn the_openapi_subcommand_prints_the_document() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fansly-gateway"))
        .arg("openapi")
        .env_remove("FANSLY_GATEWAY_LOG_FORMAT")
        .output()
        .expect("running fansly-gateway openapi");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        printed,
        fansly_gateway::openapi::to_pretty(&fansly_gateway::openapi::document())
    );
}
