//! Reconciliation after a gap (reconnect, gateway restart): read what happened since the
//! account's cursor through the REST API and derive the same webhooks with the same dedupe
//! keys as the socket would have, so a missed event is published once.
//!
//! Read: the inbox (`GET /messaging/groups`, newest first) and, for each group whose last
//! message is not older than the cursor, its newest messages (`GET /message?groupId&limit`)
//! → `messages.received` / `messages.sent`, plus the chat tips the page carries →
//! `tips.received`. Then the creator's ledger since the cursor
//! (`GET /account/wallets/earnings/transactions?after=<ms>`): tip credits (type 7101; the
//! row's `correlationId` is the tip id) → `tips.received` for tips made outside a chat, and
//! sale credits (2110 offer, 2116 bundle; `correlationId` is the order id) → `ppv.purchased`
//! with the price from the row (the ledger does not name the offer: `accountMediaId` is
//! `null` in an order recovered this way).
//! Then subscriptions and new followers ([`audience`]). Each of these four steps runs even
//! when an earlier one failed; a failed step is logged, reported in [`Report::failed`] and
//! retried by the socket task over the same window ([`super::run`]).
//! Ids are snowflakes, so a message's time is known from its id.

use fansly_client::{
    EarningsTransactionsQuery, FanslyError, GroupsQuery, NativeRequest, SNOWFLAKE_EPOCH_MS,
};
use serde_json::{Value, json};

use super::{Ctx, audience, derive, emit};
use crate::state::AppState;

/// How far before the cursor reconciliation reads (clock skew, events of the same ms).
const MARGIN_MS: i64 = 5_000;
/// Groups and messages read per gap.
const GROUPS: u32 = 50;
const MESSAGES_PER_GROUP: u32 = 50;

/// Unix ms of a snowflake id.
pub fn snowflake_ms(id: &str) -> Option<i64> {
    let n: u64 = id.parse().ok()?;
    i64::try_from(n >> 22)
        .ok()
        .map(|ms| ms + SNOWFLAKE_EPOCH_MS)
}

/// One reconciliation step; each runs whether or not the steps before it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Recent chats' messages and chat tips.
    Messages,
    /// The creator's ledger: tips outside chats, sales.
    Ledger,
    /// Subscriptions (after seeding the seen-set, once per account).
    Subscriptions,
    /// New followers.
    Followers,
}

/// What a reconciliation did: the window it read from, what it published, and the steps
/// that failed (logged; the caller retries them later over the same window).
#[derive(Debug, Default)]
pub struct Report {
    /// Unix ms the steps read from (the cursor minus a margin).
    pub since: i64,
    pub published: usize,
    pub failed: Vec<Step>,
    /// A step was refused with 401: the session is dead.
    pub session_expired: bool,
}

/// Reconciles the account from its cursor: every step, each on its own (one failing does not
/// skip the rest). None when there is no cursor yet (nothing to catch up on).
pub(crate) async fn run(app: &AppState, ctx: &Ctx) -> Option<Report> {
    let cursor = match app.store.event_cursor(ctx.tenant, &ctx.account_id).await {
        Ok(Some(c)) => c,
        // Never seen: nothing to catch up on (the connect hook starts the cursor).
        Ok(None) => return None,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the event cursor");
            return None;
        }
    };
    let steps = [
        Step::Messages,
        Step::Ledger,
        Step::Subscriptions,
        Step::Followers,
    ];
    Some(run_steps(app, ctx, cursor - MARGIN_MS, &steps).await)
}

/// Runs `steps` over the window from `since` (ms); a failing step is logged and reported,
/// the next one runs anyway.
pub(crate) async fn run_steps(app: &AppState, ctx: &Ctx, since: i64, steps: &[Step]) -> Report {
    let mut report = Report {
        since,
        ..Report::default()
    };
    for &step in steps {
        let result = match step {
            Step::Messages => messages(app, ctx, since).await,
            Step::Ledger => ledger(app, ctx, since).await,
            // Without a seeded seen-set old subscriptions would look new: seed first (once
            // per account; a no-op after that).
            Step::Subscriptions => match audience::seed(app, ctx).await {
                Ok(()) => audience::subscriptions(app, ctx, since).await,
                Err(e) => Err(e),
            },
            Step::Followers => audience::followers(app, ctx, since).await,
        };
        match result {
            Ok(n) => report.published += n,
            Err(e) => {
                tracing::warn!(account = %ctx.account_id, step = ?step, error = %e, "a reconciliation step failed; it is retried later");
                report.session_expired |= matches!(e, FanslyError::SessionExpired);
                report.failed.push(step);
            }
        }
    }
    if report.published > 0 {
        tracing::info!(account = %ctx.account_id, published = report.published, "reconciled missed events");
    }
    report
}

