-- Request log (issue 6): one row per /api/fansly call made with a valid API key, written in
-- batches by the gateway's background writer and pruned by age. No bodies, headers, query
-- strings or keys: only the key id (tenant), the route template and numbers.
CREATE TABLE request_log (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id      INTEGER NOT NULL,
    at_ms          INTEGER NOT NULL,
    request_id     TEXT    NOT NULL,
    account_id     TEXT,
    method         TEXT    NOT NULL,
    route          TEXT    NOT NULL,
    status         INTEGER NOT NULL,
    latency_us     INTEGER NOT NULL,
    upstream_calls INTEGER NOT NULL,
    bytes_in       INTEGER,
    bytes_out      INTEGER
);

CREATE INDEX request_log_tenant_seq ON request_log (tenant_id, seq);
CREATE INDEX request_log_at ON request_log (at_ms);
