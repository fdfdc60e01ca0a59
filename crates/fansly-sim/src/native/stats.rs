//! Native profile statistics: `GET /it/amoie/stats?beforeDate&afterDate&period&year&month`
//! (creator-only).

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;

use super::extract::Viewer;
use super::messaging::int_param;
use crate::envelope::{NativeError, ok};
use crate::sim::Simulator;
use crate::world::Rejection;

pub(super) fn routes() -> Router<Simulator> {
    Router::new().route("/api/v1/it/amoie/stats", get(stats))
}

async fn stats(
    State(sim): State<Simulator>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, NativeError> {
    let after = int_param(&q, "afterDate", 0)?;
    let before = int_param(&q, "beforeDate", 0)?;
    let period = int_param(&q, "period", 86_400_000)?;
    if period <= 0 {
        return Err(NativeError::bad_request("period: must be positive"));
    }
    let now = sim.now_ms();
    let world = sim.world();
    if world
        .account(&viewer.account_id)
        .is_none_or(|a| a.flags & 2 == 0)
    {
        return Err(Rejection::Forbidden.into());
    }
    Ok(ok(world.profile_stats(
        &viewer.account_id,
        after,
        before,
        period,
        now,
    )))
}
