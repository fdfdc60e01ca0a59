//! The recent events of an account (issue 15, MCP `events` resource): the newest rows of
//! `webhook_events` (migration 0004), scoped by tenant and account.

use sqlx::{PgPool, Row};

use crate::webhooks::RecentEvent;
use crate::{StoreError, TenantId};

pub(super) async fn list(
    pool: &PgPool,
    tenant: TenantId,
    account_id: &str,
    limit: i64,
) -> Result<Vec<RecentEvent>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, account_id, event, body, occurred_at FROM webhook_events \
         WHERE tenant_id = $1 AND account_id = $2 \
         ORDER BY occurred_at DESC, created_at DESC, id DESC LIMIT $3",
    )
    .bind(tenant.0)
    .bind(account_id)
    .bind(limit.max(0))
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RecentEvent {
                id: r.try_get("id")?,
                account_id: r.try_get("account_id")?,
                event: r.try_get("event")?,
                body: r.try_get("body")?,
                occurred_at: r.try_get("occurred_at")?,
            })
        })
        .collect()
}
