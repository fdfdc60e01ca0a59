//! This process among the gateways sharing one store (issue 12).
//!
//! Every process has a name ([`Cluster::holder`], random per start) under which it holds
//! event-socket leases, claims webhook endpoints, owns upload jobs and shares key limits.
//! On a shared store (PostgreSQL) it records a heartbeat every [`HEARTBEAT`]
//! (`Store::process_heartbeat`) and learns how many processes were seen in the last
//! [`LIVE_MS`] ([`Cluster::live`]); the others use that to split accounts and limits and to
//! find work left by a process that died. On a store that is not shared, the process is
//! alone: [`Cluster::live`] is 1 and no heartbeat is written.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rand::Rng as _;

use crate::state::AppState;

/// How often a process on a shared store records its heartbeat.
pub const HEARTBEAT: Duration = Duration::from_secs(1);
/// A process not seen for this long no longer counts as live.
pub const LIVE_MS: i64 = 15_000;
/// A process not seen for this long is forgotten.
pub const GONE_MS: i64 = 10 * 60_000;

/// This process's name and what it last learnt about the others.
#[derive(Debug)]
pub struct Cluster {
    holder: String,
    live: AtomicU64,
}

impl Default for Cluster {
    fn default() -> Self {
        Self {
            holder: format!(
                "gw-{}-{:016x}",
                std::process::id(),
                rand::thread_rng().r#gen::<u64>()
            ),
            live: AtomicU64::new(1),
        }
    }
}

/// True for names [`Cluster::default`] could have given (`gw-<pid>-<16 hex digits>`): the
/// names of the per-process spool directories (`uploads::spool_dir`), nothing else.
pub fn is_holder_name(name: &str) -> bool {
    name.strip_prefix("gw-")
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(pid, random)| {
            !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && random.len() == 16
                && random.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

impl Cluster {
    /// This process's name on leases, claims, upload jobs and shared limits.
    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// Live processes at the last heartbeat, this one included (at least 1).
    pub fn live(&self) -> u64 {
        self.live.load(Ordering::Relaxed).max(1)
    }

    /// Records this process's heartbeat and refreshes [`Cluster::live`]; a no-op answering 1
    /// on a store that is not shared.
    pub async fn beat(&self, app: &AppState) -> Result<u64, gateway_store::StoreError> {
        if !app.store.is_shared() {
            return Ok(1);
        }
        let now = app.clock.now_ms();
        let live = app
            .store
            .process_heartbeat(&self.holder, now, now - LIVE_MS, now - GONE_MS)
            .await?
            .max(1);
        self.live.store(live, Ordering::Relaxed);
        Ok(live)
    }
}

/// The heartbeat loop (shared stores only): beats at once, then every [`HEARTBEAT`].
pub fn spawn(app: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    if !app.store.is_shared() {
        return None;
    }
    let app = app.clone();
    let cluster = Arc::clone(&app.cluster);
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(HEARTBEAT);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = cluster.beat(&app).await {
                tracing::warn!(error = %e, "cluster: recording the heartbeat failed");
            }
        }
    }))
}

/// At shutdown, after the sockets and the webhook engine stopped: removes this process's
/// heartbeat and leases, so the others take its accounts and its unfinished work at their next
/// look. On a store that is not shared this drops every lease (a lone process's own).
pub async fn leave(app: &AppState) {
    if let Err(e) = app.store.forget_process(app.cluster.holder()).await {
        tracing::warn!(error = %e, "cluster: removing this process's heartbeat and leases failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holder_names_are_recognised_and_nothing_else() {
        assert!(is_holder_name(Cluster::default().holder()));
        assert!(is_holder_name("gw-1-00000000000000aa"));
        for other in [
            "",
            "gw-",
            "gw-1-",
            "gw--00000000000000aa",
            "gw-1-00000000000000a",
            "gw-1-00000000000000aag",
            "gw-x-00000000000000aa",
            "uploads",
            "../gw-1-00000000000000aa",
            "gw-1-00000000000000aa.upload",
        ] {
            assert!(!is_holder_name(other), "{other:?}");
        }
    }
}
