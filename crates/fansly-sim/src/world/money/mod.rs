//! The money world (route-map §4.3 Money): wallets, the ledger, tips and media orders,
//! and the derived earnings reads of §4.4.
//!
//! Every account has a main wallet (type 1, fan spending); creators also have an earnings
//! wallet (type 2). Every wallet movement is one ledger [`Transaction`]. Amounts are mills.

mod earnings;
mod ledger;
mod orders;
mod stats;
mod tips;
mod wallets;

use std::collections::{HashMap, HashSet};

pub(crate) use earnings::bound_ms;
pub(crate) use ledger::{Transaction, TxKind};
pub(crate) use orders::{MediaOrder, Purchase};
pub(crate) use stats::{Bound, bound};
pub(crate) use tips::{NewTip, Tip};
pub(crate) use wallets::{WALLET_EARNINGS, WALLET_MAIN, Wallet};

/// Platform share of a creator's gross, in basis points (20 %).
pub(crate) const DEFAULT_TAX_BP: i64 = 2000;
/// How long a creator's incoming money stays pending (§4.4).
pub(crate) const EARNINGS_HOLD_MS: i64 = 7 * 24 * 3600 * 1000;
/// A fan's main-wallet balance when none is given.
pub(crate) const DEFAULT_FAN_BALANCE: i64 = 50_000;

/// All money state.
#[derive(Debug, Default)]
pub(crate) struct Money {
    /// Wallets by id.
    wallets: HashMap<String, Wallet>,
    /// `(accountId, type)` → wallet id.
    wallet_of: HashMap<(String, u8), String>,
    /// Every transaction, in id (= commit) order.
    ledger: Vec<Transaction>,
    /// Account (wallet owner) → indices into `ledger`, in order.
    ledger_of: HashMap<String, Vec<usize>>,
    tips: Vec<Tip>,
    tip_index: HashMap<String, usize>,
    orders: Vec<MediaOrder>,
    /// `(buyer, offer or bundle id)` for every order, bundle children included.
    purchased: HashSet<(String, String)>,
}

impl Money {
    /// True when `buyer` holds an order for the offer or bundle `id` (a bundle purchase
    /// also covers its offers).
    pub(crate) fn has_purchased(&self, buyer: &str, id: &str) -> bool {
        self.purchased.contains(&(buyer.to_owned(), id.to_owned()))
    }

    /// Σ of `fan`'s tips to `creator` (mills; permission bit 8).
    pub(crate) fn tips_total(&self, fan: &str, creator: &str) -> i64 {
        self.tips
            .iter()
            .filter(|t| t.sender_id == fan && t.receiver_id == creator)
            .map(|t| t.amount)
            .sum()
    }

    /// Σ of `buyer`'s media orders from `seller` (mills; permission bit 32).
    pub(crate) fn purchases_total(&self, buyer: &str, seller: &str) -> i64 {
        self.orders
            .iter()
            .filter(|o| o.account_id == buyer && o.correlation_account_id == seller)
            .map(|o| o.price)
            .sum()
    }

    /// The wallet of `account_id` of `kind` (1 main, 2 earnings).
    pub(crate) fn wallet_of(&self, account_id: &str, kind: u8) -> Option<&Wallet> {
        self.wallet_of
            .get(&(account_id.to_owned(), kind))
            .and_then(|id| self.wallets.get(id))
    }

    pub(crate) fn tip(&self, id: &str) -> Option<&Tip> {
        self.tip_index.get(id).map(|&i| &self.tips[i])
    }

    /// The transactions whose wallet belongs to `account_id`, oldest first.
    pub(crate) fn ledger_of<'a>(
        &'a self,
        account_id: &str,
    ) -> impl DoubleEndedIterator<Item = &'a Transaction> + 'a {
        self.ledger_of
            .get(account_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.ledger[i])
    }

    /// One order by id (a child order of a bundle included).
    pub(crate) fn order(&self, id: &str) -> Option<&MediaOrder> {
        self.orders.iter().rev().find(|o| o.id == id)
    }

    /// Every media order, oldest first.
    pub(crate) fn orders(&self) -> &[MediaOrder] {
        &self.orders
    }
}
