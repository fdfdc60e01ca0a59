//! Catalog: connect and 2FA (`routes/connect.rs`, `routes/twofa.rs`), accounts
//! (`routes/accounts.rs`), profile (`routes/profile.rs`) and search (`routes/search.rs`).

use serde_json::json;

use super::builder::{Body, Op, described, obj, op, t};

const CONNECT: &str = "Connect";
const ACCOUNTS: &str = "Accounts";

/// `totpSecret` as `heal::credentials::totp_field` accepts it: null or blank = none; else
/// at least 26 base32 letters (A–Z in any case, 2–7), with spaces, tabs, `-` and `=` ignored.
pub fn totp_secret() -> serde_json::Value {
    json!({"type": ["string", "null"], "pattern": "^\\s*([ \\t=-]*([A-Za-z2-7][ \\t=-]*){26,})?\\s*$"})
}

/// An account's own proxy URL, as `upstream_care::parse_proxy_field` accepts it.
pub fn proxy_url() -> serde_json::Value {
    json!({"type": "string", "maxLength": 2048, "pattern": "^(http|https|socks5)://([A-Za-z0-9._~-]+:[A-Za-z0-9._~-]*@)?[A-Za-z]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?(\\.[A-Za-z]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?)*:[1-9][0-9]{0,3}$"})
}

