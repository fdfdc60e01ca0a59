-- The delivery engine reads an endpoint's due deliveries a page at a time, oldest first
-- (issue 16): this index serves that read without walking the endpoint's delivered history
-- or other endpoints' backlogs. Partial: a delivery leaves it once delivered or failed.
CREATE INDEX webhook_deliveries_endpoint_due ON webhook_deliveries (endpoint_id, next_attempt_at, seq)
    WHERE status = 'pending';
