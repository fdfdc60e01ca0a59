//! §5 item 6: the `event_type` payload style, end to end for each of its six events: the
//! simulator drives the event → the gateway's event socket → a local receiver checks the
//! signature (the same `Signature` / `X-Fansly-Signature` hex HMAC and Standard Webhooks
//! headers as the envelope style) and the typed body a client reads. An endpoint of the
//! default style registered beside it still gets the envelope; events without a mapping
//! never reach the `event_type` endpoint.

use std::time::Duration;

use fansly_sim::TwofaMode;
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::common::TestApp;
use crate::messaging_support::native_as;
use crate::webhook_receiver::{Hit, Receiver, assert_signed};
use crate::webhooks_events::{ALL_EVENTS, spawn};

const WAIT: Duration = Duration::from_secs(15);
const FLAT: &str = "/typed";
const ENVELOPE: &str = "/envelope";

async fn register(app: &TestApp, url: &str, style: Option<&str>) -> (String, String) {
    let mut body = json!({"url": url, "events": ALL_EVENTS});
    if let Some(s) = style {
        body["payloadStyle"] = json!(s);
    }
    let (s, v) = app.post("/webhooks", &app.key_a, body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        v["data"]["payloadStyle"],
        style.unwrap_or("envelope"),
        "{v}"
    );
    (
        v["data"]["id"].as_str().unwrap().to_owned(),
        v["data"]["secret"].as_str().unwrap().to_owned(),
    )
}

/// The first `event_type` delivery of `event_type`, signature checked.
async fn typed(rx: &Receiver, secret: &str, event_type: &str) -> Value {
    let hits = rx
        .wait_until(WAIT, |h| {
            h.iter()
                .any(|h| h.path == FLAT && h.json()["event_type"] == event_type)
        })
        .await;
    let hit: Hit = hits
        .into_iter()
        .find(|h| h.path == FLAT && h.json()["event_type"] == event_type)
        .unwrap();
    assert_signed(&hit, secret);
    let body = hit.json();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["data", "event_type", "timestamp"], "{body}");
    assert!(OffsetDateTime::parse(body["timestamp"].as_str().unwrap(), &Rfc3339).is_ok());
    body["data"].clone()
}

fn iso_secs(v: &Value) -> i64 {
    OffsetDateTime::parse(v.as_str().expect("ISO time"), &Rfc3339)
        .unwrap()
        .unix_timestamp()
}

