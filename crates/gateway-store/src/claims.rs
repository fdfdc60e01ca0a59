//! Delivery claims on webhook endpoints (migration 0015; issue 12): the same two statements on
//! both backends. Claiming is one conditional upsert, so two processes cannot both win: the
//! row's uniqueness (and, on PostgreSQL, its row lock) decides.

/// Claims or renews: inserts the claim, or takes it over when it is ours or has expired.
/// One row affected means `holder` holds the endpoint until `$4`.
pub(crate) const CLAIM: &str = "INSERT INTO webhook_endpoint_claims (endpoint_id, holder, expires_at) \
     SELECT id, $2, $4 FROM webhook_endpoints WHERE id = $1 \
     ON CONFLICT (endpoint_id) DO UPDATE SET holder = excluded.holder, \
       expires_at = excluded.expires_at \
     WHERE webhook_endpoint_claims.holder = excluded.holder \
        OR webhook_endpoint_claims.expires_at <= $3";

/// Gives the claim up (only the holder's own).
pub(crate) const RELEASE: &str =
    "DELETE FROM webhook_endpoint_claims WHERE endpoint_id = $1 AND holder = $2";
