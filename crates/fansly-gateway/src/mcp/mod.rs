//! The MCP server (issue 15): the gateway as tools, resources and prompts for AI agents, on
//! the official Rust SDK `rmcp`. Details and the tool reference: docs/MCP.md.
//!
//! - `/mcp` is the Streamable HTTP endpoint ([`router`]): [`require_key`] answers a missing or
//!   unknown key (`Authorization: Bearer <key>` or `x-api-key`) with the REST 401 envelope
//!   before any MCP processing, then rmcp's `StreamableHttpService` runs [`server::Gateway`]
//!   statelessly (no MCP session is kept between HTTP requests, so every request is
//!   authenticated on its own).
//! - Every tool calls the REST route behind it *in process* ([`rest::Rest`]): the request goes
//!   through the gateway's own router (`tower::ServiceExt::oneshot`) with the caller's key, so
//!   validation, tenancy, `Idempotency-Key`, rate limits, credits and the request log are the
//!   REST ones, and no Fansly call is implemented twice. The inner request carries
//!   [`McpTool`], which the request log records as the row's `tool`. The outer `/mcp` request
//!   is outside `/api/fansly`, so it is neither limited, charged nor logged itself.
//! - `fansly-gateway mcp` ([`stdio`]) serves the same tools on stdin/stdout for desktop
//!   clients, by relaying to a running gateway's `/mcp` over HTTP.

mod args;
mod auth;
mod output;
mod prompts;
mod resources;
mod rest;
mod server;
pub mod stdio;
mod tools;

use std::sync::Arc;

use axum::Router;
use axum::middleware::from_fn_with_state;
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

pub use auth::{Caller, require_key};

use crate::state::AppState;

/// Where the Streamable HTTP endpoint is mounted.
pub const PATH: &str = "/mcp";

/// Request extension of an in-process REST call made for an MCP tool: its name goes to the
/// request log (`tool`). Only the MCP server sets it; it cannot come from a client's request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct McpTool(pub &'static str);

/// `/mcp`: the key check, then rmcp's Streamable HTTP service. `rest` is the gateway's REST
/// router (every layer included, `/mcp` excluded), which the tools call in process.
pub fn router(state: &AppState, rest: Router) -> Router<AppState> {
    let app = state.clone();
    // The key is the authentication, so the SDK's DNS-rebinding guard (a loopback-only `Host`
    // allowlist, meant for unauthenticated local servers) would only lock out real deployments.
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .disable_allowed_hosts();
    let service = StreamableHttpService::new(
        move || Ok(server::Gateway::new(app.clone(), rest.clone())),
        Arc::new(NeverSessionManager::default()),
        config,
    );
    Router::new()
        .route_service(PATH, service)
        .route_layer(from_fn_with_state(state.clone(), require_key))
}
