//! Initialize, the tool list (schemas, annotations), and every read tool over Streamable HTTP,
//! checked against the simulator's world (the seeded `small`
//! world, its summary and its request log) and against the REST answers the tools stand for.

use std::collections::{BTreeSet, HashSet};

use fansly_gateway::clock::Clock as _;
use serde_json::{Value, json};

use super::{client, ok};
use crate::audience_support::connect_world;
use crate::common::TestApp;
use crate::messaging_support::response;

const TOOLS: [&str; 15] = [
    "list_accounts",
    "get_profile",
    "list_chats",
    "read_messages",
    "get_fan",
    "list_subscribers",
    "list_followers",
    "earnings_summary",
    "list_posts",
    "list_vault_media",
    "get_usage",
    "send_message",
    "like_message",
    "create_post",
    "mark_chat_read",
];

/// `(read_only, destructive, idempotent)` each tool must declare.
fn expected_hints(name: &str) -> (bool, bool, bool) {
    match name {
        "send_message" | "create_post" => (false, false, false),
        "like_message" | "mark_chat_read" => (false, false, true),
        _ => (true, false, true),
    }
}

#[tokio::test]
async fn initialize_and_list_tools_with_schemas_and_truthful_annotations() {
    let app = TestApp::spawn().await;
    let c = client(&app, &app.key_a).await;
    let info = c.peer_info().expect("server info");
    assert_eq!(
        info.server_info.as_ref().map(|i| i.name.as_str()),
        Some("fansly-gateway")
    );
    assert!(info.capabilities.tools.is_some());
    assert!(info.capabilities.resources.is_some());
    assert!(info.capabilities.prompts.is_some());

    let tools = c.list_all_tools().await.expect("tools/list");
    let names: BTreeSet<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(names, TOOLS.into_iter().collect::<BTreeSet<_>>());
    for t in &tools {
        let schema = Value::Object((*t.input_schema).clone());
        assert_eq!(schema["type"], "object", "{}: {schema}", t.name);
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let takes_account = !matches!(t.name.as_ref(), "list_accounts" | "get_usage");
        assert_eq!(
            required.contains(&"account"),
            takes_account,
            "{}: {schema}",
            t.name
        );
        if takes_account {
            assert_eq!(schema["properties"]["account"]["type"], "string");
        }
        assert!(
            t.description.as_deref().is_some_and(|d| d.len() > 20),
            "{}",
            t.name
        );
        let a = t.annotations.as_ref().expect("annotations");
        let (ro, destructive, idempotent) = expected_hints(&t.name);
        assert_eq!(a.read_only_hint, Some(ro), "{} readOnlyHint", t.name);
        assert_eq!(
            a.destructive_hint,
            Some(destructive),
            "{} destructiveHint",
            t.name
        );
        assert_eq!(
            a.idempotent_hint,
            Some(idempotent),
            "{} idempotentHint",
            t.name
        );
    }
    let send = tools.iter().find(|t| t.name == "send_message").unwrap();
    let props = &send.input_schema["properties"];
    for p in [
        "chat_id",
        "text",
        "media_ids",
        "price_usd",
        "idempotency_key",
    ] {
        assert!(props.get(p).is_some(), "send_message lacks {p}: {props}");
    }
    let read = tools.iter().find(|t| t.name == "read_messages").unwrap();
    assert_eq!(read.input_schema["properties"]["chat_id"]["type"], "string");
    assert!(
        read.input_schema["required"]
            .as_array()
            .unwrap()
            .contains(&json!("chat_id"))
    );
    let chats = tools.iter().find(|t| t.name == "list_chats").unwrap();
    assert!(chats.input_schema["properties"].get("cursor").is_some());
}

