//! Keys and tenancy on `/mcp`: a missing or bad key is a 401 before any MCP processing, another
//! key's account is a tool error (never its data), and bad arguments are errors that name the
//! argument and the rule.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{client, object, ok, tool_error, try_client};
use crate::common::TestApp;
use fansly_sim::TwofaMode;

fn initialize() -> Value {
    json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "raw", "version": "0"}
        }
    })
}

#[tokio::test]
async fn a_missing_or_bad_key_is_a_401_before_mcp() {
    let app = TestApp::spawn().await;
    let url = format!("{}/mcp", app.root);
    let post = |key: Option<(&'static str, String)>| {
        let mut req = app
            .http
            .post(&url)
            .header("accept", "application/json, text/event-stream")
            .json(&initialize());
        if let Some((h, v)) = key {
            req = req.header(h, v);
        }
        req.send()
    };
    for (key, message) in [
        (None, "Missing API key"),
        (
            Some(("authorization", "Bearer fgw_not_a_key".to_owned())),
            "Invalid API key",
        ),
        (
            Some(("x-api-key", "fgw_not_a_key".to_owned())),
            "Invalid API key",
        ),
        (
            Some(("authorization", "Basic abc".to_owned())),
            "Missing API key",
        ),
    ] {
        let res = post(key).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
        let body: Value = res.json().await.unwrap();
        crate::common::assert_envelope(StatusCode::UNAUTHORIZED, &body);
        assert_eq!(body["message"], message);
        assert!(body.get("jsonrpc").is_none(), "no MCP answer: {body}");
    }
    // A good key, as a bearer or as x-api-key, reaches MCP.
    for (h, v) in [
        ("authorization", format!("Bearer {}", app.key_a)),
        ("x-api-key", app.key_a.clone()),
    ] {
        let res = post(Some((h, v))).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let text = res.text().await.unwrap();
        assert!(
            text.contains("\"jsonrpc\"") && text.contains("fansly-gateway"),
            "{text}"
        );
    }
    // The rmcp client cannot initialize with a bad key.
    assert!(try_client(&app, "fgw_not_a_key").await.is_err());
    // And no request-log row or credit was spent on the refused requests.
    let (_, usage) = app.get("/usage", &app.key_a).await;
    // (`/usage` may count itself.)
    assert!(usage["data"]["requests"].as_u64().unwrap() <= 1, "{usage}");
}

