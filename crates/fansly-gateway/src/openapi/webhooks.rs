//! Catalog: the webhook management API (`webhooks/routes.rs`). See docs/routes/webhooks.md.

use serde_json::json;

use super::builder::{Body, Op, obj, op, t};

const HOOKS: &str = "Webhooks";

fn fields(b: Body, create: bool) -> Body {
    let req = |n: &'static str| {
        if create {
            format!("{n}*")
        } else {
            n.to_owned()
        }
    };
    b.fs(&req("url"), json!({"type": "string", "maxLength": 2048,
        "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?(\\.[A-Za-z]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?)*(:[1-9][0-9]{0,3})?(/[^\\s]*)?$"}),
        "http(s), absolute, no user info, at most 2048 characters; private/loopback targets refused unless allowed. Sealed at rest; answers show it to its owner.")
        .fs(&req("events"), json!({"type": "array", "minItems": 1, "items": t("WebhookEvent")}), "The events to receive (non-empty).")
        .f("accountIds", "[s]?", "Gateway account ids of this key (at most 100); null/absent = every account, now and later.")
        .f("description", "s?", "At most 500 characters.")
        .f("payloadStyle", "PayloadStyle?", "`envelope` (default; null means it too) or `event_type`; anything else is a 400.")
}

pub fn operations() -> Vec<Op> {
    let endpoint = t("WebhookEndpoint");
    let update = |method: &'static str, id: &str| {
        op(method, "/webhooks/{id}", id, "Update a webhook endpoint")
            .tag(HOOKS)
            .desc("Any of the fields; `enabled: true` on a disabled endpoint clears `disabledReason` and resumes its deliveries.")
            .body(fields(Body::new(), false).f("enabled", "b", "Turn deliveries on or off.").schema())
            .errs(&[404])
            .ok(200, "The endpoint", t("WebhookEndpoint"))
    };
    vec![
        op(
            "POST",
            "/webhooks",
            "createWebhook",
            "Register a webhook endpoint",
        )
        .tag(HOOKS)
        .desc("The `secret` (`whsec_…`) is shown only here and by rotate-secret.")
        .body(fields(Body::new(), true).schema())
        .ok(
            201,
            "The endpoint and its secret",
            serde_json::json!({"allOf": [t("WebhookEndpoint"), obj("secret:s")]}),
        ),
        op("GET", "/webhooks", "listWebhooks", "List webhook endpoints")
            .tag(HOOKS)
            .ok(200, "Oldest first", obj("list:[WebhookEndpoint]")),
        op(
            "GET",
            "/webhooks/{id}",
            "getWebhook",
            "One webhook endpoint",
        )
        .tag(HOOKS)
        .errs(&[404])
        .ok(200, "The endpoint", endpoint),
        update("PATCH", "updateWebhook"),
        update("PUT", "replaceWebhook"),
        op(
            "DELETE",
            "/webhooks/{id}",
            "deleteWebhook",
            "Delete a webhook endpoint",
        )
        .tag(HOOKS)
        .errs(&[404])
        .ok(200, "Deleted, with its deliveries", obj("id:s deleted:b")),
        op(
            "POST",
            "/webhooks/{id}/rotate-secret",
            "rotateWebhookSecret",
            "Rotate the signing secret",
        )
        .tag(HOOKS)
        .errs(&[404])
        .ok(
            200,
            "The new secret (the old one stops signing at once)",
            obj("id:s secret:s"),
        ),
        op(
            "POST",
            "/webhooks/{id}/test",
            "testWebhook",
            "Send a test event",
        )
        .tag(HOOKS)
        .desc("Queues `webhook.test` to this endpoint only; 400 when it is disabled.")
        .errs(&[400, 404])
        .ok(202, "Queued", obj("deliveryId:s event:s")),
        op(
            "GET",
            "/webhooks/{id}/deliveries",
            "webhookDeliveries",
            "Deliveries of an endpoint",
        )
        .tag(HOOKS)
        .limit(20, 100)
        .cursor()
        .errs(&[400, 404])
        .ok(
            200,
            "Newest first",
            obj("list:[WebhookDelivery] nextCursor:Cursor"),
        ),
        op(
            "POST",
            "/webhooks/{id}/deliveries/{delivery_id}/redeliver",
            "redeliverWebhook",
            "Queue a delivery again",
        )
        .tag(HOOKS)
        .errs(&[404])
        .ok(
            202,
            "Queued again with the same id",
            obj("id:s status:s(pending)"),
        ),
    ]
}
