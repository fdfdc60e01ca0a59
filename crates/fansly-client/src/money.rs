//! Typed money calls (route-map §1.16, §1.17, §2 AL5/AL8, §3): the creator's earnings
//! aggregates and ledger, wallets, payout methods and payout requests. Amounts are native
//! mills throughout; nothing here converts them.
//!
//! `POST /payments/payoutmethod` is a **guess** (route-map §6 item 7) and lives behind exactly
//! one function, [`FanslyClient::payout_method_upsert`]. Both payout-method mutations carry
//! `twofa:{token, code}` when the caller has a verified OTP session; a missing or stale one is
//! answered 403 with `error.code` 21 ([`is_twofa_required`]).

use serde_json::{Value, json};

use crate::{Auth, FanslyClient, FanslyError, NativeRequest, NativeResponse, SessionCreds};

/// Fansly's snowflake epoch: `ms = (id >> 22) + SNOWFLAKE_EPOCH_MS`.
pub const SNOWFLAKE_EPOCH_MS: i64 = 1_561_494_359_539;
/// `error.code` of the native "twofa required" answer (a 403).
pub const TWOFA_REQUIRED_CODE: i64 = 21;

/// The smallest snowflake id minted at `ms` (`(ms − epoch) << 22`); `0` for times at or
/// before the epoch (route-map §0.6, E5).
pub fn ms_to_snowflake(ms: i64) -> u64 {
    u64::try_from(ms - SNOWFLAKE_EPOCH_MS).map_or(0, |d| d << 22)
}

/// True for the native answer to a sensitive call without a valid verified 2FA session:
/// 403 with code 21, or any 403 whose details say "twofa required".
pub fn is_twofa_required(e: &FanslyError) -> bool {
    matches!(e, FanslyError::Rejected { status: 403, code, details }
        if *code == Some(TWOFA_REQUIRED_CODE) || details.to_ascii_lowercase().contains("twofa required"))
}

/// Query of `GET /account/wallets/earnings/transactions` (E5): bounds are transaction ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarningsTransactionsQuery {
    /// Strictly older than this id; `0` = from the newest.
    pub before_id: u64,
    /// At or after this id; `0` = unbounded.
    pub after_id: u64,
    /// 1–50.
    pub limit: u32,
    pub offset: u64,
}

/// Body of `POST /payments/payoutmethod` (PO1).
#[derive(Debug, Clone, PartialEq)]
pub struct PayoutMethodInput {
    /// Empty for a new method.
    pub id: String,
    pub provider_id: String,
    /// A JSON string, forwarded as a string.
    pub metadata: String,
    pub kind: i64,
}

/// A verified sensitive-action 2FA session: `twofa:{token, code}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwofaProof {
    pub token: String,
    pub code: String,
}

fn session(s: &SessionCreds) -> Auth<'_> {
    Auth::Session(s)
}

fn window<'a>(req: NativeRequest<'a>, after_ms: i64, before_ms: i64) -> NativeRequest<'a> {
    req.query("after", after_ms.to_string())
        .query("before", before_ms.to_string())
}

pub(crate) fn earnings_stats_request(
    s: &SessionCreds,
    after_ms: i64,
    before_ms: i64,
) -> NativeRequest<'_> {
    window(
        NativeRequest::get("/account/wallets/earnings/stats", session(s)),
        after_ms,
        before_ms,
    )
    .query("limit", "100")
}

pub(crate) fn fan_request<'a>(
    s: &'a SessionCreds,
    path: &'a str,
    fan_id: &str,
    after_ms: i64,
    before_ms: i64,
) -> NativeRequest<'a> {
    window(
        NativeRequest::get(path, session(s)).query("correlationAccountId", fan_id),
        after_ms,
        before_ms,
    )
}

pub(crate) fn transactions_request<'a>(
    s: &'a SessionCreds,
    q: &EarningsTransactionsQuery,
) -> NativeRequest<'a> {
    NativeRequest::get("/account/wallets/earnings/transactions", session(s))
        .query("before", q.before_id.to_string())
        .query("after", q.after_id.to_string())
        .query("limit", q.limit.to_string())
        .query("offset", q.offset.to_string())
}

