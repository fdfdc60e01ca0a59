//! Mass messages and automated messages over HTTP: audiences, immediate and scheduled
//! fan-out, stats, scheduled edits, deletion, and automation rules firing on the clock.

use fansly_sim::Event;
use serde_json::{Value, json};

use crate::common::Harness;
use crate::messaging::{Party, events, get, party, post, response};

const HOUR_MS: i64 = 3_600_000;

/// `POST /group` for a broadcast group (§0.8 encoding); returns its id.
async fn broadcast_group(
    h: &Harness,
    creator: &Party,
    flags: i64,
    excluded: &[&Party],
    recipients: Value,
) -> String {
    let mut users = vec![json!({ "userId": creator.id, "permissionFlags": 65535 })];
    users.extend(
        excluded
            .iter()
            .map(|p| json!({ "userId": p.id, "permissionFlags": 0 })),
    );
    let body = json!({
        "users": users, "recipients": recipients, "lastMessage": null, "userSettings": null,
        "type": 3, "groupFlags": flags, "groupFlagsMetadata": "",
    });
    let group = response(&post(h, creator, "/group", body).await);
    assert_eq!(group["type"], 3);
    group["id"].as_str().unwrap().to_owned()
}

async fn broadcast(
    h: &Harness,
    creator: &Party,
    group: &str,
    content: &str,
    scheduled_for: i64,
) -> Value {
    let body = json!({
        "type": 1, "attachments": [], "likes": [], "content": content, "groupId": group,
        "scheduledFor": scheduled_for, "inReplyTo": null, "createdAt": 1.0,
    });
    response(&post(h, creator, "/message/broadcast", body).await)
}

async fn follow(h: &Harness, fan: &Party, creator: &Party) {
    response(
        &post(
            h,
            fan,
            &format!("/account/{}/followers", creator.id),
            json!({}),
        )
        .await,
    );
}

async fn list_with(h: &Harness, owner: &Party, members: &[&Party]) -> String {
    let list = response(&post(h, owner, "/lists", json!({ "label": "vip" })).await);
    let id = list["id"].as_str().unwrap().to_owned();
    let items: Vec<Value> = members
        .iter()
        .map(|m| json!({ "id": m.id, "listId": id, "type": 1 }))
        .collect();
    response(&post(h, owner, "/lists/items/add", json!({ "listItems": items })).await);
    id
}

/// The messages of `fan`'s DM with the creator.
async fn dm_messages(h: &Harness, fan: &Party, creator: &Party) -> Vec<Value> {
    let group = h.sim.dm_group(&creator.id, &fan.id);
    let page = response(&get(h, fan, &format!("/message?groupId={group}")).await);
    page["messages"].as_array().unwrap().clone()
}

