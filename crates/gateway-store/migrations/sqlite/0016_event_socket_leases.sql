-- Several gateways on one database (issue 12): exactly one Fansly event socket per connected
-- account across all processes. Each running gateway process records a heartbeat
-- (`gateway_processes`), so the others know how many share the accounts; a process holds a
-- lease per account whose socket it runs, renews it every few seconds, and gives it up when it
-- holds more than its share. A lease past `expires_at` (its holder died) is taken by another
-- process, whose socket reconciles from the account's cursor, so the gap loses nothing.
CREATE TABLE gateway_processes (
    holder   TEXT    PRIMARY KEY,
    seen_at  INTEGER NOT NULL
);

CREATE TABLE event_socket_leases (
    account_id  TEXT    PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    holder      TEXT    NOT NULL,
    expires_at  INTEGER NOT NULL
);
