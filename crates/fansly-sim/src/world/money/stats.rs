//! Earnings aggregates over a creator's incoming ledger (route-map §4.4): totals per
//! transaction type (`…/earnings/stats`, `…/stats/accounts`), per UTC calendar month
//! (`…/monthlystats`, `…/monthlystats/accounts`), the ledger page of
//! `…/earnings/transactions` (id-or-ms bounds, limit, offset), and the payout bookkeeping
//! of the earnings wallet.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Transaction;
use super::wallets::WALLET_EARNINGS;
use crate::world::World;

/// Values at or above this are snowflake ids, below it Unix ms (§6 item 3).
const ID_THRESHOLD: i64 = 10_000_000_000_000;
const DAY_MS: i64 = 24 * 3600 * 1000;

/// One row of `…/earnings/stats`: totals of one transaction `type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TypeRow {
    #[serde(rename = "type")]
    pub kind: u32,
    pub total_gross: i64,
    pub total_net: i64,
    pub count: u64,
}

/// One row of `…/monthlystats`: totals of one UTC calendar month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MonthRow {
    /// Unix ms of the month's first instant (UTC).
    pub month: i64,
    pub total_gross: i64,
    pub total_net: i64,
    pub count: u64,
}

/// One page of `…/earnings/transactions`, newest first.
#[derive(Clone, Debug)]
pub(crate) struct LedgerPage {
    pub data: Vec<Transaction>,
    /// Rows in the window, before `offset`/`limit`.
    pub total: usize,
}

/// A time bound: Unix ms (compared with `createdAt`) or, from 10¹³ up, a snowflake id
/// (compared with `transactionId`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bound {
    Ms(i64),
    Id(u64),
}

/// Reads a bound; `0`/absent = unbounded.
pub(crate) fn bound(value: Option<i64>) -> Option<Bound> {
    match value {
        None | Some(0) => None,
        Some(v) if v >= ID_THRESHOLD => Some(Bound::Id(v.unsigned_abs())),
        Some(v) => Some(Bound::Ms(v)),
    }
}

/// The first instant (ms) of the UTC calendar month holding `ms`.
pub(crate) fn month_start(ms: i64) -> i64 {
    let (y, m, _) = civil_from_days(ms.div_euclid(DAY_MS));
    days_from_civil(y, m, 1) * DAY_MS
}

/// Howard Hinnant's days → (year, month, day) for the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn id_num(id: &str) -> u64 {
    id.parse().unwrap_or(0)
}

/// True when `tx` is at or after the bound.
fn at_or_after(tx: &Transaction, bound: Bound) -> bool {
    match bound {
        Bound::Ms(ms) => tx.created_at >= ms,
        Bound::Id(id) => id_num(&tx.transaction_id) >= id,
    }
}

/// `after` inclusive, `before` exclusive.
fn in_ids(tx: &Transaction, after: Option<Bound>, before: Option<Bound>) -> bool {
    after.is_none_or(|a| at_or_after(tx, a)) && before.is_none_or(|b| !at_or_after(tx, b))
}