#[tokio::test]
async fn immediate_broadcast_fans_out_to_the_resolved_audience() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let (f1, f2, f3, f4, f5) = (
        party(&h, "f1").await,
        party(&h, "f2").await,
        party(&h, "f3").await,
        party(&h, "f4").await,
        party(&h, "f5").await,
    );
    for fan in [&f1, &f2, &f3, &f5] {
        follow(&h, fan, &maria).await;
    }
    // f3 blocked the creator; f2 is excluded by user; f5 by an exclude list; f4 comes
    // through an include list.
    response(
        &post(
            &h,
            &f3,
            "/account/ignore",
            json!({ "ignoredId": maria.id, "ignoreFlags": 2 }),
        )
        .await,
    );
    let include = list_with(&h, &maria, &[&f4]).await;
    let exclude = list_with(&h, &maria, &[&f5]).await;
    let recipients = json!([
        { "recipientId": include, "type": 30000 },
        { "recipientId": exclude, "type": 30001 },
    ]);
    let group = broadcast_group(&h, &maria, 2, &[&f2], recipients).await;
    assert_eq!(
        events(&h, &maria.id, (4, 8)).len(),
        1,
        "the broadcast group itself"
    );

    let sent = broadcast(&h, &maria, &group, "hello all", 0).await;
    let id = sent["id"].as_str().unwrap().to_owned();
    assert_eq!(sent["groupId"], group);
    assert_eq!(sent["content"], "hello all");
    assert_eq!(sent["status"], 2);
    assert_eq!(
        sent["stats"],
        json!({ "total": 2, "delivered": 0, "read": 0 })
    );

    for fan in [&f1, &f4] {
        let messages = dm_messages(&h, fan, &maria).await;
        assert_eq!(messages.len(), 1, "{}", fan.id);
        assert_eq!(messages[0]["correlationId"], id.as_str());
        assert_eq!(messages[0]["senderId"], maria.id);
        assert_eq!(messages[0]["type"], 1);
        let copies = events(&h, &fan.id, (5, 1));
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].payload["correlationId"], id.as_str());
        assert_eq!(events(&h, &fan.id, (4, 8)).len(), 1, "a new DM group");
    }
    for fan in [&f2, &f3, &f5] {
        assert!(
            events(&h, &fan.id, (5, 1)).is_empty(),
            "{} got a copy",
            fan.id
        );
    }
    // The creator's socket sees every copy (messages.sent webhooks).
    let own: Vec<Event> = events(&h, &maria.id, (5, 1));
    assert_eq!(own.len(), 2);
    assert!(
        own.iter()
            .all(|e| e.payload["senderId"] == maria.id.as_str())
    );

    // Receipts feed the stats.
    let copy = dm_messages(&h, &f1, &maria).await[0]["id"].clone();
    response(
        &post(
            &h,
            &f1,
            "/message/ack",
            json!({ "messageIds": [copy], "type": 2 }),
        )
        .await,
    );
    let copy4 = dm_messages(&h, &f4, &maria).await[0]["id"].clone();
    response(
        &post(
            &h,
            &f4,
            "/message/ack",
            json!({ "messageIds": [copy4], "type": 1 }),
        )
        .await,
    );
    let stats = response(&get(&h, &maria, "/message/broadcast/stats?before=0&limit=24").await);
    assert_eq!(stats["messages"][0]["id"], id.as_str());
    assert_eq!(
        stats["messages"][0]["stats"],
        json!({ "total": 2, "delivered": 2, "read": 1 })
    );
    assert!(stats["accountMedia"].is_array() && stats["accountMediaBundles"].is_array());

    // An empty audience is refused; a DM group is not a broadcast group.
    let nobody = broadcast_group(&h, &maria, 0, &[], json!([])).await;
    let body = json!({ "content": "x", "groupId": nobody });
    post(&h, &maria, "/message/broadcast", body)
        .await
        .assert_native_error(400, 2);
    let dm = h.sim.dm_group(&maria.id, &f1.id);
    let body = json!({ "content": "x", "groupId": dm });
    post(&h, &maria, "/message/broadcast", body)
        .await
        .assert_native_error(400, 2);
    let body = json!({ "content": "x", "groupId": group });
    post(&h, &f1, "/message/broadcast", body)
        .await
        .assert_native_error(404, 404);
}

#[tokio::test]
async fn offline_recipients_can_be_left_out() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let (on, off) = (party(&h, "online").await, party(&h, "offline").await);
    for fan in [&on, &off] {
        follow(&h, fan, &maria).await;
    }
    response(&post(&h, &on, "/status", json!({ "statusId": 1 })).await);
    let group = broadcast_group(&h, &maria, 2 | 64, &[], json!([])).await;
    let sent = broadcast(&h, &maria, &group, "online only", 0).await;
    assert_eq!(sent["stats"]["total"], 1);
    assert_eq!(events(&h, &on.id, (5, 1)).len(), 1);
    assert!(events(&h, &off.id, (5, 1)).is_empty());
}

