//! Chats and messages over HTTP: DM groups, sending and paging, unread and acks, deletes,
//! likes, typing, ignores and the chat list — plus the events each emits.

use fansly_sim::{Event, TwofaMode};
use serde_json::{Value, json};

use crate::common::{Harness, Reply, START_MS};

/// A logged-in account.
pub struct Party {
    pub id: String,
    pub token: String,
}

/// Seeds an account (a creator: every account can chat) and logs it in.
pub async fn party(h: &Harness, name: &str) -> Party {
    let info = h.creator(name, TwofaMode::None);
    let token = h.token(&info).await;
    Party { id: info.id, token }
}

/// The `response` of a native success.
#[track_caller]
pub fn response(reply: &Reply) -> Value {
    assert_eq!(reply.status, 200, "body: {}", reply.body);
    assert_eq!(reply.body["success"], true, "body: {}", reply.body);
    reply.body["response"].clone()
}

pub async fn get(h: &Harness, who: &Party, path: &str) -> Reply {
    h.get(&format!("/api/v1{path}"), Some(&who.token)).await
}

pub async fn post(h: &Harness, who: &Party, path: &str, body: Value) -> Reply {
    h.post(&format!("/api/v1{path}"), Some(&who.token), body)
        .await
}

/// Events `(service, type)` recorded for `account`.
pub fn events(h: &Harness, account: &str, (service, kind): (u32, u32)) -> Vec<Event> {
    h.sim
        .events_since(account, 0)
        .into_iter()
        .filter(|e| e.service_id == service && e.kind == kind)
        .collect()
}

/// `POST /group` for a DM between `a` and `b`; returns the group id.
pub async fn dm(h: &Harness, a: &Party, b: &Party) -> String {
    let body = json!({
        "users": [{ "userId": a.id, "permissionFlags": 0 }, { "userId": b.id, "permissionFlags": 0 }],
        "type": 1, "recipients": [], "lastMessage": null, "userSettings": null,
    });
    response(&post(h, a, "/group", body).await)["id"]
        .as_str()
        .expect("group id")
        .to_owned()
}

/// `POST /message` with the body the gateway sends; returns the reply.
pub async fn send(
    h: &Harness,
    who: &Party,
    group: &str,
    content: &str,
    attachments: Value,
) -> Reply {
    let body = json!({
        "type": 1, "attachments": attachments, "likes": [], "content": content,
        "groupId": group, "scheduledFor": 0, "inReplyTo": null, "createdAt": 1.5,
    });
    post(h, who, "/message", body).await
}

pub async fn send_ok(h: &Harness, who: &Party, group: &str, content: &str) -> String {
    let message = response(&send(h, who, group, content, json!([])).await);
    message["id"].as_str().expect("message id").to_owned()
}

#[tokio::test]
async fn dm_groups_are_found_or_created_once_per_pair() {
    let h = Harness::start().await;
    let (maria, fan, other) = (
        party(&h, "maria").await,
        party(&h, "fan1").await,
        party(&h, "other").await,
    );
    let group = dm(&h, &maria, &fan).await;
    assert_eq!(dm(&h, &maria, &fan).await, group);
    assert_eq!(dm(&h, &fan, &maria).await, group);
    // The caller is added when the body names only the partner.
    let only_partner = json!({ "users": [{ "userId": maria.id }], "type": 1 });
    assert_eq!(
        response(&post(&h, &fan, "/group", only_partner).await)["id"],
        group
    );
    assert_eq!(h.sim.dm_group(&fan.id, &maria.id), group);

    let seen = response(&get(&h, &fan, &format!("/group/{group}")).await);
    assert_eq!(seen["type"], 1);
    assert_eq!(seen["createdBy"], maria.id);
    assert_eq!(seen["users"].as_array().unwrap().len(), 2);
    assert_eq!(
        seen["users"][0]["permissionFlags"], 65535,
        "creator members get 65535"
    );
    assert_eq!(
        seen["userSettings"],
        json!({ "customName": null, "hidden": false, "readReceiptsEnabled": true })
    );
    assert_eq!(seen["lastMessage"], Value::Null);
    get(&h, &other, &format!("/group/{group}"))
        .await
        .assert_native_error(404, 404);

    // (4,8) once, to both members, carrying the group id.
    for account in [&maria.id, &fan.id] {
        let created = events(&h, account, (4, 8));
        assert_eq!(created.len(), 1, "{created:?}");
        assert_eq!(created[0].key, "id");
        assert_eq!(created[0].payload, json!(group));
    }
    assert!(events(&h, &other.id, (4, 8)).is_empty());

    let to_self = json!({ "users": [{ "userId": maria.id }], "type": 1 });
    post(&h, &maria, "/group", to_self)
        .await
        .assert_native_error(400, 2);
    let unknown = json!({ "users": [{ "userId": "123" }], "type": 1 });
    post(&h, &maria, "/group", unknown)
        .await
        .assert_native_error(404, 404);
}

