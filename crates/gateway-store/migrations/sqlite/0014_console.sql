-- Web console (issue 13): operator credentials and console sign-in sessions.
-- Operator secrets are random (fgo_ + 40 base62) and stored only as SHA-256, like API keys.
CREATE TABLE console_operators (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    prefix      TEXT    NOT NULL,
    secret_hash BLOB    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

-- One row per signed-in browser. The cookie holds a random 256-bit token; only its SHA-256 is
-- kept. A session belongs to exactly one principal: a tenant (API key) or an operator. It ends
-- at expires_at, at sign-out, or when its key or operator is revoked (checked on every read).
CREATE TABLE console_sessions (
    token_hash  BLOB    PRIMARY KEY,
    tenant_id   INTEGER REFERENCES api_keys (id) ON DELETE CASCADE,
    operator_id INTEGER REFERENCES console_operators (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    CHECK ((tenant_id IS NULL) <> (operator_id IS NULL))
);
CREATE INDEX console_sessions_expires ON console_sessions (expires_at);
