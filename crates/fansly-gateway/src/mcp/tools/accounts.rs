//! Account tools: `list_accounts` (A1), `get_profile` (A4), `get_usage` (`GET /usage`) and
//! `earnings_summary` (AL5, a named period).

use axum::http::request::Parts;
use rmcp::handler::server::tool::Extension;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{ErrorData as McpError, tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::mcp::args;
use crate::mcp::output::{Done, finish, payload};
use crate::mcp::server::Gateway;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Since 00:00 UTC today.
    Today,
    /// The last 7 days.
    Last7Days,
    /// The last 30 days.
    Last30Days,
    /// Since the first day of this month, 00:00 UTC.
    ThisMonth,
    /// Everything.
    AllTime,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EarningsArgs {
    /// The connected account: its gateway account id (`fansly_…`) or its Fansly username.
    pub account: String,
    /// The period to sum up; `last_30_days` when absent.
    pub period: Option<Period>,
}

const DAY_MS: i64 = 86_400_000;

/// `(after, before)` in Unix ms for `period`, ending at `now`.
fn window(period: Period, now: i64) -> (i64, i64) {
    let after = match period {
        Period::Today => now - now.rem_euclid(DAY_MS),
        Period::Last7Days => now - 7 * DAY_MS,
        Period::Last30Days => now - 30 * DAY_MS,
        Period::ThisMonth => time::OffsetDateTime::from_unix_timestamp(now.div_euclid(1000))
            .ok()
            .and_then(|t| t.replace_day(1).ok())
            .map_or(0, |t| {
                (t.unix_timestamp()
                    - i64::from(t.time().hour()) * 3600
                    - i64::from(t.time().minute()) * 60
                    - i64::from(t.time().second()))
                    * 1000
            }),
        Period::AllTime => 0,
    };
    (after.max(0), now)
}

fn money(v: &Value) -> String {
    format!("${:.2}", v.as_f64().unwrap_or(0.0))
}

#[tool_router(router = account_tools, vis = "pub(crate)")]
impl Gateway {
    #[tool(
        description = "List the Fansly accounts connected under your API key: account id, \
                       username, display name and status (active, or expired = needs a reconnect).",
        annotations(
            title = "List connected accounts",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn list_accounts(
        &self,
        Parameters(NoArgs {}): Parameters<NoArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "list_accounts")?;
        finish(
            async {
                let data = rest.get("/accounts", &[]).await?;
                let accounts: Vec<Value> = data["accounts"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| {
                        json!({
                            "accountId": a["accountId"],
                            "username": a["username"],
                            "name": a["name"],
                            "status": a["status"],
                            "fanslyAccountId": a["fanslyAccountId"],
                        })
                    })
                    .collect();
                let names: Vec<String> = accounts
                    .iter()
                    .map(|a| {
                        format!(
                            "@{} ({}, {})",
                            a["username"].as_str().unwrap_or("?"),
                            a["accountId"].as_str().unwrap_or("?"),
                            a["status"].as_str().unwrap_or("?")
                        )
                    })
                    .collect();
                let summary = if names.is_empty() {
                    "No account is connected under this API key.".to_owned()
                } else {
                    format!("{} connected: {}.", names.len(), names.join(", "))
                };
                Ok(Done::new(
                    summary,
                    json!({"count": accounts.len(), "accounts": accounts}),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "The Fansly profile of a connected account (username, display name, bio, \
                       follower and subscriber counts, walls) as Fansly returns it.",
        annotations(
            title = "Get profile",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn get_profile(
        &self,
        Parameters(a): Parameters<AccountArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "get_profile")?;
        finish(
            async {
                let account = args::account(&rest, &a.account).await?;
                let data = rest.get(&format!("/{account}/me"), &[]).await?;
                let profile = payload(&data);
                let me = profile.get("account").unwrap_or(profile);
                let summary = format!(
                    "@{} ({}): {} followers, {} subscribers.",
                    me["username"].as_str().unwrap_or("?"),
                    me["displayName"].as_str().unwrap_or("no display name"),
                    me["followCount"].as_i64().unwrap_or(0),
                    me["subscriberCount"].as_i64().unwrap_or(0),
                );
                Ok(Done::new(
                    summary,
                    json!({"account": account, "profile": profile}),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "Your API key's plan and usage: requests left in the current minute, and \
                       this month's requests and credits.",
        annotations(
            title = "Get API usage",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn get_usage(
        &self,
        Parameters(NoArgs {}): Parameters<NoArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "get_usage")?;
        finish(
            async {
                let data = rest.get("/usage", &[]).await?;
                let summary = format!(
                    "Plan {}: {} requests and {} credits used this month.",
                    data.pointer("/plan/name")
                        .and_then(Value::as_str)
                        .unwrap_or("?"),
                    data["requests"],
                    data.pointer("/credits/used").unwrap_or(&Value::Null),
                );
                Ok(Done::new(summary, data))
            }
            .await,
        )
    }

    #[tool(
        description = "What a connected account earned in a period, in US dollars after \
                       Fansly's fee: total, subscriptions, tips and media sales, plus Fansly's \
                       rows per transaction type.",
        annotations(
            title = "Earnings summary",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = true
        )
    )]
    async fn earnings_summary(
        &self,
        Parameters(a): Parameters<EarningsArgs>,
        Extension(parts): Extension<Parts>,
    ) -> Result<CallToolResult, McpError> {
        let rest = self.rest(&parts, "earnings_summary")?;
        let now = self.app.clock.now_ms();
        finish(
            async {
                let account = args::account(&rest, &a.account).await?;
                let period = a.period.unwrap_or(Period::Last30Days);
                let (after, before) = window(period, now);
                let data = rest
                    .get(
                        &format!("/{account}/earnings/statistics"),
                        &[
                            ("startDate", after.to_string()),
                            ("endDate", before.to_string()),
                        ],
                    )
                    .await?;
                let summary = format!(
                    "Earned {} net ({}): subscriptions {}, tips {}, media {}.",
                    money(&data["total"]),
                    period_name(period),
                    money(&data["subscriptions"]),
                    money(&data["tips"]),
                    money(&data["messages"]),
                );
                Ok(Done::new(
                    summary,
                    json!({
                        "account": account,
                        "period": period_name(period),
                        "from": data.pointer("/period/start"),
                        "to": data.pointer("/period/end"),
                        "totalUsd": data["total"],
                        "subscriptionsUsd": data["subscriptions"],
                        "tipsUsd": data["tips"],
                        "mediaUsd": data["messages"],
                        "stats": payload(&data).get("stats").cloned().unwrap_or(Value::Null),
                    }),
                ))
            }
            .await,
        )
    }
}

fn period_name(p: Period) -> &'static str {
    match p {
        Period::Today => "today",
        Period::Last7Days => "last_7_days",
        Period::Last30Days => "last_30_days",
        Period::ThisMonth => "this_month",
        Period::AllTime => "all_time",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_end_now_and_start_where_they_say() {
        // 2026-09-21T13:20:00Z
        let now = 1_790_000_000_000 - 1_790_000_000_000 % 60_000;
        assert_eq!(window(Period::Today, now).0 % DAY_MS, 0);
        assert!(now - window(Period::Today, now).0 < DAY_MS);
        assert_eq!(window(Period::Last7Days, now), (now - 7 * DAY_MS, now));
        assert_eq!(window(Period::AllTime, now), (0, now));
        let month = window(Period::ThisMonth, now).0;
        let t = time::OffsetDateTime::from_unix_timestamp(month / 1000).unwrap();
        assert_eq!((t.day(), t.hour(), t.minute()), (1, 0, 0));
        assert!(month <= now && now - month < 31 * DAY_MS);
    }
}