#[tokio::test]
async fn messages_are_sent_listed_newest_first_and_paged_with_before() {
    let h = Harness::start().await;
    let (maria, fan, other) = (
        party(&h, "maria").await,
        party(&h, "fan1").await,
        party(&h, "other").await,
    );
    let group = dm(&h, &maria, &fan).await;
    let first = response(&send(&h, &maria, &group, "hello", json!([])).await);
    assert_eq!(first["content"], "hello");
    assert_eq!(first["senderId"], maria.id);
    assert_eq!(first["groupId"], group);
    assert_eq!(first["type"], 1);
    assert_eq!(first["correlationId"], "0");
    assert_eq!(first["inReplyTo"], Value::Null);
    assert_eq!(first["deletedAt"], Value::Null);
    assert_eq!(first["createdAt"].as_f64(), Some(START_MS as f64 / 1000.0));
    assert_eq!(
        first["interactions"],
        json!([{ "userId": fan.id, "groupId": group, "messageId": first["id"], "readAt": 0, "deliveredAt": 0 }])
    );

    // The (5,1) event goes to both members, inReplyTo "".
    for account in [&maria.id, &fan.id] {
        let sent = events(&h, account, (5, 1));
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].key, "message");
        assert_eq!(sent[0].payload["id"], first["id"]);
        assert_eq!(sent[0].payload["inReplyTo"], "");
    }
    assert!(events(&h, &other.id, (5, 1)).is_empty());

    let mut ids = vec![first["id"].as_str().unwrap().to_owned()];
    for i in 1..30 {
        h.sim.advance_clock(1_000);
        let sender = if i % 2 == 0 { &maria } else { &fan };
        ids.push(send_ok(&h, sender, &group, &format!("m{i}")).await);
    }
    let page = response(&get(&h, &fan, &format!("/message?groupId={group}")).await);
    for key in [
        "accountMedia",
        "accountMediaBundles",
        "tips",
        "tipGoals",
        "accountMediaOrders",
        "stories",
        "storyOrders",
    ] {
        assert!(page[key].is_array(), "{key}");
    }
    let listed: Vec<&str> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), 25);
    let newest_first: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    assert_eq!(listed, newest_first[..25]);
    let before = listed[24];
    let rest = response(
        &get(
            &h,
            &fan,
            &format!("/message?groupId={group}&limit=10&before={before}"),
        )
        .await,
    );
    let rest: Vec<&str> = rest["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(rest, newest_first[25..]);
    let capped = response(&get(&h, &fan, &format!("/message?groupId={group}&limit=500")).await);
    assert_eq!(capped["messages"].as_array().unwrap().len(), 30);

    // A reply names its parent.
    let reply = json!({ "content": "re", "groupId": group, "inReplyTo": ids[3] });
    let reply = response(&post(&h, &fan, "/message", reply).await);
    assert_eq!(reply["inReplyTo"], ids[3].as_str());

    get(&h, &other, &format!("/message?groupId={group}"))
        .await
        .assert_native_error(404, 404);
    send(&h, &other, &group, "intruder", json!([]))
        .await
        .assert_native_error(404, 404);
    send(&h, &maria, &group, "  ", json!([]))
        .await
        .assert_native_error(400, 2);
    get(&h, &fan, "/message").await.assert_native_error(400, 2);
    assert_eq!(
        h.sim
            .send_message(&maria.id, &group, "rust api")
            .unwrap()
            .len(),
        ids[0].len()
    );
    assert!(h.sim.send_message(&other.id, &group, "nope").is_err());
}

