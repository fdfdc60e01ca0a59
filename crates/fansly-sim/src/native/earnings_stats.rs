//! Native earnings aggregates of the creator (route-map §4.4), creator-only (§4.2):
//! - `GET /account/wallets/earnings` → `{pendingBalance, totalEarnings}` (the 7-day hold);
//! - `GET /account/wallets/earnings/stats?after&before&limit` and
//!   `…/stats/accounts?correlationAccountId&after&before` → `[{type, totalGross, totalNet,
//!   count}]`;
//! - `GET /account/wallets/earnings/monthlystats?after&before` and
//!   `…/monthlystats/accounts?correlationAccountId&after&before` → `[{month, totalGross,
//!   totalNet, count}]`, newest first;
//! - `GET /account/wallets/earnings/transactions?before&after&limit&offset` → `{data, total,
//!   aggregationData:{accounts}}`, newest first.
//!
//! Bounds are Unix ms, or transaction ids from 10¹³ up; `0`/absent = unbounded. Mills.

use std::collections::HashMap;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde_json::json;

use super::audience::require_creator;
use super::extract::Viewer;
use super::messaging::{Params, accounts_json, int_param, limit_param, offset_param};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;

/// `…/earnings/transactions` page size: default and cap (§4.2).
const TX_DEFAULT_LIMIT: usize = 20;
const TX_MAX_LIMIT: usize = 100;
/// `…/earnings/stats` rows cap (there are only a handful of types).
const STATS_MAX_LIMIT: usize = 100;

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/account/wallets/earnings", get(summary))
        .route("/api/v1/account/wallets/earnings/stats", get(stats))
        .route(
            "/api/v1/account/wallets/earnings/stats/accounts",
            get(fan_stats),
        )
        .route(
            "/api/v1/account/wallets/earnings/monthlystats",
            get(monthly),
        )
        .route(
            "/api/v1/account/wallets/earnings/monthlystats/accounts",
            get(fan_monthly),
        )
        .route(
            "/api/v1/account/wallets/earnings/transactions",
            get(transactions),
        )
}

fn window(params: &HashMap<String, String>) -> Result<(Option<i64>, Option<i64>), NativeError> {
    let after = int_param(params, "after", 0)?;
    let before = int_param(params, "before", 0)?;
    if after < 0 || before < 0 {
        return Err(NativeError::bad_request(
            "after/before: must not be negative",
        ));
    }
    Ok(((after > 0).then_some(after), (before > 0).then_some(before)))
}

fn fan_param(params: &HashMap<String, String>) -> Result<String, NativeError> {
    params
        .get("correlationAccountId")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| NativeError::bad_request("correlationAccountId: required"))
}

async fn summary(State(sim): State<Simulator>, viewer: Viewer) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let world = sim.world();
    require_creator(&world, &viewer)?;
    let (pending, total) = world.earnings_summary(&viewer.account_id, now);
    Ok(ok(json!({
        "pendingBalance": pending,
        "totalEarnings": total,
    })))
}

async fn stats(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let (after, before) = window(&params)?;
    let limit = limit_param(&params, STATS_MAX_LIMIT, STATS_MAX_LIMIT)?;
    let world = sim.world();
    require_creator(&world, &viewer)?;
    let mut rows = world.earnings_by_type(&viewer.account_id, None, after, before);
    rows.truncate(limit);
    Ok(ok(rows))
}

async fn fan_stats(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let fan = fan_param(&params)?;
    let (after, before) = window(&params)?;
    let world = sim.world();
    require_creator(&world, &viewer)?;
    Ok(ok(world.earnings_by_type(
        &viewer.account_id,
        Some(&fan),
        after,
        before,
    )))
}

async fn monthly(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let (after, before) = window(&params)?;
    let world = sim.world();
    require_creator(&world, &viewer)?;
    Ok(ok(world.earnings_by_month(
        &viewer.account_id,
        None,
        after,
        before,
    )))
}

async fn fan_monthly(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let fan = fan_param(&params)?;
    let (after, before) = window(&params)?;
    let world = sim.world();
    require_creator(&world, &viewer)?;
    Ok(ok(world.earnings_by_month(
        &viewer.account_id,
        Some(&fan),
        after,
        before,
    )))
}

async fn transactions(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let (after, before) = window(&params)?;
    let limit = limit_param(&params, TX_DEFAULT_LIMIT, TX_MAX_LIMIT)?;
    let offset = offset_param(&params)?;
    let world = sim.world();
    require_creator(&world, &viewer)?;
    let page = world.earnings_ledger(&viewer.account_id, after, before, limit, offset);
    let fans: Vec<String> = page
        .data
        .iter()
        .map(|tx| tx.correlation_account_id.clone())
        .collect();
    Ok(ok(json!({
        "data": page.data,
        "total": page.total,
        "aggregationData": { "accounts": accounts_json(&world, &fans, sim.now_ms()) },
    })))
}
