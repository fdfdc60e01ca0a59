//! The ⚙ drivers over HTTP: fans, sessions, subscribe, the subscription clock (renew,
//! lapse, expire), fail-renewal, presence and the event log.

use serde_json::{Value, json};

use crate::audience_support::{DAY_MS, kinds, payloads};
use crate::common::Harness;

#[tokio::test]
async fn fans_are_accounts_without_the_creator_flag() {
    let h = Harness::start().await;
    let reply = h
        .post(
            "/_sim/fans",
            None,
            json!({ "username": "fanny", "password": "pw", "displayName": "Fanny F", "walletBalance": 1234 }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let fan = reply.body.clone();
    assert_eq!(fan["username"], "fanny");
    assert_eq!(fan["email"], "fanny@fans.example");
    assert!(fan["id"].is_string());
    assert_eq!(
        h.post("/_sim/fans", None, json!({ "username": "FANNY" }))
            .await
            .status,
        409
    );
    assert_eq!(
        h.post("/_sim/fans", None, json!({ "username": "a b" }))
            .await
            .status,
        400
    );
    let negative = json!({ "username": "neg", "walletBalance": -1 });
    assert_eq!(h.post("/_sim/fans", None, negative).await.status, 400);

    // A fan logs in like a creator, and sees itself without the creator flag.
    let login = h.login("fanny", "pw", "1").await;
    assert_eq!(login.status, 200, "{}", login.body);
    let token = login.body["response"]["session"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = h.get("/api/v1/account/me", Some(&token)).await;
    assert_eq!(me.body["response"]["account"]["displayName"], "Fanny F");
    assert_eq!(
        me.body["response"]["account"]["flags"].as_u64().unwrap() & 2,
        0
    );

    // Sessions minted by the control API work on native routes.
    let session = h
        .post("/_sim/sessions", None, json!({ "accountId": fan["id"] }))
        .await;
    assert_eq!(session.status, 201, "{}", session.body);
    let token = session.body["token"].as_str().unwrap();
    assert_eq!(h.get("/api/v1/account/me", Some(token)).await.status, 200);
    assert_eq!(
        h.post("/_sim/sessions", None, json!({ "accountId": "9" }))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn subscribe_emits_its_events_in_order() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 2000);
    let (fan_seq, creator_seq) = (h.last_seq(&fan.id).await, h.last_seq(&creator.id).await);
    let sub = h.subscribe(&fan, &creator, json!({})).await;
    assert_eq!(sub["status"], 3);
    assert_eq!(sub["accountId"], creator.id.as_str());
    assert_eq!(sub["subscriberId"], fan.id.as_str());
    assert_eq!(sub["subscriptionTierName"], "Basic");
    assert_eq!(sub["price"], 9990);
    assert_eq!(sub["autoRenew"], 1);
    assert_eq!(sub["endsAt"], h.sim.now_ms() + 30 * DAY_MS);

    let fan_events = h.events(&fan.id, fan_seq).await;
    assert_eq!(
        kinds(&fan_events),
        [
            (16, 1),
            (6, 3),
            (6, 2),
            (16, 2),
            (15, 5),
            (15, 5),
            (6, 3),
            (6, 2)
        ]
    );
    assert_eq!(fan_events[1]["payload"]["type"], 14001);
    assert_eq!(
        fan_events[1]["payload"]["transactionAmount"], 7990,
        "the shortfall"
    );
    let statuses: Vec<Value> = payloads(&fan_events, 15, 5)
        .iter()
        .map(|s| s["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(2), json!(3)]);
    assert_eq!(
        fan_events[4]["payload"]["id"], sub["id"],
        "one id from pending to active"
    );
    assert_eq!(fan_events[6]["payload"]["type"], 58000);
    assert_eq!(fan_events[7]["payload"]["balance"], 0);
    let creator_events = h.events(&creator.id, creator_seq).await;
    assert_eq!(kinds(&creator_events), [(15, 5), (6, 3), (6, 2), (9, 1)]);
    assert_eq!(creator_events[0]["payload"]["status"], 3);
    assert_eq!(creator_events[1]["payload"]["type"], 15001);
    assert_eq!(creator_events[1]["payload"]["correlationId"], sub["id"]);
    assert_eq!(creator_events[3]["payload"]["type"], 15006);

    let account = h
        .get(
            &format!("/api/v1/account?ids={}", creator.id),
            Some(&fan.token),
        )
        .await;
    assert_eq!(account.body["response"][0]["subscriberCount"], 1);
    let again = h
        .post(
            "/_sim/subscribe",
            None,
            json!({ "fanId": fan.id, "creatorId": creator.id }),
        )
        .await;
    assert_eq!(again.status, 409);
    let other = h.fan("fan2", 0);
    let unknown = json!({ "fanId": other.id, "creatorId": creator.id, "tierId": "5" });
    assert_eq!(h.post("/_sim/subscribe", None, unknown).await.status, 404);
    let to_fan = json!({ "fanId": creator.id, "creatorId": fan.id });
    assert_eq!(h.post("/_sim/subscribe", None, to_fan).await.status, 404);
}

#[tokio::test]
async fn subscriptions_renew_lapse_and_expire_on_the_clock() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let rich = h.fan("rich", 100_000);
    let poor = h.fan("poor", 0);
    let casual = h.fan("casual", 100_000);
    let renewing = h.subscribe(&rich, &creator, json!({})).await;
    let lapsing = h.subscribe(&poor, &creator, json!({})).await;
    let ending = h
        .subscribe(&casual, &creator, json!({ "autoRenew": 0 }))
        .await;
    let creator_seq = h.last_seq(&creator.id).await;

    h.advance(30 * DAY_MS).await;
    let creator_events = h.events(&creator.id, creator_seq).await;
    let changes = payloads(&creator_events, 15, 5);
    let by_id = |id: &Value| -> Vec<Value> {
        changes
            .iter()
            .filter(|s| s["id"] == *id)
            .map(|s| s["status"].clone())
            .collect()
    };
    assert_eq!(by_id(&renewing["id"]), [json!(3)]);
    assert_eq!(by_id(&lapsing["id"]), [json!(4)]);
    assert_eq!(by_id(&ending["id"]), [json!(5)]);
    let renewed = changes.iter().find(|s| s["id"] == renewing["id"]).unwrap();
    assert_eq!(
        renewed["endsAt"],
        renewing["endsAt"].as_i64().unwrap() + 30 * DAY_MS
    );
    assert_eq!(renewed["renewDate"], renewed["endsAt"]);
    assert_eq!(
        renewed["version"],
        renewing["version"].as_i64().unwrap() + 1
    );
    assert_ne!(renewed["historyId"], renewing["historyId"]);
    let credits: Vec<Value> = payloads(&creator_events, 6, 3)
        .iter()
        .map(|t| json!([t["type"], t["correlationId"]]))
        .collect();
    assert_eq!(credits, [json!([15001, renewing["id"]])]);
    let notifications: Vec<Value> = payloads(&creator_events, 9, 1)
        .iter()
        .map(|n| n["type"].clone())
        .collect();
    assert_eq!(notifications, [json!(15006), json!(15007)]);
    let rich_events = h.events(&rich.id, 0).await;
    assert_eq!(payloads(&rich_events, 6, 3).last().unwrap()["type"], 58000);
    assert_eq!(
        payloads(&h.events(&poor.id, 0).await, 15, 5)
            .last()
            .unwrap()["status"],
        4
    );

    let stats = || {
        let token = creator.token.clone();
        let h = &h;
        async move {
            h.get("/api/v1/subscribers?status=3,4,5", Some(&token))
                .await
                .body["response"]["stats"]
                .clone()
        }
    };
    assert_eq!(
        stats().await,
        json!({ "totalActive": 2, "totalExpired": 1, "total": 3 })
    );
    let count = || {
        let path = format!("/api/v1/account?ids={}", creator.id);
        let token = rich.token.clone();
        let h = &h;
        async move { h.get(&path, Some(&token)).await.body["response"][0]["subscriberCount"].clone() }
    };
    assert_eq!(count().await, 2, "a lapsed subscriber still counts");

    // The grace period (3 days) ends: the lapsed subscription expires.
    let seq = h.last_seq(&creator.id).await;
    h.advance(3 * DAY_MS).await;
    let events = h.events(&creator.id, seq).await;
    assert_eq!(kinds(&events), [(15, 5), (9, 1)]);
    assert_eq!(events[0]["payload"]["status"], 5);
    assert_eq!(events[1]["payload"]["type"], 15007);
    assert_eq!(count().await, 1);
    assert_eq!(
        stats().await,
        json!({ "totalActive": 1, "totalExpired": 2, "total": 3 })
    );

    // Expired: the fan may subscribe again (a new row; the old stays as history).
    let back = h.subscribe(&poor, &creator, json!({})).await;
    assert_ne!(back["id"], lapsing["id"]);
}

#[tokio::test]
async fn a_forced_renewal_failure_lapses_despite_funds() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 1_000_000);
    let sub = h.subscribe(&fan, &creator, json!({})).await;
    let id = sub["id"].as_str().unwrap();
    let reply = h
        .post(
            &format!("/_sim/subscriptions/{id}/fail-renewal"),
            None,
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["status"], 3, "nothing changes before endsAt");
    assert_eq!(
        h.post("/_sim/subscriptions/1/fail-renewal", None, json!({}))
            .await
            .status,
        404
    );
    h.advance(30 * DAY_MS).await;
    let list = h
        .get("/api/v1/subscribers?status=4", Some(&creator.token))
        .await;
    assert_eq!(list.body["response"]["subscriptions"][0]["id"], id);
    let refused = h.sim.fail_renewal(id).unwrap_err().to_string();
    assert!(refused.contains("not active"), "{refused}");
    h.advance(3 * DAY_MS).await;
    let list = h
        .get("/api/v1/subscribers?status=5", Some(&creator.token))
        .await;
    assert_eq!(list.body["response"]["subscriptions"][0]["id"], id);
}

#[tokio::test]
async fn presence_is_pinned_by_the_driver_and_lapses_after_heartbeats() {
    let h = Harness::start().await;
    let fan = h.fan("fan1", 0);
    let creator = h.creator_actor("maria");
    let status = || {
        let path = format!("/api/v1/account?ids={}", fan.id);
        let token = creator.token.clone();
        let h = &h;
        async move { h.get(&path, Some(&token)).await.body["response"][0]["statusId"].clone() }
    };
    assert_eq!(status().await, 2);
    let reply = h
        .post(
            "/_sim/presence",
            None,
            json!({ "accountId": fan.id, "online": true }),
        )
        .await;
    assert_eq!(reply.body, json!({ "accountId": fan.id, "statusId": 1 }));
    h.advance(60 * 60 * 1000).await;
    assert_eq!(status().await, 1, "pinned");
    h.sim.set_presence(&fan.id, false).unwrap();
    assert_eq!(status().await, 2);

    let beat = h
        .post("/api/v1/status", Some(&fan.token), json!({ "statusId": 1 }))
        .await;
    assert_eq!(beat.status, 200, "{}", beat.body);
    assert_eq!(status().await, 1);
    h.advance(4 * 60 * 1000).await;
    assert_eq!(status().await, 1);
    h.advance(60 * 1000).await;
    assert_eq!(status().await, 2, "5 minutes without a heartbeat");
    h.post("/api/v1/status", Some(&fan.token), json!({ "statusId": 3 }))
        .await
        .assert_native_error(400, 2);
    assert_eq!(
        h.post(
            "/_sim/presence",
            None,
            json!({ "accountId": "1", "online": true })
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn the_event_log_filters_by_account_and_seq() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 0);
    assert_eq!(h.follow(&fan, &creator.id).await.status, 200);
    let all = h.events(&creator.id, 0).await;
    assert_eq!(all.len(), 2);
    let event = &all[0];
    assert_eq!(event["accountId"], creator.id.as_str());
    assert_eq!(event["key"], "follow");
    assert!(event["at"].is_i64());
    let seq = event["seq"].as_u64().unwrap();
    assert_eq!(h.events(&creator.id, seq).await.len(), 1);
    assert_eq!(h.get("/_sim/events", None).await.status, 400);
}
