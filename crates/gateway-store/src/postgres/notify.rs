//! Cross-process invalidation of the account cache (issue 12: "an account disconnected
//! through one process stops working on every process within 2 s").
//!
//! Every account write of a `PgStore` drops the row from its own cache and ends with
//! `pg_notify(CHANNEL, "<origin> <account id>")`; every `PgStore` holds one `LISTEN` connection
//! and drops the named row from its cache when another store's notification arrives —
//! typically within milliseconds. Its own notifications are skipped: the write already dropped
//! the row, and a late echo would only evict a row read afresh since. Notifications sent while the listening
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

/// A store's random name on [`CHANNEL`] (not a secret: it only tells its own echoes apart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Origin(Arc<str>);

impl Origin {
    pub(super) fn new() -> Self {
        use rand::Rng as _;
        let n: u64 = rand::rngs::OsRng.r#gen();
        Origin(format!("{n:016x}").into())
    }
}

/// The account id a payload names, unless `me` sent it.
fn foreign_id<'a>(payload: &'a str, me: &Origin) -> Option<&'a str> {
    match payload.split_once(' ') {
        Some((origin, _)) if origin == &*me.0 => None,
        Some((_, id)) => Some(id),
        None => Some(payload),
    }
}

/// Subscribes before returning (so no write after `connect` is missed) and spawns the task
/// applying notifications.
pub(super) async fn listen(
    pool: &PgPool,
    cache: Arc<AccountCache>,
    me: Origin,
) -> Result<JoinHandle<()>, StoreError> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(Some(n)) => {
                    if let Some(id) = foreign_id(n.payload(), &me) {
                        cache.invalidate(id);
                    }
                }
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

/// Tells every other process that the account row changed. A failure is logged:
/// the write itself succeeded, and the other processes' listeners clear their caches when
/// they lose the database.
pub(super) async fn account_changed(pool: &PgPool, me: &Origin, id: &str) {
    if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(format!("{} {id}", me.0))
        .execute(pool)
        .await
    {
        tracing::warn!(error = %e, "could not publish an account change");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_echoes_are_skipped() {
        let me = Origin::new();
        let other = Origin::new();
        assert_ne!(me, other);
        let mine = format!("{} fansly_abc", me.0);
        let theirs = format!("{} fansly_abc", other.0);
        assert_eq!(foreign_id(&mine, &me), None);
        assert_eq!(foreign_id(&theirs, &me), Some("fansly_abc"));
        assert_eq!(foreign_id("fansly_abc", &me), Some("fansly_abc"));
    }
}
