//! Chats H1–H7 and AL13: the chat list (fixed 25-row pages, offset cursors, filters, sorts,
//! VIPs), unread chats (message-id cursors), chat tips, media stats, mute / unmute, hide and
//! mark-as-read.

use std::collections::HashSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{TestApp, connect_body};
use crate::messaging_support::{
    Chat, assert_400, assert_foreign, assert_proxied, cursor, new_fan, response,
};

/// Walks H1 from the first page, returning every row and the cursors seen.
async fn walk_chats(t: &Chat, query: &str) -> (Vec<Value>, Vec<Option<String>>) {
    let mut rows = Vec::new();
    let mut cursors = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let sep = if query.is_empty() { "?" } else { "&" };
        let q = match &next {
            Some(c) => format!("/chats?{query}{sep}cursor={c}"),
            None => format!("/chats?{query}"),
        };
        let (status, body) = t.get(&q).await;
        assert_proxied(status, &body);
        let page = response(&body)["data"].as_array().unwrap().clone();
        assert!(page.len() <= 25);
        assert!(response(&body)["aggregationData"]["accounts"].is_array());
        rows.extend(page);
        next = cursor(&body);
        cursors.push(next.clone());
        if next.is_none() {
            return (rows, cursors);
        }
    }
}

#[tokio::test]
async fn chat_list_pages_by_25_with_offset_cursors_and_filters() {
    let t = Chat::new().await;
    let mut groups = vec![t.chat.clone()];
    t.app.sim.send_message(&t.fan, &t.chat, "hi").unwrap();
    let mut fans = vec![t.fan.clone()];
    for i in 0..59 {
        let fan = new_fan(&t.app, &format!("chat_fan_{i}"));
        let g = t.app.sim.dm_group(&t.creator.id, &fan);
        t.app.sim.send_message(&fan, &g, "hello").unwrap();
        groups.push(g);
        fans.push(fan);
    }
    // A client `limit` is ignored: pages are 25, 25, 10.
    let (rows, cursors) = walk_chats(&t, "limit=5").await;
    assert_eq!(
        cursors,
        [Some("25".to_owned()), Some("50".to_owned()), None]
    );
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["groupId"].as_str().unwrap())
        .collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), 60);
    assert_eq!(unique, groups.iter().map(String::as_str).collect());
    assert!(
        rows.iter()
            .all(|r| r["account_id"] == t.creator.id.as_str())
    );
    // newest first by default: the last chat written to comes first.
    assert_eq!(rows[0]["groupId"], groups[59].as_str());
    let q = t.app.sim_requests("/api/v1/messaging/groups").await;
    let q = q.last().unwrap()["query"].as_str().unwrap().to_owned();
    for part in [
        "sortOrder=1",
        "flags=0",
        "limit=25",
        "offset=50",
        "listIds=",
    ] {
        assert!(q.contains(part), "{part} in {q}");
    }

    // sort=oldest → sortOrder 2; filters map to native flags.
    let (status, body) = t.get("/chats?sort=oldest").await;
    assert_proxied(status, &body);
    assert_eq!(response(&body)["data"][0]["groupId"], t.chat.as_str());
    for (query, native) in [
        ("sort=unread", "sortOrder=3"),
        ("filter=followers", "flags=2"),
        ("filter=subscribers", "flags=4"),
    ] {
        let (status, body) = t.get(&format!("/chats?{query}")).await;
        assert_proxied(status, &body);
        let q = t.app.sim_requests("/api/v1/messaging/groups").await;
        let q = q.last().unwrap()["query"].as_str().unwrap().to_owned();
        assert!(q.contains(native), "{query} → {native} in {q}");
    }

    // VIPs: a post-filter on ignore flag 4; the cursor still counts native rows.
    for fan in [&fans[3], &fans[40]] {
        let (s, b) = t.post(&format!("/chats/{fan}/vip"), json!({})).await;
        assert_proxied(s, &b);
    }
    let (vips, cursors) = walk_chats(&t, "filter=vips").await;
    assert_eq!(cursors.len(), 3);
    let partners: HashSet<&str> = vips
        .iter()
        .map(|r| r["partnerAccountId"].as_str().unwrap())
        .collect();
    assert_eq!(
        partners,
        [fans[3].as_str(), fans[40].as_str()].into_iter().collect()
    );

    let (s, b) = t.get("/chats?filter=friends").await;
    assert_400(s, &b, "filter must be one of");
    let (s, b) = t.get("/chats?sort=random").await;
    assert_400(s, &b, "sort must be one of");
    let (s, b) = t.get("/chats?cursor=x1").await;
    assert_400(s, &b, "cursor must be");
    assert_foreign(&t.app, Method::GET, &t.path("/chats"), None).await;
}

