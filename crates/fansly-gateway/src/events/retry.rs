//! Retrying the reconciliation steps that failed (issue 10): a step that failed after a
//! (re)connect is run again over the same window, with backoff, while the socket stays up.
//! The task is tied to its socket task by [`RetryTask`] (aborted when that ends or restarts).

use std::time::Duration;

use rand::Rng;

use super::reconcile::{self, Report};
use super::{Ctx, on_session_expired};
use crate::state::AppState;

/// First retry after about this long; doubled per attempt.
const FIRST_RETRY: Duration = Duration::from_millis(1_500);
/// Retries never wait longer than this.
const MAX_RETRY: Duration = Duration::from_secs(300);

/// The retry task of one socket task; aborted when dropped.
pub(crate) struct RetryTask(tokio::task::JoinHandle<()>);

impl Drop for RetryTask {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts retrying `report.failed` (nothing when no step failed).
pub(crate) fn spawn(app: &AppState, ctx: &Ctx, report: Report) -> Option<RetryTask> {
    if report.failed.is_empty() {
        return None;
    }
    let task = tokio::spawn(retry(app.clone(), ctx.clone(), report));
    Some(RetryTask(task))
}

/// Delay before retry `attempt` (0-based): 1.5 s × 2ⁿ capped at 5 min, ±20 % jitter.
fn delay(attempt: u32) -> Duration {
    let base = FIRST_RETRY
        .saturating_mul(1u32 << attempt.min(16))
        .min(MAX_RETRY);
    base.mul_f64(rand::thread_rng().gen_range(0.8..=1.2))
}

async fn retry(app: AppState, ctx: Ctx, mut report: Report) {
    let mut attempt = 0;
    while !report.failed.is_empty() {
        tokio::time::sleep(delay(attempt)).await;
        attempt = attempt.saturating_add(1);
        let steps = std::mem::take(&mut report.failed);
        let again = reconcile::run_steps(&app, &ctx, report.since, &steps).await;
        if again.session_expired {
            on_session_expired(&app, ctx.tenant, &ctx.account_id).await;
            return;
        }
        report.failed = again.failed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_and_is_capped() {
        let first = delay(0);
        assert!(first >= Duration::from_millis(1_200) && first <= Duration::from_millis(1_800));
        let third = delay(2);
        assert!(third >= Duration::from_millis(4_800) && third <= Duration::from_millis(7_200));
        assert!(delay(40) <= MAX_RETRY.mul_f64(1.2));
    }
}
