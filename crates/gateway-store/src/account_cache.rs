//! Read-through cache of account rows with their opened session tokens and proxy URLs, so a
//! proxied request (`Store::account`, `Store::session_token`, `Store::account_proxy`) costs
//! no database round trip once warm. Shared by both backends (`SqliteStore`, `PgStore`).
//!
//! Correctness rests on two rules:
//! - **Every write to an account row goes through the store** (the account methods in
//!   `sqlite/accounts.rs`, `postgres/accounts.rs`), and each one invalidates the row's entry
//!   after it is done: connect / reconnect (upsert), status changes (expired, disconnected), `touch`, profile updates,
//!   proxy changes (`set_account_proxy`) and deletes. `SqliteStore::pool` / `PgStore::pool`
//!   (direct SQL, for tests and maintenance) clear the cache, since what is done with the pool
//!   cannot be seen here. On PostgreSQL several processes share the rows: each write also
//!   publishes the account id (`NOTIFY`), and every `PgStore` invalidates on it
//!   (`postgres/notify.rs`).
//! - **A read never caches what a concurrent write made stale.** Every invalidation bumps a
//!   generation counter; a reader notes the generation before its query and fills the cache
//!   only if it is unchanged afterwards (checked under the same lock the invalidation takes).
//!
//! `Store::account_listing` (`GET /accounts`) is cached per tenant on the same rules: any
//! invalidation empties every listing (account writes are rare next to reads).
//!
//! Misses are not cached (an unknown id always asks the database). Tokens and proxies are kept as
//! `SecretString` (zeroized on drop, redacted in `Debug`); the cache never holds more than
//! [`MAX_ENTRIES`] rows (it is emptied when full, then refills from use).

use std::sync::{Arc, RwLock};

// foldhash, not SipHash: this map is read on every request; lookups of unknown ids do not
// insert, so its keys are the tenants' own accounts (docs/PERFORMANCE.md, issue 16).
use foldhash::HashMap;
use secrecy::SecretString;

use crate::{Account, AccountAccess, AccountListing, TenantId};

/// Rows held at most; past it the cache starts over.
pub(crate) const MAX_ENTRIES: usize = 100_000;

#[derive(Default)]
pub(crate) struct AccountCache {
    state: RwLock<State>,
}

#[derive(Default)]
struct State {
    generation: u64,
    entries: HashMap<String, Entry>,
    /// `Store::account_listing` per tenant. Any invalidation empties it: a listing holds
    /// every account of its tenant with its credentials kind and re-login state, and writes
    /// to those go through `invalidate` too (`set_credentials`, `delete_credentials`,
    /// `set_reauth`, …).
    listings: HashMap<TenantId, Arc<Vec<AccountListing>>>,
}

struct Entry {
    account: Account,
    /// The opened session token, once a read asked for it.
    token: Option<SecretString>,
    /// The account's own proxy (`Some(None)`: none set), once a read asked for it.
    proxy: Option<Option<SecretString>>,
}

impl std::fmt::Debug for AccountCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.read().entries.len();
        f.debug_struct("AccountCache")
            .field("entries", &len)
            .finish_non_exhaustive()
    }
}

