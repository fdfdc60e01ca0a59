//! Wallets: one main wallet (type 1) per account, one earnings wallet (type 2) per creator.

use serde_json::{Value, json};

use super::EARNINGS_HOLD_MS;
use crate::world::World;

/// Main wallet: what a fan spends.
pub(crate) const WALLET_MAIN: u8 = 1;
/// Earnings wallet: what a creator earns ("Available for Payout").
pub(crate) const WALLET_EARNINGS: u8 = 2;

/// One wallet. Balances are mills.
#[derive(Clone, Debug)]
pub(crate) struct Wallet {
    pub id: String,
    pub account_id: String,
    /// 1 main, 2 earnings.
    pub kind: u8,
    /// Main wallet: the spendable balance. Earnings wallet: net credited minus paid out
    /// (pending money included; [`World::wallet_json`] subtracts it).
    pub balance: i64,
    /// Earnings wallets: Σ payouts (whoever pays out adds here).
    pub paid_out: i64,
    /// +1 on every change.
    pub version: u64,
}

impl World {
    /// Opens the main wallet of `account_id` (with `balance` mills) and, for creators,
    /// the earnings wallet. Existing wallets are kept.
    pub(crate) fn open_wallets(&mut self, account_id: &str, creator: bool, balance: i64, now: i64) {
        self.open_wallet(account_id, WALLET_MAIN, balance.max(0), now);
        if creator {
            self.open_wallet(account_id, WALLET_EARNINGS, 0, now);
        }
    }

    fn open_wallet(&mut self, account_id: &str, kind: u8, balance: i64, now: i64) {
        let key = (account_id.to_owned(), kind);
        if self.money.wallet_of.contains_key(&key) {
            return;
        }
        let id = self.next_id(now);
        self.money.wallets.insert(
            id.clone(),
            Wallet {
                id: id.clone(),
                account_id: account_id.to_owned(),
                kind,
                balance,
                paid_out: 0,
                version: 1,
            },
        );
        self.money.wallet_of.insert(key, id);
    }

    /// The spendable main-wallet balance of `account_id` (0 without a wallet).
    pub(crate) fn main_balance(&self, account_id: &str) -> i64 {
        self.money
            .wallet_of(account_id, WALLET_MAIN)
            .map_or(0, |w| w.balance)
    }

    /// Adds `delta` mills to a wallet's stored balance (+1 version); returns the new balance.
    pub(super) fn move_balance(
        &mut self,
        account_id: &str,
        kind: u8,
        delta: i64,
        now: i64,
    ) -> (String, i64) {
        if self.money.wallet_of(account_id, kind).is_none() {
            self.open_wallet(account_id, kind, 0, now);
        }
        let id = self.money.wallet_of[&(account_id.to_owned(), kind)].clone();
        let wallet = self
            .money
            .wallets
            .get_mut(&id)
            .expect("wallet_of points at a wallet");
        wallet.balance += delta;
        wallet.version += 1;
        (id, wallet.balance)
    }

    /// `{pendingBalance, totalEarnings}` of a creator at `now` (§4.4): net of incoming
    /// approved transactions younger than the hold window, and net of all incoming.
    pub(crate) fn earnings_summary(&self, creator_id: &str, now: i64) -> (i64, i64) {
        let mut pending = 0;
        let mut total = 0;
        for tx in self.money.ledger_of(creator_id) {
            if tx.destination == 2 && tx.status == 2 && tx.wallet_kind == WALLET_EARNINGS {
                total += tx.amount;
                if tx.created_at > now - EARNINGS_HOLD_MS {
                    pending += tx.amount;
                }
            }
        }
        (pending, total)
    }

    /// A wallet as Fansly renders it: `{id, accountId, type, balance, balance64,
    /// walletVersion}`. An earnings wallet's balance is `totalEarnings − pendingBalance −
    /// Σ payouts` (§4.4).
    pub(crate) fn wallet_json(&self, wallet: &Wallet, now: i64) -> Value {
        let balance = if wallet.kind == WALLET_EARNINGS {
            let (pending, total) = self.earnings_summary(&wallet.account_id, now);
            total - pending - wallet.paid_out
        } else {
            wallet.balance
        };
        json!({
            "id": wallet.id,
            "accountId": wallet.account_id,
            "type": wallet.kind,
            "balance": balance,
            "balance64": balance,
            "walletVersion": wallet.version,
        })
    }

    /// Emits (6,2 `wallet`) for one wallet of `account_id` to that account.
    pub(crate) fn emit_wallet(&mut self, account_id: &str, kind: u8, now: i64) {
        let Some(wallet) = self.money.wallet_of(account_id, kind) else {
            return;
        };
        let payload = self.wallet_json(wallet, now);
        self.emit(&[account_id], (6, 2, "wallet"), &payload, now);
    }
}
