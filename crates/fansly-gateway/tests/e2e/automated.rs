//! Automated messages AM1–AM3 (rules, trigger metadata, firing on a new subscription), and
//! chat tips H3 (read from the per-fan ledger).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::messaging_support::{
    Chat, assert_400, assert_foreign, assert_proxied, native_as, new_fan, response,
};

#[tokio::test]
async fn rules_are_created_listed_fired_and_deleted() {
    let t = Chat::new().await;
    let (s, b) = t
        .post(
            "/automated-messages",
            json!({"triggerType": "new_subscriber", "content": "welcome!", "delay": 60,
                   "cooldown": 3600, "mediaIds": [t.media()], "access_type": "ppv", "price": 7}),
        )
        .await;
    assert_proxied(s, &b);
    let rule = response(&b).clone();
    let rule_id = rule["id"].as_str().expect("rule id").to_owned();
    assert_eq!(rule["triggerType"], 3);
    assert_eq!(rule["delay"], 60);
    assert_eq!(rule["cooldown"], 3600);
    assert_eq!(rule["messageTemplate"]["content"], "welcome!");
    let atts = rule["messageTemplate"]["attachments"].as_array().unwrap();
    assert_eq!(atts.len(), 1);
    assert_eq!(atts[0]["contentType"], 1);

    let (s, b) = t
        .post(
            "/automated-messages",
            json!({"triggerType": "subscriber_renew", "content": "thanks for staying", "subscriptionStreak": 3}),
        )
        .await;
    assert_proxied(s, &b);
    let (s, b) = t
        .post(
            "/automated-messages",
            json!({"triggerType": "new_tip", "content": "ty", "tipAmount": 5, "keywords": ["hi"]}),
        )
        .await;
    assert_proxied(s, &b);

    // AM1: all three, with their trigger metadata as JSON strings.
    let (s, b) = t.get("/automated-messages").await;
    assert_proxied(s, &b);
    let rules = response(&b).as_array().unwrap().clone();
    assert_eq!(rules.len(), 3);
    let meta = |trigger: i64| -> Value {
        let r = rules.iter().find(|r| r["triggerType"] == trigger).unwrap();
        serde_json::from_str(r["triggerMetadata"].as_str().unwrap()).unwrap()
    };
    assert_eq!(meta(4), json!({"subscriptionStreak": 3}));
    assert_eq!(meta(5), json!({"tipAmount": 5000, "keywords": ["hi"]}));

    // A new subscriber gets the welcome (type 2, correlated with the rule) after the delay.
    let fan = new_fan(&t.app, "newbie");
    t.app
        .sim
        .subscribe(fansly_sim::NewSubscription {
            fan_id: fan.clone(),
            creator_id: t.creator.id.clone(),
            tier_id: None,
            plan_id: None,
            promo_id: None,
            auto_renew: Some(true),
        })
        .unwrap();
    let welcomes = |t: &Chat| {
        t.app
            .sim
            .events_since(&fan, 0)
            .into_iter()
            .filter(|e| {
                e.service_id == 5 && e.kind == 1 && e.payload["correlationId"] == rule_id.as_str()
            })
            .collect::<Vec<_>>()
    };
    assert!(welcomes(&t).is_empty(), "not before the delay");
    t.app.advance(61_000);
    let got = welcomes(&t);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].payload["type"], 2);
    assert_eq!(got[0].payload["content"], "welcome!");

    // AM3
    let (s, b) = t
        .app
        .delete(
            &t.path(&format!("/automated-messages/{rule_id}")),
            &t.app.key_a,
        )
        .await;
    assert_proxied(s, &b);
    let (_, b) = t.get("/automated-messages").await;
    assert_eq!(response(&b).as_array().unwrap().len(), 2);
    let (s, _) = t
        .app
        .delete(
            &t.path(&format!("/automated-messages/{rule_id}")),
            &t.app.key_a,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, b) = t
        .app
        .delete(&t.path("/automated-messages/abc"), &t.app.key_a)
        .await;
    assert_400(s, &b, "automated_message_id must be a numeric");

    for (method, path, body) in [
        (Method::GET, "/automated-messages".to_owned(), None),
        (
            Method::POST,
            "/automated-messages".to_owned(),
            Some(json!({"triggerType": "new_follower", "content": "hi"})),
        ),
        (
            Method::DELETE,
            format!("/automated-messages/{rule_id}"),
            None,
        ),
    ] {
        assert_foreign(&t.app, method, &t.path(&path), body).await;
    }
}

