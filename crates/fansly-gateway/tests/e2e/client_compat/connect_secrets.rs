//! §5 item 1: a finished connect (and verify-2fa) offers no id but the gateway's account id
//! wherever a client looks for one, Fansly's id has a name of its own, and no secret of the
//! Fansly side (session token, device id, password, OTP code, proxy credentials, webhook
//! secrets outside create/rotate) appears in the answers of the connect flow or of the
//! routes that show stored accounts and settings.

use fansly_sim::TwofaMode;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Options, PASSWORD, TestApp, connect_body};

/// How a generic client helper finds "the" id of a POST answer: `data.data.response` when it
/// exists, then its `accountId`.
fn id_a_client_takes(body: &Value) -> &str {
    let data = &body["data"];
    let from = if data["data"]["response"].is_object() {
        &data["data"]["response"]
    } else {
        data
    };
    from["accountId"].as_str().expect("accountId")
}

fn assert_only_gateway_ids(body: &Value, native_id: &str) -> String {
    let data = &body["data"];
    let id = data["account_id"].as_str().expect("account_id").to_owned();
    assert!(id.starts_with("fansly_"), "{id}");
    assert_eq!(id_a_client_takes(body), id, "{body}");
    assert_eq!(data["accountId"], id.as_str());
    assert_eq!(data["fanslyAccountId"], native_id);
    assert_eq!(data["data"]["response"]["fanslyAccountId"], native_id);
    // Fansly's id appears only under its own name.
    let mut flat = data.clone();
    flat["fanslyAccountId"] = Value::Null;
    flat["data"]["response"]["fanslyAccountId"] = Value::Null;
    assert!(!flat.to_string().contains(native_id), "{body}");
    assert!(data["data"]["response"].get("token").is_none(), "{body}");
    id
}

/// Every value the simulator saw that must stay inside the gateway: session tokens
/// (`authorization`) and device ids (`fansly-client-id`).
fn native_secrets(app: &TestApp) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in app.sim.requests() {
        for h in ["authorization", "fansly-client-id"] {
            if let Some(v) = r.headers.get(h).filter(|v| v.len() >= 8)
                && !out.contains(v)
            {
                out.push(v.clone());
            }
        }
    }
    out
}

fn assert_free_of(label: &str, body: &Value, secrets: &[String]) {
    let text = body.to_string();
    for s in secrets {
        assert!(!text.contains(s.as_str()), "{label} leaks a secret: {text}");
    }
}

#[tokio::test]
async fn connect_offers_only_the_gateway_id_and_no_answer_leaks_a_secret() {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    let app = TestApp::spawn_with(opts).await;
    let mia = app.creator("mia", TwofaMode::None);
    let ella = app.creator("ella", TwofaMode::Email);
    let mut answers: Vec<(String, Value)> = Vec::new();

    let (status, body) = app
        .post("/connect", &app.key_a, connect_body("mia", PASSWORD))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let acct = assert_only_gateway_ids(&body, &mia.id);
    answers.push(("connect".into(), body));

    // The id a client takes works for every later call.
    let (status, me) = app
        .get(
            &format!("/{}/me", id_a_client_takes(&answers[0].1)),
            &app.key_a,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");

    let (_, challenge) = app
        .post("/connect", &app.key_a, connect_body("ella", PASSWORD))
        .await;
    let twofa = challenge["data"]["twofa_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = app.last_mail("ella@example.test").code;
    let (status, body) = app
        .post(
            "/verify-2fa",
            &app.key_a,
            json!({"username": "ella", "password": PASSWORD, "twoFactorToken": twofa,
                   "twoFactorCode": code, "name": "E", "countryCode": "US"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let ella_acct = assert_only_gateway_ids(&body, &ella.id);
    answers.push(("verify-2fa".into(), body));
    // The code mailed for the login is never echoed.
    let code_secret = vec![code.clone()];
    assert_free_of("verify-2fa", &answers[1].1, &code_secret);

    // A webhook endpoint (its secret is a setting that must not come back).
    let (status, hook) = app
        .post(
            "/webhooks",
            &app.key_a,
            json!({"url": "http://127.0.0.1:9/in", "events": ["messages.received"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{hook}");
    let hook_id = hook["data"]["id"].as_str().unwrap().to_owned();
    let hook_secret = hook["data"]["secret"].as_str().unwrap().to_owned();

    for path in [
        "/accounts".to_owned(),
        format!("/accounts/by-ids?ids={}", mia.id),
        format!("/{acct}/me"),
        format!("/{acct}/profile"),
        format!("/{acct}/account"),
        format!("/{ella_acct}/me"),
        "/webhooks".to_owned(),
        format!("/webhooks/{hook_id}"),
        format!("/webhooks/{hook_id}/deliveries"),
        "/usage".to_owned(),
        "/logs?limit=500".to_owned(),
    ] {
        let (status, body) = app.get(&path, &app.key_a).await;
        assert!(status.is_success(), "{path}: {body}");
        answers.push((path, body));
    }
    // An account proxy with credentials (set last: the address leads nowhere).
    let proxy_password = "pr0xy-s3cret-pw";
    let (status, body, _) = app
        .send(
            reqwest::Method::PUT,
            &format!("/accounts/{acct}/proxy"),
            Some(&app.key_a),
            Some(json!({"proxy": format!("http://user:{proxy_password}@127.0.0.1:9")})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    answers.push(("proxy put".into(), body));
    let (_, body) = app
        .get(&format!("/accounts/{acct}/proxy"), &app.key_a)
        .await;
    assert!(body["data"]["proxy"].is_string(), "{body}");
    answers.push(("proxy get".into(), body));
    let (_, body) = app
        .delete(&format!("/accounts/{ella_acct}"), &app.key_a)
        .await;
    answers.push(("disconnect".into(), body));

    let mut secrets = native_secrets(&app);
    assert!(
        secrets.len() >= 3,
        "session tokens and device ids seen: {secrets:?}"
    );
    secrets.extend([
        PASSWORD.to_owned(),
        proxy_password.to_owned(),
        hook_secret.clone(),
        code,
    ]);
    for (label, body) in &answers {
        assert_free_of(label, body, &secrets);
    }
    // The webhook secret is shown by create (above) and rotate only.
    let (_, rotated) = app
        .post(
            &format!("/webhooks/{hook_id}/rotate-secret"),
            &app.key_a,
            json!({}),
        )
        .await;
    assert!(
        rotated["data"]["secret"]
            .as_str()
            .unwrap()
            .starts_with("whsec_")
    );
}
