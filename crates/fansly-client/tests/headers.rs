//! What goes on the wire: headers per auth kind, the check digest, the URL
//! (prefix, `ngsw-bypass`, literal commas) and the monotonic client clock.

mod common;

use common::{Reply, Stub, TOKEN, creds};
use fansly_client::{Auth, BROWSER_USER_AGENTS, DEFAULT_USER_AGENT, Method, NativeRequest, check};
use serde_json::json;

const BROWSER: [&str; 6] = [
    "accept",
    "accept-language",
    "host",
    "origin",
    "referer",
    "user-agent",
];

fn names(extra: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = BROWSER.iter().chain(extra).map(|s| s.to_string()).collect();
    all.sort();
    all
}

fn assert_browser_headers(req: &common::Captured) {
    assert_eq!(
        req.header("accept"),
        Some("application/json, text/plain, */*")
    );
    assert_eq!(req.header("accept-language"), Some("en-US,en;q=0.9"));
    assert_eq!(req.header("origin"), Some("https://fansly.com"));
    assert_eq!(req.header("referer"), Some("https://fansly.com/"));
    // One of the browsers accounts present (the account's own one: see below).
    let ua = req.header("user-agent").expect("user-agent");
    assert!(BROWSER_USER_AGENTS.contains(&ua), "{ua}");
}

#[tokio::test]
async fn session_get_sends_the_full_signed_header_set() {
    let stub = Stub::start(|_| Reply::ok(json!({"account": {"id": "1"}}))).await;
    let s = creds();
    let resp = stub.client().account_me(&s).await.expect("account/me");
    assert_eq!(resp.status, 200);
    assert_eq!(resp.response()["account"]["id"], "1");

    let req = stub.single();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v1/account/me");
    assert_eq!(req.query.as_deref(), Some("ngsw-bypass=true"));
    assert_eq!(
        req.header_names(),
        names(&[
            "authorization",
            "cookie",
            "fansly-client-check",
            "fansly-client-id",
            "fansly-client-ts",
            "fansly-session-id",
        ])
    );
    assert_browser_headers(&req);
    assert_eq!(
        req.header("authorization"),
        Some(TOKEN),
        "raw token, no Bearer"
    );
    assert_eq!(req.header("fansly-session-id"), Some("700000000000000001"));
    assert_eq!(req.header("fansly-client-id"), Some("123456789012345678"));
    // fansly-native §1.4 vector 1: default key, /api/v1/account/me, this device id.
    assert_eq!(req.header("fansly-client-check"), Some("1c4c4b2e21a302"));
    let ts: u64 = req.header("fansly-client-ts").unwrap().parse().expect("ms");
    assert!(ts > 1_700_000_000_000, "ts is epoch ms: {ts}");
}

#[tokio::test]
async fn device_auth_signs_without_authorization() {
    let stub = Stub::start(|_| Reply::ok(json!({"twofa": {"token": "t", "type": 2}}))).await;
    let pw = "hunter2".into();
    stub.client()
        .login("697497185943564288", "alice", &pw)
        .await
        .expect("login");

    let req = stub.single();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/api/v1/login");
    assert_eq!(req.query.as_deref(), Some("ngsw-bypass=true"));
    assert_eq!(
        req.header_names(),
        names(&[
            "content-length",
            "content-type",
            "cookie",
            "fansly-client-check",
            "fansly-client-id",
            "fansly-client-ts",
        ])
    );
    assert_browser_headers(&req);
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("fansly-client-id"), Some("697497185943564288"));
    assert_eq!(
        req.header("fansly-client-check"),
        Some(
            check::client_check(
                "oybZy8-fySzis-bubayf",
                "/api/v1/login",
                "697497185943564288"
            )
            .as_str()
        )
    );
}

#[tokio::test]
async fn no_auth_sends_only_browser_headers() {
    let stub = Stub::start(|_| Reply::ok(json!("697497185943564288"))).await;
    let id = stub.client().device_id().await.expect("device id");
    assert_eq!(id, "697497185943564288");

    let req = stub.single();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("GET", "/api/v1/device/id")
    );
    assert_eq!(req.query.as_deref(), Some("ngsw-bypass=true"));
    assert_eq!(req.header_names(), names(&[]));
    assert_browser_headers(&req);
    assert_eq!(req.header("user-agent"), Some(DEFAULT_USER_AGENT));
}