#[tokio::test]
async fn automated_message_validation() {
    let t = Chat::new().await;
    let cases = [
        (json!({"content": "x"}), "triggerType is required"),
        (
            json!({"triggerType": "birthday", "content": "x"}),
            "unknown trigger",
        ),
        (json!({"triggerType": 2, "content": "x"}), "unknown trigger"),
        (
            json!({"triggerType": "new_follower"}),
            "content must not be empty",
        ),
        (
            json!({"triggerType": "new_follower", "content": "x", "delay": -1}),
            "delay must be",
        ),
        (
            json!({"triggerType": "new_follower", "content": "x", "cooldown": "1h"}),
            "cooldown must be",
        ),
        (
            json!({"triggerType": "subscriber_renew", "content": "x", "subscriptionStreak": 0}),
            "subscriptionStreak",
        ),
        (
            json!({"triggerType": "new_tip", "content": "x", "tipAmount": "lots"}),
            "tipAmount",
        ),
        (
            json!({"triggerType": "new_follower", "content": "x", "mediaIds": [t.media()], "access_type": "ppv"}),
            "price is required",
        ),
        // A field of another trigger is checked all the same (schemathesis, 2026-12-03).
        (
            json!({"triggerType": "new_subscriber", "content": "x", "keywords": [["nested"]], "mediaId": null, "price": null}),
            "keywords must be an array of strings",
        ),
    ];
    let before = t.app.sim.requests().len();
    for (body, needle) in cases {
        let (s, b) = t.post("/automated-messages", body).await;
        assert_400(s, &b, needle);
    }
    assert_eq!(t.app.sim.requests().len(), before);
}

#[tokio::test]
async fn chat_tips_come_from_the_fan_ledger() {
    let t = Chat::new().await;
    let other = new_fan(&t.app, "other_tipper");
    let (fansly, fan) = native_as(&t.app, &t.fan).await;
    let tip = |amount: i64, target: Value| {
        let body = json!({"receiverId": t.creator.id, "amount": amount, "message": "for you", "target": target});
        let fansly = fansly.clone();
        let fan = fan.clone();
        async move {
            fansly
                .call(fansly_client::NativeRequest::post(
                    "/tips",
                    body,
                    fansly_client::Auth::Session(&fan),
                ))
                .await
                .expect("tip")
        }
    };
    tip(5_000, json!(t.chat)).await;
    t.app.advance(1000);
    let middle = t.app.sim.now_ms();
    t.app.advance(1000);
    tip(2_500, json!(t.chat)).await;
    // Another fan's tip is not this fan's.
    let (f2, c2) = native_as(&t.app, &other).await;
    f2.call(fansly_client::NativeRequest::post(
        "/tips",
        json!({"receiverId": t.creator.id, "amount": 9_000}),
        fansly_client::Auth::Session(&c2),
    ))
    .await
    .unwrap();

    let (s, b) = t.get(&format!("/chats/{}/tips", t.fan)).await;
    assert_proxied(s, &b);
    let r = response(&b);
    assert_eq!(r["count"], 2, "{r}");
    assert_eq!(r["totalGross"], 7_500);
    assert!(r["totalNet"].as_i64().unwrap() < 7_500);
    assert!(
        r["tips"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["type"] == 7101 && x["correlationAccountId"] == t.fan.as_str())
    );
    assert!(r["aggregationData"]["tips"].is_array());
    let q = t
        .app
        .sim_requests("/api/v1/account/wallets/earnings/transactions/accounts")
        .await;
    let q = q[0]["query"].as_str().unwrap().to_owned();
    assert!(q.contains(&format!("correlationAccountId={}", t.fan)) && q.contains("cursor=0"));

    // A window keeps the later tip only.
    let (_, b) = t
        .get(&format!("/chats/{}/tips?after={middle}", t.fan))
        .await;
    assert_eq!(response(&b)["count"], 1);
    assert_eq!(response(&b)["totalGross"], 2_500);

    let (s, b) = t
        .get(&format!("/chats/{}/tips?after=10&before=5", t.fan))
        .await;
    assert_400(s, &b, "after must be earlier than before");
    let (s, b) = t
        .get(&format!("/chats/{}/tips?after=yesterday", t.fan))
        .await;
    assert_400(s, &b, "after must be an integer");
    assert_foreign(
        &t.app,
        Method::GET,
        &t.path(&format!("/chats/{}/tips", t.fan)),
        None,
    )
    .await;
}
