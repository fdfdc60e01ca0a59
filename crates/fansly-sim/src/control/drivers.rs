//! Control routes that make fans act where Fansly has no public route (route-map §4.6):
//! create fans and tiers, mint sessions, subscribe, purchase, presence, force a renewal
//! failure, and read the recorded events for assertions.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ControlError, ControlJson};
use crate::error::SimError;
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::audience::{DriverError, required_id};
use crate::world::money::Purchase;
use crate::world::{Event, FanInfo, NewFan, NewSubscription, NewTier, Rejection};

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/_sim/fans", post(create_fan))
        .route("/_sim/tiers", post(create_tier))
        .route("/_sim/sessions", post(create_session))
        .route("/_sim/subscribe", post(subscribe))
        .route("/_sim/purchase", post(purchase))
        .route("/_sim/presence", post(presence))
        .route("/_sim/subscriptions/{id}/fail-renewal", post(fail_renewal))
        .route("/_sim/events", get(events))
}

impl From<DriverError> for ControlError {
    fn from(error: DriverError) -> Self {
        match error {
            DriverError::NotFound(m) => Self::not_found(m),
            DriverError::Invalid(m) => Self::bad_request(m),
            DriverError::Conflict(m) => SimError::Conflict(m).into(),
        }
    }
}

fn rejected(rejection: Rejection) -> ControlError {
    match rejection {
        Rejection::NotFound(what) => ControlError::not_found(what),
        Rejection::BadRequest(details) => ControlError::bad_request(details),
        other => ControlError::bad_request(format!("{other:?}")),
    }
}

async fn create_fan(
    State(sim): State<Simulator>,
    ControlJson(new): ControlJson<NewFan>,
) -> Result<(StatusCode, Json<FanInfo>), ControlError> {
    Ok((StatusCode::CREATED, Json(sim.create_fan(new)?)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TierBody {
    #[serde(deserialize_with = "required_id")]
    creator_id: String,
    #[serde(flatten)]
    tier: NewTier,
}

/// `{creatorId, name, price, color?, billingCycle?, promo?}` → 201 the tier.
async fn create_tier(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<TierBody>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let now = sim.now_ms();
    let tier = sim.world().create_tier(&body.creator_id, body.tier, now)?;
    Ok((StatusCode::CREATED, Json(json!(tier))))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionBody {
    #[serde(deserialize_with = "required_id")]
    account_id: String,
}

/// A session for any account, without a login: `{id, token, accountId}`.
async fn create_session(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<SessionBody>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let now = sim.now_ms();
    let session = sim
        .world()
        .login_as(&body.account_id, now)
        .map_err(rejected)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": session.id, "token": session.token, "accountId": session.account_id })),
    ))
}

/// ⚙ subscribe → 201 the subscription (status 3).
async fn subscribe(
    State(sim): State<Simulator>,
    ControlJson(new): ControlJson<NewSubscription>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let now = sim.now_ms();
    let sub = sim.world().subscribe_fan(new, now)?;
    Ok((StatusCode::CREATED, Json(sub.json())))
}

/// ⚙ purchase → 201 the order.
async fn purchase(
    State(sim): State<Simulator>,
    ControlJson(purchase): ControlJson<Purchase>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let now = sim.now_ms();
    let order = sim.world().purchase_media(purchase, now)?;
    Ok((StatusCode::CREATED, Json(json!(order))))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PresenceBody {
    #[serde(deserialize_with = "required_id")]
    account_id: String,
    online: bool,
}

/// ⚙ presence: pins `statusId` 1 (online) or 2 (offline).
async fn presence(
    State(sim): State<Simulator>,
    ControlJson(body): ControlJson<PresenceBody>,
) -> Result<Json<Value>, ControlError> {
    let now = sim.now_ms();
    let status = if body.online { 1 } else { 2 };
    sim.world()
        .set_presence(&body.account_id, status, false, now)
        .map_err(rejected)?;
    Ok(Json(
        json!({ "accountId": body.account_id, "statusId": status }),
    ))
}

/// ⚙ the subscription's next renewal fails (→ status 4, then 5 after the grace period).
async fn fail_renewal(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ControlError> {
    let sub = sim.world().fail_next_renewal(&id)?;
    Ok(Json(sub.json()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventsQuery {
    #[serde(default, deserialize_with = "opt_string")]
    account_id: Option<String>,
    #[serde(default)]
    after: Option<u64>,
}

/// The events recorded for `accountId` with `seq > after`, oldest first.
async fn events(
    State(sim): State<Simulator>,
    Query(query): Query<EventsQuery>,
) -> Result<Json<Vec<Event>>, ControlError> {
    let account = query
        .account_id
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| ControlError::bad_request("accountId: required"))?;
    Ok(Json(sim.events_since(&account, query.after.unwrap_or(0))))
}