#[tokio::test]
async fn another_keys_account_is_a_tool_error_not_data() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    let fan = crate::messaging_support::new_fan(&app, "fan_one");
    let chat = app.sim.dm_group(&creator.id, &fan);
    let b = client(&app, &app.key_b).await;

    assert_eq!(ok(&b, "list_accounts", json!({})).await["count"], 0);
    for (tool, args) in [
        ("get_profile", json!({"account": acct})),
        ("list_chats", json!({"account": acct})),
        ("read_messages", json!({"account": acct, "chat_id": chat})),
        ("list_subscribers", json!({"account": acct})),
        ("earnings_summary", json!({"account": acct})),
        (
            "send_message",
            json!({"account": acct, "chat_id": chat, "text": "hi"}),
        ),
        ("create_post", json!({"account": acct, "text": "hi"})),
        ("mark_chat_read", json!({"account": acct})),
    ] {
        let (status, message) = tool_error(&b, tool, args).await;
        assert_eq!(status, 403, "{tool}: {message}");
        assert!(!message.contains("mia"), "{tool} leaks: {message}");
    }
    // By username, another key's account is simply not there.
    let (status, message) = tool_error(&b, "get_profile", json!({"account": "mia"})).await;
    assert_eq!(status, 400);
    assert!(
        message.contains("no account connected under this API key"),
        "{message}"
    );
    // The simulator saw no send.
    assert!(
        app.sim
            .requests()
            .iter()
            .all(|r| r.path != "/api/v1/message" || r.method != "POST")
    );
    // An unknown gateway id is the REST 404.
    let (status, _) = tool_error(
        &b,
        "get_profile",
        json!({"account": "fansly_doesnotexist0000000000"}),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn bad_arguments_are_errors_naming_the_argument() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    let c = client(&app, &app.key_a).await;
    let cases = [
        (
            "read_messages",
            json!({"account": acct, "chat_id": "abc"}),
            "chat_id must be a Fansly id",
        ),
        (
            "read_messages",
            json!({"account": acct, "chat_id": "1", "limit": 50}),
            "limit must be from 1 to 10",
        ),
        (
            "send_message",
            json!({"account": acct, "chat_id": "1", "text": "x", "price_usd": 0.5}),
            "price_usd must be from 1 to 500",
        ),
        (
            "send_message",
            json!({"account": acct, "chat_id": "1", "media_ids": ["x1"]}),
            "media_ids[] must be a Fansly id",
        ),
        (
            "like_message",
            json!({"account": acct, "message_id": "1", "reaction": 9}),
            "reaction must be from 1 to 7",
        ),
        (
            "list_subscribers",
            json!({"account": acct, "limit": 0}),
            "limit must be from 1 to 100",
        ),
        (
            "get_fan",
            json!({"account": acct, "fan": "a/b"}),
            "fan must be a Fansly account id",
        ),
        ("get_profile", json!({"account": " "}), "account must be"),
        (
            "list_chats",
            json!({"account": acct, "cursor": "abc"}),
            "cursor must be",
        ),
        (
            "send_message",
            json!({"account": acct, "chat_id": "1"}),
            "content",
        ),
    ];
    for (tool, args, needle) in cases {
        let (status, message) = tool_error(&c, tool, args.clone()).await;
        assert_eq!(status, 400, "{tool} {args}: {message}");
        assert!(message.contains(needle), "{tool} {args}: {message}");
    }
    // Wrong types, unknown and missing arguments are refused before the tool runs (the SDK's
    // deserialization), as a tool error naming the value or field.
    for (tool, args, needle) in [
        (
            "list_chats",
            json!({"account": acct, "filter": "starred"}),
            "unknown variant `starred`",
        ),
        (
            "list_chats",
            json!({"account": acct, "bogus": 1}),
            "unknown field `bogus`",
        ),
        (
            "read_messages",
            json!({"account": acct}),
            "missing field `chat_id`",
        ),
        (
            "read_messages",
            json!({"account": acct, "chat_id": true}),
            "expected a Fansly id",
        ),
    ] {
        let r = c
            .call_tool(
                rmcp::model::CallToolRequestParams::new(tool).with_arguments(object(args.clone())),
            )
            .await
            .unwrap_or_else(|e| panic!("{tool} {args}: protocol error {e}"));
        assert_eq!(r.is_error, Some(true), "{tool} {args}: {r:?}");
        let text = r.content[0]
            .as_text()
            .map(|t| t.text.clone())
            .unwrap_or_default();
        assert!(text.contains(needle), "{tool} {args}: {text}");
    }
    // None of these reached Fansly's send route.
    assert!(
        app.sim
            .requests()
            .iter()
            .all(|r| !(r.method == "POST" && r.path == "/api/v1/message"))
    );
}

/// A tool's REST calls are limited like any REST call of the key, and the `/mcp` requests
/// themselves (initialize, tools/list, the tools/call envelope) count nothing.
#[tokio::test]
async fn tool_calls_share_the_keys_rate_limit_without_double_counting() {
    use std::sync::Arc;
    use std::time::Duration;

    use fansly_gateway::limits::{LimitSettings, Plan, PlanCatalog};

    let plan = Plan {
        name: "tiny".to_owned(),
        rpm: Some(3),
        credits: None,
    };
    let mut opts = crate::common::Options::default();
    opts.settings.limits = LimitSettings {
        plans: PlanCatalog::default().with(plan.clone()),
        default_plan: Arc::new(plan),
        credits: false,
        flush_every: Duration::from_millis(50),
    };
    let app = TestApp::spawn_with(opts).await;
    let c = client(&app, &app.key_a).await;
    assert_eq!(c.list_all_tools().await.unwrap().len(), 15);
    for _ in 0..3 {
        ok(&c, "list_accounts", json!({})).await;
    }
    let (status, message) = tool_error(&c, "list_accounts", json!({})).await;
    assert_eq!(status, 429, "{message}");
    assert!(message.contains("Rate limit exceeded"), "{message}");
    // The same window as REST: the key's next REST call is refused too.
    let (s, _, _) = app
        .send(reqwest::Method::GET, "/accounts", Some(&app.key_a), None)
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    // Another key is not affected.
    let b = client(&app, &app.key_b).await;
    ok(&b, "list_accounts", json!({})).await;
}