#[tokio::test]
async fn unread_acks_and_receipts() {
    let h = Harness::start().await;
    let (maria, fan) = (party(&h, "maria").await, party(&h, "fan1").await);
    let group = dm(&h, &maria, &fan).await;
    let mut sent = Vec::new();
    for i in 0..3 {
        h.sim.advance_clock(1_000);
        sent.push(send_ok(&h, &fan, &group, &format!("hi {i}")).await);
    }
    send_ok(&h, &maria, &group, "own messages are never unread").await;

    let unread = response(&get(&h, &maria, "/message/unread?limit=100&offset=0&before=0").await);
    assert_eq!(unread["total"], 3);
    let rows = unread["messageInteractions"].as_array().unwrap();
    assert_eq!(rows[0]["messageId"], sent[2].as_str());
    assert_eq!(rows[0]["userId"], maria.id);
    assert_eq!(rows[0]["groupId"], group);
    assert_eq!(rows[0]["validMessage"], true);
    assert_eq!(rows[0]["readAt"], 0);
    let older = response(&get(&h, &maria, &format!("/message/unread?before={}", sent[2])).await);
    assert_eq!(older["messageInteractions"].as_array().unwrap().len(), 2);

    let chats = response(&get(&h, &maria, "/messaging/groups?flags=32").await);
    assert_eq!(chats["data"][0]["unreadCount"], 3);
    assert_eq!(chats["data"][0]["flags"], 32);
    assert_eq!(chats["data"][0]["lastUnreadMessageId"], sent[2].as_str());

    // Read one: unread drops, the partner gets (4,2) type 2, the acker (5,2).
    let acked = response(
        &post(
            &h,
            &maria,
            "/message/ack",
            json!({ "messageIds": [sent[0]], "type": 2 }),
        )
        .await,
    );
    assert_eq!(acked["messageIds"], json!([sent[0]]));
    let receipts = events(&h, &fan.id, (4, 2));
    assert_eq!(receipts.len(), 1);
    let receipt = &receipts[0].payload;
    assert_eq!(receipt["type"], 2);
    assert_eq!(receipt["userId"], maria.id);
    assert_eq!(receipt["groupId"], group);
    assert_eq!(receipt["messageIds"], json!([sent[0]]));
    assert_eq!(receipt["userReadReceiptsEnabled"], true);
    assert_eq!(receipt["recipients"][0]["userId"], fan.id);
    assert_eq!(events(&h, &maria.id, (5, 2)).len(), 1);
    let unread = response(&get(&h, &maria, "/message/unread").await);
    assert_eq!(unread["total"], 2);
    let page = response(&get(&h, &fan, &format!("/message?groupId={group}")).await);
    let read = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == sent[0].as_str())
        .unwrap();
    assert_eq!(read["interactions"][0]["readAt"], h.sim.now_ms());
    assert_eq!(read["interactions"][0]["deliveredAt"], h.sim.now_ms());

    // Read receipts off: a read ack tells the partner nothing, but still counts.
    let settings = json!({ "groupId": group, "userSettings": { "customName": null, "hidden": false, "readReceiptsEnabled": false } });
    response(&post(&h, &maria, "/groups/users/settings", settings).await);
    response(
        &post(
            &h,
            &maria,
            "/message/ack",
            json!({ "messageIds": [sent[1]], "type": 2 }),
        )
        .await,
    );
    assert_eq!(events(&h, &fan.id, (4, 2)).len(), 1);
    assert_eq!(
        response(&get(&h, &maria, "/message/unread").await)["total"],
        1
    );

    // ack/all clears the rest; acking again changes nothing.
    let all = response(&post(&h, &maria, "/message/ack/all", json!({ "type": 3 })).await);
    assert_eq!(all["messageIds"], json!([sent[2]]));
    assert_eq!(
        response(&get(&h, &maria, "/message/unread").await)["total"],
        0
    );
    let again = response(
        &post(
            &h,
            &maria,
            "/message/ack",
            json!({ "messageIds": [sent[2], "999"], "type": 2 }),
        )
        .await,
    );
    assert_eq!(again["messageIds"], json!([]));
    let chats = response(&get(&h, &maria, "/messaging/groups?flags=32").await);
    assert_eq!(chats["data"], json!([]));
    post(
        &h,
        &maria,
        "/message/ack",
        json!({ "messageIds": [], "type": 9 }),
    )
    .await
    .assert_native_error(400, 2);
}

