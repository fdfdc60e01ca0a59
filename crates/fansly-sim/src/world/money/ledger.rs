//! The ledger: one [`Transaction`] per wallet movement, with the §4.3 amounts (gross,
//! tax in basis points, net) and the wallet's new balance. Helpers debit a fan (after a
//! card top-up when short), credit a creator and emit the wallet events.

use serde::Serialize;
use serde_json::json;

use super::DEFAULT_TAX_BP;
use super::wallets::{WALLET_EARNINGS, WALLET_MAIN};
use crate::world::World;

/// Transaction `type` codes (route-map §4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TxKind {
    Subscription,
    Media,
    Bundle,
    Tip,
    TopUp,
    Debit,
}

impl TxKind {
    pub(crate) const fn code(self) -> u32 {
        match self {
            Self::Subscription => 15001,
            Self::Media => 2110,
            Self::Bundle => 2116,
            Self::Tip => 7101,
            Self::TopUp => 14001,
            Self::Debit => 58000,
        }
    }
}

/// One ledger row, serialized with Fansly's field names.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Transaction {
    pub transaction_id: String,
    pub wallet_id: String,
    #[serde(skip)]
    pub wallet_kind: u8,
    /// The wallet owner.
    pub account_id: String,
    /// The subscription, order, tip or payment this row belongs to.
    pub correlation_id: String,
    /// The counterparty.
    pub correlation_account_id: String,
    #[serde(rename = "type")]
    pub kind: u32,
    /// 1 pending, 2 approved, 5 refunded.
    pub status: u8,
    /// 1 outgoing (or refund), 2 incoming.
    pub destination: u8,
    /// Net (mills).
    pub amount: i64,
    /// Gross (mills).
    pub transaction_amount: i64,
    /// Net (mills).
    pub destination_amount: i64,
    /// Basis points.
    pub destination_tax: i64,
    pub new_balance: i64,
    pub new_balance64: i64,
    pub sender_id: String,
    pub receiver_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One side of a movement, before it is written.
pub(super) struct Movement<'a> {
    pub account_id: &'a str,
    pub wallet_kind: u8,
    pub kind: TxKind,
    pub destination: u8,
    pub gross: i64,
    pub tax_bp: i64,
    pub correlation_id: &'a str,
    pub correlation_account_id: &'a str,
    pub sender_id: &'a str,
    pub receiver_id: Option<&'a str>,
}

/// Net of `gross` after `tax_bp` basis points.
pub(crate) fn net_of(gross: i64, tax_bp: i64) -> i64 {
    gross * (10_000 - tax_bp) / 10_000
}

impl World {
    /// Writes one ledger row and moves the wallet balance (+net when incoming, −gross when
    /// outgoing). No events.
    pub(super) fn record(&mut self, m: Movement<'_>, now: i64) -> Transaction {
        let net = net_of(m.gross, m.tax_bp);
        let delta = if m.destination == 2 { net } else { -m.gross };
        let (wallet_id, new_balance) = self.move_balance(m.account_id, m.wallet_kind, delta, now);
        let id = self.next_id(now);
        let amount = if m.destination == 2 { net } else { m.gross };
        let tx = Transaction {
            transaction_id: id,
            wallet_id,
            wallet_kind: m.wallet_kind,
            account_id: m.account_id.to_owned(),
            correlation_id: m.correlation_id.to_owned(),
            correlation_account_id: m.correlation_account_id.to_owned(),
            kind: m.kind.code(),
            status: 2,
            destination: m.destination,
            amount,
            transaction_amount: m.gross,
            destination_amount: amount,
            destination_tax: m.tax_bp,
            new_balance,
            new_balance64: new_balance,
            sender_id: m.sender_id.to_owned(),
            receiver_id: m.receiver_id.map(str::to_owned),
            created_at: now,
            updated_at: now,
        };
        let index = self.money.ledger.len();
        self.money.ledger.push(tx.clone());
        self.money
            .ledger_of
            .entry(tx.account_id.clone())
            .or_default()
            .push(index);
        tx
    }