#[tokio::test]
async fn scheduled_broadcasts_wait_for_the_clock_and_can_be_edited() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let fan = party(&h, "fan1").await;
    follow(&h, &fan, &maria).await;
    let group = broadcast_group(&h, &maria, 2, &[], json!([])).await;
    let at = h.sim.now_ms() + HOUR_MS;
    let pending = broadcast(&h, &maria, &group, "later", at).await;
    let id = pending["id"].as_str().unwrap().to_owned();
    assert_eq!(pending["status"], 1);
    assert_eq!(pending["scheduledFor"], at);
    assert!(events(&h, &fan.id, (5, 1)).is_empty());

    let scheduled = response(&get(&h, &maria, "/message/broadcast/scheduled").await);
    let row = &scheduled["scheduledBroadcastMessages"][0];
    assert_eq!(row["id"], id.as_str());
    assert_eq!(row["scheduledFor"], at);
    let template: Value =
        serde_json::from_str(row["messageTemplate"].as_str().expect("a JSON string")).unwrap();
    assert_eq!(template["content"], "later");
    assert_eq!(scheduled["groups"][0]["id"], group);
    assert!(scheduled["accountMedia"].is_array());

    // Edit: fields left out keep their values.
    let edited = response(
        &post(
            &h,
            &maria,
            &format!("/message/broadcast/scheduled/{id}/edit"),
            json!({ "content": "edited" }),
        )
        .await,
    );
    let template: Value =
        serde_json::from_str(edited["messageTemplate"].as_str().unwrap()).unwrap();
    assert_eq!(template["content"], "edited");
    assert_eq!(edited["scheduledFor"], at);
    let later = at + HOUR_MS;
    response(
        &post(
            &h,
            &maria,
            &format!("/message/broadcast/scheduled/{id}/edit"),
            json!({ "scheduledFor": later }),
        )
        .await,
    );

    h.sim.advance_clock(HOUR_MS);
    assert!(
        events(&h, &fan.id, (5, 1)).is_empty(),
        "moved an hour later"
    );
    h.sim.advance_clock(HOUR_MS);
    let copies = events(&h, &fan.id, (5, 1));
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].payload["content"], "edited");
    assert_eq!(copies[0].payload["correlationId"], id.as_str());
    let scheduled = response(&get(&h, &maria, "/message/broadcast/scheduled").await);
    assert_eq!(scheduled["scheduledBroadcastMessages"], json!([]));
    let stats = response(&get(&h, &maria, "/message/broadcast/stats").await);
    assert_eq!(stats["messages"][0]["id"], id.as_str());
    assert_eq!(stats["messages"][0]["status"], 2);

    // Sent or unknown → 404.
    post(
        &h,
        &maria,
        &format!("/message/broadcast/scheduled/{id}/edit"),
        json!({ "content": "x" }),
    )
    .await
    .assert_native_error(404, 404);
    post(
        &h,
        &maria,
        "/message/broadcast/scheduled/1/edit",
        json!({ "content": "x" }),
    )
    .await
    .assert_native_error(404, 404);
}

#[tokio::test]
async fn schedules_are_limited_in_reach_and_number() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let fan = party(&h, "fan1").await;
    follow(&h, &fan, &maria).await;
    let group = broadcast_group(&h, &maria, 2, &[], json!([])).await;
    let now = h.sim.now_ms();
    let too_far = now + 181 * 24 * HOUR_MS;
    let body = json!({ "content": "x", "groupId": group, "scheduledFor": too_far });
    post(&h, &maria, "/message/broadcast", body)
        .await
        .assert_native_error(400, 2);
    for i in 0..100 {
        broadcast(&h, &maria, &group, &format!("s{i}"), now + HOUR_MS + i).await;
    }
    let body = json!({ "content": "101st", "groupId": group, "scheduledFor": now + 2 * HOUR_MS });
    post(&h, &maria, "/message/broadcast", body)
        .await
        .assert_native_error(400, 2);
    // Sending now is still allowed.
    broadcast(&h, &maria, &group, "now", 0).await;
    let scheduled = response(&get(&h, &maria, "/message/broadcast/scheduled").await);
    assert_eq!(
        scheduled["scheduledBroadcastMessages"]
            .as_array()
            .unwrap()
            .len(),
        100
    );
}