#[tokio::test]
async fn deleting_a_message_keeps_it_out_of_lists() {
    let h = Harness::start().await;
    let (maria, fan) = (party(&h, "maria").await, party(&h, "fan1").await);
    let group = dm(&h, &maria, &fan).await;
    let keep = send_ok(&h, &maria, &group, "keep").await;
    let gone = send_ok(&h, &maria, &group, "gone").await;
    post(&h, &fan, "/message/delete", json!({ "messageId": gone }))
        .await
        .assert_native_error(403, 403);
    h.sim.advance_clock(2_000);
    let deleted = response(
        &post(
            &h,
            &maria,
            "/message/delete",
            json!({ "messageId": gone, "id": gone }),
        )
        .await,
    );
    assert_eq!(deleted["id"], gone.as_str());
    assert_eq!(
        deleted["deletedAt"].as_f64(),
        Some(h.sim.now_ms() as f64 / 1000.0)
    );
    let page = response(&get(&h, &fan, &format!("/message?groupId={group}")).await);
    assert_eq!(page["messages"].as_array().unwrap().len(), 1);
    assert_eq!(page["messages"][0]["id"], keep.as_str());
    let group_view = response(&get(&h, &fan, &format!("/group/{group}")).await);
    assert_eq!(group_view["lastMessageId"], keep.as_str());
    for account in [&maria.id, &fan.id] {
        let removed = events(&h, account, (5, 10));
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].payload["id"], gone.as_str());
        assert!(removed[0].payload["deletedAt"].is_f64());
        assert_eq!(removed[0].payload["content"], "gone");
    }
    post(&h, &maria, "/message/delete", json!({ "messageId": "42" }))
        .await
        .assert_native_error(404, 404);
    post(&h, &maria, "/message/delete", json!({}))
        .await
        .assert_native_error(400, 2);
}

#[tokio::test]
async fn likes_are_added_and_removed_with_events() {
    let h = Harness::start().await;
    let (maria, fan) = (party(&h, "maria").await, party(&h, "fan1").await);
    let group = dm(&h, &maria, &fan).await;
    let message = send_ok(&h, &maria, &group, "like me").await;
    let like = response(
        &post(
            &h,
            &fan,
            "/message/like",
            json!({ "messageId": message, "type": 3 }),
        )
        .await,
    );
    assert_eq!(like["accountId"], fan.id);
    assert_eq!(like["messageId"], message.as_str());
    assert_eq!(like["groupId"], group);
    assert_eq!(like["type"], 3);
    let again = response(
        &post(
            &h,
            &fan,
            "/message/like",
            json!({ "messageId": message, "type": 3 }),
        )
        .await,
    );
    assert_eq!(again["id"], like["id"], "liking twice keeps one like");
    let page = response(&get(&h, &maria, &format!("/message?groupId={group}")).await);
    assert_eq!(page["messages"][0]["likes"], json!([like]));
    for account in [&maria.id, &fan.id] {
        assert_eq!(events(&h, account, (5, 3)).len(), 1);
    }
    let notes = events(&h, &maria.id, (9, 1));
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].payload["type"], 5003);
    assert_eq!(notes[0].payload["correlationId"], message.as_str());
    assert!(events(&h, &fan.id, (9, 1)).is_empty());

    let removed = response(
        &post(
            &h,
            &fan,
            "/message/like/remove",
            json!({ "messageId": message, "type": 3 }),
        )
        .await,
    );
    assert_eq!(removed["id"], like["id"]);
    assert_eq!(events(&h, &maria.id, (5, 4)).len(), 1);
    let page = response(&get(&h, &maria, &format!("/message?groupId={group}")).await);
    assert_eq!(page["messages"][0]["likes"], json!([]));
    post(
        &h,
        &fan,
        "/message/like/remove",
        json!({ "messageId": message, "type": 3 }),
    )
    .await
    .assert_native_error(404, 404);
    post(
        &h,
        &fan,
        "/message/like",
        json!({ "messageId": message, "type": 8 }),
    )
    .await
    .assert_native_error(400, 2);
    let default_type =
        response(&post(&h, &fan, "/message/like", json!({ "messageId": message })).await);
    assert_eq!(default_type["type"], 1);
}

