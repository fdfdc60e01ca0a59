-- Opt-in kept credentials and automatic re-login (issue 14).
--
-- A Fansly password (and, for accounts that use an authenticator app, the TOTP secret) kept
-- only when the user asked (`keepLoggedIn: true` or `PUT /accounts/{id}/credentials`), sealed
-- with the keyring and bound to the account id (AD "account_credentials.password:" || id,
-- "account_credentials.totp_secret:" || id). Erased with DELETE …/credentials and with the
-- account.
CREATE TABLE account_credentials (
    account_id    TEXT    PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    tenant_id     BIGINT NOT NULL,
    password_enc  BYTEA   NOT NULL,
    password_kid  TEXT    NOT NULL,
    totp_enc      BYTEA,
    totp_kid      TEXT,
    twofa_kind    TEXT    NOT NULL CHECK (twofa_kind IN ('none', 'authenticator', 'email')),
    updated_at    BIGINT NOT NULL
);

-- Why an expired account cannot be re-logged in unattended: `reauth_required` (the login needs
-- an e-mailed code) or `reauth_failed` (wrong password, refused, rate limited, unreachable),
-- with the consecutive failures and when the next automatic attempt may run (NULL: none until
-- a person reconnects or replaces the credentials). A reconnect deletes the row.
CREATE TABLE account_reauth (
    account_id  TEXT    PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    tenant_id   BIGINT NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('reauth_required', 'reauth_failed')),
    reason      TEXT    NOT NULL,
    failures    BIGINT NOT NULL,
    retry_at    BIGINT,
    updated_at  BIGINT NOT NULL
);
