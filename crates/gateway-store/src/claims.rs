//! Claims shared by both backends (issue 12), the same statements on SQLite and PostgreSQL:
//! delivery claims on webhook endpoints (migration 0015) and event-socket leases on accounts
//! with the process heartbeats they are spread by (migration 0016). Claiming is one
//! conditional upsert, so two processes cannot both win: the row's uniqueness (and, on
//! PostgreSQL, its row lock) decides.

/// Claims or renews an endpoint: inserts the claim, or takes it over when it is ours or has
/// expired. One row affected means `$2` holds the endpoint until `$4`.
pub(crate) const CLAIM: &str = "INSERT INTO webhook_endpoint_claims (endpoint_id, holder, expires_at) \
     SELECT id, $2, $4 FROM webhook_endpoints WHERE id = $1 \
     ON CONFLICT (endpoint_id) DO UPDATE SET holder = excluded.holder, \
       expires_at = excluded.expires_at \
     WHERE webhook_endpoint_claims.holder = excluded.holder \
        OR webhook_endpoint_claims.expires_at <= $3";

/// Gives the claim up (only the holder's own).
pub(crate) const RELEASE: &str =
    "DELETE FROM webhook_endpoint_claims WHERE endpoint_id = $1 AND holder = $2";

/// Takes or renews an account's socket lease, as [`CLAIM`] does (active accounts only).
pub(crate) const LEASE: &str = "INSERT INTO event_socket_leases (account_id, holder, expires_at) \
     SELECT id, $2, $4 FROM accounts WHERE id = $1 AND status = 'active' \
     ON CONFLICT (account_id) DO UPDATE SET holder = excluded.holder, \
       expires_at = excluded.expires_at \
     WHERE event_socket_leases.holder = excluded.holder \
        OR event_socket_leases.expires_at <= $3";

pub(crate) const UNLEASE: &str =
    "DELETE FROM event_socket_leases WHERE account_id = $1 AND holder = $2";

/// Live leases: `(account id, holder)`.
pub(crate) const LEASES: &str =
    "SELECT account_id, holder FROM event_socket_leases WHERE expires_at > $1 ORDER BY account_id";

pub(crate) const HEARTBEAT: &str = "INSERT INTO gateway_processes (holder, seen_at) VALUES ($1, $2) \
     ON CONFLICT (holder) DO UPDATE SET seen_at = excluded.seen_at";

/// Processes seen since `$1` (this one included once it has beaten).
pub(crate) const LIVE: &str = "SELECT count(*) FROM gateway_processes WHERE seen_at > $1";

/// The names of the processes seen since `$1`.
pub(crate) const LIVE_HOLDERS: &str =
    "SELECT holder FROM gateway_processes WHERE seen_at > $1 ORDER BY holder";

/// Forgets long-gone processes (their rows only; their leases lapse by themselves).
pub(crate) const PRUNE: &str = "DELETE FROM gateway_processes WHERE seen_at <= $1";