/// Messages of the chats active since `since` → `messages.received` / `messages.sent`, and
/// the chat tips those pages carry → `tips.received`; advances the cursor to the newest.
async fn messages(app: &AppState, ctx: &Ctx, since: i64) -> Result<usize, FanslyError> {
    let mut published = 0;
    let mut newest = since;
    let groups = app
        .fansly
        .messaging_groups(
            &ctx.creds,
            &GroupsQuery {
                sort_order: 1,
                flags: 0,
                subscription_tier_id: String::new(),
                list_ids: String::new(),
                search: String::new(),
                limit: GROUPS,
                offset: 0,
            },
        )
        .await?;
    let rows = groups
        .response()
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for row in rows {
        let Some(last) = derive::id_of(&row, "lastMessageId") else {
            continue;
        };
        if snowflake_ms(&last).is_some_and(|ms| ms < since) {
            // Newest first: every later group is older still.
            break;
        }
        let Some(group) = derive::id_of(&row, "groupId") else {
            continue;
        };
        let page = app
            .fansly
            .messages(&ctx.creds, &group, MESSAGES_PER_GROUP, None)
            .await?;
        let body = page.response();
        let mut messages: Vec<Value> = body
            .get("messages")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        messages.retain(|m| message_ms(m).is_some_and(|ms| ms >= since));
        messages.sort_by_key(|m| message_ms(m).unwrap_or(0));
        for m in &messages {
            if let Some(p) = derive::message(&ctx.native_id, m) {
                newest = newest.max(p.occurred_at_ms.unwrap_or(0));
                published +=
                    usize::from(emit(app, ctx.tenant, &ctx.account_id, p).await == Some(true));
            }
        }
        for t in body
            .get("tips")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let recent = derive::id_of(t, "id")
                .and_then(|id| snowflake_ms(&id))
                .is_some_and(|ms| ms >= since);
            if recent && let Some(p) = derive::tip(&ctx.native_id, t) {
                published +=
                    usize::from(emit(app, ctx.tenant, &ctx.account_id, p).await == Some(true));
            }
        }
    }
    // The store keeps the cursor monotonic.
    if newest > since
        && let Err(e) = app
            .store
            .advance_event_cursor(ctx.tenant, &ctx.account_id, newest)
            .await
    {
        tracing::warn!(error = %e, "could not advance the event cursor");
    }
    Ok(published)
}

/// Ledger rows crediting the creator: 7101 → `tips.received` (dedupe `tip:<tip id>`), 2110 /
/// 2116 → `ppv.purchased` (dedupe `order:<order id>`).
async fn ledger(app: &AppState, ctx: &Ctx, since: i64) -> Result<usize, FanslyError> {
    let q = EarningsTransactionsQuery {
        before_id: 0,
        after_id: u64::try_from(since.max(0)).unwrap_or(0),
        limit: 50,
        offset: 0,
    };
    let page = app.fansly.earnings_transactions(&ctx.creds, &q).await?;
    let mut published = 0;
    let rows = page
        .response()
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for row in rows.iter().rev() {
        let derived = ledger_tip(&ctx.native_id, row)
            .and_then(|tip| derive::tip(&ctx.native_id, &tip))
            .or_else(|| {
                // A sale credit without an amount is not published (never a null price).
                let (order, price) = ledger_order(&ctx.native_id, row)?;
                derive::purchase(&order, Some(price?))
            });
        if let Some(p) = derived {
            published += usize::from(emit(app, ctx.tenant, &ctx.account_id, p).await == Some(true));
        }
    }
    Ok(published)
}

/// The tip object a tip-credit ledger row stands for (amount gross, mills).
fn ledger_tip(creator: &str, row: &Value) -> Option<Value> {
    if row.get("type").and_then(Value::as_i64) != Some(7101)
        || row.get("destination").and_then(Value::as_i64) != Some(2)
        || derive::id_of(row, "accountId").as_deref() != Some(creator)
    {
        return None;
    }
    let id = derive::id_of(row, "correlationId")?;
    let sender =
        derive::id_of(row, "correlationAccountId").or_else(|| derive::id_of(row, "senderId"))?;
    let amount = row
        .get("transactionAmount")
        .or_else(|| row.get("amount"))
        .cloned()
        .unwrap_or(Value::Null);
    Some(json!({
        "id": id,
        "senderId": sender,
        "receiverId": creator,
        "amount": amount,
        "createdAt": row.get("createdAt").cloned().unwrap_or(Value::Null),
    }))
}

/// The order (and its price, mills) a sale-credit ledger row stands for.
fn ledger_order(creator: &str, row: &Value) -> Option<(Value, Option<i64>)> {
    let kind = row.get("type").and_then(Value::as_i64)?;
    if !matches!(kind, 2110 | 2116)
        || row.get("destination").and_then(Value::as_i64) != Some(2)
        || derive::id_of(row, "accountId").as_deref() != Some(creator)
    {
        return None;
    }
    let order = json!({
        "orderId": derive::id_of(row, "correlationId")?,
        "accountMediaId": Value::Null,
        "correlationAccountId": creator,
        "accountId": derive::id_of(row, "correlationAccountId")?,
        "type": 2,
    });
    Some((order, row.get("transactionAmount").and_then(Value::as_i64)))
}

