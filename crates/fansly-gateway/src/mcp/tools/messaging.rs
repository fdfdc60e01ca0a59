//! Messaging tools: `list_chats` (H1 / H2), `read_messages` (M1), `send_message` (M3, with
//! `Idempotency-Key`), `like_message` (L1) and `mark_chat_read` (AL13).

use axum::http::request::Parts;
use rmcp::handler::server::tool::Extension;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{ErrorData as McpError, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::mcp::args;
use crate::mcp::output::{Done, Fail, count, finish, more, next_cursor, payload};
use crate::mcp::server::Gateway;

#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChatFilter {
    /// Every chat, newest activity first (25 per page).
    #[default]
    All,
    /// One row per unread message, newest first.
    Unread,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListChatsArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// `all` (default) or `unread`.
    pub filter: Option<ChatFilter>,
    /// The `nextCursor` of the previous page; absent for the first page.
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadMessagesArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The chat (Fansly group id, from list_chats).
    #[serde(deserialize_with = "crate::mcp::args::lenient::id")]
    pub chat_id: String,
    /// The `nextCursor` of the previous page (older messages); absent for the newest.
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub cursor: Option<String>,
    /// Messages per page, 1 to 10 (default 10).
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SendMessageArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The chat (Fansly group id, from list_chats).
    #[serde(deserialize_with = "crate::mcp::args::lenient::id")]
    pub chat_id: String,
    /// The message text (at most 10 000 characters); may be empty when media is attached.
    pub text: Option<String>,
    /// Vault media ids to attach (from list_vault_media), at most 50.
    pub media_ids: Option<Vec<String>>,
    /// Pay-per-view price in US dollars (1 to 500); needs media. Absent = free.
    pub price_usd: Option<f64>,
    /// Any unique string (1–255 visible ASCII characters). Sending again with the same key and
    /// the same arguments within 24 hours does not send twice: the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LikeMessageArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The message to like (from read_messages).
    #[serde(deserialize_with = "crate::mcp::args::lenient::id")]
    pub message_id: String,
    /// The reaction, 1 (❤️, default) to 7 (👎).
    pub reaction: Option<u8>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkChatReadArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The chat to mark read; absent = every chat of the account.
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub chat_id: Option<String>,
}