#[tokio::test]
async fn typing_is_announced_to_the_partner_only() {
    let h = Harness::start().await;
    let (maria, fan, other) = (
        party(&h, "maria").await,
        party(&h, "fan1").await,
        party(&h, "other").await,
    );
    let group = dm(&h, &maria, &fan).await;
    response(&post(&h, &fan, "/message/typing", json!({ "groupId": group })).await);
    let typing = events(&h, &maria.id, (5, 22));
    assert_eq!(typing.len(), 1);
    assert_eq!(typing[0].key, "typingAnnounceEvent");
    assert_eq!(
        typing[0].payload,
        json!({ "accountId": fan.id, "groupId": group, "lastAnnounce": h.sim.now_ms() })
    );
    assert!(events(&h, &fan.id, (5, 22)).is_empty());
    post(&h, &other, "/message/typing", json!({ "groupId": group }))
        .await
        .assert_native_error(404, 404);
}

#[tokio::test]
async fn ignore_flags_mute_vip_and_block() {
    let h = Harness::start().await;
    let (maria, fan, stranger) = (
        party(&h, "maria").await,
        party(&h, "fan1").await,
        party(&h, "stranger").await,
    );
    let group = dm(&h, &maria, &fan).await;
    let row = response(
        &post(
            &h,
            &maria,
            "/account/ignore",
            json!({ "ignoredId": fan.id, "ignoreFlags": 5 }),
        )
        .await,
    );
    assert_eq!(
        row,
        json!({ "accountId": maria.id, "ignoredId": fan.id, "ignoreFlags": 5 })
    );
    let list = response(&get(&h, &maria, "/ignore?noAggregation=true").await);
    assert_eq!(list["ignoring"][0]["ignoredId"], fan.id);
    assert_eq!(list["ignoring"][0]["ignoreFlags"], 5);
    let with_accounts = response(&get(&h, &maria, "/ignore").await);
    assert_eq!(
        with_accounts["aggregationData"]["accounts"][0]["id"],
        fan.id
    );
    let ignore_events = events(&h, &maria.id, (11, 1));
    assert_eq!(ignore_events.len(), 1);
    assert_eq!(ignore_events[0].payload["ignoreFlags"], 5);

    // The fan blocks the creator: her DMs and new DM groups are refused with code 99.
    response(
        &post(
            &h,
            &fan,
            "/account/ignore",
            json!({ "ignoredId": maria.id, "ignoreFlags": 2 }),
        )
        .await,
    );
    send(&h, &maria, &group, "hello?", json!([]))
        .await
        .assert_native_error(400, 99);
    response(
        &post(
            &h,
            &stranger,
            "/account/ignore",
            json!({ "ignoredId": maria.id, "ignoreFlags": "2" }),
        )
        .await,
    );
    let body = json!({ "users": [{ "userId": maria.id }, { "userId": stranger.id }], "type": 1 });
    post(&h, &maria, "/group", body)
        .await
        .assert_native_error(400, 99);

    // Flags 0 deletes the row and lifts the block.
    response(
        &post(
            &h,
            &fan,
            "/account/ignore",
            json!({ "ignoredId": maria.id, "ignoreFlags": 0 }),
        )
        .await,
    );
    assert_eq!(
        response(&get(&h, &fan, "/ignore?noAggregation=true").await)["ignoring"],
        json!([])
    );
    send_ok(&h, &maria, &group, "hello again").await;

    post(
        &h,
        &maria,
        "/account/ignore",
        json!({ "ignoredId": fan.id, "ignoreFlags": 64 }),
    )
    .await
    .assert_native_error(400, 2);
    post(
        &h,
        &maria,
        "/account/ignore",
        json!({ "ignoredId": "77", "ignoreFlags": 1 }),
    )
    .await
    .assert_native_error(404, 404);
}