#[tokio::test]
async fn unread_chats_page_by_message_id() {
    let t = Chat::new().await;
    let other = new_fan(&t.app, "fan_two");
    let other_chat = t.app.sim.dm_group(&t.creator.id, &other);
    let mut sent = Vec::new();
    for i in 0..130 {
        let (from, chat) = if i % 3 == 0 {
            (&other, &other_chat)
        } else {
            (&t.fan, &t.chat)
        };
        sent.push(
            t.app
                .sim
                .send_message(from, chat, &format!("u{i}"))
                .unwrap(),
        );
    }
    // The creator's own message is not unread for the creator.
    t.app
        .sim
        .send_message(&t.creator.id, &t.chat, "mine")
        .unwrap();

    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &next {
            Some(c) => format!("/chats/unread?cursor={c}"),
            None => "/chats/unread".to_owned(),
        };
        let (status, body) = t.get(&q).await;
        assert_proxied(status, &body);
        // The fixture location of the cursor, and the rest.
        let r = response(&body);
        assert!(r["messageInteractions"].is_array());
        assert_eq!(r["total"], 130);
        for row in r["data"].as_array().unwrap() {
            let group = row["groupId"].as_str().unwrap();
            let partner = if group == t.chat { &t.fan } else { &other };
            assert_eq!(row["senderId"], partner.as_str());
            assert_eq!(row["partnerAccountId"], partner.as_str());
            assert!(row["partnerUsername"].is_string(), "{row}");
            assert!(row["unreadCount"].as_u64().unwrap() > 0);
            seen.push(row["messageId"].as_str().unwrap().to_owned());
        }
        let accounts = r["aggregationData"]["accounts"].as_array().unwrap();
        assert!(accounts.iter().any(|a| a["id"] == t.fan.as_str()));
        pages += 1;
        next = cursor(&body);
        if let Some(c) = &next {
            assert_eq!(Some(c.as_str()), seen.last().map(String::as_str));
        } else {
            break;
        }
    }
    assert_eq!(pages, 2);
    sent.reverse();
    assert_eq!(seen, sent, "every unread message once, newest first");
    let (s, b) = t.get("/chats/unread?cursor=abc").await;
    assert_400(s, &b, "cursor must be");
    assert_foreign(&t.app, Method::GET, &t.path("/chats/unread"), None).await;
}

