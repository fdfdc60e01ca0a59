//! Derived earnings reads (route-map §4.4) over a creator's ledger: per-fan totals (top
//! supporters) and the per-fan transaction list with its opaque cursor.

use std::collections::HashMap;

use serde::Serialize;

use super::Transaction;
use crate::ids::SNOWFLAKE_EPOCH_MS;
use crate::world::World;

/// Values at or above this are snowflake ids, below it Unix ms (§6 item 3).
const ID_THRESHOLD: i64 = 10_000_000_000_000;

/// A time bound given as ms or as a snowflake id, in ms; `0` or absent = unbounded.
pub(crate) fn bound_ms(value: Option<i64>) -> Option<i64> {
    match value {
        None | Some(0) => None,
        Some(v) if v >= ID_THRESHOLD => Some((v >> 22) + SNOWFLAKE_EPOCH_MS),
        Some(v) => Some(v),
    }
}

/// One fan's totals with a creator (`GET /account/wallets/earnings/accounts`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SupporterRow {
    /// The creator.
    pub account_id: String,
    /// The fan.
    pub correlation_account_id: String,
    pub total_gross: i64,
    pub total_net: i64,
}

/// One page of `…/transactions/accounts`, newest first.
#[derive(Clone, Debug)]
pub(crate) struct TransactionPage {
    pub data: Vec<Transaction>,
    pub has_more: bool,
    /// The last `transactionId` of the page when more rows exist.
    pub next_cursor: Option<String>,
}

fn in_window(tx: &Transaction, after: Option<i64>, before: Option<i64>) -> bool {
    after.is_none_or(|a| tx.created_at >= a) && before.is_none_or(|b| tx.created_at < b)
}

fn id_num(id: &str) -> u64 {
    id.parse().unwrap_or(0)
}

impl World {
    /// Incoming approved transactions of `creator_id` within `[after, before)`, summed per
    /// fan; sorted by gross, then net (both descending), then fan id. At most `limit` rows.
    pub(crate) fn top_supporters(
        &self,
        creator_id: &str,
        after: Option<i64>,
        before: Option<i64>,
        limit: usize,
    ) -> Vec<SupporterRow> {
        let mut totals: HashMap<&str, (i64, i64)> = HashMap::new();
        for tx in self.money.ledger_of(creator_id) {
            if tx.destination == 2 && tx.status == 2 && in_window(tx, after, before) {
                let entry = totals.entry(&tx.correlation_account_id).or_default();
                entry.0 += tx.transaction_amount;
                entry.1 += tx.amount;
            }
        }
        let mut rows: Vec<SupporterRow> = totals
            .into_iter()
            .filter(|(fan, _)| *fan != creator_id)
            .map(|(fan, (gross, net))| SupporterRow {
                account_id: creator_id.to_owned(),
                correlation_account_id: fan.to_owned(),
                total_gross: gross,
                total_net: net,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.total_gross
                .cmp(&a.total_gross)
                .then(b.total_net.cmp(&a.total_net))
                .then(id_num(&a.correlation_account_id).cmp(&id_num(&b.correlation_account_id)))
        });
        rows.truncate(limit);
        rows
    }

    /// The creator's transactions with `fan_id` as counterparty, newest first, within
    /// `[after, before)`, strictly older than `cursor` (a transaction id; `0`/absent =
    /// from the newest).
    pub(crate) fn fan_transactions(
        &self,
        creator_id: &str,
        fan_id: &str,
        after: Option<i64>,
        before: Option<i64>,
        cursor: Option<&str>,
        limit: usize,
    ) -> TransactionPage {
        let cursor = cursor.map(id_num).filter(|&c| c > 0);
        let mut rows = self
            .money
            .ledger_of(creator_id)
            .rev()
            .filter(|tx| tx.correlation_account_id == fan_id && in_window(tx, after, before))
            .filter(|tx| cursor.is_none_or(|c| id_num(&tx.transaction_id) < c));
        let data: Vec<Transaction> = rows.by_ref().take(limit).cloned().collect();
        let has_more = rows.next().is_some();
        let next_cursor = has_more
            .then(|| data.last().map(|tx| tx.transaction_id.clone()))
            .flatten();
        TransactionPage {
            data,
            has_more,
            next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_accept_ms_and_ids() {
        assert_eq!(bound_ms(None), None);
        assert_eq!(bound_ms(Some(0)), None);
        assert_eq!(bound_ms(Some(1_790_000_000_000)), Some(1_790_000_000_000));
        let id = (1_790_000_000_000 - SNOWFLAKE_EPOCH_MS) << 22;
        assert_eq!(bound_ms(Some(id)), Some(1_790_000_000_000));
    }
}
