-- Several gateways on one database share a key's rate limit and an account's pacing of calls
-- to Fansly (issue 12). Each process adds what it admitted per key and second
-- (`limit_admissions`) and how many calls each account wanted of it (`pacing_demand`, by an
-- opaque hash of the account's session, never the session itself) every few hundred ms, and
-- reads the others'; the gateway's `limits::shared` turns them into per-process budgets.
-- Rows older than the sliding minute are deleted as they age out.
CREATE TABLE limit_admissions (
    tenant_id  INTEGER NOT NULL,
    holder     TEXT   NOT NULL,
    second     INTEGER NOT NULL,
    admitted   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, second, holder)
);

CREATE TABLE pacing_demand (
    pace_key    TEXT   NOT NULL,
    holder      TEXT   NOT NULL,
    demand      INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (pace_key, holder)
);

-- An upload job belongs to the process that accepted it (its spool file is on that process's
-- disk): a starting process fails only jobs whose holder is no longer live, never those of
-- another running gateway. NULL: a job recorded before this migration (no live owner).
ALTER TABLE upload_jobs ADD COLUMN holder TEXT;
