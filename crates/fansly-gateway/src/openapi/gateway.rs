//! Catalog: the gateway's own resources under `/api/fansly` — usage (`routes/usage.rs`), the
//! request log (`routes/logs.rs`) and account proxies (`routes/account_proxy.rs`). None calls
//! Fansly.

use serde_json::json;

use super::builder::{Body, Op, obj, op, t};

const GATEWAY: &str = "Gateway";

pub fn operations() -> Vec<Op> {
    let proxy = obj("accountId:s proxy:s? source:s(account|pool|direct)");
    vec![
        op("GET", "/usage", "usage", "The key's plan, rate window and monthly usage")
            .tag(GATEWAY)
            .desc("Counted in the rate window and the month's requests, costs no credits, and answers even when the allowance is spent.")
            .ok(200, "Usage (flat `data`)", obj("plan:o rateLimit:o period:o requests:i webhookEvents:i credits:o")),
        op("GET", "/logs", "requestLog", "The key's request log")
            .tag(GATEWAY)
            .desc("Newest first; only this key's requests.")
            .q("accountId", "s", "Only this account's requests (at most 64 characters).")
            .qs("status", json!({"type": "string", "pattern": "^[ \\t]*([1-5][0-9][0-9]|[1-5][xX][xX])[ \\t]*$"}), "An HTTP status (`404`) or a class (`4xx`).")
            .q("method", "s(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|OTHER)", "Any letter case.")
            .qs("route", json!({"type": "string", "maxLength": 200, "pattern": "^[ \\t]*/"}), "A route template starting with `/`, e.g. `/api/fansly/{account_id}/chats` (the prefix may be left out).")
            .qs("since", json!({"anyOf": [t("i"), {"type": "string", "format": "date-time"}]}), "Inclusive; Unix ms (negative = before 1970) or ISO-8601.")
            .qs("until", json!({"anyOf": [t("i"), {"type": "string", "format": "date-time"}]}), "Inclusive; Unix ms or ISO-8601; not before `since` (a rule between parameters: 400).")
            .limit(50, 500)
            .cursor()
            .errs(&[400])
            .ok(200, "A page of entries", obj("count:i logs:[o] nextCursor:Cursor")),
        op("GET", "/accounts/{account_id}/proxy", "getAccountProxy", "Where the account's Fansly calls go")
            .tag(GATEWAY)
            .local()
            .desc("The proxy is always shown masked (`socks5://***@host:1080`); `source` says whether it is the account's own, the country pool's, or none.")
            .ok(200, "The effective proxy", proxy.clone()),
        op("PUT", "/accounts/{account_id}/proxy", "setAccountProxy", "Set the account's own proxy")
            .tag(GATEWAY)
            .local()
            .body(Body::new()
                .fs("proxy*", super::accounts::proxy_url(), "An absolute `http://`, `https://` or `socks5://` URL with a host, optional user:password, no path, query or fragment. Sealed at rest.")
                .schema())
            .ok(200, "The effective proxy", proxy.clone()),
        op("DELETE", "/accounts/{account_id}/proxy", "removeAccountProxy", "Remove the account's own proxy")
            .tag(GATEWAY)
            .local()
            .desc("The country pool (or a direct connection) applies again.")
            .ok(200, "The effective proxy", proxy),
    ]
}
