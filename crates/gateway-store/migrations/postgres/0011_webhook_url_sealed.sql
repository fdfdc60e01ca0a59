-- Webhook URLs sealed at rest (issue 11): users put secret tokens in webhook URLs, so the URL
-- is sealed with the keyring like the signing secret, bound to the endpoint id
-- (AD "webhook_endpoints.url:" || id). `url_host` keeps the non-secret `scheme://host[:port]`
-- for display. On PostgreSQL no row ever held a plain URL (this backend starts sealed and
-- `migrate-data` copies sealed values), so `url` is always ''.
ALTER TABLE webhook_endpoints ADD COLUMN url_enc BYTEA;
ALTER TABLE webhook_endpoints ADD COLUMN url_kid TEXT;
ALTER TABLE webhook_endpoints ADD COLUMN url_host TEXT NOT NULL DEFAULT '';