#[tokio::test]
async fn read_tools_answer_what_the_simulator_holds() {
    let app = TestApp::spawn().await;
    let (acct, world) = connect_world(&app, "small", 3).await;
    let c = client(&app, &app.key_a).await;
    let key = app.key_a.clone();

    // list_accounts / get_profile (by username: `account` takes either).
    let v = ok(&c, "list_accounts", json!({})).await;
    assert_eq!(v["count"], 1);
    assert_eq!(v["accounts"][0]["accountId"], acct.as_str());
    assert_eq!(
        v["accounts"][0]["username"],
        world.creator_username.as_str()
    );
    let v = ok(
        &c,
        "get_profile",
        json!({"account": format!("@{}", world.creator_username.to_uppercase())}),
    )
    .await;
    assert_eq!(v["account"], acct.as_str());
    let profile = &v["profile"];
    let me = profile.get("account").unwrap_or(profile);
    assert_eq!(me["id"], world.creator_id.as_str(), "{v}");

    // list_chats: the REST H1 page, same rows.
    let v = ok(&c, "list_chats", json!({"account": acct})).await;
    let (_, rest) = app.get(&format!("/{acct}/chats"), &key).await;
    assert_eq!(v["chats"], response(&rest)["data"]);
    assert!(v["chats"].as_array().unwrap().len() >= world.chats.min(25));
    // Every chat over the pages: the world's chat count.
    let mut seen = HashSet::new();
    let mut cursor = Value::Null;
    loop {
        let v = ok(&c, "list_chats", json!({"account": acct, "cursor": cursor})).await;
        for ch in v["chats"].as_array().unwrap() {
            seen.insert(ch["groupId"].as_str().unwrap().to_owned());
        }
        cursor = v["nextCursor"].clone();
        if cursor.is_null() {
            break;
        }
    }
    assert_eq!(seen.len(), world.chats);

    // unread: the REST H2 rows.
    let v = ok(
        &c,
        "list_chats",
        json!({"account": acct, "filter": "unread"}),
    )
    .await;
    let (_, rest) = app.get(&format!("/{acct}/chats/unread"), &key).await;
    assert_eq!(v["chats"], response(&rest)["data"]);

    // read_messages: a chat's newest page, then the next one through the cursor.
    let chat = seen.iter().next().unwrap().clone();
    let v = ok(
        &c,
        "read_messages",
        json!({"account": acct, "chat_id": chat, "limit": 3}),
    )
    .await;
    let (_, rest) = app
        .get(&format!("/{acct}/chats/{chat}/messages?limit=3"), &key)
        .await;
    assert_eq!(v["messages"], response(&rest)["messages"]);
    assert!(!v["messages"].as_array().unwrap().is_empty());
    // Ids and cursors may come as JSON numbers too.
    let as_number = ok(
        &c,
        "read_messages",
        json!({"account": acct, "chat_id": chat.parse::<u64>().unwrap(), "limit": 3}),
    )
    .await;
    assert_eq!(as_number["messages"], v["messages"]);
    if let Some(next) = v["nextCursor"].as_str() {
        let older = ok(
            &c,
            "read_messages",
            json!({"account": acct, "chat_id": chat, "limit": 3, "cursor": next}),
        )
        .await;
        // A full page offers a cursor even when nothing older is left (an empty page then);
        // what the older page holds is older than the cursor.
        for m in older["messages"].as_array().unwrap() {
            let id = m["id"].as_str().unwrap();
            assert!(id.parse::<u64>().unwrap() < next.parse::<u64>().unwrap());
        }
    }

    // list_subscribers: the world's current subscribers, with usernames.
    let v = ok(
        &c,
        "list_subscribers",
        json!({"account": acct, "limit": 100}),
    )
    .await;
    assert_eq!(
        v["stats"]["totalActive"], world.subscribers,
        "{}",
        v["stats"]
    );
    let subs = v["subscribers"].as_array().unwrap();
    assert_eq!(subs.len(), world.subscribers.min(100));
    assert!(subs.iter().all(|s| s["username"].is_string()), "{v}");

    // get_fan: a subscriber's profile, subscription and spend (= the REST E3 rows).
    let fan = subs[0]["subscriberId"].as_str().unwrap().to_owned();
    let fan_name = subs[0]["username"].as_str().unwrap().to_owned();
    let v = ok(&c, "get_fan", json!({"account": acct, "fan": fan_name})).await;
    assert_eq!(v["fanId"], fan.as_str());
    assert_eq!(v["profile"]["username"], fan_name.as_str());
    assert_eq!(v["subscription"]["subscriberId"], fan.as_str());
    let (_, rest) = app
        .get(&format!("/{acct}/earnings/fans/{fan}/stats"), &key)
        .await;
    let gross: i64 = response(&rest)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["totalGross"].as_i64().unwrap())
        .sum();
    assert_eq!(
        v["spend"]["totalUsd"].as_f64().unwrap(),
        gross as f64 / 1000.0
    );
    let by_id = ok(&c, "get_fan", json!({"account": acct, "fan": fan})).await;
    assert_eq!(by_id["profile"]["username"], fan_name.as_str());

    // list_followers: every follower of the world over the cursor pages.
    let mut followers = HashSet::new();
    let mut cursor = Value::Null;
    loop {
        let v = ok(
            &c,
            "list_followers",
            json!({"account": acct, "limit": 7, "cursor": cursor}),
        )
        .await;
        for f in v["followers"].as_array().unwrap() {
            assert!(f["username"].is_string(), "{f}");
            followers.insert(f["followerId"].as_str().unwrap().to_owned());
        }
        cursor = v["nextCursor"].clone();
        if cursor.is_null() {
            break;
        }
    }
    assert_eq!(followers.len(), world.followers);

    // earnings_summary: AL5's dollar figures for the same window.
    let v = ok(
        &c,
        "earnings_summary",
        json!({"account": acct, "period": "all_time"}),
    )
    .await;
    let now = app.clock.now_ms();
    let (_, rest) = app
        .get(
            &format!("/{acct}/earnings/statistics?startDate=0&endDate={now}"),
            &key,
        )
        .await;
    assert_eq!(v["totalUsd"], rest["data"]["total"]);
    assert_eq!(v["tipsUsd"], rest["data"]["tips"]);
    assert!(v["totalUsd"].as_f64().unwrap() > 0.0, "{v}");
    if world.tips > 0 {
        assert!(v["tipsUsd"].as_f64().unwrap() > 0.0, "{v}");
    }
    let today = ok(
        &c,
        "earnings_summary",
        json!({"account": acct, "period": "today"}),
    )
    .await;
    assert!(today["totalUsd"].as_f64().unwrap() <= v["totalUsd"].as_f64().unwrap());

    // list_posts: the REST P1 page.
    let v = ok(&c, "list_posts", json!({"account": acct})).await;
    let (_, rest) = app.get(&format!("/{acct}/posts?limit=15"), &key).await;
    assert_eq!(v["posts"], response(&rest)["posts"]);

    // list_vault_media: the first album's media, as the simulator's vault holds them.
    let v = ok(
        &c,
        "list_vault_media",
        json!({"account": acct, "limit": 100}),
    )
    .await;
    let albums = app.sim.vault_albums(&world.creator_id);
    assert_eq!(v["albumId"], albums[0].0.as_str());
    let items = v["albums"][0]["itemCount"].as_u64().unwrap();
    assert!(
        items >= 12,
        "the small world's vault holds at least 12 media: {v}"
    );
    assert_eq!(v["media"].as_array().unwrap().len() as u64, items.min(100));
    // The album's media are the REST V2 rows.
    let (_, rest) = app
        .get(
            &format!("/{acct}/vault/albums/{}/media?limit=100", albums[0].0),
            &key,
        )
        .await;
    let rest_ids: Vec<&Value> = response(&rest)["media"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["mediaId"])
        .collect();
    let tool_ids: Vec<&Value> = v["media"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["mediaId"])
        .collect();
    assert_eq!(tool_ids, rest_ids);
    assert!(v["media"][0]["mediaId"].is_string());

    // get_usage: the key's own counters, which the calls above moved.
    let v = ok(&c, "get_usage", json!({})).await;
    assert!(v["requests"].as_u64().unwrap() > 10, "{v}");
}
