-- Limits, credits and usage (issue 6). A key's plan is a name from the gateway's plan catalog
-- (built-in presets plus FANSLY_GATEWAY_PLANS); NULL means "the configured default plan".
ALTER TABLE api_keys ADD COLUMN plan TEXT;

-- Per key and calendar month (UTC, 'YYYY-MM'): admitted requests, credits charged and webhook
-- events delivered. The gateway counts in memory and adds its deltas here every few seconds
-- and at shutdown, so several processes sharing the database add up rather than overwrite.
CREATE TABLE key_usage (
    tenant_id       BIGINT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    period          TEXT    NOT NULL CHECK (length(period) = 7),
    requests        BIGINT NOT NULL DEFAULT 0,
    credits         BIGINT NOT NULL DEFAULT 0,
    webhook_events  BIGINT NOT NULL DEFAULT 0,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, period)
);
