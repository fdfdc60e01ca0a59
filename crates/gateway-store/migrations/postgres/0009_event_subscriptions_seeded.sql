-- Event ingestion (issue 5): whether the account's subscription seen-set was seeded with the
-- subscriptions that were already active when it was connected, so their first renewal is
-- `subscriptions.renewed`, not `subscriptions.new`. Seeding happens once, on the first run of
-- the account's event task.
ALTER TABLE event_cursors ADD COLUMN subscriptions_seeded BIGINT NOT NULL DEFAULT 0;
