//! Uploads whose process is gone (issue 12). A job belongs to the process that accepted it
//! (its `holder`); when that process stops, nobody can finish the job, so a process that is
//! still running fails it with [`INTERRUPTED`] and, when both spool under one upload
//! directory, removes the stopped process's spool directory.
//!
//! - At start ([`recover`]): every unfinished job whose holder is not live — not this process
//!   and not seen in the last [`LIVE_MS`] — fails; on a store that is not shared (one SQLite
//!   process), every unfinished job of a previous run. Spool directories of holders that are
//!   not live are removed, and so are loose `*.upload` files of older versions when the store
//!   is not shared.
//! - On a shared store, every [`SWEEP`] ([`spawn`]): the same, so the jobs of a process that
//!   died fail within [`LIVE_MS`] + [`SWEEP`] (20 s) of its last heartbeat, and those of a
//!   process that shut down with uploads in flight (its heartbeat removed as it leaves)
//!   within [`SWEEP`].
//! - At graceful shutdown ([`leave`]): this process's spool directory goes if it is empty.

use std::path::PathBuf;
use std::time::Duration;

use super::{INTERRUPTED, spool_dir};
use crate::cluster::{self, LIVE_MS};
use crate::state::AppState;

/// How often a process on a shared store looks for uploads of processes that are gone.
pub const SWEEP: Duration = Duration::from_secs(5);

/// Fails the unfinished jobs of processes that are not live and removes the spool files no
/// live process can be using; answers how many jobs it failed.
pub async fn sweep(app: &AppState) -> Result<u64, gateway_store::StoreError> {
    let now = app.clock.now_ms();
    let live_since = now - LIVE_MS;
    let failed = app
        .store
        .fail_orphaned_upload_jobs(app.cluster.holder(), live_since, INTERRUPTED, now)
        .await?;
    if let Err(e) = clear_spool(app, live_since).await {
        tracing::warn!(error = %e, "could not clear the spool files of stopped processes");
    }
    Ok(failed)
}

/// Start-up: [`sweep`], logging what it did.
pub async fn recover(app: &AppState) {
    report(sweep(app).await);
}

fn report(outcome: Result<u64, gateway_store::StoreError>) {
    match outcome {
        Ok(0) => {}
        Ok(n) => tracing::warn!(jobs = n, "failed upload jobs whose gateway process stopped"),
        Err(e) => {
            tracing::error!(error = %e, "could not fail the upload jobs of stopped processes")
        }
    }
}

/// The periodic [`sweep`] (shared stores only; [`recover`] has just run at start).
pub fn spawn(app: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    if !app.store.is_shared() {
        return None;
    }
    let app = app.clone();
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + SWEEP, SWEEP);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            report(sweep(&app).await);
        }
    }))
}

/// Graceful shutdown: removes this process's spool directory when no upload is left in it
/// (one still running keeps it; the others remove it once this process is gone).
pub async fn leave(app: &AppState) {
    let _ = tokio::fs::remove_dir(spool_dir(app)).await;
}

/// Removes the spool directories of holders that are not live (and, on a store that is not
/// shared, loose spool files of versions that did not spool per process). Other entries of
/// the upload directory are left alone.
async fn clear_spool(app: &AppState, live_since: i64) -> Result<(), gateway_store::StoreError> {
    let shared = app.store.is_shared();
    let Ok(mut dir) = tokio::fs::read_dir(&app.settings.upload_dir).await else {
        return Ok(()); // Nothing spooled on this host yet.
    };
    let mut holders: Vec<(String, PathBuf)> = Vec::new();
    let mut loose = Vec::new();
    while let Ok(Some(entry)) = dir.next_entry().await {
        let path = entry.path();
        let Ok(kind) = entry.file_type().await else {
            continue;
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if kind.is_dir() && cluster::is_holder_name(&name) && name != app.cluster.holder() {
            holders.push((name, path));
        } else if kind.is_file() && !shared && path.extension().is_some_and(|e| e == "upload") {
            loose.push(path);
        }
    }
    if holders.is_empty() && loose.is_empty() {
        return Ok(());
    }
    // Asked after listing: a process records its first heartbeat before it serves, so one
    // whose directory was listed above is in this answer while it is live (unless that first
    // heartbeat failed; its jobs fail then too).
    let live = if shared {
        app.store.live_processes(live_since).await?
    } else {
        Vec::new()
    };
    for (name, path) in holders {
        if !live.contains(&name) {
            remove(tokio::fs::remove_dir_all(&path).await, &path);
        }
    }
    for path in loose {
        remove(tokio::fs::remove_file(&path).await, &path);
    }
    Ok(())
}

fn remove(outcome: std::io::Result<()>, path: &std::path::Path) {
    if let Err(e) = outcome
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(path = %path.display(), error = %e, "could not remove a spool file of a stopped process");
    }
}
