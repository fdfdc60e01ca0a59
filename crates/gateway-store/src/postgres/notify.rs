//! Cross-process invalidation of the account cache (issue 12: "an account disconnected
//! through one process stops working on every process within 2 s").
//!
//! Every account write of a `PgStore` ends with `pg_notify(CHANNEL, account id)`; every
//! `PgStore` holds one `LISTEN` connection and drops the named row from its cache when a
//! notification arrives — typically within milliseconds. Notifications sent while the listening
//! connection is down are lost, so a lost connection empties the whole cache before the
//! listener reconnects: from then on every row is read afresh.

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::task::JoinHandle;

use crate::StoreError;
use crate::account_cache::AccountCache;

/// The channel account ids are published on (one per database; the ids are unique).
pub(super) const CHANNEL: &str = "fansly_gateway_accounts";

/// Subscribes before returning (so no write after `connect` is missed) and spawns the task
/// applying notifications.
pub(super) async fn listen(
    pool: &PgPool,
    cache: Arc<AccountCache>,
) -> Result<JoinHandle<()>, StoreError> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(Some(n)) => cache.invalidate(n.payload()),
                // The connection was lost (the next call reconnects): what was published
                // meanwhile is gone, so forget everything.
                Ok(None) => cache.clear(),
                Err(e) => {
                    cache.clear();
                    tracing::warn!(error = %e, "account cache listener failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }))
}

/// Tells every process (this one included) that the account row changed. A failure is logged:
/// the write itself succeeded, and the other processes' listeners clear their caches when
/// they lose the database.
pub(super) async fn account_changed(pool: &PgPool, id: &str) {
    if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(id)
        .execute(pool)
        .await
    {
        tracing::warn!(error = %e, "could not publish an account change");
    }
}
