-- Several gateways on one database (issue 12): which process delivers an endpoint's webhooks.
-- A process claims an endpoint before sending its due deliveries and renews the claim before
-- each attempt; one holder at a time keeps per-endpoint order and one-at-a-time delivery
-- across processes. A claim past `expires_at` (its holder died) may be taken by another
-- process; the attempt the dead one had in hand was never recorded, so it is still pending.
CREATE TABLE webhook_endpoint_claims (
    endpoint_id TEXT    PRIMARY KEY REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    holder      TEXT    NOT NULL,
    expires_at  INTEGER NOT NULL
);