#[tool_router(router = messaging_tools, vis = "pub(crate)")]
impl Gateway {
    #[tool(
        description = "List an account's chats: `all` (with partner, unread count and last \
                       message id; 25 per page) or `unread` (one row per unread message). Pass \
                       the returned nextCursor to get the next page.",
        annotations(
            title = "List chats",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn list_chats(
        &self,
        Parameters(a): Parameters<ListChatsArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "list_chats")?;
        finish(
            async {
                let account = args::account(&rest, &a.account).await?;
                let filter = a.filter.unwrap_or_default();
                let path = match filter {
                    ChatFilter::All => format!("/{account}/chats"),
                    ChatFilter::Unread => format!("/{account}/chats/unread"),
                };
                let data = rest.get(&path, &args::page(a.cursor.as_deref(), None)).await?;
                let chats = payload(&data);
                let cursor = next_cursor(&data);
                let n = count(chats, "/data");
                let summary = match filter {
                    ChatFilter::All => format!("{n} chats on this page.{}", more(&cursor)),
                    ChatFilter::Unread => {
                        format!("{n} unread messages on this page.{}", more(&cursor))
                    }
                };
                Ok(Done::new(
                    summary,
                    json!({
                        "account": account,
                        "filter": match filter { ChatFilter::All => "all", ChatFilter::Unread => "unread" },
                        "nextCursor": cursor,
                        "chats": chats["data"],
                        "accounts": chats.pointer("/aggregationData/accounts"),
                    }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "Read a chat's messages, newest first (up to 10 per page; nextCursor \
                       pages to older ones), with their attachments and tips.",
        annotations(
            title = "Read messages",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn read_messages(
        &self,
        Parameters(a): Parameters<ReadMessagesArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "read_messages")?;
        finish(
            async {
                let chat = args::native_id("chat_id", &a.chat_id)?.to_owned();
                let limit = args::limit(a.limit, 10, 10)?;
                let account = args::account(&rest, &a.account).await?;
                let data = rest
                    .get(
                        &format!("/{account}/chats/{chat}/messages"),
                        &args::page(a.cursor.as_deref(), Some(limit)),
                    )
                    .await?;
                let r = payload(&data);
                let cursor = next_cursor(&data);
                let n = count(r, "/messages");
                Ok(Done::new(
                    format!(
                        "{n} messages of chat {chat}, newest first.{}",
                        more(&cursor)
                    ),
                    json!({
                        "account": account,
                        "chatId": chat,
                        "nextCursor": cursor,
                        "messages": r["messages"],
                        "accountMedia": r["accountMedia"],
                        "tips": r["tips"],
                    }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "Send a message in a chat: text, vault media, or pay-per-view media with a \
                       price in US dollars. Pass an idempotency_key so that a retry never sends \
                       twice.",
        annotations(
            title = "Send message",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = true
        )
    )]
    async fn send_message(
        &self,
        Parameters(a): Parameters<SendMessageArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "send_message")?;
        finish(
            async {
                let chat = args::native_id("chat_id", &a.chat_id)?.to_owned();
                let body =
                    args::media_body(a.text.as_deref(), a.media_ids.as_deref(), a.price_usd)?;
                let account = args::account(&rest, &a.account).await?;
                let data = rest
                    .post(
                        &format!("/{account}/chats/{chat}/messages"),
                        &body,
                        a.idempotency_key.as_deref(),
                    )
                    .await?;
                let message = payload(&data).clone();
                Ok(Done::new(
                    format!(
                        "Sent message {} in chat {chat}.",
                        message["id"].as_str().unwrap_or("?")
                    ),
                    json!({"account": account, "chatId": chat, "message": message}),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "Like (react to) a message. Liking an already liked message changes \
                       nothing.",
        annotations(
            title = "Like message",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn like_message(
        &self,
        Parameters(a): Parameters<LikeMessageArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "like_message")?;
        finish(
            async {
                let message = args::native_id("message_id", &a.message_id)?.to_owned();
                let reaction = a.reaction.unwrap_or(1);
                if !(1..=7).contains(&reaction) {
                    return Err(Fail::Invalid(format!(
                        "reaction must be from 1 to 7, got {reaction}"
                    )));
                }
                let account = args::account(&rest, &a.account).await?;
                let data = rest
                    .post(
                        &format!("/{account}/messages/like"),
                        &json!({"messageId": message, "type": reaction}),
                        None,
                    )
                    .await?;
                Ok(Done::new(
                    format!("Liked message {message}."),
                    json!({"account": account, "messageId": message, "like": payload(&data)}),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "Mark a chat's messages as read (or every chat's, without chat_id).",
        annotations(
            title = "Mark chat read",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn mark_chat_read(
        &self,
        Parameters(a): Parameters<MarkChatReadArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "mark_chat_read")?;
        finish(
            async {
                let chat = a
                    .chat_id
                    .as_deref()
                    .map(|c| args::native_id("chat_id", c).map(str::to_owned))
                    .transpose()?;
                let account = args::account(&rest, &a.account).await?;
                let body = match &chat {
                    Some(c) => json!({"chatId": c}),
                    None => json!({}),
                };
                let data = rest
                    .post(&format!("/{account}/chats/mark-as-read"), &body, None)
                    .await?;
                let summary = match &chat {
                    Some(c) => format!("Marked chat {c} as read."),
                    None => "Marked every chat as read.".to_owned(),
                };
                Ok(Done::new(
                    summary,
                    json!({"account": account, "chatId": chat, "result": payload(&data)}),
                ))
            }
            .await,
        )
    }
}
