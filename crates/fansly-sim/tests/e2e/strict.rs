//! Strict mode: `fansly-client-check` must be cyrb53(`checkKey_path_deviceId`).

use fansly_sim::{SimConfig, TwofaMode, client_check};
use reqwest::Method;
use serde_json::json;

use crate::common::{Harness, config};

const KEY: &str = "necvac-govry3-tybkYz";
const DEVICE: &str = "697497185943564288";

async fn strict() -> Harness {
    Harness::with(SimConfig {
        strict_client_check: true,
        check_key: KEY.into(),
        ..config()
    })
    .await
}

#[tokio::test]
async fn a_correct_check_passes_and_a_wrong_one_is_refused() {
    let h = strict().await;
    let maria = h.creator("maria", TwofaMode::None);
    // `/device/id` is never checked.
    assert_eq!(h.get("/api/v1/device/id", None).await.status, 200);

    let login = h
        .request(Method::POST, "/api/v1/login?ngsw-bypass=true")
        .header("fansly-client-id", DEVICE)
        .header(
            "fansly-client-check",
            client_check(KEY, "/api/v1/login", DEVICE),
        )
        .json(&json!({ "username": "maria", "password": "hunter2", "deviceId": DEVICE }));
    let login = h.send(login).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let token = login.body["response"]["session"]["token"]
        .as_str()
        .unwrap()
        .to_owned();

    let good = h
        .request(Method::GET, "/api/v1/account/me?ngsw-bypass=true")
        .header("authorization", &token)
        .header("fansly-client-id", DEVICE)
        .header(
            "fansly-client-check",
            client_check(KEY, "/api/v1/account/me", DEVICE),
        );
    let good = h.send(good).await;
    assert_eq!(good.status, 200);
    assert_eq!(good.body["response"]["account"]["id"], maria.id);

    // Right digest for another path, or for the default key, or none at all: refused.
    for check in [
        Some(client_check(KEY, "/api/v1/login", DEVICE)),
        Some(client_check(
            "oybZy8-fySzis-bubayf",
            "/api/v1/account/me",
            DEVICE,
        )),
        None,
    ] {
        let mut request = h
            .request(Method::GET, "/api/v1/account/me")
            .header("authorization", &token)
            .header("fansly-client-id", DEVICE);
        if let Some(check) = check {
            request = request.header("fansly-client-check", check);
        }
        let reply = h.send(request).await;
        reply.assert_native_error(400, 4);
        assert_eq!(reply.body["error"]["details"], "invalid client check");
    }
}

#[tokio::test]
async fn lenient_mode_ignores_the_headers() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    let request = h
        .request(Method::GET, "/api/v1/account/me")
        .header("authorization", &token)
        .header("fansly-client-check", "nonsense");
    assert_eq!(h.send(request).await.status, 200);
}
