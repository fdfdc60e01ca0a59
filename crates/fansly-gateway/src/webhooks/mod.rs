//! Webhooks: endpoints registered per API key, and the durable, signed, retrying delivery of
//! the events recorded by [`publish`] (spec §4.5; issue 5).
//!
//! Flow: event ingestion calls [`publish`] → one durable event row (idempotent on
//! `(account_id, dedupe_key)`) plus one delivery row per matching enabled endpoint, written in
//! one transaction → the delivery engine ([`engine`]) is woken and sends each due delivery.
//! The event row holds the default envelope body and, when an endpoint of the `event_type`
//! payload style will receive it, that style's body too ([`style`]).

mod attempt;
pub mod engine;
pub mod events;
mod recorder;
pub mod sign;
pub mod style;
pub mod target;

pub mod routes;

use gateway_store::{NewWebhookEvent, TenantId};
use rand::distributions::Alphanumeric;
use rand::{Rng as _, rngs::OsRng};
use serde_json::json;

use crate::http::envelope::timestamp_ms;
use crate::http::error::ApiError;
use crate::state::AppState;

/// An event to deliver, as event ingestion derives it.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub tenant: TenantId,
    /// The gateway account id (`acc_…`), not Fansly's.
    pub account_id: String,
    /// One of [`events::ALL`], e.g. `"messages.received"`.
    pub event: &'static str,
    /// The webhook body's `data`.
    pub data: serde_json::Value,
    /// Unique per account for the same logical event, e.g. `"msg:<native message id>"`.
    pub dedupe_key: String,
    /// When it happened (Unix ms); the webhook body's `timestamp`.
    pub occurred_at_ms: i64,
}

/// Records an event durably (one DB row; idempotent on `(account_id, dedupe_key)`) and wakes
/// the delivery engine. Returns `Ok(false)` when the same `(account_id, dedupe_key)` was
/// already recorded.
pub async fn publish(app: &AppState, event: NewEvent) -> Result<bool, ApiError> {
    record(app, &event, None).await.map(|ids| ids.is_some())
}

/// Records one account's events together (issue 16: a socket's queued events), in order, and
/// moves the account's event cursor to `cursor_ms`, in one store transaction: all of it or
/// none. Whether an `event_type` body is needed is asked once per event name. Answers per
/// event whether it was new (false: already recorded). Every event must be `tenant`'s and
/// `account_id`'s.
pub(crate) async fn publish_batch(
    app: &AppState,
    tenant: TenantId,
    account_id: &str,
    events: &[NewEvent],
    cursor_ms: Option<i64>,
) -> Result<Vec<bool>, ApiError> {
    let ids: Vec<String> = events.iter().map(|_| random_id("evt_")).collect();
    let bodies: Vec<String> = events
        .iter()
        .map(|e| body(e.event, &e.account_id, e.occurred_at_ms, &e.data))
        .collect();
    let typed = style::bodies_of_one_account(app, events).await;
    let now = app.clock.now_ms();
    let rows: Vec<NewWebhookEvent<'_>> = events
        .iter()
        .zip(&ids)
        .zip(&bodies)
        .zip(&typed)
        .map(|(((e, id), body), typed)| NewWebhookEvent {
            id,
            tenant: e.tenant,
            account_id: &e.account_id,
            event: e.event,
            dedupe_key: &e.dedupe_key,
            body,
            event_type_body: typed.as_deref(),
            occurred_at: e.occurred_at_ms,
            now,
            only_endpoint: None,
        })
        .collect();
    let recorded = app
        .store
        .record_webhook_events(tenant, account_id, &rows, cursor_ms)
        .await?;
    if recorded.iter().flatten().any(|ids| !ids.is_empty()) {
        app.webhooks.wake();
    }
    Ok(recorded.iter().map(Option::is_some).collect())
}

/// The exact JSON body every delivery of an event sends.
pub fn body(
    event: &str,
    account_id: &str,
    occurred_at_ms: i64,
    data: &serde_json::Value,
) -> String {
    json!({
        "event": event,
        "accountId": account_id,
        "timestamp": timestamp_ms(occurred_at_ms),
        "data": data,
    })
    .to_string()
}

