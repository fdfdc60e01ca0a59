//! The model of limits shared by several gateways (issue 12, migration 0017): what a process
//! sends and reads at each exchange. Backend-neutral; see `Store::exchange_limits`.

use crate::TenantId;

/// What one process sends at an exchange, and what it asks about.
#[derive(Debug, Clone, Copy)]
pub struct LimitExchange<'a> {
    /// The process (`gateway_processes.holder`).
    pub holder: &'a str,
    /// Requests it admitted since its last exchange: `(key, unix second, count)`.
    pub admitted: &'a [(TenantId, i64, u64)],
    /// The keys whose other admissions it wants to know.
    pub keys: &'a [TenantId],
    /// Only admissions of later seconds are answered; older rows are deleted.
    pub after_second: i64,
    /// Calls each account wanted of it since its last exchange: `(pace key, count)`.
    pub demand: &'a [(String, u64)],
    /// Only demand recorded after this (unix ms) counts.
    pub demand_after: i64,
    /// Unix ms.
    pub now: i64,
}

/// What the other processes did, as the store knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitShares {
    /// Other processes' admissions of the asked keys: `(key, unix second, count)`.
    pub others_admitted: Vec<(TenantId, i64, u64)>,
    /// Other processes' recent demand for the pace keys sent: `(pace key, count)`.
    pub others_demand: Vec<(String, u64)>,
}
