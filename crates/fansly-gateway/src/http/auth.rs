//! API-key authentication. `Tenant` is the extractor every `/api/fansly` route takes; the key
//! id is the tenant. Keys are looked up by their SHA-256 in an in-memory cache, so a warm
//! check costs no database round trip: the cache is a snapshot of the active keys, refreshed
//! in the background (`KeyCache::spawn_refresher`), plus a bounded set of recent misses.
//! A key revoked by this process disappears from the cache at once; one revoked by another
//! process (`fansly-gateway keys revoke`) at the next refresh (1 s by default).
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
use crate::app::AppState;

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

    /// Forgets a key at once (used after an in-process revocation).
    pub fn forget(&self, tenant: TenantId) {
        let mut snap = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        snap.active.retain(|_, t| *t != tenant);
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
#[derive(Clone, Copy, Debug)]
pub struct Tenant(pub TenantId);

impl FromRequestParts<AppState> for Tenant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let key = parts
            .headers
            .get("x-api-key")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| ApiError::unauthorized("Missing API key"))?;
        match state.keys.resolve(key).await? {
            Some(t) => Ok(Tenant(t)),
            None => Err(ApiError::unauthorized("Invalid API key")),
        }
    }
}