#[tokio::test]
async fn the_six_event_types_arrive_signed_with_names_and_dollars() {
    let app = spawn().await;
    let rx = Receiver::start().await;
    let (_, flat_secret) = register(&app, &rx.url(FLAT), Some("event_type")).await;
    let (_, env_secret) = register(&app, &rx.url(ENVELOPE), None).await;
    let creator = app.creator("mia", TwofaMode::None);
    let acct = app.connect(&app.key_a, "mia").await;
    let fan = app
        .sim
        .create_fan(fansly_sim::NewFan {
            username: "fan_typed".into(),
            display_name: Some("Typed Fan".into()),
            ..fansly_sim::NewFan::default()
        })
        .unwrap()
        .id;
    let chat = app.sim.dm_group(&creator.id, &fan);
    let start = std::time::Instant::now();
    while !app.sim.has_live_socket(&creator.id) {
        assert!(start.elapsed() < WAIT, "no event socket");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let (fansly, creds) = native_as(&app, &fan).await;
    // The fan as Fansly shows it: what every `sender` / `subscriber` / `follower` names.
    let native_fan = fansly
        .accounts_by_ids(&creds, &[fan.as_str()])
        .await
        .unwrap();
    let native_fan = native_fan.response()[0].clone();
    let avatar = native_fan["avatar"]["locations"][0]["location"]
        .as_str()
        .or_else(|| native_fan["avatar"]["location"].as_str())
        .map_or(Value::Null, |s| json!(s));
    let person = json!({"id": fan, "username": "fan_typed", "display_name": "Typed Fan",
                        "avatar": avatar});
    let post = |path: &'static str, body: Value| {
        let (fansly, creds) = (fansly.clone(), creds.clone());
        async move {
            fansly
                .call(fansly_client::NativeRequest::post(
                    path,
                    body,
                    fansly_client::Auth::Session(&creds),
                ))
                .await
                .unwrap_or_else(|e| panic!("{path}: {e}"))
        }
    };

    // new_message
    let sent = post(
        "/message",
        json!({"type": 1, "content": "typed hello", "groupId": chat, "attachments": []}),
    )
    .await;
    let msg_id = sent.response()["id"].as_str().unwrap().to_owned();
    let d = typed(&rx, &flat_secret, "new_message").await;
    assert_eq!(d["account_id"], acct.as_str(), "the gateway's id: {d}");
    assert_eq!(d["message"]["id"], msg_id.as_str(), "{d}");
    assert_eq!(d["message"]["text"], "typed hello", "{d}");
    let created = sent.response()["createdAt"].as_f64().unwrap() as i64;
    let created = if created > 100_000_000_000 {
        created / 1000
    } else {
        created
    };
    assert_eq!(iso_secs(&d["message"]["created_at"]), created, "{d}");
    assert_eq!(d["sender"], person, "{d}");
    // The envelope endpoint got the same event in its own style, signed with its own secret.
    let env = rx
        .wait_until(WAIT, |h| {
            h.iter()
                .any(|h| h.path == ENVELOPE && h.event() == "messages.received")
        })
        .await
        .into_iter()
        .find(|h| h.path == ENVELOPE && h.event() == "messages.received")
        .unwrap();
    assert_signed(&env, &env_secret);
    assert_eq!(env.json()["data"]["id"], msg_id.as_str());

    // new_tip: $5.00 (5 000 mills).
    post(
        "/tips",
        json!({"receiverId": creator.id, "amount": 5_000, "message": "for you", "target": chat}),
    )
    .await;
    let d = typed(&rx, &flat_secret, "new_tip").await;
    assert_eq!(d["account_id"], acct.as_str());
    assert_eq!(d["tip"]["amount"], 5.0, "dollars: {d}");
    assert_eq!(d["sender"], person, "{d}");

    // new_subscription: the tier's name and price in dollars.
    let sub = app
        .sim
        .subscribe(fansly_sim::NewSubscription {
            fan_id: fan.clone(),
            creator_id: creator.id.clone(),
            tier_id: None,
            plan_id: None,
            promo_id: None,
            auto_renew: Some(true),
        })
        .unwrap();
    let price = sub["price"].as_i64().unwrap();
    let d = typed(&rx, &flat_secret, "new_subscription").await;
    assert_eq!(d["account_id"], acct.as_str());
    let s = &d["subscriber"];
    for k in ["id", "username", "display_name", "avatar"] {
        assert_eq!(s[k], person[k], "{k}: {d}");
    }
    assert_eq!(s["tier"], sub["subscriptionTierName"], "{d}");
    assert!(s["tier"].is_string(), "{d}");
    assert_eq!(s["amount"], price as f64 / 1000.0, "{d}");

    // subscription_renewed: the fan's all-time total (tip + two periods), in dollars.
    let ends_at = sub["endsAt"].as_i64().unwrap();
    app.advance(ends_at - app.sim.now_ms() + 1_000);
    let d = typed(&rx, &flat_secret, "subscription_renewed").await;
    assert_eq!(d["account_id"], acct.as_str());
    assert_eq!(d["subscriber"]["id"], fan.as_str(), "{d}");
    let total = (5_000 + 2 * price) as f64 / 1000.0;
    assert_eq!(d["subscriber"]["total_spent"], total, "{d}");

    // subscription_expired: the next renewal fails; grace, then expiry.
    let sub_id = sub["id"].as_str().unwrap();
    app.sim.fail_renewal(sub_id).unwrap();
    app.advance(40 * 86_400_000);
    let d = typed(&rx, &flat_secret, "subscription_expired").await;
    assert_eq!(d["account_id"], acct.as_str());
    let s = &d["subscriber"];
    for k in ["id", "username", "display_name"] {
        assert_eq!(s[k], person[k], "{k}: {d}");
    }

    // new_follower
    fansly.follow(&creds, &creator.id).await.expect("follow");
    let d = typed(&rx, &flat_secret, "new_follower").await;
    assert_eq!(d["account_id"], acct.as_str());
    // The avatar is a signed CDN URL whose expiry follows the (advanced) clock: same file,
    // fresh signature.
    let f = &d["follower"];
    for k in ["id", "username", "display_name"] {
        assert_eq!(f[k], person[k], "{k}: {d}");
    }
    let unsigned = |v: &Value| {
        v.as_str()
            .map(|u| u.split('?').next().unwrap_or(u).to_owned())
    };
    assert!(unsigned(&f["avatar"]).is_some(), "{d}");
    assert_eq!(unsigned(&f["avatar"]), unsigned(&person["avatar"]), "{d}");

    // Events without a mapping (accounts.connected, followers.removed, messages.sent …)
    // reached the envelope endpoint only.
    fansly
        .unfollow(&creds, &creator.id)
        .await
        .expect("unfollow");
    rx.wait_until(WAIT, |h| {
        h.iter()
            .any(|h| h.path == ENVELOPE && h.event() == "followers.removed")
    })
    .await;
    let flat: Vec<Value> = rx
        .hits()
        .iter()
        .filter(|h| h.path == FLAT)
        .map(Hit::json)
        .collect();
    let kinds: Vec<&str> = flat
        .iter()
        .map(|b| b["event_type"].as_str().unwrap())
        .collect();
    for t in &kinds {
        assert!(
            [
                "new_message",
                "new_tip",
                "new_subscription",
                "subscription_renewed",
                "subscription_expired",
                "new_follower"
            ]
            .contains(t),
            "{kinds:?}"
        );
    }
    assert!(flat.iter().all(|b| b.get("event").is_none()));
    let env_events: Vec<String> = rx
        .hits()
        .iter()
        .filter(|h| h.path == ENVELOPE)
        .map(Hit::event)
        .collect();
    assert!(
        env_events.iter().any(|e| e == "accounts.connected"),
        "{env_events:?}"
    );
}

#[tokio::test]
async fn payload_style_is_validated_updated_and_shown() {
    let app = spawn().await;
    let (s, v) = app
        .post(
            "/webhooks",
            &app.key_a,
            json!({"url": "http://127.0.0.1:9/a", "events": ["tips.received"],
                   "payloadStyle": "flat"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["message"].as_str().unwrap().starts_with("payloadStyle"),
        "{v}"
    );
    let (s, v) = app
        .post(
            "/webhooks",
            &app.key_a,
            json!({"url": "http://127.0.0.1:9/a", "events": ["tips.received"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["data"]["payloadStyle"], "envelope", "the default: {v}");
    let id = v["data"]["id"].as_str().unwrap();
    let (s, v, _) = app
        .send(
            reqwest::Method::PATCH,
            &format!("/webhooks/{id}"),
            Some(&app.key_a),
            Some(json!({"payloadStyle": "event_type"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["payloadStyle"], "event_type");
    let (_, v) = app.get(&format!("/webhooks/{id}"), &app.key_a).await;
    assert_eq!(v["data"]["payloadStyle"], "event_type");
    let (s, v, _) = app
        .send(
            reqwest::Method::PATCH,
            &format!("/webhooks/{id}"),
            Some(&app.key_a),
            Some(json!({"payloadStyle": 2})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
}
