//! Automated messages (route-map §1.6): AM1 `GET /{a}/automated-messages` →
//! `GET /message/automated`; AM2 `POST /{a}/automated-messages` → §0.7 media resolution, then
//! `POST /message/automated` (guess); AM3 `DELETE /{a}/automated-messages/{id}` →
//! `POST /message/automated/delete` (guess).
//!
//! `triggerType` names map to native numbers: `disabled` 0, `new_follower` 1,
//! `new_subscriber` 3, `subscriber_renew` 4, `new_tip` 5, `new_gift_link_subscriber` 6,
//! `new_gift_link_subscriber_renew` 7 (only 3 is attested; the rest is the route map's
//! numbering). `triggerMetadata` is a JSON string: `{"subscriptionStreak":N}` for the renew
//! triggers, `{"tipAmount":<mills>,"keywords":[…]}` for the tip trigger (`tipAmount` is given
//! in dollars), `{}` otherwise. `delay` and `cooldown` are seconds, passed through.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{delete, get};
use serde_json::{Map, Value, json};

use super::messages::{content, object, proxied, require_content_or_media};
use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::media_access::{self, AttachmentForm, MediaSpec};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::native_id;

/// `(name, native triggerType)`.
pub const TRIGGERS: [(&str, i64); 7] = [
    ("disabled", 0),
    ("new_follower", 1),
    ("new_subscriber", 3),
    ("subscriber_renew", 4),
    ("new_tip", 5),
    ("new_gift_link_subscriber", 6),
    ("new_gift_link_subscriber_renew", 7),
];
const RENEW_TRIGGERS: [i64; 2] = [4, 7];
const TIP_TRIGGER: i64 = 5;
/// Longest `delay` / `cooldown` accepted: one year, in seconds.
pub const MAX_SECONDS: i64 = 365 * 24 * 60 * 60;
/// Largest `tipAmount` of the tip trigger, dollars.
pub const MAX_TIP_DOLLARS: f64 = 100_000.0;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/automated-messages", get(list).post(create))
        .route(
            "/{account_id}/automated-messages/{automated_message_id}",
            delete(remove),
        )
}

/// AM1.
async fn list(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .automated_messages(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// The native `triggerType` of a name (or of a known native number).
pub fn trigger_type(v: Option<&Value>) -> ApiResult<i64> {
    let names = || {
        TRIGGERS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let found = match v {
        None | Some(Value::Null) => {
            return Err(ApiError::bad_request(format!(
                "triggerType is required: one of {}",
                names()
            )));
        }
        Some(Value::String(s)) => TRIGGERS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s.trim()))
            .map(|(_, t)| *t),
        Some(Value::Number(n)) => n.as_i64().filter(|t| TRIGGERS.iter().any(|(_, x)| x == t)),
        Some(_) => None,
    };
    found.ok_or_else(|| {
        ApiError::bad_request(format!(
            "triggerType: unknown trigger {} (allowed: {})",
            v.map(Value::to_string).unwrap_or_default(),
            names()
        ))
    })
}

fn seconds(body: &Map<String, Value>, field: &str) -> ApiResult<i64> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) if n.as_i64().is_some_and(|s| (0..=MAX_SECONDS).contains(&s)) => {
            Ok(n.as_i64().unwrap_or(0))
        }
        Some(_) => Err(ApiError::bad_request(format!(
            "{field} must be a whole number of seconds from 0 to {MAX_SECONDS}"
        ))),
    }
}

/// The `triggerMetadata` JSON string of a rule. Every trigger field is checked whatever the
/// trigger (a wrong type is a 400 naming it, as the OpenAPI document's schema says), and used
/// only by the triggers it belongs to.
pub fn trigger_metadata(trigger: i64, body: &Map<String, Value>) -> ApiResult<String> {
    let streak = subscription_streak(body)?;
    let mills = tip_mills(body)?;
    let keywords = keywords(body)?;
    Ok(if RENEW_TRIGGERS.contains(&trigger) {
        json!({ "subscriptionStreak": streak }).to_string()
    } else if trigger == TIP_TRIGGER {
        json!({ "tipAmount": mills, "keywords": keywords }).to_string()
    } else {
        "{}".to_owned()
    })
}

/// `subscriptionStreak`: renewals in a row, default 1.
fn subscription_streak(body: &Map<String, Value>) -> ApiResult<i64> {
    match body.get("subscriptionStreak") {
        None | Some(Value::Null) => Ok(1),
        Some(Value::Number(n)) if n.as_i64().is_some_and(|s| s >= 1) => Ok(n.as_i64().unwrap_or(1)),
        Some(_) => Err(ApiError::bad_request(
            "subscriptionStreak must be a positive integer (renewals in a row)",
        )),
    }
}

