-- Webhook URLs sealed at rest (issue 11): users put secret tokens in webhook URLs, so the URL
-- is sealed with the keyring like the signing secret, bound to the endpoint id
-- (AD "webhook_endpoints.url:" || id). `url_host` keeps the non-secret `scheme://host[:port]`
-- for display. Existing rows are sealed right after this migration by
-- `SqliteStore::migrate` (SQL cannot encrypt), which then blanks `url`, VACUUMs and
-- truncates the WAL so the plaintext does not linger in free pages.
ALTER TABLE webhook_endpoints ADD COLUMN url_enc BLOB;
ALTER TABLE webhook_endpoints ADD COLUMN url_kid TEXT;
ALTER TABLE webhook_endpoints ADD COLUMN url_host TEXT NOT NULL DEFAULT '';
