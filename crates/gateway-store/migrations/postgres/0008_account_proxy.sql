-- Per-account outbound proxy (issue 6): the proxy URL an account's Fansly calls go through,
-- set with `proxy` on connect / verify-2fa or `PUT /accounts/{id}/proxy`. The URL may carry
-- credentials, so it is sealed with the keyring (AD "account_proxies.proxy_url:" || account id).
-- No row: the account uses the country pool (FANSLY_GATEWAY_PROXY_POOL) or goes direct.
CREATE TABLE account_proxies (
    account_id     TEXT    PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    tenant_id      BIGINT NOT NULL,
    proxy_url_enc  BYTEA   NOT NULL,
    proxy_url_kid  TEXT    NOT NULL,
    updated_at     BIGINT NOT NULL
);
