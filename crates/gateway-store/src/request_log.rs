//! Request-log rows (issue 6): what the gateway records about each `/api/fansly` call of a
//! key, and the filters `GET /api/fansly/logs` reads them with. Numbers and names only —
//! never a body, header, query string or key.

use crate::TenantId;

/// One finished request, as the gateway's writer inserts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequestLog {
    pub tenant: TenantId,
    /// When the request arrived (Unix ms).
    pub at_ms: i64,
    pub request_id: String,
    /// The `{account_id}` path parameter, when the route has one.
    pub account_id: Option<String>,
    pub method: String,
    /// The route template (`/api/fansly/{account_id}/chats`), never the concrete path.
    pub route: String,
    pub status: u16,
    pub latency_us: i64,
    pub upstream_calls: u32,
    /// Declared request/response body sizes; `None` when not known up front (streams).
    pub bytes_in: Option<i64>,
    pub bytes_out: Option<i64>,
    /// The MCP tool this request was made for (`send_message`), `None` for a REST call.
    pub tool: Option<String>,
}

/// A stored row: the entry plus its sequence number (the paging cursor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLogRow {
    pub seq: i64,
    pub entry: NewRequestLog,
}

/// Which statuses a query keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Exactly this status.
    Exact(u16),
    /// Every status of the class: `4` keeps 400–499.
    Class(u16),
}

/// Filters of a request-log query; every `None` keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestLogQuery {
    pub account_id: Option<String>,
    pub status: Option<StatusFilter>,
    pub method: Option<String>,
    pub route: Option<String>,
    /// `at_ms >= since_ms`.
    pub since_ms: Option<i64>,
    /// `at_ms <= until_ms`.
    pub until_ms: Option<i64>,
    /// Only rows older than this `seq` (the previous page's last row).
    pub before_seq: Option<i64>,
    pub limit: i64,
}

/// Whether the database holds every migration this build embeds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaStatus {
    /// Versions embedded in the binary that the database has not applied.
    pub missing: Vec<i64>,
    /// Versions recorded as applied but failed (a half-applied migration).
    pub failed: Vec<i64>,
}

impl SchemaStatus {
    pub fn is_current(&self) -> bool {
        self.missing.is_empty() && self.failed.is_empty()
    }
}

/// Point-in-time counts for `/metrics` (over every tenant).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GaugeCounts {
    /// Webhook deliveries waiting to be sent (status pending).
    pub pending_webhook_deliveries: i64,
    /// Connected accounts with status active.
    pub active_accounts: i64,
}

/// The chunks a batch of `entries` is inserted in, largest first: 256, 64, 16, 4 and 1 rows.
///
/// Multi-row INSERTs make one statement (one hop to the database) per chunk instead of one
/// per row. Chunks of these few sizes only keep the statements' texts few, so the driver's
/// per-connection statement cache holds them all: chunks of any length made a new statement
/// to prepare for most batches, and preparing a statement of hundreds of rows cost more than
/// running it (issue 16: 3 % of a proxied read's instructions went to SQLite's parser).
/// 12 parameters × 256 rows stays below both databases' parameter limits.
pub(crate) fn insert_chunks<T>(entries: &[T]) -> impl Iterator<Item = &[T]> {
    const SIZES: [usize; 5] = [256, 64, 16, 4, 1];
    let mut rest = entries;
    std::iter::from_fn(move || {
        let size = SIZES.into_iter().find(|s| *s <= rest.len())?;
        let (chunk, tail) = rest.split_at(size);
        rest = tail;
        Some(chunk)
    })
}

#[cfg(test)]
mod tests {
    use super::insert_chunks;

    #[test]
    fn a_batch_is_inserted_in_chunks_of_five_sizes_in_order() {
        for n in 0..700 {
            let rows: Vec<usize> = (0..n).collect();
            let chunks: Vec<&[usize]> = insert_chunks(&rows).collect();
            assert_eq!(chunks.concat(), rows, "every row once, in order");
            assert!(
                chunks
                    .iter()
                    .all(|c| [256, 64, 16, 4, 1].contains(&c.len()))
            );
            assert!(chunks.windows(2).all(|w| w[0].len() >= w[1].len()));
        }
        assert_eq!(
            insert_chunks(&[0; 341]).map(<[_]>::len).collect::<Vec<_>>(),
            [256, 64, 16, 4, 1]
        );
    }
}
