//! Event-socket leases (issue 12): exactly one Fansly event socket per connected account
//! across every gateway process on one database, spread evenly, taken over when a process
//! dies.
//!
//! Every [`TICK`] each process records its heartbeat ([`crate::cluster::Cluster::beat`]: how
//! many processes were seen in the last [`crate::cluster::LIVE_MS`]), reads the active accounts and the live leases,
//! and [`plan`]s: keep (renew) its own leases up to its share — ⌈accounts ÷ live processes⌉ —,
//! give up the rest, and lease unleased accounts until it has its share. A lease lasts
//! [`LEASE_MS`]; a dead holder's leases lapse and are taken at the others' next tick, so an
//! account is without a socket for at most `LEASE_MS + TICK` (25 s, inside the 30 s).
//! The new socket reconciles from the account's persisted cursor, and events are recorded
//! under dedupe keys, so the gap loses nothing and doubles nothing. A stopping process
//! forgets its leases (`Store::forget_process`) so the others take its accounts at their next
//! tick. On a store that is not shared (SQLite, one process) the start drops a previous run's
//! leases, and the process leases everything.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use gateway_store::StoreError;
use rand::seq::SliceRandom as _;

use crate::state::AppState;

/// How often a process renews, rebalances and takes over.
pub const TICK: Duration = Duration::from_secs(5);
/// How long a lease lasts without renewal.
pub const LEASE_MS: i64 = 20_000;

/// What this process does with the accounts at one tick.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Its own leases, renewed.
    pub keep: Vec<String>,
    /// Its own leases beyond its share, given up.
    pub release: Vec<String>,
    /// Unleased accounts it tries to lease.
    pub claim: Vec<String>,
}

/// The plan of `me` given the active accounts, the live leases `(account, holder)` and the
/// number of live processes. `free` order is the caller's (shuffled, so processes starting
/// together mostly try different accounts).
pub fn plan(me: &str, active: &[String], leases: &[(String, String)], live: u64) -> Plan {
    let live = usize::try_from(live.max(1)).unwrap_or(usize::MAX);
    let share = active.len().div_ceil(live);
    let holder: HashMap<&str, &str> = leases
        .iter()
        .map(|(a, h)| (a.as_str(), h.as_str()))
        .collect();
    let mut out = Plan::default();
    for id in active {
        match holder.get(id.as_str()) {
            Some(h) if *h == me => {
                if out.keep.len() < share {
                    out.keep.push(id.clone());
                } else {
                    out.release.push(id.clone());
                }
            }
            Some(_) => {}
            None => out.claim.push(id.clone()),
        }
    }
    out.claim.truncate(share.saturating_sub(out.keep.len()));
    out
}

/// At start: a lone process drops what its previous run held; then the first tick, awaited,
/// so sockets are up as soon as serving starts.
pub async fn first(app: &AppState) {
    if app.settings.events_upstream.is_none() {
        return;
    }
    if !app.store.is_shared()
        && let Err(e) = app.store.forget_process(app.cluster.holder()).await
    {
        tracing::warn!(error = %e, "event sockets: clearing a previous run's leases failed");
    }
    if let Err(e) = tick(app).await {
        tracing::warn!(error = %e, "event sockets: leasing failed");
    }
}

/// The background loop (after [`first`]); aborted at shutdown, then [`stop`].
pub fn spawn(app: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    app.settings.events_upstream.as_ref()?;
    let app = app.clone();
    Some(tokio::spawn(async move {
        loop {
            tokio::time::sleep(TICK).await;
            if let Err(e) = tick(&app).await {
                tracing::warn!(error = %e, "event sockets: leasing failed");
            }
        }
    }))
}

