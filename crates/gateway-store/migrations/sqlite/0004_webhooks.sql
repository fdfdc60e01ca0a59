-- Webhooks (issue 5): endpoints registered per API key, the events recorded for delivery, and
-- one delivery row per (event, matching endpoint) whose id stays the same across retries.
-- The signing secret is sealed with the keyring, bound to the endpoint id.
CREATE TABLE webhook_endpoints (
    id              TEXT    PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    url             TEXT    NOT NULL,
    events          TEXT    NOT NULL,            -- JSON array of event names
    account_ids     TEXT,                        -- JSON array of gateway account ids; NULL = all
    description     TEXT    NOT NULL DEFAULT '',
    enabled         INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT,
    failing_since   INTEGER,                     -- first failure of the current failing streak
    secret_key_id   TEXT    NOT NULL,
    secret          BLOB    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at);

CREATE TABLE webhook_events (
    id          TEXT    PRIMARY KEY,
    tenant_id   INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    account_id  TEXT    NOT NULL,
    event       TEXT    NOT NULL,
    dedupe_key  TEXT    NOT NULL,
    body        TEXT    NOT NULL,                -- the exact JSON body every delivery sends
    occurred_at INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (account_id, dedupe_key)
);

CREATE TABLE webhook_deliveries (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,
    endpoint_id     TEXT    NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id        TEXT    NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    response_status INTEGER,
    latency_ms      INTEGER,
    last_error      TEXT,
    next_attempt_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, seq);