#[tokio::test]
async fn post_without_body_has_no_content_type() {
    let stub = Stub::start(|_| Reply::ok(json!({}))).await;
    let s = creds();
    let req = NativeRequest {
        method: Method::Post,
        path: "/status",
        query: vec![],
        body: None,
        auth: Auth::Session(&s),
    };
    stub.client().call(req).await.expect("call");
    let req = stub.single();
    assert_eq!(req.method, "POST");
    assert_eq!(req.header("content-type"), None);
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn query_keeps_commas_literal_and_encodes_the_rest() {
    let stub = Stub::start(|_| Reply::ok(json!([]))).await;
    let s = creds();
    stub.client()
        .accounts_by_ids(&s, &["11", "22", "33"])
        .await
        .expect("accounts");
    let req = NativeRequest::get("/search", Auth::Session(&s))
        .query("q", "a b&c=d,e")
        .query("limit", "10");
    stub.client().call(req).await.expect("search");

    let reqs = stub.requests();
    assert_eq!(reqs[0].path, "/api/v1/account");
    assert_eq!(
        reqs[0].query.as_deref(),
        Some("ngsw-bypass=true&ids=11,22,33")
    );
    assert_eq!(reqs[1].path, "/api/v1/search");
    assert_eq!(
        reqs[1].query.as_deref(),
        Some("ngsw-bypass=true&q=a+b%26c%3Dd,e&limit=10")
    );
}

#[tokio::test]
async fn api_base_path_prefix_is_kept_and_signed() {
    for prefix in ["/x", "/x/"] {
        let stub = Stub::start_with_prefix(prefix, |_| Reply::ok(json!({}))).await;
        let s = creds();
        stub.client().account_me(&s).await.expect("account/me");
        let req = stub.single();
        assert_eq!(req.path, "/x/api/v1/account/me", "prefix {prefix}");
        assert_eq!(
            req.header("fansly-client-check"),
            Some(
                check::client_check("oybZy8-fySzis-bubayf", "/x/api/v1/account/me", &s.device_id)
                    .as_str()
            )
        );
    }
}

#[tokio::test]
async fn configured_check_key_and_user_agent_are_used() {
    let stub = Stub::start(|_| Reply::ok(json!({}))).await;
    let mut config = stub.config();
    config.check_key = "necvac-govry3-tybkYz".into();
    config.user_agents = vec!["TestAgent/1.0".into()];
    let client = fansly_client::FanslyClient::new(config).expect("client");
    let mut s = creds();
    s.device_id = "697497185943564288".into();
    client
        .call(NativeRequest::get(
            "/timelinenew/338250113283530752",
            Auth::Session(&s),
        ))
        .await
        .expect("timeline");
    let req = stub.single();
    assert_eq!(req.header("user-agent"), Some("TestAgent/1.0"));
    // fansly-native §1.4 vector 2.
    assert_eq!(req.header("fansly-client-check"), Some("1f57dad14492e8"));
}

#[tokio::test]
async fn client_ts_strictly_increases_across_clones() {
    let stub = Stub::start(|_| Reply::ok(json!({}))).await;
    let client = stub.client();
    let clone = client.clone();
    let s = creds();
    for i in 0..6 {
        let c = if i % 2 == 0 { &client } else { &clone };
        c.account_me(&s).await.expect("call");
    }
    let ts: Vec<u64> = stub
        .requests()
        .iter()
        .map(|r| r.header("fansly-client-ts").unwrap().parse().unwrap())
        .collect();
    assert_eq!(ts.len(), 6);
    assert!(
        ts.windows(2).all(|w| w[1] > w[0]),
        "not strictly increasing: {ts:?}"
    );
}

#[tokio::test]
async fn each_account_keeps_its_cookie_jar_and_user_agent() {
    // Login sets the session cookie; later calls of that device send it back with `f-d`.
    let stub = Stub::start(|req| {
        if req.path == "/api/v1/login" {
            Reply::ok(
                json!({"session": {"id": "700000000000000001", "token": "dG9r",
                "accountId": "1"}}),
            )
            .with_header("set-cookie", "f-s-c=c2Vzc2lvbg==; Path=/; HttpOnly")
        } else {
            Reply::ok(json!({}))
        }
    })
    .await;
    let client = stub.client();
    let device = "697497185943564288";
    client
        .login(device, "alice", &"pw".into())
        .await
        .expect("login");
    let mut s = creds();
    s.device_id = device.into();
    client.account_me(&s).await.expect("me");
    let other = creds();
    client.account_me(&other).await.expect("me");

    let reqs = stub.requests();
    assert_eq!(
        reqs[0].header("cookie"),
        Some(format!("f-d={device}").as_str())
    );
    assert_eq!(
        reqs[1].header("cookie"),
        Some(format!("f-d={device}; f-s-c=c2Vzc2lvbg==").as_str())
    );
    assert_eq!(
        reqs[2].header("cookie"),
        Some(format!("f-d={}", other.device_id).as_str()),
        "another account has its own jar"
    );
    // The socket gets the same jar and the same browser.
    assert_eq!(
        client.cookie_header(device),
        format!("f-d={device}; f-s-c=c2Vzc2lvbg==")
    );
    let ua = client.user_agent_for(device);
    assert_eq!(reqs[0].header("user-agent"), Some(ua));
    assert_eq!(reqs[1].header("user-agent"), Some(ua));
    assert_eq!(
        reqs[2].header("user-agent"),
        Some(client.user_agent_for(&other.device_id))
    );
}
