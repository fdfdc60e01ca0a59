//! Content tools: `list_posts` (P1), `list_vault_media` (V1 + V2) and `create_post` (P2, with
//! `Idempotency-Key`).

use axum::http::request::Parts;
use rmcp::handler::server::tool::Extension;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{ErrorData as McpError, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::mcp::args;
use crate::mcp::output::{Done, Fail, count, finish, more, next_cursor, payload};
use crate::mcp::server::Gateway;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListPostsArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The `nextCursor` of the previous page (older posts); absent for the newest.
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub cursor: Option<String>,
    /// Posts per page, 1 to 15 (default 15).
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListVaultMediaArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The vault album; absent = the first album (Fansly's album of all media).
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub album_id: Option<String>,
    /// The `nextCursor` of the previous page; absent for the first page.
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub cursor: Option<String>,
    /// Media per page, 1 to 100 (default 50).
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePostArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The post text (at most 10 000 characters); may be empty when media is attached.
    pub text: Option<String>,
    /// Vault media ids to attach (from list_vault_media), at most 50.
    pub media_ids: Option<Vec<String>>,
    /// Pay-per-view price in US dollars (1 to 500); needs media. Absent = free.
    pub price_usd: Option<f64>,
    /// Any unique string (1–255 visible ASCII characters). Posting again with the same key and
    /// the same arguments within 24 hours does not post twice: the first result comes back.
    pub idempotency_key: Option<String>,
}

#[tool_router(router = content_tools, vis = "pub(crate)")]
impl Gateway {
    #[tool(
        description = "List an account's posts, newest first (up to 15 per page; nextCursor \
                       pages to older ones), with their attachments.",
        annotations(
            title = "List posts",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn list_posts(
        &self,
        Parameters(a): Parameters<ListPostsArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "list_posts")?;
        finish(
            async {
                let limit = args::limit(a.limit, 15, 15)?;
                let account = args::account(&rest, &a.account).await?;
                let data = rest
                    .get(
                        &format!("/{account}/posts"),
                        &args::page(a.cursor.as_deref(), Some(limit)),
                    )
                    .await?;
                let r = payload(&data);
                let cursor = next_cursor(&data);
                Ok(Done::new(
                    format!(
                        "{} posts, newest first.{}",
                        count(r, "/posts"),
                        more(&cursor)
                    ),
                    json!({
                        "account": account,
                        "nextCursor": cursor,
                        "posts": r["posts"],
                        "accountMedia": r["accountMedia"],
                    }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "List the media in an account's vault (one album, by default the album of \
                       all media): media ids to attach to messages and posts, types and file \
                       names; also names the vault's albums.",
        annotations(
            title = "List vault media",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn list_vault_media(
        &self,
        Parameters(a): Parameters<ListVaultMediaArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "list_vault_media")?;
        finish(
            async {
                let limit = args::limit(a.limit, 50, 100)?;
                let chosen = a
                    .album_id
                    .as_deref()
                    .map(|id| args::native_id("album_id", id).map(str::to_owned))
                    .transpose()?;
                let account = args::account(&rest, &a.account).await?;
                let albums_data = rest.get(&format!("/{account}/vault/albums"), &[]).await?;
                let albums: Vec<Value> = payload(&albums_data)["albums"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|al| {
                        json!({
                            "id": al["id"],
                            "title": al["title"],
                            "itemCount": al["itemCount"],
                        })
                    })
                    .collect();
                let album = match chosen {
                    Some(id) => id,
                    None => albums
                        .first()
                        .and_then(|al| al["id"].as_str())
                        .map(str::to_owned)
                        .ok_or_else(|| Fail::Invalid("this account's vault has no album".into()))?,
                };
                let data = rest
                    .get(
                        &format!("/{account}/vault/albums/{album}/media"),
                        &args::page(a.cursor.as_deref(), Some(limit)),
                    )
                    .await?;
                let r = payload(&data);
                let cursor = next_cursor(&data);
                let media: Vec<Value> = r["media"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|m| {
                        json!({
                            "mediaId": m["mediaId"],
                            "mediaType": m["mediaType"],
                            "mimetype": m.pointer("/media/mimetype"),
                            "filename": m["customFilename"],
                            "createdAt": m.pointer("/media/createdAt"),
                        })
                    })
                    .collect();
                Ok(Done::new(
                    format!(
                        "{} media of album {album} on this page ({} albums in the vault).{}",
                        media.len(),
                        albums.len(),
                        more(&cursor)
                    ),
                    json!({
                        "account": account,
                        "albumId": album,
                        "albums": albums,
                        "nextCursor": cursor,
                        "media": media,
                    }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "Publish a post on an account's wall: text, vault media, or pay-per-view \
                       media with a price in US dollars. Pass an idempotency_key so that a \
                       retry never posts twice.",
        annotations(
            title = "Create post",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = true
        )
    )]
    async fn create_post(
        &self,
        Parameters(a): Parameters<CreatePostArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "create_post")?;
        finish(
            async {
                let body =
                    args::media_body(a.text.as_deref(), a.media_ids.as_deref(), a.price_usd)?;
                let account = args::account(&rest, &a.account).await?;
                let data = rest
                    .post(
                        &format!("/{account}/posts"),
                        &body,
                        a.idempotency_key.as_deref(),
                    )
                    .await?;
                let post = payload(&data).clone();
                Ok(Done::new(
                    format!("Published post {}.", post["id"].as_str().unwrap_or("?")),
                    json!({"account": account, "post": post}),
                ))
            }
            .await,
        )
    }
}