/// Leases the account's socket for this process and starts it; false (nothing started) when
/// another process holds it.
pub async fn lease_and_start(
    app: &AppState,
    tenant: gateway_store::TenantId,
    account_id: &str,
) -> bool {
    if app.settings.events_upstream.is_none() {
        return false;
    }
    let now = app.clock.now_ms();
    match app
        .store
        .lease_event_socket(account_id, app.cluster.holder(), now, now + LEASE_MS)
        .await
    {
        Ok(true) => {
            super::start(app, tenant, account_id);
            true
        }
        Ok(false) => false,
        Err(e) => {
            // Better two sockets for a while (events are deduplicated) than none.
            tracing::warn!(error = %e, "event sockets: leasing failed; starting anyway");
            super::start(app, tenant, account_id);
            true
        }
    }
}

async fn tick(app: &AppState) -> Result<(), StoreError> {
    let me = app.cluster.holder().to_owned();
    let live = app.cluster.beat(app).await?;
    let now = app.clock.now_ms();
    let accounts = app.store.active_accounts_all().await?;
    let tenants: HashMap<String, gateway_store::TenantId> =
        accounts.iter().map(|a| (a.id.clone(), a.tenant)).collect();
    let mut active: Vec<String> = accounts.into_iter().map(|a| a.id).collect();
    active.shuffle(&mut rand::thread_rng());
    let leases = app.store.event_socket_leases(now).await?;
    let plan = plan(&me, &active, &leases, live);

    for id in &plan.release {
        app.events.stop(id);
        app.store.release_event_socket(id, &me).await?;
    }
    for id in plan.keep.iter().chain(&plan.claim) {
        if app
            .store
            .lease_event_socket(id, &me, now, now + LEASE_MS)
            .await?
        {
            if !app.events.is_running(id)
                && let Some(t) = tenants.get(id)
            {
                super::start(app, *t, id);
            }
        } else {
            app.events.stop(id);
        }
    }
    // A socket running here whose account another process holds (this one stalled past its
    // lease, say) stops.
    let others: HashSet<&str> = leases
        .iter()
        .filter(|(_, h)| *h != me)
        .map(|(a, _)| a.as_str())
        .collect();
    for id in app.events.running_ids() {
        if others.contains(id.as_str()) {
            app.events.stop(&id);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::plan;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("a{i}")).collect()
    }

    fn held(by: &str, ids: &[String]) -> Vec<(String, String)> {
        ids.iter().map(|a| (a.clone(), by.to_owned())).collect()
    }

    #[test]
    fn alone_a_process_takes_everything() {
        let p = plan("me", &ids(5), &[], 1);
        assert_eq!(p.claim, ids(5));
        assert!(p.keep.is_empty() && p.release.is_empty());
    }

    #[test]
    fn a_newcomer_is_left_its_share() {
        let all = ids(10);
        // The old process holds all ten; a second one is live: it keeps five, gives five up.
        let old = plan("old", &all, &held("old", &all), 2);
        assert_eq!(old.keep.len(), 5);
        assert_eq!(old.release.len(), 5);
        assert!(old.claim.is_empty());
        // The newcomer, once those are free, takes them (never more than its share).
        let rest = held("old", &old.keep);
        let new = plan("new", &all, &rest, 2);
        assert_eq!(new.claim.len(), 5);
        assert!(new.claim.iter().all(|a| old.release.contains(a)));
    }

    #[test]
    fn a_dead_holders_accounts_are_taken_over() {
        let all = ids(9);
        // Three processes held three each; one died: its leases lapsed (absent), two remain.
        let leases: Vec<_> = held("a", &all[0..3])
            .into_iter()
            .chain(held("b", &all[3..6]))
            .collect();
        let a = plan("a", &all, &leases, 2);
        assert_eq!(a.keep.len(), 3);
        assert_eq!(a.claim.len(), 2, "share is ⌈9 ÷ 2⌉ = 5");
        assert!(a.claim.iter().all(|x| all[6..].contains(x)));
    }

    #[test]
    fn nobody_leases_what_another_holds() {
        let all = ids(4);
        let p = plan("me", &all, &held("other", &all), 1);
        assert_eq!(p, super::Plan::default());
    }
}
