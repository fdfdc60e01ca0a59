-- Idempotency-Key records for sends that must not happen twice (messages, mass messages,
-- posts). Scoped by tenant + route scope + the SHA-256 of the client's key. A record is
-- 'pending' while the request runs and 'completed' with the response to replay afterwards;
-- it stops counting at expires_at (24 h after the first use).
CREATE TABLE idempotency_keys (
    tenant_id        BIGINT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    scope            TEXT    NOT NULL,
    key_hash         BYTEA   NOT NULL CHECK (octet_length(key_hash) = 32),
    fingerprint      BYTEA   NOT NULL CHECK (octet_length(fingerprint) = 32),
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'completed')),
    response_status  BIGINT,
    response_body    BYTEA,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, scope, key_hash)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
