//! Native earnings reads over the creator's ledger (route-map §4.4):
//! `GET /account/wallets/earnings/accounts` (per-fan totals, S4 top supporters) and
//! `GET /account/wallets/earnings/transactions/accounts` (one fan's rows, H3 chat tips).
//! Time bounds are ms (values ≥ 10¹³ are read as transaction ids); `0` = unbounded.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};

use super::audience::require_creator;
use super::extract::Viewer;
use super::messaging::{Params, accounts_json, int_param, limit_param};
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::World;
use crate::world::money::{Transaction, TxKind, bound_ms};

/// Per-fan totals come back in at most this many rows.
const MAX_SUPPORTERS: usize = 100;

fn window(params: &HashMap<String, String>) -> Result<(Option<i64>, Option<i64>), NativeError> {
    let after = bound_ms(Some(int_param(params, "after", 0)?));
    let before = bound_ms(Some(int_param(params, "before", 0)?));
    Ok((after, before))
}

/// `[{accountId, correlationAccountId, totalGross, totalNet}]`, biggest gross first.
pub(super) async fn supporters(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let (after, before) = window(&params)?;
    let world = sim.world();
    require_creator(&world, &viewer)?;
    Ok(ok(world.top_supporters(
        &viewer.account_id,
        after,
        before,
        MAX_SUPPORTERS,
    )))
}

/// `{data, hasMore, nextCursor, aggregationData:{subscriptionHistory, tips, stories,
/// accountMedia, accountMediaBundles, accounts}}`, newest first; `cursor` = the last
/// `transactionId` of the previous page (`0` = first page).
pub(super) async fn fan_transactions(
    State(sim): State<Simulator>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, NativeError> {
    let fan = params
        .get("correlationAccountId")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| NativeError::bad_request("correlationAccountId: required"))?;
    let (after, before) = window(&params)?;
    let limit = limit_param(&params, 100, 100)?;
    let cursor = params
        .get("cursor")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    if cursor.is_some_and(|c| c.parse::<u64>().is_err()) {
        return Err(NativeError::bad_request("cursor: not a transaction id"));
    }
    let now = sim.now_ms();
    let world = sim.world();
    require_creator(&world, &viewer)?;
    let page = world.fan_transactions(&viewer.account_id, &fan, after, before, cursor, limit);
    let aggregation = aggregation(&world, &viewer.account_id, &fan, &page.data, now);
    Ok(ok(json!({
        "data": page.data,
        "hasMore": page.has_more,
        "nextCursor": page.next_cursor,
        "aggregationData": aggregation,
    })))
}

/// The tips, subscriptions and offers the rows point at, and the fan's account.
fn aggregation(world: &World, creator: &str, fan: &str, rows: &[Transaction], now: i64) -> Value {
    let mut tips = Vec::new();
    let mut subscriptions = Vec::new();
    let mut offers = Vec::new();
    let mut bundles = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for tx in rows {
        if !seen.insert(tx.correlation_id.as_str()) {
            continue;
        }
        match tx.kind {
            k if k == TxKind::Tip.code() => {
                tips.extend(world.money.tip(&tx.correlation_id).map(|t| json!(t)));
            }
            k if k == TxKind::Subscription.code() => {
                let sub = world.audience.subscription(&tx.correlation_id);
                subscriptions.extend(sub.map(|s| s.json()));
            }
            k if k == TxKind::Media.code() || k == TxKind::Bundle.code() => {
                let Some(order) = world.money.order(&tx.correlation_id) else {
                    continue;
                };
                if let Some(offer) = order
                    .account_media_id
                    .as_deref()
                    .and_then(|id| world.offer(id))
                {
                    offers.push(world.render_offer(creator, offer, now));
                } else if let Some(bundle) = order
                    .account_media_bundle_id
                    .as_deref()
                    .and_then(|id| world.bundle(id))
                {
                    bundles.push(world.render_bundle(creator, bundle, now));
                }
            }
            _ => {}
        }
    }
    json!({
        "subscriptionHistory": subscriptions,
        "tips": tips,
        "stories": [],
        "accountMedia": offers,
        "accountMediaBundles": bundles,
        "accounts": accounts_json(world, &[fan.to_owned()], now),
    })
}
