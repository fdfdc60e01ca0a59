//! Audience tools: `get_fan` (A3 or A2 for the profile, S1 for the subscription, E3 for the
//! spend), `list_subscribers` (S1, usernames joined through A2) and `list_followers` (F1).

use std::collections::HashMap;

use axum::http::request::Parts;
use rmcp::handler::server::tool::Extension;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{ErrorData as McpError, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::dollars;
use crate::mcp::args;
use crate::mcp::output::{Done, Fail, count, finish, more, next_cursor, payload};
use crate::mcp::rest::Rest;
use crate::mcp::server::Gateway;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetFanArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The fan: a Fansly account id (digits) or a username.
    #[serde(deserialize_with = "crate::mcp::args::lenient::id")]
    pub fan: String,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SubscriberStatus {
    /// Current subscribers (default).
    #[default]
    Active,
    /// Subscriptions that ended.
    Expired,
    /// Both.
    All,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListSubscribersArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// `active` (default), `expired` or `all`.
    pub status: Option<SubscriberStatus>,
    /// The `nextCursor` of the previous page; absent for the first page.
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub cursor: Option<String>,
    /// Subscribers per page, 1 to 100 (default 50).
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListFollowersArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The `nextCursor` of the previous page; absent for the first page.
    #[serde(default, deserialize_with = "crate::mcp::args::lenient::opt_id")]
    pub cursor: Option<String>,
    /// Followers per page, 1 to 100 (default 50).
    pub limit: Option<u32>,
}

/// A Fansly username argument: 1–64 letters, digits, `_`, `-` or `.` (a leading `@` is
/// ignored).
fn username(v: &str) -> Result<&str, Fail> {
    let u = v.trim().trim_start_matches('@');
    if u.is_empty()
        || u.len() > 64
        || !u
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    {
        return Err(Fail::Invalid(format!(
            "fan must be a Fansly account id (digits) or a username (letters, digits, _ - .), got `{v}`"
        )));
    }
    Ok(u)
}

/// `id → username` of these Fansly accounts (A2; nothing for an empty list).
async fn usernames(rest: &Rest, ids: &[&str]) -> Result<HashMap<String, Value>, Fail> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let data = rest
        .get("/accounts/by-ids", &[("ids", ids.join(","))])
        .await?;
    Ok(payload(&data)
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| Some((a["id"].as_str()?.to_owned(), a["username"].clone())))
        .collect())
}

fn status_name(s: SubscriberStatus) -> &'static str {
    match s {
        SubscriberStatus::Active => "active",
        SubscriberStatus::Expired => "expired",
        SubscriberStatus::All => "all",
    }
}

