//! API-key authentication. `Tenant` is the extractor every `/api/fansly` route takes; the key
//! id is the tenant. Keys are looked up by their SHA-256 in an in-memory cache, so a warm
//! check costs no database round trip: the cache is a snapshot of the active keys, refreshed
//! in the background (`KeyCache::spawn_refresher`), plus a bounded set of recent misses.
//! A key revoked with `fansly-gateway keys revoke` (another process) stops working at the
//! next refresh (1 s by default).
//!
//! Lookups go by the digest of the presented key, never by comparing the key itself, so no
//! secret-dependent comparison happens on the request path; the final equality check uses
//! `subtle` anyway.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use gateway_store::{Store, TenantId, hash_api_key};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use crate::state::AppState;

const MAX_REMEMBERED_MISSES: usize = 10_000;

#[derive(Default)]
struct Snapshot {
    active: HashMap<[u8; 32], TenantId>,
    misses: HashSet<[u8; 32]>,
}

pub struct KeyCache {
    store: Arc<dyn Store>,
    snapshot: RwLock<Snapshot>,
}

impl KeyCache {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            snapshot: RwLock::new(Snapshot::default()),
        }
    }

    /// Replaces the snapshot with the database's active keys and forgets remembered misses.
    pub async fn refresh(&self) -> Result<(), gateway_store::StoreError> {
        let keys = self.store.active_api_keys().await?;
        let active = keys.into_iter().map(|(t, h)| (h, t)).collect();
        let mut snap = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        *snap = Snapshot {
            active,
            misses: HashSet::new(),
        };
        Ok(())
    }

    pub fn spawn_refresher(self: &Arc<Self>, every: Duration) -> tokio::task::JoinHandle<()> {
        let cache = Arc::clone(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = cache.refresh().await {
                    tracing::warn!(error = %e, "API key cache refresh failed");
                }
            }
        })
    }

    pub async fn resolve(&self, presented: &str) -> Result<Option<TenantId>, ApiError> {
        let digest = hash_api_key(presented);
        {
            let snap = self.snapshot.read().unwrap_or_else(|p| p.into_inner());
            if let Some((stored, tenant)) = snap.active.get_key_value(&digest) {
                return Ok(bool::from(stored.ct_eq(&digest)).then_some(*tenant));
            }
            if snap.misses.contains(&digest) {
                return Ok(None);
            }
        }
        let found = self.store.find_active_api_key(&digest).await?;
        let mut snap = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        match found {
            Some(tenant) => {
                snap.active.insert(digest, tenant);
            }
            None if snap.misses.len() < MAX_REMEMBERED_MISSES => {
                snap.misses.insert(digest);
            }
            None => {}
        }
        Ok(found)
    }
}

/// The calling API key's tenant. Rejects with 401 "Missing API key" / "Invalid API key".
///
/// [`identify`] resolves the key once per request and leaves the tenant in the request's
/// extensions, where this extractor (and the rate limiter and request log) find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tenant(pub TenantId);

fn presented_key(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

impl FromRequestParts<AppState> for Tenant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(t) = parts.extensions.get::<Tenant>() {
            return Ok(*t);
        }
        let key = presented_key(&parts.headers)
            .ok_or_else(|| ApiError::unauthorized("Missing API key"))?;
        match state.keys.resolve(key).await? {
            Some(t) => Ok(Tenant(t)),
            None => Err(ApiError::unauthorized("Invalid API key")),
        }
    }
}

/// Middleware: resolves `x-api-key` once and, when it names an active key, puts its
/// [`Tenant`] in the request's extensions. Missing, invalid or unresolvable keys pass through
/// untouched; the [`Tenant`] extractor answers those with its 401 (or the store error).
pub async fn identify(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if let Some(key) = presented_key(req.headers())
        && let Ok(Some(t)) = state.keys.resolve(key).await
    {
        req.extensions_mut().insert(Tenant(t));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use gateway_store::{Keyring, SqliteStore, api_key_prefix, generate_api_key};
    use secrecy::ExposeSecret;

    use super::*;

    /// Once warm, a known key resolves with the database gone; an unknown one needs it.
    #[tokio::test]
    async fn a_warm_key_check_makes_no_database_call() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("k.db").display());
        let sqlite = Arc::new(
            SqliteStore::connect(&url, Keyring::from_key([7; 32]))
                .await
                .unwrap(),
        );
        sqlite.migrate().await.unwrap();
        let key = generate_api_key();
        let k = key.expose_secret();
        let record = sqlite
            .create_api_key("t", &api_key_prefix(k), &hash_api_key(k))
            .await
            .unwrap();
        let store: Arc<dyn Store> = sqlite.clone();
        let cache = KeyCache::new(store);
        cache.refresh().await.unwrap();

        sqlite.close().await;
        assert_eq!(cache.resolve(k).await.unwrap(), Some(TenantId(record.id)));
        assert!(
            cache.resolve("fgw_unknown").await.is_err(),
            "a miss must consult the database"
        );
    }
}
