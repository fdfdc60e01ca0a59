//! The MCP server (issue 15), spoken to with the official rmcp client: over Streamable HTTP
//! against `/mcp` of a running gateway and simulator (`tools.rs`: every tool against the
//! simulator's world and the REST answers; `access.rs`: keys, tenancy, argument errors;
//! `resources.rs`: resources and prompts), and over stdio through the `mcp` subcommand of the
//! built binary (`stdio.rs`).

mod access;
mod resources;
mod stdio;
mod tools;
mod writes;

use rmcp::model::{CallToolRequestParams, CallToolResult, JsonObject};
use rmcp::service::RunningService;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{RoleClient, ServiceExt as _};
use serde_json::Value;

use crate::common::TestApp;

pub type Client = RunningService<RoleClient, ()>;

/// An MCP client connected (initialized) to the gateway's `/mcp` with `key` as the bearer.
pub async fn client(app: &TestApp, key: &str) -> Client {
    try_client(app, key).await.expect("MCP initialize")
}

pub async fn try_client(
    app: &TestApp,
    key: &str,
) -> Result<Client, rmcp::service::ClientInitializeError> {
    // rmcp's reqwest has no TLS provider of its own (as in `fansly-gateway mcp`).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let transport = StreamableHttpClientTransport::from_config(
        StreamableHttpClientTransportConfig::with_uri(format!("{}/mcp", app.root))
            .auth_header(key.to_owned()),
    );
    ().serve(transport).await
}

pub fn object(v: Value) -> JsonObject {
    match v {
        Value::Object(o) => o,
        other => panic!("arguments must be an object: {other}"),
    }
}

/// Calls `tool` and returns its result (a tool error too); a protocol error panics.
pub async fn call(c: &Client, tool: &'static str, args: Value) -> CallToolResult {
    c.call_tool(CallToolRequestParams::new(tool).with_arguments(object(args)))
        .await
        .unwrap_or_else(|e| panic!("{tool}: protocol error {e}"))
}

/// Calls `tool`, asserts it succeeded with a text summary, and returns its structured content.
pub async fn ok(c: &Client, tool: &'static str, args: Value) -> Value {
    let r = call(c, tool, args).await;
    assert_ne!(r.is_error, Some(true), "{tool} failed: {r:?}");
    let summary = r.content[0]
        .as_text()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        !summary.is_empty() && summary.len() < 400,
        "{tool} summary: {summary}"
    );
    r.structured_content
        .unwrap_or_else(|| panic!("{tool}: no structured content"))
}

/// Calls `tool`, asserts it answered a tool error, and returns `(status, message)`.
pub async fn tool_error(c: &Client, tool: &'static str, args: Value) -> (u64, String) {
    let r = call(c, tool, args).await;
    assert_eq!(r.is_error, Some(true), "{tool} should fail: {r:?}");
    let e = &r.structured_content.expect("structured error")["error"];
    (
        e["status"].as_u64().unwrap(),
        e["message"].as_str().unwrap().to_owned(),
    )
}