pub fn operations() -> Vec<Op> {
    let label = |b: Body| {
        b.f("name*", "s", "Dashboard label, at most 100 characters.")
            .fs(
                "countryCode*",
                json!({"type": "string", "pattern": "^[A-Z]{2}$"}),
                "Egress country, ISO-3166 alpha-2 (e.g. `US`); picks a proxy from `--proxy-pool` when the account has none of its own.",
            )
            .f(
                "proxy",
                "s",
                "The account's own outbound proxy: `http://`, `https://` or `socks5://` `[user:pass@]host:port`. Stored sealed, never returned in full; the login calls go through it.",
            )
    };
    let keep = |b: Body| {
        b.f(
            "keepLoggedIn",
            "b",
            "Opt in to automatic re-login: the password (and `totpSecret`) are kept sealed with the master key so a dead Fansly session is renewed without a person. `false` erases kept credentials; absent leaves them (a reconnect replaces a kept password that no longer matches). When connect answers `requires_2fa`, send it on verify-2fa.",
        )
        .fs(
            "totpSecret",
            totp_secret(),
            "With `keepLoggedIn` on verify-2fa of an authenticator-app account: the app's base32 secret (at least 26 characters), checked against `twoFactorCode`. Without it, a later login needing a code makes the account `reauth_required`.",
        )
    };
    let proxy_answer = obj("accountId:s proxy:s? source:s");
    let credentials_answer = obj("success:b accountId:s credentials:KeptCredentials");
    // Every `accountId` a client may take is the gateway's id; Fansly's id is
    // `fanslyAccountId`; no token of any kind (client-compat §5.1).
    let mut connected = obj("status_code:i account_id*:s accountId:s fanslyAccountId:id message:s");
    connected["properties"]["accountId"] = described(
        t("s"),
        "The gateway's account id (= `account_id`), to use in every `/{account_id}/…` path.",
    );
    connected["properties"]["fanslyAccountId"] =
        described(t("id"), "Fansly's own id of the creator account.");
    connected["properties"]["data"] = described(
        obj("success:b response:o"),
        "`response: {accountId: <the gateway's account id>, fanslyAccountId: <Fansly's id>}` for clients that read a nested answer; never a token.",
    );
    vec![
        op("POST", "/connect", "connect", "Connect a Fansly creator account")
            .tag(CONNECT)
            .upstream()
            .desc("Logs in to Fansly (`GET /device/id`, `POST /login`). Either the account is connected at once (`data.account_id`), or Fansly wants a 2FA code: `data.requires_2fa: true` with `twofa_token` — then call `POST /verify-2fa`. The password is stored only with `keepLoggedIn: true` (sealed); a reconnect keeps the account id.")
            .body(keep(label(Body::new()
                .f("username*", "s", "Fansly login (username or e-mail), at most 254 characters.")
                .f("password*", "s", "Fansly password (never logged; stored sealed only with `keepLoggedIn: true`).")))
                .schema())
            .ok(200, "Connected, or 2FA required", json!({"anyOf": [connected.clone(),
                obj("status_code:i requires_2fa*:b twofa_token*:s twofa_type:i masked_email:s message:s")]})),
        op("POST", "/verify-2fa", "verify2fa", "Finish a connect with the 2FA code")
            .tag(CONNECT)
            .upstream()
            .desc("Sends the code for the pending connection named by `twoFactorToken` (valid 10 minutes, 5 tries).")
            .body(keep(label(Body::new()
                .f("username*", "s", "The login given to connect (must match).")
                .f("password*", "s", "The password given to connect.")
                .f("twoFactorToken*", "s", "`data.twofa_token` of the connect answer.")
                .fs("twoFactorCode*", json!({"anyOf": [t("s"), {"type": "integer", "minimum": 0}]}), "The code (string or number).")))
                .schema())
            .ok(200, "Connected", connected),
        op("POST", "/{account_id}/twofa/session", "sendOtp", "Send a sensitive-action OTP")
            .tag(CONNECT)
            .desc("Fansly e-mails a code (C3). Needed before payout changes.")
            .body(Body::new().f("useEmailTwoFAFallback", "b?", "Forwarded to Fansly as given; null or absent = true. `useEmailTwoFaFallback` is accepted as an alias.").schema())
            .proxied(201, "OTP sent (HTTP 201)", obj("emailTwofa:o")),
        op("POST", "/{account_id}/twofa/session/verify", "verifyOtp", "Verify a sensitive-action OTP")
            .tag(CONNECT)
            .desc("A verified `(token, code)` is kept encrypted for 10 minutes so payout changes can use it (C4).")
            .body(Body::new()
                .f("token*", "s", "`emailTwofa.token` of Send OTP.")
                .fs("code*", json!({"anyOf": [t("s"), {"type": "integer", "minimum": 0}]}), "The e-mailed code.")
                .f("mode", "i", "Default 1.")
                .schema())
            .proxied(201, "Verified (HTTP 201)", obj("status:i")),
        op("GET", "/accounts", "listAccounts", "List this key's connected accounts")
            .tag(ACCOUNTS)
            .ok(200, "The accounts (flat `data`)", obj("success:b count:i accounts:[ConnectedAccount]")),
        op("GET", "/accounts/by-ids", "accountsByIds", "Fansly accounts by native ids")
            .tag(ACCOUNTS)
            .upstream()
            .qs("ids*", json!({"type": "string", "pattern": "^[ ,]*[0-9]{1,20}( *,[ ,]*[0-9]{1,20})*[ ,]*$"}), "Comma-separated native Fansly account ids (digits), at most 1000.")
            .proxied(200, "The accounts", t("[Account]")),
        op("DELETE", "/accounts/{account_id}", "disconnectAccount", "Disconnect an account")
            .tag(ACCOUNTS)
            .local()
            .desc("Closes the Fansly session (best effort; a Fansly failure does not stop the disconnect) and erases the account and its secrets.")
            .ok(200, "Disconnected", obj("success:b accountId:s")),
        op("PUT", "/accounts/{account_id}/credentials", "keepAccountCredentials", "Keep credentials for automatic re-login")
            .tag(ACCOUNTS)
            .local()
            .desc("Opt in (or replace): the Fansly password and, for an authenticator-app account, its TOTP secret are kept sealed with the master key, never answered or logged. When Fansly ends the session, the gateway logs in again and retries the call once (answer header `X-Fansly-Session-Renewed: true`); e-mail-code accounts become `reauth_required`, failed logins `reauth_failed` with backoff. Clears a `reauth_failed` state.")
            .body(Body::new()
                .f("password*", "s", "The Fansly password, at most 1024 bytes.")
                .fs("totpSecret", totp_secret(), "The authenticator app's base32 secret (at least 26 letters A–Z and digits 2–7; spaces, `-` and `=` are ignored), for accounts that use one. Null or blank: none.")
                .schema())
            .ok(200, "Kept", credentials_answer.clone()),
        op("DELETE", "/accounts/{account_id}/credentials", "eraseAccountCredentials", "Erase kept credentials")
            .tag(ACCOUNTS)
            .local()
            .desc("Erases the kept password and TOTP secret (also done by disconnect); a dead session then needs a reconnect again.")
            .ok(200, "Erased (or none were kept)", credentials_answer),
        op("GET", "/accounts/{account_id}/proxy", "getAccountProxy", "Where the account's Fansly calls go")
            .tag(ACCOUNTS)
            .desc("`proxy` is masked (`socks5://***@host:1080`) or null; `source` is `account` (its own), `pool` (`--proxy-pool` by country) or `direct`.")
            .ok(200, "The account's proxy", proxy_answer.clone()),
        op("PUT", "/accounts/{account_id}/proxy", "setAccountProxy", "Set the account's own outbound proxy")
            .tag(ACCOUNTS)
            .body(Body::new()
                .fs("proxy*", proxy_url(), "`http://`, `https://` or `socks5://` `[user:pass@]host:port`; nothing else.")
                .schema())
            .ok(200, "Set; later calls go through it", proxy_answer.clone()),
        op("DELETE", "/accounts/{account_id}/proxy", "removeAccountProxy", "Remove the account's own proxy")
            .tag(ACCOUNTS)
            .desc("The country pool, or direct, applies again.")
            .ok(200, "Removed", proxy_answer),
        op("GET", "/{account_id}/me", "me", "The creator's own Fansly account")
            .tag(ACCOUNTS)
            .proxied(200, "`response.account`", obj("account:Account")),
        op("GET", "/{account_id}/account", "account", "The creator's own Fansly account (alias)")
            .tag(ACCOUNTS)
            .proxied(200, "`response.account`", obj("account:Account")),
        op("GET", "/{account_id}/profile", "profile", "Profile with flat summary fields")
            .tag(ACCOUNTS)
            .desc("As `/me`, plus flat fields beside `status_code`: accountId, username, displayName, avatar, banner, bio, followersCount, subscribersCount, postsCount, likesCount.")
            .ok(200, "Profile", json!({"allOf": [
                super::builder::proxied_data(obj("account:Account"), false),
                obj("accountId:id username:s? displayName:s? avatar:s? banner:s? bio:s? followersCount:i subscribersCount:i postsCount:i likesCount:i"),
            ]})),
        op("GET", "/search/{username}", "searchUsername", "Find a Fansly account by username")
            .tag(ACCOUNTS)
            .upstream()
            .proxied(200, "An array with the one account", t("[Account]")),
    ]
}
