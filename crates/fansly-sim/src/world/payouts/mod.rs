//! Payout methods and payout requests (route-map §4.3 Money, §4.5, §5.6).
//!
//! - `POST /payments/payoutmethod` creates a [`PayoutMethod`] (or updates one when `id` is
//!   given) and `POST /payments/payoutmethod/delete` sets its `deletedAt`. Both need a
//!   verified sensitive-action 2FA session of the caller from the last 10 minutes whose
//!   `token` and `code` the body carries; otherwise 403 code 21 "twofa required".
//! - [`PayoutRequest`]s are created by the ⚙ driver `POST /_sim/payout-requests` (Fansly has
//!   no public route for it): the amount leaves the earnings wallet's available balance.
//!
//! Events (simulator-defined, §6 item 6): (16,10 `wallet` = the method) on create/update,
//! (16,11 `wallet`) on delete, (16,20 `payoutRequest`) then (6,2 `wallet`) on a payout.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::money::Bound;
use super::{Rejection, World};
use crate::world::money::bound as time_bound;

/// `providerId` values Fansly uses: 2 Paxum, 30 USDT (others are accepted).
pub(crate) const PROVIDER_PAXUM: u32 = 2;
/// PayoutMethod `status` after creation (simulator choice: 1 = active).
pub(crate) const METHOD_ACTIVE: u8 = 1;
/// PayoutRequest `status` 8 = processed.
pub(crate) const REQUEST_PROCESSED: u8 = 8;

/// One payout method, serialized with Fansly's field names.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PayoutMethod {
    pub id: String,
    pub account_id: String,
    pub provider_id: u32,
    #[serde(rename = "type")]
    pub kind: i64,
    pub status: u8,
    pub flags: i64,
    /// A JSON string, e.g. `{"email":"…"}` or `field0…field10`.
    pub metadata: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

/// One payout request, serialized with Fansly's field names.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PayoutRequest {
    pub id: String,
    pub account_id: String,
    pub payout_method_id: String,
    /// Mills.
    pub amount: i64,
    /// 8 = processed.
    pub status: u8,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: u64,
}

/// All payout state, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Payouts {
    methods: Vec<PayoutMethod>,
    requests: Vec<PayoutRequest>,
}

/// `twofa:{token, code}` of a sensitive call.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct TwofaProof {
    #[serde(default)]
    pub token: Option<Value>,
    #[serde(default)]
    pub code: Option<Value>,
}

impl TwofaProof {
    fn parts(&self) -> (String, String) {
        let text = |v: &Option<Value>| match v {
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        (text(&self.token), text(&self.code))
    }
}

/// The body of `POST /payments/payoutmethod`, already checked by the handler.
#[derive(Clone, Debug)]
pub(crate) struct MethodInput {
    /// Empty for a new method.
    pub id: String,
    pub provider_id: u32,
    pub kind: i64,
    pub metadata: String,
}

/// Input of the ⚙ payout driver.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewPayoutRequest {
    pub account_id: String,
    /// Default: the newest live method of the account.
    #[serde(default)]
    pub payout_method_id: Option<String>,
    /// Mills; default: everything available.
    #[serde(default)]
    pub amount: Option<i64>,
}

/// 403 code 21: the sensitive call lacks a valid verified 2FA session (§4.5).
pub(crate) fn twofa_required() -> crate::envelope::NativeError {
    crate::envelope::NativeError::new(axum::http::StatusCode::FORBIDDEN, 21, "twofa required")
}

impl World {
    /// True when `proof` names a verified 2FA session of `account_id` of the last 10 min.
    pub(crate) fn twofa_proof_valid(&self, account_id: &str, proof: &TwofaProof, now: i64) -> bool {
        let (token, code) = proof.parts();
        !token.is_empty() && self.twofa_session_valid(account_id, &token, &code, now)
    }

    /// Creates a payout method, or updates `input.id` (404 when it is not a live method of
    /// the account). The 2FA proof is checked by the caller.
    pub(crate) fn upsert_payout_method(
        &mut self,
        account_id: &str,
        input: MethodInput,
        now: i64,
    ) -> Result<PayoutMethod, Rejection> {
        let method = if input.id.is_empty() {
            let method = PayoutMethod {
                id: self.next_id(now),
                account_id: account_id.to_owned(),
                provider_id: input.provider_id,
                kind: input.kind,
                status: METHOD_ACTIVE,
                flags: 0,
                metadata: input.metadata,
                created_at: now,
                updated_at: now,
                deleted_at: None,
            };
            self.payouts.methods.push(method.clone());
            method
        } else {
            let method = self
                .payouts
                .methods
                .iter_mut()
                .find(|m| m.id == input.id && m.account_id == account_id && m.deleted_at.is_none())
                .ok_or(Rejection::NotFound("payout method not found"))?;
            method.provider_id = input.provider_id;
            method.kind = input.kind;
            method.metadata = input.metadata;
            method.updated_at = now;
            method.clone()
        };
        let payload = json!(method);
        self.emit(&[account_id], (16, 10, "wallet"), &payload, now);
        Ok(method)
    }

