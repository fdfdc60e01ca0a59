-- Media upload jobs (U1/U2): one row per POST /{a}/media/upload, owned by the API key that
-- created it. The background job moves it waiting → active → completed | failed; `result`
-- is the JSON the status route returns on completion. A job left waiting/active by a
-- stopped gateway is marked failed when the next one starts.
CREATE TABLE upload_jobs (
    id          TEXT    PRIMARY KEY,
    tenant_id   BIGINT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    account_id  TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('waiting', 'active', 'completed', 'failed')),
    progress    BIGINT NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    result      TEXT,
    error       TEXT,
    file_name   TEXT    NOT NULL DEFAULT '',
    file_size   BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX upload_jobs_unfinished ON upload_jobs (state) WHERE state IN ('waiting', 'active');
