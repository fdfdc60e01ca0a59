-- fansly-gateway storage, SQLite. Timestamps are Unix milliseconds.
-- Secrets are stored only as XChaCha20-Poly1305 blobs (nonce || ciphertext || tag) with the id
-- of the sealing key beside them; the row id is bound as associated data.

-- An API key; its id is the tenant. Only the SHA-256 of the key is kept.
CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a tenant id is never reused
    name        TEXT    NOT NULL,
    prefix      TEXT    NOT NULL,
    key_hash    BLOB    NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

-- A connected Fansly account, owned by one tenant. Revoking the key keeps its accounts.
CREATE TABLE accounts (
    id                 TEXT    PRIMARY KEY,          -- fansly_ + 24 base62
    tenant_id          INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE RESTRICT,
    native_id          TEXT    NOT NULL,
    login              TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    country            TEXT    NOT NULL,
    username           TEXT,
    device_id          TEXT    NOT NULL,
    session_id         TEXT    NOT NULL,
    session_token_enc  BLOB    NOT NULL,            -- AD "accounts.session_token:" || id
    session_token_kid  TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('active', 'expired')),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    last_used_at       INTEGER,
    UNIQUE (tenant_id, native_id)
);
CREATE INDEX accounts_tenant_login ON accounts (tenant_id, login COLLATE NOCASE);

-- A login waiting for its 2FA code, keyed by the SHA-256 of Fansly's twofa token.
CREATE TABLE pending_connects (
    tenant_id   INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    token_hash  BLOB    NOT NULL CHECK (length(token_hash) = 32),
    device_id   TEXT    NOT NULL,
    login       TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0,
    expires_at  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, token_hash)
);
CREATE INDEX pending_connects_expires ON pending_connects (expires_at);

-- The last sensitive-action OTP verification of an account; goes with the account.
CREATE TABLE otp_verifications (
    account_id  TEXT    PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    token_enc   BLOB    NOT NULL,                   -- AD "otp_verifications.token:" || account_id
    token_kid   TEXT    NOT NULL,
    code_enc    BLOB    NOT NULL,                   -- AD "otp_verifications.code:" || account_id
    code_kid    TEXT    NOT NULL,
    verified_at INTEGER NOT NULL
);