    /// Sets `deletedAt` on a live method of the account (404 otherwise).
    pub(crate) fn delete_payout_method(
        &mut self,
        account_id: &str,
        id: &str,
        now: i64,
    ) -> Result<PayoutMethod, Rejection> {
        let method = self
            .payouts
            .methods
            .iter_mut()
            .find(|m| m.id == id && m.account_id == account_id && m.deleted_at.is_none())
            .ok_or(Rejection::NotFound("payout method not found"))?;
        method.deleted_at = Some(now);
        method.updated_at = now;
        let method = method.clone();
        let payload = json!(method);
        self.emit(&[account_id], (16, 11, "wallet"), &payload, now);
        Ok(method)
    }

    /// The account's live payout methods, newest first.
    pub(crate) fn payout_methods(&self, account_id: &str) -> Vec<PayoutMethod> {
        self.payouts
            .methods
            .iter()
            .rev()
            .filter(|m| m.account_id == account_id && m.deleted_at.is_none())
            .cloned()
            .collect()
    }

    /// The account's payout requests, newest first, in `[after, before)` (ms, or ids from
    /// 10¹³ up; `0` = unbounded), then `offset` and `limit`.
    pub(crate) fn payout_requests(
        &self,
        account_id: &str,
        after: Option<i64>,
        before: Option<i64>,
        limit: usize,
        offset: usize,
    ) -> Vec<PayoutRequest> {
        let at_or_after = |r: &PayoutRequest, b: Bound| match b {
            Bound::Ms(ms) => r.created_at >= ms,
            Bound::Id(id) => r.id.parse::<u64>().unwrap_or(0) >= id,
        };
        let (after, before) = (time_bound(after), time_bound(before));
        self.payouts
            .requests
            .iter()
            .rev()
            .filter(|r| r.account_id == account_id)
            .filter(|r| after.is_none_or(|a| at_or_after(r, a)))
            .filter(|r| before.is_none_or(|b| !at_or_after(r, b)))
            .skip(offset)
            .take(limit)
            .cloned()
            .collect()
    }

    /// ⚙ payout: a processed PayoutRequest of `amount` (default: all available) to a live
    /// method; the earnings wallet's balance drops by the amount.
    pub(crate) fn create_payout_request(
        &mut self,
        new: NewPayoutRequest,
        now: i64,
    ) -> Result<PayoutRequest, Rejection> {
        let account_id = new.account_id.trim().to_owned();
        if !self.is_creator(&account_id) {
            return Err(Rejection::NotFound("accountId: no such creator"));
        }
        let method_id = match new.payout_method_id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => self
                .payout_methods(&account_id)
                .into_iter()
                .find(|m| m.id == id)
                .map(|m| m.id)
                .ok_or(Rejection::NotFound(
                    "payoutMethodId: no such live payout method",
                ))?,
            _ => self
                .payout_methods(&account_id)
                .first()
                .map(|m| m.id.clone())
                .ok_or_else(|| {
                    Rejection::BadRequest("payoutMethodId: the account has no payout method".into())
                })?,
        };
        let available = self.available_earnings(&account_id, now);
        let amount = new.amount.unwrap_or(available);
        if amount <= 0 || amount > available {
            return Err(Rejection::BadRequest(format!(
                "amount: must be from 1 to the available balance ({available} mills)"
            )));
        }
        self.book_payout(&account_id, amount);
        let request = PayoutRequest {
            id: self.next_id(now),
            account_id: account_id.clone(),
            payout_method_id: method_id,
            amount,
            status: REQUEST_PROCESSED,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        self.payouts.requests.push(request.clone());
        let payload = json!(request);
        self.emit(
            &[account_id.as_str()],
            (16, 20, "payoutRequest"),
            &payload,
            now,
        );
        self.emit_wallet(&account_id, super::money::WALLET_EARNINGS, now);
        Ok(request)
    }

    /// Seeding: a live payout method created at `at`, without events.
    pub(crate) fn seed_payout_method(
        &mut self,
        account_id: &str,
        provider_id: u32,
        metadata: Value,
        at: i64,
    ) -> String {
        let method = PayoutMethod {
            id: self.next_id(at),
            account_id: account_id.to_owned(),
            provider_id,
            kind: 1,
            status: METHOD_ACTIVE,
            flags: 0,
            metadata: metadata.to_string(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        let id = method.id.clone();
        self.payouts.methods.push(method);
        id
    }

    /// Seeding: a processed payout of `amount` mills at `at`, booked against the earnings
    /// wallet, without events. The caller keeps it within what was available at `at`.
    pub(crate) fn seed_payout_request(
        &mut self,
        account_id: &str,
        method_id: &str,
        amount: i64,
        at: i64,
    ) {
        self.book_payout(account_id, amount);
        let request = PayoutRequest {
            id: self.next_id(at),
            account_id: account_id.to_owned(),
            payout_method_id: method_id.to_owned(),
            amount,
            status: REQUEST_PROCESSED,
            created_at: at,
            updated_at: at,
            version: 1,
        };
        self.payouts.requests.push(request);
    }
}
