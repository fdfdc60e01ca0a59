-- Event ingestion (issue 5, W1): per connected account, the time of the last native event
-- seen on its WebSocket, from which reconciliation reads after a gap; and the subscriptions
-- seen active (subscriptions.new fires once per subscription id, renewals by history id).
CREATE TABLE event_cursors (
    account_id    TEXT    PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    tenant_id     BIGINT NOT NULL,
    last_event_ms BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE event_subscriptions_seen (
    account_id      TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tenant_id       BIGINT NOT NULL,
    subscription_id TEXT    NOT NULL,
    history_id      TEXT    NOT NULL,
    seen_at         BIGINT NOT NULL,
    PRIMARY KEY (account_id, subscription_id)
);