/// `tipAmount` in dollars (0–100,000, default 0) → mills.
fn tip_mills(body: &Map<String, Value>) -> ApiResult<i64> {
    match body.get("tipAmount") {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n))
            if n.as_f64()
                .is_some_and(|d| (0.0..=MAX_TIP_DOLLARS).contains(&d)) =>
        {
            #[allow(clippy::cast_possible_truncation, reason = "bounded above")]
            let m = (n.as_f64().unwrap_or(0.0) * 1000.0).round() as i64;
            Ok(m)
        }
        Some(_) => Err(ApiError::bad_request(
            "tipAmount must be a number of dollars from 0 to 100000",
        )),
    }
}

/// `keywords`: an array of strings or a comma list; blank ones dropped.
fn keywords(body: &Map<String, Value>) -> ApiResult<Vec<String>> {
    let not_strings = || ApiError::bad_request("keywords must be an array of strings");
    match body.get("keywords") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(k)) => Ok(k
            .iter()
            .map(|w| {
                w.as_str()
                    .map(|s| s.trim().to_owned())
                    .ok_or_else(not_strings)
            })
            .collect::<ApiResult<Vec<_>>>()?
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect()),
        Some(Value::String(s)) => Ok(s
            .split(',')
            .map(|w| w.trim().to_owned())
            .filter(|w| !w.is_empty())
            .collect()),
        Some(_) => Err(not_strings()),
    }
}

/// AM2.
async fn create(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let body = object(body)?;
    let trigger = trigger_type(body.get("triggerType"))?;
    let metadata = trigger_metadata(trigger, &body)?;
    let delay = seconds(&body, "delay")?;
    let cooldown = seconds(&body, "cooldown")?;
    let text = content(&body, "content")?;
    let spec = MediaSpec::parse(&body)?;
    require_content_or_media(&text, &spec)?;
    let attachments =
        media_access::resolve(&app, tenant, &c, &spec, AttachmentForm::Message).await?;
    let native_body = json!({
        "triggerType": trigger,
        "triggerMetadata": metadata,
        "delay": delay,
        "cooldown": cooldown,
        "messageTemplate": { "type": 1, "content": text, "attachments": attachments },
    });
    let native = app
        .fansly
        .automated_message_create(&c.creds, native_body)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

/// AM3.
async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, rule_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    native_id("automated_message_id", &rule_id)?;
    let native = app
        .fansly
        .automated_message_delete(&c.creds, &rule_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    Ok(proxied(&app, tenant, &c, native).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_names_and_numbers() {
        assert_eq!(trigger_type(Some(&json!("new_subscriber"))).unwrap(), 3);
        assert_eq!(trigger_type(Some(&json!("NEW_TIP"))).unwrap(), 5);
        assert_eq!(trigger_type(Some(&json!(7))).unwrap(), 7);
        assert!(trigger_type(Some(&json!(2))).is_err());
        assert!(
            trigger_type(Some(&json!("birthday")))
                .unwrap_err()
                .message
                .contains("unknown trigger")
        );
        assert!(trigger_type(None).unwrap_err().message.contains("required"));
    }

    #[test]
    fn metadata_per_trigger() {
        let b = |v: Value| v.as_object().unwrap().clone();
        assert_eq!(
            trigger_metadata(4, &b(json!({"subscriptionStreak": 3}))).unwrap(),
            "{\"subscriptionStreak\":3}"
        );
        assert_eq!(
            trigger_metadata(5, &b(json!({"tipAmount": 2.5, "keywords": ["hi", " "]}))).unwrap(),
            "{\"keywords\":[\"hi\"],\"tipAmount\":2500}"
        );
        assert_eq!(trigger_metadata(1, &b(json!({}))).unwrap(), "{}");
        assert!(trigger_metadata(4, &b(json!({"subscriptionStreak": 0}))).is_err());
        assert!(trigger_metadata(5, &b(json!({"tipAmount": "x"}))).is_err());
    }

    #[test]
    fn trigger_fields_are_checked_whatever_the_trigger() {
        let b = |v: Value| v.as_object().unwrap().clone();
        for (body, field) in [
            (json!({"keywords": [["nested"]]}), "keywords"),
            (json!({"keywords": 3}), "keywords"),
            (json!({"tipAmount": -1}), "tipAmount"),
            (json!({"tipAmount": 100_000.5}), "tipAmount"),
            (json!({"subscriptionStreak": "2"}), "subscriptionStreak"),
        ] {
            for trigger in [0, 1, 3, 4, 5] {
                let e = trigger_metadata(trigger, &b(body.clone())).unwrap_err();
                assert!(e.message.contains(field), "{trigger} {body}: {}", e.message);
            }
        }
        // Null is absent; a field of another trigger is checked, not used.
        let nulls = b(json!({"keywords": null, "tipAmount": null, "subscriptionStreak": null}));
        assert_eq!(
            trigger_metadata(4, &nulls).unwrap(),
            "{\"subscriptionStreak\":1}"
        );
        assert_eq!(
            trigger_metadata(5, &nulls).unwrap(),
            "{\"keywords\":[],\"tipAmount\":0}"
        );
        assert_eq!(
            trigger_metadata(3, &b(json!({"keywords": ["hi"], "tipAmount": 2}))).unwrap(),
            "{}"
        );
    }
}