#[tokio::test]
async fn mute_unmute_and_hide() {
    let t = Chat::new().await;
    let (s, b) = t.post("/chats/mute", json!({"targetUserId": t.fan})).await;
    assert_proxied(s, &b);
    let (fansly, creds) = t.native_as_creator().await;
    let flags = |v: &Value| {
        v["ignoring"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ignoredId"] == t.fan.as_str())
            .and_then(|r| r["ignoreFlags"].as_u64())
            .unwrap_or(0)
    };
    let ignore = fansly.ignore_list(&creds).await.unwrap();
    assert_eq!(flags(ignore.response()), 1);
    // VIP on top, then unmute keeps VIP.
    t.post(&format!("/chats/{}/vip", t.fan), json!({})).await;
    let (s, b) = t
        .post("/chats/unmute", json!({"targetUserId": t.fan}))
        .await;
    assert_proxied(s, &b);
    let ignore = fansly.ignore_list(&creds).await.unwrap();
    assert_eq!(flags(ignore.response()), 4);
    let (s, b) = t.post("/chats/mute", json!({})).await;
    assert_400(s, &b, "targetUserId is required");
    let (s, b) = t
        .post("/chats/unmute", json!({"targetUserId": "abc"}))
        .await;
    assert_400(s, &b, "targetUserId must be a numeric");

    // H7: hidden from the chat list, other settings kept.
    t.post(
        &format!("/chats/{}/readreceipts", t.chat),
        json!({"action": "disable"}),
    )
    .await;
    let (s, b) = t.post(&format!("/chats/{}/hide", t.chat), json!({})).await;
    assert_proxied(s, &b);
    let group = fansly.group(&creds, &t.chat).await.unwrap();
    let settings = &group.response()["userSettings"];
    assert_eq!(settings["hidden"], true, "{settings}");
    assert_eq!(settings["readReceiptsEnabled"], false, "{settings}");
    let (_, list) = t.get("/chats").await;
    assert!(
        response(&list)["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["groupId"] != t.chat.as_str())
    );
    let (s, _) = t.post("/chats/999999999/hide", json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    for (path, body) in [
        (
            "/chats/mute".to_owned(),
            Some(json!({"targetUserId": t.fan})),
        ),
        (
            "/chats/unmute".to_owned(),
            Some(json!({"targetUserId": t.fan})),
        ),
        (format!("/chats/{}/hide", t.chat), None),
    ] {
        assert_foreign(&t.app, Method::POST, &t.path(&path), body).await;
    }
}

#[tokio::test]
async fn mark_as_read_one_chat_or_all() {
    let t = Chat::new().await;
    let other = new_fan(&t.app, "fan_two");
    let other_chat = t.app.sim.dm_group(&t.creator.id, &other);
    for i in 0..3 {
        t.app
            .sim
            .send_message(&t.fan, &t.chat, &format!("a{i}"))
            .unwrap();
        t.app
            .sim
            .send_message(&other, &other_chat, &format!("b{i}"))
            .unwrap();
    }
    let unread_in = |body: &Value, chat: &str| {
        response(body)["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["groupId"] == chat)
            .count()
    };
    let (_, before) = t.get("/chats/unread").await;
    assert_eq!(unread_in(&before, &t.chat), 3);

    let (s, b) = t
        .post("/chats/mark-as-read", json!({"chatId": t.chat}))
        .await;
    assert_proxied(s, &b);
    assert_eq!(t.calls("POST", "/api/v1/message/ack"), 1);
    let (_, after) = t.get("/chats/unread").await;
    assert_eq!(unread_in(&after, &t.chat), 0);
    assert_eq!(unread_in(&after, &other_chat), 3);
    // Nothing left to read in that chat: no second ack.
    let (s, b) = t
        .post("/chats/mark-as-read", json!({"chatId": t.chat}))
        .await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["messageIds"], json!([]));
    assert_eq!(t.calls("POST", "/api/v1/message/ack"), 1);

    // No body (the known caller): every chat.
    let (status, body, _) = t
        .app
        .send(
            Method::POST,
            &t.path("/chats/mark-as-read"),
            Some(&t.app.key_a),
            None,
        )
        .await;
    assert_proxied(status, &body);
    assert_eq!(t.calls("POST", "/api/v1/message/ack/all"), 1);
    let (_, after) = t.get("/chats/unread").await;
    assert_eq!(response(&after)["data"], json!([]));
    let (s, b) = t
        .post("/chats/mark-as-read", json!({"chatId": "nope"}))
        .await;
    assert_400(s, &b, "chatId must be a numeric");
    assert_foreign(&t.app, Method::POST, &t.path("/chats/mark-as-read"), None).await;
}

#[tokio::test]
async fn chat_media_stats_list_the_offers_sent_in_the_chat() {
    let t = Chat::new().await;
    let mut messages = Vec::new();
    for i in 0..27 {
        let (s, b) = t
            .post(
                &format!("/chats/{}/messages", t.chat),
                json!({"content": format!("p{i}"), "mediaId": t.media(), "access_type": "ppv", "price": 2}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        messages.push(response(&b)["id"].as_str().unwrap().to_owned());
    }
    let path = format!("/chats/{}/media-stats", t.chat);
    let (s, first) = t.get(&path).await;
    assert_proxied(s, &first);
    let rows = response(&first)["data"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 25);
    assert!(response(&first)["aggregationData"]["accountMedia"].is_array());
    let next = cursor(&first).expect("a second page");
    assert_eq!(Some(next.as_str()), rows.last().unwrap()["id"].as_str());
    let (_, second) = t.get(&format!("{path}?cursor={next}")).await;
    let rest = response(&second)["data"].as_array().unwrap().clone();
    assert_eq!(rest.len(), 2);
    assert_eq!(cursor(&second), None);
    let mut correlated: Vec<&str> = rows
        .iter()
        .chain(rest.iter())
        .map(|r| r["correlationId"].as_str().unwrap())
        .collect();
    correlated.reverse();
    assert_eq!(
        correlated,
        messages.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let q = t.app.sim_requests("/api/v1/mediaoffers/location").await;
    let q = q[0]["query"].as_str().unwrap().to_owned();
    assert!(q.contains("locationType=4001") && q.contains(&format!("locationId={}", t.chat)));
    assert_foreign(&t.app, Method::GET, &t.path(&path), None).await;
}

// ---- The `large` world: every chat (H1), every message of every chat (M1) and every
// unread message (H2) exactly once, with the cursor in every place clients read it.

/// Walks a paged route from its first page; `items` picks a page's rows.
async fn walk_all(
    app: &TestApp,
    path: &str,
    items: impl Fn(&Value) -> Vec<Value>,
) -> (Vec<Value>, usize) {
    let mut all = Vec::new();
    let mut pages = 0;
    let mut next: Option<String> = None;
    let sep = if path.contains('?') { '&' } else { '?' };
    loop {
        let url = match &next {
            Some(c) => format!("{path}{sep}cursor={c}"),
            None => path.to_owned(),
        };
        let (status, body) = app.get(&url, &app.key_a).await;
        assert_proxied(status, &body);
        let page = items(&body);
        pages += 1;
        let following = cursor(&body);
        if following.is_some() {
            assert!(!page.is_empty(), "a full page before a cursor: {url}");
        }
        all.extend(page);
        assert!(pages < 10_000, "runaway paging on {path}");
        match following {
            Some(c) => {
                assert_ne!(Some(&c), next.as_ref(), "the cursor must move");
                next = Some(c);
            }
            None => return (all, pages),
        }
    }
}

fn rows(body: &Value, key: &str) -> Vec<Value> {
    response(body)[key].as_array().cloned().unwrap_or_default()
}

fn ids(items: &[Value], key: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| i[key].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_chat_message_and_unread_message_of_the_large_world_exactly_once() {
    let app = TestApp::spawn().await;
    let world = app.sim.seed_world("large", 7).expect("large world");
    let (status, body) = app
        .post(
            "/connect",
            &app.key_a,
            connect_body(&world.creator_username, &world.creator_password),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let acct = body["data"]["account_id"].as_str().unwrap().to_owned();

    // H1: 25 per page, each chat once.
    let (chats, pages) = walk_all(&app, &format!("/{acct}/chats"), |b| rows(b, "data")).await;
    let groups = ids(&chats, "groupId");
    let unique: HashSet<&String> = groups.iter().collect();
    assert_eq!(groups.len(), world.chats, "every chat");
    assert_eq!(unique.len(), world.chats, "each chat once");
    assert_eq!(
        pages,
        world.chats.div_ceil(25) + usize::from(world.chats % 25 == 0)
    );

    // M1: every message of every chat, newest first within a chat, each once.
    let mut total = 0;
    for group in &groups {
        let (messages, _) = walk_all(&app, &format!("/{acct}/chats/{group}/messages"), |b| {
            rows(b, "messages")
        })
        .await;
        let m = ids(&messages, "id");
        let unique: HashSet<&String> = m.iter().collect();
        assert_eq!(unique.len(), m.len(), "each message once in {group}");
        let mut sorted = m.clone();
        sorted.sort_by_key(|id| std::cmp::Reverse(id.parse::<u64>().unwrap()));
        assert_eq!(sorted, m, "newest first in {group}");
        assert!(messages.iter().all(|x| x["groupId"] == group.as_str()));
        total += m.len();
    }
    assert_eq!(total, world.messages, "every message of the world");

    // H2: every unread message once; `total` agrees.
    let (_, first) = app.get(&format!("/{acct}/chats/unread"), &app.key_a).await;
    let expected = response(&first)["total"].as_u64().unwrap() as usize;
    let (unread, _) = walk_all(&app, &format!("/{acct}/chats/unread"), |b| rows(b, "data")).await;
    let u = ids(&unread, "messageId");
    let unique: HashSet<&String> = u.iter().collect();
    assert_eq!(unique.len(), u.len());
    assert_eq!(u.len(), expected);
    assert!(unread.iter().all(|r| r["partnerUsername"].is_string()));
}