/// A message's time: `createdAt` (seconds), else its id.
fn message_ms(m: &Value) -> Option<i64> {
    derive::time_ms(m, "createdAt")
        .or_else(|| derive::id_of(m, "id").and_then(|id| snowflake_ms(&id)))
}

/// The price (mills) of what an order bought: the offer (`GET /account/media?ids=`), else,
/// when no offer has that id, the bundle (`GET /account/media/bundle?ids=`): a bundle's own
/// order names the bundle in `accountMediaId`. None when neither can be read.
pub(crate) async fn media_price(app: &AppState, ctx: &Ctx, order: &Value) -> Option<i64> {
    let id = derive::id_of(order, "accountMediaId")?;
    for path in ["/account/media", "/account/media/bundle"] {
        let req = NativeRequest::get(path, fansly_client::Auth::Session(&ctx.creds))
            .query("ids", id.clone());
        let res = match app.fansly.call(req).await {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, path, "could not read the purchased item's price");
                return None;
            }
        };
        let found = res
            .response()
            .as_array()
            .and_then(|items| {
                items
                    .iter()
                    .find(|i| derive::id_of(i, "id").as_deref() == Some(id.as_str()))
            })
            .and_then(price_of);
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The price (mills) of an order from the creator's sale credit for it (2110 / 2116, whose
/// `correlationId` is the order id), read from the ledger around the order's time.
pub(crate) async fn ledger_price(app: &AppState, ctx: &Ctx, order: &Value) -> Option<i64> {
    let order_id = derive::id_of(order, "orderId")?;
    let at = snowflake_ms(&order_id)?;
    let q = EarningsTransactionsQuery {
        before_id: 0,
        after_id: u64::try_from((at - MARGIN_MS).max(0)).unwrap_or(0),
        limit: 50,
        offset: 0,
    };
    let page = match app.fansly.earnings_transactions(&ctx.creds, &q).await {
        Ok(page) => page,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the ledger for a purchase's price");
            return None;
        }
    };
    let rows = page.response().get("data").and_then(Value::as_array)?;
    rows.iter()
        .filter_map(|row| ledger_order(&ctx.native_id, row))
        .find(|(o, _)| derive::id_of(o, "orderId").as_deref() == Some(order_id.as_str()))
        .and_then(|(_, price)| price)
}

/// `price` (mills) of an offer, or of a bundle (its own `price`, else its `accountMedia`'s).
fn price_of(item: &Value) -> Option<i64> {
    item.get("price")
        .and_then(Value::as_i64)
        .or_else(|| item.get("purchasePrice").and_then(Value::as_i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflake_ids_carry_their_time() {
        let id = ((1_700_000_000_000u64 - SNOWFLAKE_EPOCH_MS as u64) << 22) | 7;
        assert_eq!(snowflake_ms(&id.to_string()), Some(1_700_000_000_000));
        assert_eq!(snowflake_ms("x"), None);
        let m = serde_json::json!({"id": id.to_string(), "createdAt": 1_700_000_001});
        assert_eq!(message_ms(&m), Some(1_700_000_001_000));
    }

    #[test]
    fn tip_credits_become_tips() {
        let row = json!({"type": 7101, "destination": 2, "accountId": "1", "correlationId": "9",
            "correlationAccountId": "5", "transactionAmount": 5000, "amount": 4000,
            "createdAt": 1_700_000_000_000i64});
        let tip = ledger_tip("1", &row).unwrap();
        assert_eq!(tip["id"], "9");
        assert_eq!(tip["senderId"], "5");
        assert_eq!(tip["amount"], 5000);
        let p = derive::tip("1", &tip).unwrap();
        assert_eq!(p.dedupe_key, "tip:9");
        assert!(ledger_tip("5", &row).is_none());
        let debit =
            json!({"type": 58000, "destination": 1, "accountId": "1", "correlationId": "9"});
        assert!(ledger_tip("1", &debit).is_none());
        assert!(ledger_order("1", &debit).is_none());
    }

    #[test]
    fn sale_credits_become_orders() {
        let row = json!({"type": 2110, "destination": 2, "accountId": "1", "correlationId": "8",
            "correlationAccountId": "5", "transactionAmount": 7500, "amount": 6000});
        let (order, price) = ledger_order("1", &row).unwrap();
        let p = derive::purchase(&order, price).unwrap();
        assert_eq!(p.event, "ppv.purchased");
        assert_eq!(p.dedupe_key, "order:8");
        assert_eq!(p.data["accountId"], "5");
        assert_eq!(p.data["orderMetadata"]["accountMediaPrice"], 750);
        assert!(ledger_tip("1", &row).is_none());
    }
}
