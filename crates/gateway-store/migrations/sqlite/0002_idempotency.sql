-- Idempotency-Key records for sends that must not happen twice (messages, mass messages,
-- posts). Scoped by tenant + route scope + the SHA-256 of the client's key. A record is
-- 'pending' while the request runs and 'completed' with the response to replay afterwards;
-- it stops counting at expires_at (24 h after the first use).
CREATE TABLE idempotency_keys (
    tenant_id        INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    scope            TEXT    NOT NULL,
    key_hash         BLOB    NOT NULL CHECK (length(key_hash) = 32),
    fingerprint      BLOB    NOT NULL CHECK (length(fingerprint) = 32),
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'completed')),
    response_status  INTEGER,
    response_body    BLOB,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, scope, key_hash)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
