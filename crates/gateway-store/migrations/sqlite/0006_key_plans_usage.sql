-- Limits, credits and usage (issue 6). A key's plan is a name from the gateway's plan catalog
-- (built-in presets plus FANSLY_GATEWAY_PLANS); NULL means "the configured default plan".
ALTER TABLE api_keys ADD COLUMN plan TEXT;

-- Per key and calendar month (UTC, 'YYYY-MM'): admitted requests, credits charged and webhook
-- events delivered. The gateway counts in memory and adds its deltas here every few seconds
-- and at shutdown, so several processes sharing the database add up rather than overwrite.
CREATE TABLE key_usage (
    tenant_id       INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    period          TEXT    NOT NULL CHECK (length(period) = 7),
    requests        INTEGER NOT NULL DEFAULT 0,
    credits         INTEGER NOT NULL DEFAULT 0,
    webhook_events  INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, period)
);
