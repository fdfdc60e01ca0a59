//! `fansly-gateway mcp`: the built binary, launched like a desktop client does, speaks MCP on
//! its stdin/stdout and relays to the test gateway over HTTP.

use std::process::Stdio;
use std::time::Duration;

use fansly_sim::TwofaMode;
use rmcp::ServiceExt as _;
use serde_json::json;

use super::{call, ok};
use crate::common::TestApp;

const BIN: &str = env!("CARGO_BIN_EXE_fansly-gateway");

fn command(app: &TestApp, key: &str) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.args(["mcp", "--url", &app.root])
        .env("FANSLY_GATEWAY_API_KEY", key)
        .env("FANSLY_GATEWAY_LOG", "warn")
        .env_remove("FANSLY_GATEWAY_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    cmd
}

#[tokio::test]
async fn the_stdio_subcommand_relays_to_the_gateway() {
    let app = TestApp::spawn().await;
    app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;

    let mut child = command(&app, &app.key_a).spawn().expect("spawn");
    let stdout = child.stdout.take().unwrap();
    let stdin = child.stdin.take().unwrap();
    let c = tokio::time::timeout(Duration::from_secs(20), ().serve((stdout, stdin)))
        .await
        .expect("initialize in time")
        .expect("initialize over stdio");
    let tools = c.list_all_tools().await.expect("tools/list");
    assert_eq!(tools.len(), 15);
    let v = ok(&c, "list_accounts", json!({})).await;
    assert_eq!(v["accounts"][0]["accountId"], acct.as_str());
    let v = ok(&c, "get_profile", json!({"account": "mia"})).await;
    assert_eq!(v["account"], acct.as_str());
    // Tenancy is the gateway's: this key has no `fansly_x…` account.
    let r = call(
        &c,
        "get_profile",
        json!({"account": "fansly_doesnotexist0000000000"}),
    )
    .await;
    assert_eq!(r.is_error, Some(true));
    let prompts = c.list_prompts(None).await.expect("prompts").prompts;
    assert_eq!(prompts.len(), 2);
    c.cancel().await.expect("close stdio");
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits when stdin closes")
        .unwrap();
    assert!(status.success(), "{status}");
}

#[tokio::test]
async fn the_stdio_subcommand_refuses_a_bad_key() {
    let app = TestApp::spawn().await;
    let child = command(&app, "fgw_not_a_key").spawn().expect("spawn");
    let out = tokio::time::timeout(Duration::from_secs(20), child.wait_with_output())
        .await
        .expect("exits")
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error:") && stderr.contains("/mcp"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("fgw_not_a_key"),
        "the key is never printed: {stderr}"
    );
    assert!(out.stdout.is_empty());
}
