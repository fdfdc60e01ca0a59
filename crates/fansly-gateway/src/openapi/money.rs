//! Catalog: earnings and balance (`routes/earnings.rs`) and payouts (`routes/payouts.rs`).
//! See docs/routes/money.md.

use serde_json::json;

use super::builder::{Body, Op, obj, op, t};

const MONEY: &str = "Earnings and payouts";

/// `after` / `before` (Unix ms, not in the future, `after` < `before`).
fn window(o: Op) -> Op {
    o.q("after", "ms", "Not in the future; default 0.").q(
        "before",
        "ms",
        "Not in the future; default now. `after` < `before`.",
    )
}

pub fn operations() -> Vec<Op> {
    let twofa = "A verified OTP; absent or empty = the last verification of the last 10 minutes. Without one Fansly's refusal answers 403 with `data.requires_2fa: true`.";
    vec![
        window(op("GET", "/{account_id}/earnings", "earnings", "Earnings summary").tag(MONEY))
            .desc("`stats` (per transaction type) is added when a window is given. Amounts in mills.")
            .proxied(200, "Summary", obj("pendingBalance:i totalEarnings:i stats:[StatsRow]")),
        op("GET", "/{account_id}/earnings/statistics", "earningsStatistics", "Earnings in dollars (alias)")
            .tag(MONEY)
            .qs("startDate", json!({"anyOf": [t("ms"), {"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}), "Unix ms or ISO-8601; default 0.")
            .qs("endDate", json!({"anyOf": [t("ms"), {"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}), "Unix ms or ISO-8601; default now.")
            .ok(200, "As earnings, plus flat dollar totals", json!({"allOf": [
                super::builder::proxied_data(obj("pendingBalance:i totalEarnings:i stats:[StatsRow]"), false),
                obj("subscriptions:n tips:n messages:n total:n period:o")]})),
        window(op("GET", "/{account_id}/earnings/monthly", "earningsMonthly", "Monthly earnings").tag(MONEY))
            .proxied(200, "Newest month first (mills)", t("[MonthlyRow]")),
        window(op("GET", "/{account_id}/earnings/transactions", "earningsTransactions", "Earnings transactions").tag(MONEY))
            .limit(20, 50)
            .q("offset", "i", "≥ 0, default 0.")
            .proxied(200, "Newest first", obj("data:[Transaction] total:i aggregationData:o")),
        window(op("GET", "/{account_id}/earnings/fans/{fan_id}", "fanEarningsMonthly", "Monthly spend of one fan").tag(MONEY))
            .proxied(200, "Monthly rows", t("[MonthlyRow]")),
        window(op("GET", "/{account_id}/earnings/fans/{fan_id}/stats", "fanEarningsStats", "Spend of one fan by type").tag(MONEY))
            .proxied(200, "Rows per transaction type", t("[StatsRow]")),
        op("GET", "/{account_id}/balance", "balance", "Wallets and balances")
            .tag(MONEY)
            .proxied(200, "Wallets (mills)", obj("wallets:[o] pendingBalance:i totalEarnings:i")),
        op("POST", "/{account_id}/payout/add", "addPayoutMethod", "Add or update a payout method")
            .tag(MONEY)
            .desc("Needs a sensitive-action OTP: Send OTP and Verify OTP first, then this within 10 minutes.")
            .body(Body::new()
                .f("id", "s", "`\"\"` / absent = new; otherwise the native id of the method to update.")
                .f("providerId*", "NativeIdValue", "Digits (`2` Paxum, `30` USDT).")
                .fs("metadata*", json!({"anyOf": [t("s"), t("o")]}), "A JSON object encoded as a string (an object is encoded), at most 4096 bytes.")
                .f("type", "i", "Default 1.")
                .f("twofa", "TwofaPair", twofa)
                .schema())
            .proxied(200, "The payout method", t("PayoutMethod")),
        op("DELETE", "/{account_id}/payout/delete", "deletePayoutMethod", "Delete a payout method")
            .tag(MONEY)
            .desc("Needs a sensitive-action OTP, as payout/add.")
            .body(Body::new()
                .f("payoutMethodId*", "NativeIdValue", "The method's native id.")
                .f("twofa", "TwofaPair", twofa)
                .schema())
            .proxied(200, "The method with `deletedAt`", t("PayoutMethod")),
        op("GET", "/{account_id}/payouts/methods", "payoutMethods", "Payout methods")
            .tag(MONEY)
            .proxied(200, "Newest first", t("[PayoutMethod]")),
        op("GET", "/{account_id}/payouts/requests", "payoutRequests", "Payouts made")
            .tag(MONEY)
            .limit(10, 100)
            .q("offset", "i", "≥ 0, default 0.")
            .proxied(200, "Newest first", t("[o]")),
    ]
}