#[tokio::test]
async fn deleting_a_broadcast_unsends_it_and_lists_it_as_deleted() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let fan = party(&h, "fan1").await;
    follow(&h, &fan, &maria).await;
    let group = broadcast_group(&h, &maria, 2, &[], json!([])).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        h.sim.advance_clock(1_000);
        ids.push(
            broadcast(&h, &maria, &group, &format!("b{i}"), 0).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let page = response(&get(&h, &maria, "/message/broadcast/stats?limit=2").await);
    let listed: Vec<&str> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [ids[2].as_str(), ids[1].as_str()]);
    let rest = response(
        &get(
            &h,
            &maria,
            &format!("/message/broadcast/stats?limit=2&before={}", ids[1]),
        )
        .await,
    );
    assert_eq!(rest["messages"][0]["id"], ids[0].as_str());

    let deleted = response(
        &post(
            &h,
            &maria,
            "/message/delete",
            json!({ "messageId": ids[1] }),
        )
        .await,
    );
    assert_eq!(deleted["status"], 3);
    // REST times are whole seconds (fansly-real-shapes).
    assert!(deleted["deletedAt"].is_u64(), "{deleted}");
    let gone = response(
        &get(
            &h,
            &maria,
            "/message/broadcast/stats/deleted?before=0&limit=24",
        )
        .await,
    );
    assert_eq!(gone["messages"][0]["id"], ids[1].as_str());
    assert_eq!(gone["messages"][0]["stats"]["total"], 1);
    let sent = response(&get(&h, &maria, "/message/broadcast/stats").await);
    assert_eq!(sent["messages"].as_array().unwrap().len(), 2);
    let contents: Vec<Value> = dm_messages(&h, &fan, &maria)
        .await
        .iter()
        .map(|m| m["content"].clone())
        .collect();
    assert_eq!(contents, [json!("b2"), json!("b0")]);
    assert_eq!(events(&h, &fan.id, (5, 10)).len(), 1);

    // A scheduled broadcast deleted before its time never goes out.
    let at = h.sim.now_ms() + HOUR_MS;
    let pending = broadcast(&h, &maria, &group, "cancelled", at).await;
    response(
        &post(
            &h,
            &maria,
            "/message/delete",
            json!({ "id": pending["id"] }),
        )
        .await,
    );
    h.sim.advance_clock(2 * HOUR_MS);
    assert_eq!(dm_messages(&h, &fan, &maria).await.len(), 2);
}

