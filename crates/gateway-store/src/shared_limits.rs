//! The model of limits shared by several gateways (issue 12, migration 0017): what a process
//! sends and reads at each exchange. Backend-neutral; see `Store::exchange_limits`.
//!
//! A key's admissions are *reserved* before they are made: a process asks for a number of
//! requests of a key's minute, and the store grants at most what the minute has left (all
//! processes' reservations of the last 60 seconds, made under a per-key lock, never exceed
//! the key's limit). What a process did not use it gives back at its next exchange.

use crate::TenantId;

/// A reservation wanted for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reservation {
    pub key: TenantId,
    /// The key's requests per minute.
    pub limit: u64,
    /// How many this process would like to admit before its next exchange.
    pub want: u64,
}

/// What one process sends at an exchange, and what it asks about.
#[derive(Debug, Clone, Copy)]
pub struct LimitExchange<'a> {
    /// The process (`gateway_processes.holder`).
    pub holder: &'a str,
    /// Unused parts of earlier reservations, given back: `(key, second reserved at, count)`.
    pub returned: &'a [(TenantId, i64, u64)],
    /// New reservations, made at the second of `now`.
    pub wanted: &'a [Reservation],
    /// The keys whose other processes' reservations it wants to know.
    pub keys: &'a [TenantId],
    /// The window: only reservations of later seconds count; older rows are deleted.
    pub after_second: i64,
    /// Calls each account wanted of it since its last exchange: `(pace key, count)`.
    pub demand: &'a [(String, u64)],
    /// Only demand recorded after this (unix ms) counts.
    pub demand_after: i64,
    /// Unix ms.
    pub now: i64,
}

/// What the store granted and what the other processes did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitShares {
    /// Granted reservations, in the order wanted: `(key, count)` (0 when the minute is full).
    pub granted: Vec<(TenantId, u64)>,
    /// Other processes' reservations of the asked keys: `(key, unix second, count)`.
    pub others: Vec<(TenantId, i64, u64)>,
    /// Other processes' recent demand for the pace keys sent: `(pace key, count)`.
    pub others_demand: Vec<(String, u64)>,
}