impl AccountCache {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }

    /// The generation to pass to the `put_*` calls that follow a database read.
    pub(crate) fn generation(&self) -> u64 {
        self.read().generation
    }

    /// The cached answer of `Store::account`, if the row is cached.
    pub(crate) fn access(&self, tenant: TenantId, id: &str) -> Option<AccountAccess> {
        let state = self.read();
        let e = state.entries.get(id)?;
        Some(if e.account.tenant == tenant {
            AccountAccess::Owned(e.account.clone())
        } else {
            AccountAccess::Foreign
        })
    }

    /// The cached answer of `Store::session_token`: `Some(None)` for another tenant's row
    /// (the query is tenant-scoped), `None` when not cached.
    pub(crate) fn token(&self, tenant: TenantId, id: &str) -> Option<Option<SecretString>> {
        let state = self.read();
        let e = state.entries.get(id)?;
        if e.account.tenant != tenant {
            return Some(None);
        }
        e.token.clone().map(Some)
    }

    /// Caches a row read from the database at generation `seen`.
    pub(crate) fn put_account(&self, seen: u64, account: &Account) {
        let mut state = self.write();
        if state.generation != seen {
            return;
        }
        if state.entries.len() >= MAX_ENTRIES && !state.entries.contains_key(&account.id) {
            state.entries.clear();
        }
        let (token, proxy) = state
            .entries
            .remove(&account.id)
            .map_or((None, None), |e| (e.token, e.proxy));
        state.entries.insert(
            account.id.clone(),
            Entry {
                account: account.clone(),
                token,
                proxy,
            },
        );
    }

    /// Caches the opened token of a cached row, read at generation `seen`.
    pub(crate) fn put_token(&self, seen: u64, tenant: TenantId, id: &str, token: &SecretString) {
        let mut state = self.write();
        if state.generation != seen {
            return;
        }
        if let Some(e) = state.entries.get_mut(id)
            && e.account.tenant == tenant
        {
            e.token = Some(token.clone());
        }
    }

    /// The cached answer of `Store::account_proxy`: `Some(None)` for no proxy or another
    /// tenant's row, `None` when not cached.
    pub(crate) fn proxy(&self, tenant: TenantId, id: &str) -> Option<Option<SecretString>> {
        let state = self.read();
        let e = state.entries.get(id)?;
        if e.account.tenant != tenant {
            return Some(None);
        }
        e.proxy.clone()
    }

    /// Caches the proxy lookup of a cached row, read at generation `seen`.
    pub(crate) fn put_proxy(
        &self,
        seen: u64,
        tenant: TenantId,
        id: &str,
        proxy: Option<&SecretString>,
    ) {
        let mut state = self.write();
        if state.generation != seen {
            return;
        }
        if let Some(e) = state.entries.get_mut(id)
            && e.account.tenant == tenant
        {
            e.proxy = Some(proxy.cloned());
        }
    }

    /// The cached answer of `Store::account_listing` for the tenant.
    pub(crate) fn listing(&self, tenant: TenantId) -> Option<Arc<Vec<AccountListing>>> {
        self.read().listings.get(&tenant).cloned()
    }

    /// Caches a tenant's listing read from the database at generation `seen`.
    pub(crate) fn put_listing(
        &self,
        seen: u64,
        tenant: TenantId,
        listing: Arc<Vec<AccountListing>>,
    ) {
        let mut state = self.write();
        if state.generation != seen {
            return;
        }
        if state.listings.len() >= MAX_ENTRIES {
            state.listings.clear();
        }
        state.listings.insert(tenant, listing);
    }

    /// Forgets the row (after a write to it, its credentials or its re-login state) and every
    /// listing, and makes reads in flight not cache.
    pub(crate) fn invalidate(&self, id: &str) {
        let mut state = self.write();
        state.generation = state.generation.wrapping_add(1);
        state.entries.remove(id);
        state.listings.clear();
    }

    /// Forgets everything (after a write whose row is unknown, or direct pool access).
    pub(crate) fn clear(&self) {
        let mut state = self.write();
        state.generation = state.generation.wrapping_add(1);
        state.entries.clear();
        state.listings.clear();
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;
    use crate::AccountStatus;

    fn account(id: &str, tenant: i64) -> Account {
        Account {
            id: id.into(),
            tenant: TenantId(tenant),
            native_id: "n".into(),
            login: "l".into(),
            name: "x".into(),
            country: "US".into(),
            username: None,
            device_id: "d".into(),
            session_id: "s".into(),
            status: AccountStatus::Active,
            created_at: 0,
            updated_at: 0,
            last_used_at: None,
        }
    }

    #[test]
    fn a_read_racing_a_write_does_not_cache() {
        let c = AccountCache::default();
        let seen = c.generation();
        c.invalidate("a"); // a write lands while the read's query runs
        c.put_account(seen, &account("a", 1));
        assert!(c.access(TenantId(1), "a").is_none());

        let seen = c.generation();
        c.put_account(seen, &account("a", 1));
        assert!(matches!(
            c.access(TenantId(1), "a"),
            Some(AccountAccess::Owned(_))
        ));
        assert!(matches!(
            c.access(TenantId(2), "a"),
            Some(AccountAccess::Foreign)
        ));
        let token = SecretString::from("tok");
        assert!(c.token(TenantId(1), "a").is_none(), "token not read yet");
        c.put_token(seen, TenantId(1), "a", &token);
        assert_eq!(
            c.token(TenantId(1), "a").unwrap().unwrap().expose_secret(),
            "tok"
        );
        assert!(c.token(TenantId(2), "a").unwrap().is_none());
        assert!(c.proxy(TenantId(1), "a").is_none(), "proxy not read yet");
        c.put_proxy(seen, TenantId(1), "a", None);
        assert!(c.proxy(TenantId(1), "a").unwrap().is_none());
        c.put_proxy(seen, TenantId(1), "a", Some(&"http://p:1".into()));
        assert_eq!(
            c.proxy(TenantId(1), "a").unwrap().unwrap().expose_secret(),
            "http://p:1"
        );
        assert!(c.proxy(TenantId(2), "a").unwrap().is_none());
        c.invalidate("a");
        assert!(c.access(TenantId(1), "a").is_none());
        assert!(c.token(TenantId(1), "a").is_none());
        assert!(c.proxy(TenantId(1), "a").is_none());
    }

    #[test]
    fn debug_shows_no_token() {
        let c = AccountCache::default();
        c.put_account(c.generation(), &account("a", 1));
        c.put_token(c.generation(), TenantId(1), "a", &"secret-token".into());
        let d = format!("{c:?}");
        assert!(!d.contains("secret-token"), "{d}");
    }
}
