//! The live view of events as they arrive: `/console/live` (the page; `console.js` fills it)
//! and `/console/live/stream` (server-sent events). The stream reads the recorded events
//! (`webhook_events`, the rows every webhook delivery comes from) of the session's own
//! accounts with the tenant-scoped `Store::recent_events` once a second and sends the new ones;
//! it ends when the session does (sign-out, expiry, revoked key).

use std::collections::HashSet;
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt as _};
use gateway_store::TenantId;
use gateway_store::console::hash_console_secret;
use gateway_store::webhooks::RecentEvent;
use maud::html;
use secrecy::ExposeSecret as _;
use serde_json::json;

use super::error::ConsoleError;
use super::layout::{self, when};
use super::session::Signed;
use crate::state::AppState;

const PER_ACCOUNT: i64 = 20;
const POLL: Duration = Duration::from_secs(1);

/// The newest events of every account of `tenant` (and the account-less test events).
async fn recent(app: &AppState, tenant: TenantId) -> Result<Vec<RecentEvent>, ConsoleError> {
    let mut ids: Vec<String> = app
        .store
        .accounts(tenant)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    ids.push(String::new());
    let mut out = Vec::new();
    for id in ids {
        out.extend(app.store.recent_events(tenant, &id, PER_ACCOUNT).await?);
    }
    out.sort_by(|a, b| a.occurred_at.cmp(&b.occurred_at).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// `GET /console/live`.
pub async fn page(State(app): State<AppState>, session: Signed) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let events = recent(&app, tenant).await?;
    let body = html! {
        p #live-state role="status" { "Connecting…" }
        p.hint { "Events of this key's accounts as the gateway records them (the same events webhooks deliver). Needs JavaScript; the newest recorded ones are listed below either way." }
        ul #live-events data-stream="/console/live/stream" aria-live="polite" {
            @for e in events.iter().rev() {
                li.recorded {
                    strong { (e.event) }
                    span.hint { " " (when(e.occurred_at)) " · " (e.account_id) " · " (e.id) }
                }
            }
        }
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page(&session, "Live events", None, body),
    ))
}

/// `GET /console/live/stream`: `event: event` frames with `{id, event, accountId, occurredAt,
/// body}`.
pub async fn stream(
    State(app): State<AppState>,
    session: Signed,
) -> Result<Response, ConsoleError> {
    let tenant = session.tenant()?;
    let seen: HashSet<String> = recent(&app, tenant)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let hash = hash_console_secret(session.token.expose_secret());
    let frames = stream::unfold(Some(seen), move |seen| {
        let app = app.clone();
        async move {
            let mut seen = seen?;
            tokio::time::sleep(POLL).await;
            let live = matches!(
                app.store.console_session(&hash, app.clock.now_ms()).await,
                Ok(Some(_))
            );
            if !live {
                return None;
            }
            let mut frames = Vec::new();
            if let Ok(events) = recent(&app, tenant).await {
                for e in events {
                    if seen.insert(e.id.clone()) {
                        let data = json!({
                            "id": e.id, "event": e.event, "accountId": e.account_id,
                            "occurredAt": when(e.occurred_at), "body": e.body,
                        });
                        frames.push(Ok::<Event, Infallible>(
                            Event::default().event("event").data(data.to_string()),
                        ));
                    }
                }
            }
            Some((frames, Some(seen)))
        }
    })
    .flat_map(stream::iter);
    Ok(Sse::new(frames)
        .keep_alive(KeepAlive::default())
        .into_response())
}