fn random_id(prefix: &str) -> String {
    let mut id = String::from(prefix);
    id.extend(OsRng.sample_iter(&Alphanumeric).take(24).map(char::from));
    id
}

/// Records the event with its deliveries (to `only_endpoint`, or to every matching one) and
/// wakes the engine; `None` for a duplicate.
pub(crate) async fn record(
    app: &AppState,
    event: &NewEvent,
    only_endpoint: Option<&str>,
) -> Result<Option<Vec<String>>, ApiError> {
    let id = random_id("evt_");
    let body = body(
        event.event,
        &event.account_id,
        event.occurred_at_ms,
        &event.data,
    );
    let event_type_body = style::body_if_wanted(app, event, only_endpoint).await;
    let ids = app
        .store
        .record_webhook_event(&NewWebhookEvent {
            id: &id,
            tenant: event.tenant,
            account_id: &event.account_id,
            event: event.event,
            dedupe_key: &event.dedupe_key,
            body: &body,
            event_type_body: event_type_body.as_deref(),
            occurred_at: event.occurred_at_ms,
            now: app.clock.now_ms(),
            only_endpoint,
        })
        .await?;
    if ids.as_ref().is_some_and(|i| !i.is_empty()) {
        app.webhooks.wake();
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use gateway_store::NewWebhookEndpoint;
    use serde_json::Value;

    use super::*;

    async fn state() -> AppState {
        AppState::for_test().await
    }

    async fn endpoint(app: &AppState, events: &[&str], accounts: Option<&[&str]>) -> String {
        let tenant = TenantId(1);
        app.store
            .create_webhook_endpoint(
                tenant,
                NewWebhookEndpoint {
                    url: "https://hooks.example.com/x".into(),
                    events: events.iter().map(|e| (*e).to_owned()).collect(),
                    payload_style: gateway_store::PayloadStyle::Envelope,
                    account_ids: accounts.map(|a| a.iter().map(|x| (*x).to_owned()).collect()),
                    description: String::new(),
                    secret: sign::generate_secret(),
                    now: 0,
                },
            )
            .await
            .unwrap()
            .id
    }

    fn event(account: &str, name: &'static str, key: &str) -> NewEvent {
        NewEvent {
            tenant: TenantId(1),
            account_id: account.into(),
            event: name,
            data: serde_json::json!({"id": "1"}),
            dedupe_key: key.into(),
            occurred_at_ms: 1_790_000_000_123,
        }
    }

    #[tokio::test]
    async fn publish_is_idempotent_and_fans_out_to_matching_endpoints() {
        let app = state().await;
        app.store
            .create_api_key("t", "fgw_x", &[1; 32])
            .await
            .unwrap();
        let all = endpoint(&app, &[events::MESSAGES_RECEIVED], None).await;
        let only_b = endpoint(&app, &[events::MESSAGES_RECEIVED], Some(&["acc_b"])).await;
        let tips = endpoint(&app, &[events::TIPS_RECEIVED], None).await;

        let e = event("acc_a", events::MESSAGES_RECEIVED, "msg:1");
        assert!(publish(&app, e.clone()).await.unwrap());
        assert!(!publish(&app, e).await.unwrap(), "same dedupe key");
        // The same key on another account is another event.
        assert!(
            publish(&app, event("acc_b", events::MESSAGES_RECEIVED, "msg:1"))
                .await
                .unwrap()
        );
        let count = |id: String| {
            let app = app.clone();
            async move {
                app.store
                    .webhook_deliveries(TenantId(1), &id, None, 100)
                    .await
                    .unwrap()
                    .len()
            }
        };
        assert_eq!(count(all.clone()).await, 2);
        assert_eq!(count(only_b).await, 1);
        assert_eq!(count(tips).await, 0);

        let due = app
            .store
            .next_due_webhook_delivery(&all, i64::MAX)
            .await
            .unwrap()
            .unwrap();
        let body: Value = serde_json::from_str(&due.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "event": "messages.received",
                "accountId": "acc_a",
                "timestamp": "2026-09-21T14:13:20.123Z",
                "data": {"id": "1"},
            })
        );
    }
}