#[tokio::test]
async fn automated_rules_are_created_listed_and_deleted() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let body = json!({
        "triggerType": 5, "triggerMetadata": "{\"tipAmount\":5000,\"keywords\":[\"hi\"]}",
        "delay": 30, "cooldown": 3600,
        "messageTemplate": { "type": 1, "content": "thanks!", "attachments": [] },
    });
    let rule = response(&post(&h, &maria, "/message/automated", body).await);
    assert_eq!(rule["accountId"], maria.id);
    assert_eq!(rule["triggerType"], 5);
    assert_eq!(
        rule["triggerMetadata"],
        "{\"tipAmount\":5000,\"keywords\":[\"hi\"]}"
    );
    assert_eq!(rule["delay"], 30);
    assert_eq!(rule["cooldown"], 3600);
    assert_eq!(rule["messageTemplate"]["content"], "thanks!");
    assert_eq!(rule["messageTemplate"]["senderId"], maria.id);
    let media = h.sim.create_media(&maria.id, "image/jpeg").unwrap();
    let offer = h.sim.create_offer(&maria.id, &media, 0).unwrap();
    let body = json!({
        "triggerType": 3, "triggerMetadata": "", "delay": 0, "cooldown": 0,
        "messageTemplate": { "type": 1, "content": "", "attachments": [{ "contentType": 1, "contentId": offer, "pos": 0 }] },
    });
    let second = response(&post(&h, &maria, "/message/automated", body).await);
    assert_eq!(
        second["messageTemplate"]["attachments"][0]["contentId"],
        offer.as_str()
    );

    let listed = response(&get(&h, &maria, "/message/automated").await);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["id"], rule["id"]);

    let bad = json!({ "triggerType": 2, "messageTemplate": { "content": "x" } });
    post(&h, &maria, "/message/automated", bad)
        .await
        .assert_native_error(400, 2);
    let bad = json!({ "triggerType": 1, "triggerMetadata": "not json", "messageTemplate": { "content": "x" } });
    post(&h, &maria, "/message/automated", bad)
        .await
        .assert_native_error(400, 2);
    let bad = json!({ "triggerType": 1, "messageTemplate": { "content": "" } });
    post(&h, &maria, "/message/automated", bad)
        .await
        .assert_native_error(400, 2);

    response(
        &post(
            &h,
            &maria,
            "/message/automated/delete",
            json!({ "id": rule["id"] }),
        )
        .await,
    );
    let listed = response(&get(&h, &maria, "/message/automated").await);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    post(
        &h,
        &maria,
        "/message/automated/delete",
        json!({ "id": rule["id"] }),
    )
    .await
    .assert_native_error(404, 404);
    let other = party(&h, "other").await;
    post(
        &h,
        &other,
        "/message/automated/delete",
        json!({ "id": second["id"] }),
    )
    .await
    .assert_native_error(404, 404);
}

#[tokio::test]
async fn a_follow_fires_the_welcome_after_its_delay_within_cooldown() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let fan = party(&h, "fan1").await;
    let body = json!({
        "triggerType": 1, "triggerMetadata": "", "delay": 60, "cooldown": 86400,
        "messageTemplate": { "type": 1, "content": "welcome!", "attachments": [] },
    });
    let rule = response(&post(&h, &maria, "/message/automated", body).await);
    follow(&h, &fan, &maria).await;
    assert!(
        events(&h, &fan.id, (5, 1)).is_empty(),
        "not before the delay"
    );
    h.sim.advance_clock(59_000);
    assert!(events(&h, &fan.id, (5, 1)).is_empty());
    h.sim.advance_clock(1_000);
    let welcome = events(&h, &fan.id, (5, 1));
    assert_eq!(welcome.len(), 1);
    assert_eq!(welcome[0].payload["type"], 2);
    assert_eq!(welcome[0].payload["content"], "welcome!");
    assert_eq!(welcome[0].payload["correlationId"], rule["id"]);
    assert_eq!(welcome[0].payload["senderId"], maria.id);
    let creator_copy = events(&h, &maria.id, (5, 1));
    assert_eq!(creator_copy.len(), 1);

    // Unfollow and follow again inside the cooldown: no second welcome.
    response(
        &post(
            &h,
            &fan,
            &format!("/account/{}/followers/remove", maria.id),
            json!({}),
        )
        .await,
    );
    follow(&h, &fan, &maria).await;
    h.sim.advance_clock(HOUR_MS);
    assert_eq!(events(&h, &fan.id, (5, 1)).len(), 1);
    // After the cooldown it fires again.
    h.sim.advance_clock(24 * HOUR_MS);
    response(
        &post(
            &h,
            &fan,
            &format!("/account/{}/followers/remove", maria.id),
            json!({}),
        )
        .await,
    );
    follow(&h, &fan, &maria).await;
    h.sim.advance_clock(60_000);
    assert_eq!(events(&h, &fan.id, (5, 1)).len(), 2);
}