#[tokio::test]
async fn chat_list_sorts_filters_searches_pages_and_hides() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let (anna, bert, cleo) = (
        party(&h, "anna").await,
        party(&h, "bert").await,
        party(&h, "cleo").await,
    );
    let g_anna = dm(&h, &maria, &anna).await;
    h.sim.advance_clock(1_000);
    let g_bert = dm(&h, &maria, &bert).await;
    h.sim.advance_clock(1_000);
    let g_cleo = dm(&h, &maria, &cleo).await;
    h.sim.advance_clock(1_000);
    send_ok(&h, &cleo, &g_cleo, "from cleo").await;
    h.sim.advance_clock(1_000);
    send_ok(&h, &anna, &g_anna, "from anna").await;
    h.sim.advance_clock(1_000);
    send_ok(&h, &maria, &g_bert, "to bert").await;

    let order = |reply: &Value| -> Vec<String> {
        reply["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["groupId"].as_str().unwrap().to_owned())
            .collect()
    };
    let newest = response(&get(&h, &maria, "/messaging/groups?sortOrder=1&flags=0&subscriptionTierId=&listIds=&search=&limit=25&offset=0").await);
    assert_eq!(
        order(&newest),
        [g_bert.as_str(), g_anna.as_str(), g_cleo.as_str()]
    );
    let row = &newest["data"][1];
    assert_eq!(row["account_id"], maria.id);
    assert_eq!(row["partnerAccountId"], anna.id);
    assert_eq!(row["partnerUsername"], "anna");
    assert_eq!(row["unreadCount"], 1);
    assert_eq!(row["subscriptionTierId"], Value::Null);
    let accounts = newest["aggregationData"]["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 3);
    assert_eq!(
        newest["aggregationData"]["groups"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(newest["aggregationData"]["groups"][0]["id"], g_bert);

    let oldest = response(&get(&h, &maria, "/messaging/groups?sortOrder=2").await);
    assert_eq!(
        order(&oldest),
        [g_cleo.as_str(), g_anna.as_str(), g_bert.as_str()]
    );
    let unread_first = response(&get(&h, &maria, "/messaging/groups?sortOrder=3").await);
    assert_eq!(
        order(&unread_first),
        [g_anna.as_str(), g_cleo.as_str(), g_bert.as_str()]
    );
    let unread_only = response(&get(&h, &maria, "/messaging/groups?flags=32").await);
    assert_eq!(order(&unread_only), [g_anna.as_str(), g_cleo.as_str()]);
    let search = response(&get(&h, &maria, "/messaging/groups?search=BER").await);
    assert_eq!(order(&search), [g_bert.as_str()]);
    let paged = response(&get(&h, &maria, "/messaging/groups?limit=2&offset=2").await);
    assert_eq!(order(&paged), [g_cleo.as_str()]);
    // Nobody follows or subscribes yet.
    let followers = response(&get(&h, &maria, "/messaging/groups?flags=2").await);
    assert_eq!(followers["data"], json!([]));
    let subscribers = response(&get(&h, &maria, "/messaging/groups?flags=4").await);
    assert_eq!(subscribers["data"], json!([]));
    // The partner sees its own row.
    let anna_view = response(&get(&h, &anna, "/messaging/groups").await);
    assert_eq!(anna_view["data"][0]["partnerAccountId"], maria.id);
    assert_eq!(anna_view["data"][0]["unreadCount"], 0);

    // Hiding a chat: (4,9) to the hider, gone from the list until a new message arrives.
    let settings = json!({ "groupId": g_anna, "userSettings": { "customName": "A", "hidden": true, "readReceiptsEnabled": true } });
    let changed = response(&post(&h, &maria, "/groups/users/settings", settings).await);
    assert_eq!(changed["userSettings"]["hidden"], true);
    let change_events = events(&h, &maria.id, (4, 9));
    assert_eq!(change_events.len(), 1);
    assert_eq!(change_events[0].key, "groupUserSettingsChangeEvent");
    assert_eq!(change_events[0].payload["userSettings"]["customName"], "A");
    let listed = response(&get(&h, &maria, "/messaging/groups").await);
    assert_eq!(order(&listed), [g_bert.as_str(), g_cleo.as_str()]);
    let seen = response(&get(&h, &maria, &format!("/group/{g_anna}")).await);
    assert_eq!(seen["userSettings"]["hidden"], true);
    send_ok(&h, &anna, &g_anna, "still there?").await;
    let listed = response(&get(&h, &maria, "/messaging/groups").await);
    assert_eq!(
        order(&listed),
        [g_anna.as_str(), g_bert.as_str(), g_cleo.as_str()]
    );
    let settings = json!({ "groupId": g_anna, "userSettings": {} });
    post(&h, &bert, "/groups/users/settings", settings)
        .await
        .assert_native_error(404, 404);
}
