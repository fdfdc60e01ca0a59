//! The MCP server handler: its tools (the `tools/` files, one router per resource family),
//! resources (`resources.rs`) and prompts (`prompts.rs`).

use axum::Router;
use axum::http::request::Parts;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{
    GetPromptRequestParams, GetPromptResponse, Implementation, ListPromptsResult,
    ListResourcesResult, PaginatedRequestParams, ReadResourceRequestParams, ReadResourceResponse,
    ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler, tool_handler};

use super::rest::Rest;
use crate::state::AppState;

const INSTRUCTIONS: &str = "Tools for the Fansly creator accounts connected to this \
fansly-gateway under your API key. Start with list_accounts; every other tool takes `account` \
(the account id or the username). Lists take and return `cursor`. Prices are in US dollars.";

/// One MCP server instance (rmcp makes one per HTTP request: the transport is stateless).
#[derive(Clone)]
pub struct Gateway {
    pub(super) app: AppState,
    /// The REST router the tools call in process.
    pub(super) rest: Router,
    tool_router: ToolRouter<Gateway>,
}

impl Gateway {
    pub fn new(app: AppState, rest: Router) -> Self {
        Self {
            app,
            rest,
            tool_router: Self::account_tools()
                + Self::messaging_tools()
                + Self::audience_tools()
                + Self::content_tools(),
        }
    }

    /// The REST API for this request's caller, the calls logged under `tool`.
    pub(super) fn rest(&self, parts: &Parts, tool: &'static str) -> Result<Rest, McpError> {
        Rest::new(self.rest.clone(), parts, tool)
    }
}

/// The HTTP request's parts, which rmcp puts in every request context.
pub(super) fn parts(ctx: &RequestContext<RoleServer>) -> Result<&Parts, McpError> {
    ctx.extensions
        .get::<Parts>()
        .ok_or_else(|| McpError::internal_error("the MCP request carries no HTTP request", None))
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Gateway {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(
            Implementation::new("fansly-gateway", env!("CARGO_PKG_VERSION"))
                .with_title("Fansly gateway"),
        )
        .with_instructions(INSTRUCTIONS)
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let rest = self.rest(parts(&ctx)?, "resources/list")?;
        super::resources::list(&rest).await
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        ctx: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let parts = parts(&ctx)?;
        let rest = self.rest(parts, "resources/read")?;
        super::resources::read(self, &rest, parts, &request.uri)
            .await
            .map(Into::into)
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        Ok(ListPromptsResult::with_all_items(super::prompts::list()))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        super::prompts::get(&request).map(Into::into)
    }
}
