//! `fansly-gateway mcp`: the MCP server on stdin/stdout, for desktop clients that launch a
//! command. It is a relay: an rmcp client connects to a running gateway's `/mcp` over HTTP(S)
//! with the API key (`Authorization: Bearer`), and every tools / resources / prompts request
//! from stdin is passed to it, so the tools, tenancy, limits and request log are the gateway's.
//! A refused key ends the command with an error before it reads stdin.

use anyhow::Context as _;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, GetPromptRequestParams, GetPromptResponse,
    Implementation, ListPromptsResult, ListResourcesResult, ListToolsResult,
    PaginatedRequestParams, ReadResourceRequestParams, ReadResourceResponse, ServerCapabilities,
    ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{ErrorData as McpError, Peer, RoleClient, RoleServer, ServerHandler, ServiceExt as _};
use secrecy::{ExposeSecret, SecretString};

/// The gateway's `/mcp` endpoint under `base` (`http://127.0.0.1:8080` or with a path prefix).
pub fn endpoint(base: &url::Url) -> String {
    format!("{}{}", base.as_str().trim_end_matches('/'), super::PATH)
}

/// Relays stdin/stdout MCP to the gateway at `base` until stdin closes.
pub async fn run(base: &url::Url, key: &SecretString) -> anyhow::Result<()> {
    // reqwest 0.13 (rmcp's HTTP client) is built without a TLS provider of its own: it uses
    // the process default, ring, the provider the gateway's own TLS already uses.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let url = endpoint(base);
    let transport = StreamableHttpClientTransport::from_config(
        StreamableHttpClientTransportConfig::with_uri(url.clone())
            .auth_header(key.expose_secret().to_owned()),
    );
    let upstream = ().serve(transport).await.with_context(|| {
        format!("connecting to {url} (is the gateway running there, and is the API key active?)")
    })?;
    let info = upstream.peer().peer_info();
    let relay = Relay {
        upstream: upstream.peer().clone(),
        capabilities: info
            .as_ref()
            .map(|i| i.capabilities.clone())
            .unwrap_or_else(|| {
                ServerCapabilities::builder()
                    .enable_tools()
                    .enable_resources()
                    .enable_prompts()
                    .build()
            }),
        instructions: info.as_ref().and_then(|i| i.instructions.clone()),
    };
    tracing::info!(%url, "relaying MCP on stdin/stdout to the gateway");
    let server = relay
        .serve(rmcp::transport::stdio())
        .await
        .context("starting the MCP server on stdin/stdout")?;
    let ended = server.waiting().await;
    let _ = upstream.cancel().await;
    ended.context("serving MCP on stdin/stdout")?;
    Ok(())
}

/// The stdio side: each request goes to the gateway unchanged, its answer comes back.
struct Relay {
    upstream: Peer<RoleClient>,
    capabilities: ServerCapabilities,
    instructions: Option<String>,
}

fn relayed(e: rmcp::ServiceError) -> McpError {
    match e {
        rmcp::ServiceError::McpError(e) => e,
        other => McpError::internal_error(format!("the gateway did not answer: {other}"), None),
    }
}

impl ServerHandler for Relay {
    fn get_info(&self) -> ServerConfig {
        let mut info = ServerConfig::new(self.capabilities.clone()).with_server_info(
            Implementation::new("fansly-gateway", env!("CARGO_PKG_VERSION"))
                .with_title("Fansly gateway (stdio relay)"),
        );
        if let Some(i) = &self.instructions {
            info = info.with_instructions(i.clone());
        }
        info
    }

    async fn list_tools(
        &self,
        request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        self.upstream.list_tools(request).await.map_err(relayed)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        self.upstream.call_tool_once(request).await.map_err(relayed)
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        self.upstream.list_resources(request).await.map_err(relayed)
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        self.upstream
            .read_resource_once(request)
            .await
            .map_err(relayed)
    }

    async fn list_prompts(
        &self,
        request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        self.upstream.list_prompts(request).await.map_err(relayed)
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        self.upstream
            .get_prompt_once(request)
            .await
            .map_err(relayed)
    }
}
