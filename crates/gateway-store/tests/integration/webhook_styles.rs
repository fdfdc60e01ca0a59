//! Webhook payload styles (migration 0010): an `event_type` endpoint gets the event's
//! `event_type` body, an `envelope` endpoint the envelope; an event without an `event_type`
//! body makes no delivery for `event_type` endpoints; the style is stored and updated.

use gateway_store::{
    NewWebhookEndpoint, NewWebhookEvent, PayloadStyle, Store, TenantId, WebhookEndpointUpdate,
};

use crate::common::*;

fn endpoint(style: PayloadStyle) -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: "https://hooks.example.test/in".to_owned(),
        events: vec!["tips.received".to_owned(), "messages.sent".to_owned()],
        payload_style: style,
        account_ids: None,
        description: String::new(),
        secret: secrecy::SecretString::from("whsec_test"),
        now: 1,
    }
}

fn event<'a>(
    t: TenantId,
    id: &'a str,
    name: &'a str,
    typed: Option<&'a str>,
) -> NewWebhookEvent<'a> {
    NewWebhookEvent {
        id,
        tenant: t,
        account_id: "fansly_a",
        event: name,
        dedupe_key: id,
        body: r#"{"event":"x"}"#,
        event_type_body: typed,
        occurred_at: 1,
        now: 1,
        only_endpoint: None,
    }
}

both! {
    async fn each_endpoint_gets_the_body_of_its_style(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "a").await;
        let env = store
            .create_webhook_endpoint(t, endpoint(PayloadStyle::Envelope))
            .await
            .unwrap();
        let typed = store
            .create_webhook_endpoint(t, endpoint(PayloadStyle::EventType))
            .await
            .unwrap();
        assert_eq!(env.payload_style, PayloadStyle::Envelope);
        assert_eq!(typed.payload_style, PayloadStyle::EventType);

        // A mapped event: both endpoints, each with its own body.
        let ids = store
            .record_webhook_event(&event(
                t,
                "evt_1",
                "tips.received",
                Some(r#"{"event_type":"new_tip"}"#),
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ids.len(), 2);
        let due = store
            .next_due_webhook_delivery(&env.id, 10)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(due.body, r#"{"event":"x"}"#);
        let due = store
            .next_due_webhook_delivery(&typed.id, 10)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(due.body, r#"{"event_type":"new_tip"}"#);

        // An unmapped event: the envelope endpoint only.
        let ids = store
            .record_webhook_event(&event(t, "evt_2", "messages.sent", None))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ids.len(), 1);
        assert!(
            store
                .webhook_deliveries(t, &typed.id, None, 10)
                .await
                .unwrap()
                .iter()
                .all(|d| d.event == "tips.received")
        );

        // The style is updated and kept by other updates.
        let u = store
            .update_webhook_endpoint(
                t,
                &typed.id,
                WebhookEndpointUpdate {
                    payload_style: Some(PayloadStyle::Envelope),
                    now: 2,
                    ..WebhookEndpointUpdate::default()
                },
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.payload_style, PayloadStyle::Envelope);
        let u = store
            .update_webhook_endpoint(
                t,
                &typed.id,
                WebhookEndpointUpdate {
                    description: Some("d".into()),
                    now: 3,
                    ..WebhookEndpointUpdate::default()
                },
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.payload_style, PayloadStyle::Envelope);
    }
}