#[tool_router(router = audience_tools, vis = "pub(crate)")]
impl Gateway {
    #[tool(
        description = "Everything about one fan of an account: their Fansly profile, their \
                       subscription to this account (tier, status, price, renewal), and what \
                       they spent with this account (US dollars, by type).",
        annotations(
            title = "Get fan",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn get_fan(
        &self,
        Parameters(a): Parameters<GetFanArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "get_fan")?;
        finish(
            async {
                let by_id = a.fan.trim().bytes().all(|b| b.is_ascii_digit());
                let fan_arg = if by_id {
                    args::native_id("fan", &a.fan)?
                } else {
                    username(&a.fan)?
                };
                let account = args::account(&rest, &a.account).await?;
                let found = if by_id {
                    rest.get("/accounts/by-ids", &[("ids", fan_arg.to_owned())])
                        .await?
                } else {
                    rest.get(&format!("/search/{fan_arg}"), &[]).await?
                };
                let profile = payload(&found)
                    .as_array()
                    .and_then(|v| v.first())
                    .cloned()
                    .ok_or_else(|| Fail::Invalid(format!("no Fansly account `{}`", a.fan)))?;
                let fan_id = profile["id"].as_str().unwrap_or_default().to_owned();
                let name = profile["username"].as_str().unwrap_or_default().to_owned();

                let subs = rest
                    .get(
                        &format!("/{account}/subscribers"),
                        &[
                            ("status", "all".to_owned()),
                            ("search", name.clone()),
                            ("limit", "100".to_owned()),
                        ],
                    )
                    .await?;
                let subscription = payload(&subs)["subscriptions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|s| s["subscriberId"].as_str() == Some(fan_id.as_str()))
                    .cloned()
                    .unwrap_or(Value::Null);

                let stats = rest
                    .get(&format!("/{account}/earnings/fans/{fan_id}/stats"), &[])
                    .await?;
                let rows = payload(&stats).as_array().cloned().unwrap_or_default();
                let gross: i64 = rows.iter().filter_map(|r| r["totalGross"].as_i64()).sum();
                let net: i64 = rows.iter().filter_map(|r| r["totalNet"].as_i64()).sum();

                let sub_text = match subscription["status"].as_i64() {
                    Some(3 | 4) => "subscribed",
                    Some(_) => "subscription ended",
                    None => "not subscribed",
                };
                Ok(Done::new(
                    format!(
                        "@{name} ({fan_id}): {sub_text}; spent ${:.2} with this account.",
                        dollars(gross)
                    ),
                    json!({
                        "account": account,
                        "fanId": fan_id,
                        "profile": profile,
                        "subscription": subscription,
                        "spend": {
                            "totalUsd": dollars(gross),
                            "netUsd": dollars(net),
                            "byType": rows,
                        },
                    }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "List an account's subscribers (active, expired or all) with tier, \
                       status, price and renewal date, and each subscriber's username. Pass the \
                       returned nextCursor for the next page.",
        annotations(
            title = "List subscribers",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn list_subscribers(
        &self,
        Parameters(a): Parameters<ListSubscribersArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "list_subscribers")?;
        finish(
            async {
                let limit = args::limit(a.limit, 50, 100)?;
                let status = a.status.unwrap_or_default();
                let account = args::account(&rest, &a.account).await?;
                let mut q = args::page(a.cursor.as_deref(), Some(limit));
                q.push(("status", status_name(status).to_owned()));
                let data = rest.get(&format!("/{account}/subscribers"), &q).await?;
                let r = payload(&data);
                let cursor = next_cursor(&data);
                let rows = r["subscriptions"].as_array().cloned().unwrap_or_default();
                let ids: Vec<&str> = rows
                    .iter()
                    .filter_map(|s| s["subscriberId"].as_str())
                    .collect();
                let names = usernames(&rest, &ids).await?;
                let subscribers: Vec<Value> = rows
                    .iter()
                    .map(|s| {
                        let mut s = s.clone();
                        let name = s["subscriberId"]
                            .as_str()
                            .and_then(|id| names.get(id))
                            .cloned()
                            .unwrap_or(Value::Null);
                        s["username"] = name;
                        s
                    })
                    .collect();
                Ok(Done::new(
                    format!(
                        "{} {} subscribers on this page ({} active, {} expired in all).{}",
                        subscribers.len(),
                        status_name(status),
                        r.pointer("/stats/totalActive").unwrap_or(&Value::Null),
                        r.pointer("/stats/totalExpired").unwrap_or(&Value::Null),
                        more(&cursor)
                    ),
                    json!({
                        "account": account,
                        "status": status_name(status),
                        "nextCursor": cursor,
                        "stats": r["stats"],
                        "subscribers": subscribers,
                    }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "List an account's followers with their usernames. Pass the returned \
                       nextCursor for the next page.",
        annotations(
            title = "List followers",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn list_followers(
        &self,
        Parameters(a): Parameters<ListFollowersArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "list_followers")?;
        finish(
            async {
                let limit = args::limit(a.limit, 50, 100)?;
                let account = args::account(&rest, &a.account).await?;
                let data = rest
                    .get(
                        &format!("/{account}/followers"),
                        &args::page(a.cursor.as_deref(), Some(limit)),
                    )
                    .await?;
                let r = payload(&data);
                let cursor = next_cursor(&data);
                let names: HashMap<&str, &Value> = r
                    .pointer("/aggregationData/accounts")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|acc| Some((acc["id"].as_str()?, &acc["username"])))
                    .collect();
                let followers: Vec<Value> = r["followers"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|f| {
                        let id = f["followerId"].as_str().unwrap_or_default();
                        json!({
                            "followerId": id,
                            "username": names.get(id).copied().cloned().unwrap_or(Value::Null),
                            "lastSeenAt": f["lastSeenAt"],
                        })
                    })
                    .collect();
                Ok(Done::new(
                    format!(
                        "{} followers on this page.{}",
                        count(r, "/followers"),
                        more(&cursor)
                    ),
                    json!({"account": account, "nextCursor": cursor, "followers": followers}),
                ))
            }
            .await,
        )
    }
}