impl World {
    /// The creator's incoming approved earnings rows in the window, optionally of one fan.
    fn incoming<'a>(
        &'a self,
        creator_id: &str,
        fan_id: Option<&'a str>,
        after: Option<i64>,
        before: Option<i64>,
    ) -> impl Iterator<Item = &'a Transaction> + 'a {
        let (after, before) = (bound(after), bound(before));
        self.money.ledger_of(creator_id).filter(move |tx| {
            tx.destination == 2
                && tx.status == 2
                && tx.wallet_kind == WALLET_EARNINGS
                && fan_id.is_none_or(|f| tx.correlation_account_id == f)
                && in_ids(tx, after, before)
        })
    }

    /// `…/earnings/stats` (and `…/stats/accounts` with `fan_id`): one row per type,
    /// ascending type.
    pub(crate) fn earnings_by_type(
        &self,
        creator_id: &str,
        fan_id: Option<&str>,
        after: Option<i64>,
        before: Option<i64>,
    ) -> Vec<TypeRow> {
        let mut rows: BTreeMap<u32, TypeRow> = BTreeMap::new();
        for tx in self.incoming(creator_id, fan_id, after, before) {
            let row = rows.entry(tx.kind).or_insert(TypeRow {
                kind: tx.kind,
                total_gross: 0,
                total_net: 0,
                count: 0,
            });
            row.total_gross += tx.transaction_amount;
            row.total_net += tx.amount;
            row.count += 1;
        }
        rows.into_values().collect()
    }

    /// `…/monthlystats` (and `…/monthlystats/accounts` with `fan_id`): one row per UTC
    /// calendar month with earnings, newest first.
    pub(crate) fn earnings_by_month(
        &self,
        creator_id: &str,
        fan_id: Option<&str>,
        after: Option<i64>,
        before: Option<i64>,
    ) -> Vec<MonthRow> {
        let mut rows: BTreeMap<i64, MonthRow> = BTreeMap::new();
        for tx in self.incoming(creator_id, fan_id, after, before) {
            let month = month_start(tx.created_at);
            let row = rows.entry(month).or_insert(MonthRow {
                month,
                total_gross: 0,
                total_net: 0,
                count: 0,
            });
            row.total_gross += tx.transaction_amount;
            row.total_net += tx.amount;
            row.count += 1;
        }
        rows.into_values().rev().collect()
    }

    /// `…/earnings/transactions`: the creator's earnings-wallet ledger, newest first, in
    /// `[after, before)` (ids, or ms below 10¹³), then `offset` and `limit`.
    pub(crate) fn earnings_ledger(
        &self,
        creator_id: &str,
        after: Option<i64>,
        before: Option<i64>,
        limit: usize,
        offset: usize,
    ) -> LedgerPage {
        let (after, before) = (bound(after), bound(before));
        let rows: Vec<&Transaction> = self
            .money
            .ledger_of(creator_id)
            .rev()
            .filter(|tx| tx.wallet_kind == WALLET_EARNINGS && in_ids(tx, after, before))
            .collect();
        LedgerPage {
            total: rows.len(),
            data: rows.into_iter().skip(offset).take(limit).cloned().collect(),
        }
    }

    /// Money of the creator's earnings wallet that is past the hold and not paid out (mills).
    pub(crate) fn available_earnings(&self, creator_id: &str, now: i64) -> i64 {
        let (pending, total) = self.earnings_summary(creator_id, now);
        let paid = self
            .money
            .wallet_of(creator_id, WALLET_EARNINGS)
            .map_or(0, |w| w.paid_out);
        total - pending - paid
    }

    /// Books a payout of `amount` mills against the creator's earnings wallet (`paid_out`
    /// and `walletVersion` go up). False when the creator has no earnings wallet.
    pub(crate) fn book_payout(&mut self, creator_id: &str, amount: i64) -> bool {
        let Some(id) = self
            .money
            .wallet_of
            .get(&(creator_id.to_owned(), WALLET_EARNINGS))
            .cloned()
        else {
            return false;
        };
        match self.money.wallets.get_mut(&id) {
            Some(wallet) => {
                wallet.paid_out += amount;
                wallet.version += 1;
                true
            }
            None => false,
        }
    }

    /// Every wallet of `account_id` as Fansly renders it (main first, then earnings).
    pub(crate) fn wallets_json(&self, account_id: &str, now: i64) -> Vec<serde_json::Value> {
        [super::WALLET_MAIN, WALLET_EARNINGS]
            .into_iter()
            .filter_map(|kind| self.money.wallet_of(account_id, kind))
            .map(|w| self.wallet_json(w, now))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::SNOWFLAKE_EPOCH_MS;

    #[test]
    fn month_starts_are_utc_calendar_months() {
        // 2026-11-26T01:56:21Z → 2026-11-01T00:00:00Z.
        assert_eq!(month_start(1_795_658_181_000), 1_793_491_200_000);
        assert_eq!(month_start(1_793_491_200_000), 1_793_491_200_000);
        assert_eq!(month_start(1_793_491_199_999), 1_790_812_800_000);
        // 2024-02-29T12:00Z → 2024-02-01.
        assert_eq!(month_start(1_709_208_000_000), 1_706_745_600_000);
    }

    #[test]
    fn bounds_accept_ms_and_ids() {
        assert_eq!(bound(None), None);
        assert_eq!(bound(Some(0)), None);
        let ms = 1_790_000_000_000;
        let id = (ms - SNOWFLAKE_EPOCH_MS) << 22;
        assert_eq!(bound(Some(ms)), Some(Bound::Ms(ms)));
        assert_eq!(bound(Some(id)), Some(Bound::Id(id.unsigned_abs())));
    }
}
