//! Control routes for analytics data (route-map §4.6): `POST /_sim/tracking-events` and
//! `POST /_sim/views`.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;

use super::{ControlError, ControlJson};
use crate::sim::Simulator;
use crate::world::Rejection;
use crate::world::{NewTrackingEvent, NewView};

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/_sim/tracking-events", post(tracking_event))
        .route("/_sim/views", post(view))
}

fn rejected(r: Rejection) -> ControlError {
    match r {
        Rejection::NotFound(what) => ControlError::not_found(what),
        Rejection::BadRequest(d) => ControlError::bad_request(d),
        other => ControlError::bad_request(format!("{other:?}")),
    }
}

/// `POST /_sim/views`: one view event (or an array of them).
async fn view(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<ViewBody>,
) -> Result<StatusCode, ControlError> {
    let now = sim.now_ms();
    let views = match body {
        ViewBody::One(v) => vec![*v],
        ViewBody::Many(v) => v,
    };
    let mut world = sim.world();
    for v in views {
        world.record_view(v, now).map_err(rejected)?;
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum ViewBody {
    Many(Vec<NewView>),
    One(Box<NewView>),
}

async fn tracking_event(
    State(sim): State<Simulator>,
    ControlJson(event): ControlJson<NewTrackingEvent>,
) -> Result<StatusCode, ControlError> {
    let now = sim.now_ms();
    sim.world()
        .record_tracking_event(event, now)
        .map_err(|r| match r {
            Rejection::NotFound(what) => ControlError::not_found(what),
            Rejection::BadRequest(d) => ControlError::bad_request(d),
            other => ControlError::bad_request(format!("{other:?}")),
        })?;
    Ok(StatusCode::NO_CONTENT)
}