fn twofa_json(twofa: Option<&TwofaProof>) -> Option<Value> {
    twofa.map(|t| json!({"token": t.token, "code": t.code}))
}

pub(crate) fn payout_method_body(m: &PayoutMethodInput, twofa: Option<&TwofaProof>) -> Value {
    let mut body = json!({
        "id": m.id,
        "providerId": m.provider_id,
        "metadata": m.metadata,
        "type": m.kind,
    });
    if let Some(t) = twofa_json(twofa) {
        body["twofa"] = t;
    }
    body
}

pub(crate) fn payout_delete_body(id: &str, twofa: Option<&TwofaProof>) -> Value {
    let mut body = json!({ "payoutMethodId": id });
    if let Some(t) = twofa_json(twofa) {
        body["twofa"] = t;
    }
    body
}

impl FanslyClient {
    /// `GET /account/wallets/earnings` (E1, AL5, AL8): `{pendingBalance, totalEarnings}`.
    pub async fn earnings(&self, s: &SessionCreds) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/account/wallets/earnings", session(s)))
            .await
    }

    /// `GET /account/wallets/earnings/stats?after&before&limit=100` (E1, AL5): rows by
    /// transaction type `[{type, totalGross, totalNet, count}]`.
    pub async fn earnings_stats(
        &self,
        s: &SessionCreds,
        after_ms: i64,
        before_ms: i64,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(earnings_stats_request(s, after_ms, before_ms))
            .await
    }

    /// `GET /account/wallets/earnings/stats/accounts?correlationAccountId&after&before` (E3).
    pub async fn earnings_stats_of_fan(
        &self,
        s: &SessionCreds,
        fan_id: &str,
        after_ms: i64,
        before_ms: i64,
    ) -> Result<NativeResponse, FanslyError> {
        let path = "/account/wallets/earnings/stats/accounts";
        self.call(fan_request(s, path, fan_id, after_ms, before_ms))
            .await
    }

    /// `GET /account/wallets/earnings/monthlystats?after&before` (E4): `[{month, totalGross,
    /// totalNet…}]`, newest first.
    pub async fn earnings_monthly(
        &self,
        s: &SessionCreds,
        after_ms: i64,
        before_ms: i64,
    ) -> Result<NativeResponse, FanslyError> {
        let req = NativeRequest::get("/account/wallets/earnings/monthlystats", session(s));
        self.call(window(req, after_ms, before_ms)).await
    }

    /// `GET /account/wallets/earnings/monthlystats/accounts?correlationAccountId&after&before`
    /// (E2).
    pub async fn earnings_monthly_of_fan(
        &self,
        s: &SessionCreds,
        fan_id: &str,
        after_ms: i64,
        before_ms: i64,
    ) -> Result<NativeResponse, FanslyError> {
        let path = "/account/wallets/earnings/monthlystats/accounts";
        self.call(fan_request(s, path, fan_id, after_ms, before_ms))
            .await
    }

    /// `GET /account/wallets/earnings/transactions?before&after&limit&offset` (E5): `{data,
    /// total, aggregationData}`; bounds are transaction ids ([`ms_to_snowflake`]).
    pub async fn earnings_transactions(
        &self,
        s: &SessionCreds,
        q: &EarningsTransactionsQuery,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(transactions_request(s, q)).await
    }

    /// `GET /account/{accountId}/wallets` (AL8): `[{id, type, balance, balance64,
    /// walletVersion}]`.
    pub async fn wallets(
        &self,
        s: &SessionCreds,
        account_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/account/{account_id}/wallets");
        self.call(NativeRequest::get(&path, session(s))).await
    }

    /// `POST /payments/payoutmethod {id, providerId, metadata, type, twofa?}` (PO1, **guess**):
    /// creates (`id` empty) or updates a payout method.
    pub async fn payout_method_upsert(
        &self,
        s: &SessionCreds,
        method: &PayoutMethodInput,
        twofa: Option<&TwofaProof>,
    ) -> Result<NativeResponse, FanslyError> {
        let body = payout_method_body(method, twofa);
        self.call(NativeRequest::post(
            "/payments/payoutmethod",
            body,
            session(s),
        ))
        .await
    }

    /// `POST /payments/payoutmethod/delete {payoutMethodId, twofa?}` (PO2).
    pub async fn payout_method_delete(
        &self,
        s: &SessionCreds,
        payout_method_id: &str,
        twofa: Option<&TwofaProof>,
    ) -> Result<NativeResponse, FanslyError> {
        let body = payout_delete_body(payout_method_id, twofa);
        self.call(NativeRequest::post(
            "/payments/payoutmethod/delete",
            body,
            session(s),
        ))
        .await
    }

    /// `GET /payments/payoutmethods`: the account's payout methods.
    pub async fn payout_methods(&self, s: &SessionCreds) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/payments/payoutmethods", session(s)))
            .await
    }

    /// `GET /payments/payout/requests?before=0&after=0&limit&offset`: payout history.
    pub async fn payout_requests(
        &self,
        s: &SessionCreds,
        limit: u32,
        offset: u64,
    ) -> Result<NativeResponse, FanslyError> {
        let req = NativeRequest::get("/payments/payout/requests", session(s))
            .query("before", "0")
            .query("after", "0")
            .query("limit", limit.to_string())
            .query("offset", offset.to_string());
        self.call(req).await
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::test_support::{creds, query};

    #[test]
    fn ms_become_snowflake_lower_bounds() {
        assert_eq!(ms_to_snowflake(0), 0);
        assert_eq!(ms_to_snowflake(SNOWFLAKE_EPOCH_MS), 0);
        let ms = 1_790_000_000_000;
        let id = ms_to_snowflake(ms);
        assert_eq!(i64::try_from(id >> 22).unwrap() + SNOWFLAKE_EPOCH_MS, ms);
        assert_eq!(id & ((1 << 22) - 1), 0);
    }

    #[test]
    fn requests_name_every_parameter() {
        let c = creds();
        let r = earnings_stats_request(&c, 5, 9);
        assert_eq!(r.path, "/account/wallets/earnings/stats");
        assert_eq!(
            query(&r),
            [("after", "5"), ("before", "9"), ("limit", "100")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        let r = fan_request(&c, "/x", "77", 1, 2);
        assert_eq!(query(&r)[0], ("correlationAccountId".into(), "77".into()));
        let q = EarningsTransactionsQuery {
            before_id: 10,
            after_id: 0,
            limit: 20,
            offset: 40,
        };
        assert_eq!(
            query(&transactions_request(&c, &q)),
            [
                ("before", "10"),
                ("after", "0"),
                ("limit", "20"),
                ("offset", "40")
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn payout_bodies_carry_twofa_only_when_given() {
        let m = PayoutMethodInput {
            id: String::new(),
            provider_id: "2".into(),
            metadata: "{\"email\":\"a@b.c\"}".into(),
            kind: 1,
        };
        let b = payout_method_body(&m, None);
        assert_eq!(
            b,
            json!({"id": "", "providerId": "2", "metadata": "{\"email\":\"a@b.c\"}", "type": 1})
        );
        let t = TwofaProof {
            token: "tk".into(),
            code: "123456".into(),
        };
        let b = payout_delete_body("9", Some(&t));
        assert_eq!(
            b,
            json!({"payoutMethodId": "9", "twofa": {"token": "tk", "code": "123456"}})
        );
    }

    #[test]
    fn twofa_required_is_recognised() {
        let e = FanslyError::Rejected {
            status: 403,
            code: Some(21),
            details: "twofa required".into(),
        };
        assert!(is_twofa_required(&e));
        let e = FanslyError::Rejected {
            status: 403,
            code: Some(403),
            details: "forbidden".into(),
        };
        assert!(!is_twofa_required(&e));
    }
}
