//! `GET /usage` (gateway extension, issue 6): the calling key's plan, its sliding-minute rate
//! window and this month's requests and credits. Flat `data` (not a proxied Fansly answer).
//! It is counted in the rate window and the month's requests but costs no credits, and it
//! answers even when the allowance is spent.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::json;

use crate::http::auth::Tenant;
use crate::http::envelope::{self, timestamp_ms};
use crate::limits::window::WINDOW_SECS;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/usage", get(usage))
}

async fn usage(State(app): State<AppState>, Tenant(tenant): Tenant) -> Response {
    let plan = app.limits.plan_for(tenant, &*app.store).await;
    let now = app.clock.now_ms();
    let v = app.limits.view(tenant, plan, now);
    let rpm = v.plan.rpm.map(u64::from);
    let allowance = v.plan.credits.filter(|_| v.metered);
    let data = json!({
        "plan": {
            "name": v.plan.name,
            "rpm": rpm,
            "monthlyCredits": v.plan.credits,
        },
        "rateLimit": {
            "limit": rpm,
            "unlimited": rpm.is_none(),
            "windowSeconds": WINDOW_SECS,
            "used": v.window_used,
            "remaining": rpm.map(|l| l.saturating_sub(v.window_used)),
        },
        "period": {
            "start": timestamp_ms(v.period.start_ms()),
            "end": timestamp_ms(v.period.end_ms()),
        },
        "requests": v.month.requests,
        "webhookEvents": v.month.webhook_events,
        "credits": {
            "metered": v.metered,
            "used": v.month.credits,
            "allowance": allowance,
            "remaining": allowance.map(|a| a.saturating_sub(v.month.credits)),
            "resetsAt": timestamp_ms(v.period.end_ms()),
        },
    });
    envelope::ok(StatusCode::OK, "Success", data)
}
