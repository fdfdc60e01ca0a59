//! Key plans and usage counters (issue 6): the plan name stored with an API key and the
//! per-key, per-month counters the gateway's limiter flushes in the background.

use crate::TenantId;

/// One key's counters for one calendar month (UTC). As an argument of
/// [`crate::Store::add_key_usage`] the numbers are deltas to add; as an answer of
/// [`crate::Store::key_usage`] they are the stored totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyUsage {
    pub tenant: TenantId,
    /// `YYYY-MM`.
    pub period: String,
    pub requests: i64,
    pub credits: i64,
    pub webhook_events: i64,
}