    /// When the fan's main wallet holds less than `amount`, credits the shortfall from
    /// the card on file (a type-14001 row). No events; see [`World::emit_top_up`].
    pub(crate) fn top_up_if_short(
        &mut self,
        fan_id: &str,
        amount: i64,
        now: i64,
    ) -> Option<Transaction> {
        let short = amount - self.main_balance(fan_id);
        if short <= 0 {
            return None;
        }
        let payment_id = self.next_id(now);
        Some(self.record(
            Movement {
                account_id: fan_id,
                wallet_kind: WALLET_MAIN,
                kind: TxKind::TopUp,
                destination: 2,
                gross: short,
                tax_bp: 0,
                correlation_id: &payment_id,
                correlation_account_id: fan_id,
                sender_id: fan_id,
                receiver_id: Some(fan_id),
            },
            now,
        ))
    }

    /// The fan's debit (type 58000, outgoing) of `gross` to `receiver_id`.
    pub(crate) fn debit_fan(
        &mut self,
        fan_id: &str,
        gross: i64,
        correlation_id: &str,
        receiver_id: &str,
        now: i64,
    ) -> Transaction {
        self.record(
            Movement {
                account_id: fan_id,
                wallet_kind: WALLET_MAIN,
                kind: TxKind::Debit,
                destination: 1,
                gross,
                tax_bp: 0,
                correlation_id,
                correlation_account_id: receiver_id,
                sender_id: fan_id,
                receiver_id: Some(receiver_id),
            },
            now,
        )
    }

    /// The creator's credit (incoming, 20 % tax) of `gross` from `fan_id`.
    pub(crate) fn credit_creator(
        &mut self,
        creator_id: &str,
        kind: TxKind,
        gross: i64,
        correlation_id: &str,
        fan_id: &str,
        now: i64,
    ) -> Transaction {
        self.record(
            Movement {
                account_id: creator_id,
                wallet_kind: WALLET_EARNINGS,
                kind,
                destination: 2,
                gross,
                tax_bp: DEFAULT_TAX_BP,
                correlation_id,
                correlation_account_id: fan_id,
                sender_id: fan_id,
                receiver_id: Some(creator_id),
            },
            now,
        )
    }

    /// (6,3 `transaction`) then (6,2 `wallet`) to the transaction's owner.
    pub(crate) fn emit_transaction(&mut self, tx: &Transaction, now: i64) {
        let payload = serde_json::to_value(tx).unwrap_or_default();
        self.emit(
            &[tx.account_id.as_str()],
            (6, 3, "transaction"),
            &payload,
            now,
        );
        let (owner, kind) = (tx.account_id.clone(), tx.wallet_kind);
        self.emit_wallet(&owner, kind, now);
    }

    /// The card top-up sequence to the fan: (16,1 payment), (6,3 14001), (6,2), (16,2).
    pub(crate) fn emit_top_up(&mut self, tx: &Transaction, now: i64) {
        let payment = |status: u8| {
            json!({
                "id": tx.correlation_id, "accountId": tx.account_id, "type": 14000,
                "amount": tx.transaction_amount, "status": status, "createdAt": tx.created_at,
            })
        };
        let fan = tx.account_id.clone();
        self.emit(&[fan.as_str()], (16, 1, "transaction"), &payment(1), now);
        self.emit_transaction(tx, now);
        self.emit(&[fan.as_str()], (16, 2, "transaction"), &payment(2), now);
    }

    /// Moves `gross` from fan to creator: an optional top-up, the fan's debit and the
    /// creator's credit of `kind`. No events. Returns `(top-up, debit, credit)`.
    pub(crate) fn pay_creator(
        &mut self,
        fan_id: &str,
        creator_id: &str,
        kind: TxKind,
        gross: i64,
        correlation_id: &str,
        now: i64,
    ) -> (Option<Transaction>, Transaction, Transaction) {
        let top_up = self.top_up_if_short(fan_id, gross, now);
        let debit = self.debit_fan(fan_id, gross, correlation_id, creator_id, now);
        let credit = self.credit_creator(creator_id, kind, gross, correlation_id, fan_id, now);
        (top_up, debit, credit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_is_gross_minus_tax() {
        assert_eq!(net_of(10_000, 2000), 8000);
        assert_eq!(net_of(9990, 2000), 7992);
        assert_eq!(net_of(5000, 0), 5000);
    }
}
