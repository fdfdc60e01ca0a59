//! The write tools against the simulator: an idempotent send (one native message for one key),
//! PPV with a dollar price, a like, mark-as-read and a post; and their request-log rows under
//! the tool names.

use serde_json::{Value, json};

use super::{call, client, ok};
use crate::audience_support::connect_world;
use crate::common::TestApp;
use crate::messaging_support::response;

#[tokio::test]
async fn write_tools_change_the_simulator_and_are_logged_by_tool() {
    let app = TestApp::spawn().await;
    let (acct, world) = connect_world(&app, "small", 5).await;
    let c = client(&app, &app.key_a).await;
    let key = app.key_a.clone();
    let chat = {
        let v = ok(&c, "list_chats", json!({"account": acct})).await;
        v["chats"][0]["groupId"].as_str().unwrap().to_owned()
    };
    let sends = |app: &TestApp| {
        app.sim
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/api/v1/message")
            .count()
    };

    // send_message with an idempotency key, twice: one message in the simulator.
    let before = sends(&app);
    let args = json!({
        "account": acct, "chat_id": chat, "text": "hello from MCP",
        "idempotency_key": "mcp-send-1",
    });
    let first = ok(&c, "send_message", args.clone()).await;
    let again = ok(&c, "send_message", args).await;
    let id = first["message"]["id"].as_str().unwrap().to_owned();
    assert_eq!(again["message"]["id"], id.as_str());
    assert_eq!(
        sends(&app),
        before + 1,
        "one native send for one idempotency key"
    );
    let (_, rest) = app
        .get(&format!("/{acct}/chats/{chat}/messages"), &key)
        .await;
    let copies = response(&rest)["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["content"] == "hello from MCP")
        .count();
    assert_eq!(copies, 1);
    // The same key with other arguments is refused like REST does (409).
    let r = call(
        &c,
        "send_message",
        json!({"account": acct, "chat_id": chat, "text": "other", "idempotency_key": "mcp-send-1"}),
    )
    .await;
    assert_eq!(r.is_error, Some(true));
    assert_eq!(r.structured_content.unwrap()["error"]["status"], 409);

    // PPV with vault media and a dollar price.
    let media = ok(&c, "list_vault_media", json!({"account": acct, "limit": 1})).await;
    let media_id = media["media"][0]["mediaId"].as_str().unwrap().to_owned();
    let ppv = ok(
        &c,
        "send_message",
        json!({"account": acct, "chat_id": chat, "text": "for you", "media_ids": [media_id], "price_usd": 7.5}),
    )
    .await;
    let attachments = ppv["message"]["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 1, "{ppv}");
    let offer = attachments[0]["contentId"].as_str().unwrap().to_owned();
    let native = crate::audience_support::native(
        &app,
        &world.creator_id,
        reqwest::Method::GET,
        &format!("/account/media?ids={offer}"),
        None,
    )
    .await;
    let shown = native.to_string();
    assert!(shown.contains("7500"), "price in mills: {shown}");

    // like_message: a fan's message of the chat.
    let msgs = ok(
        &c,
        "read_messages",
        json!({"account": acct, "chat_id": chat}),
    )
    .await;
    let fan_msg = msgs["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["senderId"] != world.creator_id.as_str())
        .expect("a fan message")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let v = ok(
        &c,
        "like_message",
        json!({"account": acct, "message_id": fan_msg}),
    )
    .await;
    assert_eq!(v["like"]["messageId"], fan_msg.as_str());
    let likes = app
        .sim
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v1/message/like")
        .count();
    assert_eq!(likes, 1);

    // mark_chat_read: a chat with unread messages has fewer afterwards; then every chat.
    let unread_rows = |rest: &Value| response(rest)["data"].as_array().unwrap().clone();
    let (_, rest) = app.get(&format!("/{acct}/chats/unread"), &key).await;
    let before = unread_rows(&rest);
    if let Some(row) = before.first() {
        let chat = row["groupId"].as_str().unwrap().to_owned();
        let of_chat = |rows: &[Value]| {
            rows.iter()
                .filter(|r| r["groupId"] == chat.as_str())
                .count()
        };
        ok(
            &c,
            "mark_chat_read",
            json!({"account": acct, "chat_id": chat}),
        )
        .await;
        let (_, rest) = app.get(&format!("/{acct}/chats/unread"), &key).await;
        assert!(of_chat(&unread_rows(&rest)) < of_chat(&before), "{rest}");
    }
    ok(&c, "mark_chat_read", json!({"account": acct})).await;
    let (_, rest) = app.get(&format!("/{acct}/chats/unread"), &key).await;
    assert!(unread_rows(&rest).is_empty(), "{rest}");

    // create_post: the post is on the timeline.
    let v = ok(
        &c,
        "create_post",
        json!({"account": acct, "text": "a post written by an agent", "idempotency_key": "mcp-post-1"}),
    )
    .await;
    let post = v["post"]["id"].as_str().unwrap().to_owned();
    let (_, rest) = app.get(&format!("/{acct}/posts/{post}"), &key).await;
    let shown = serde_json::to_string(&rest).unwrap();
    assert!(shown.contains("a post written by an agent"), "{rest}");

    // The request log has the in-process REST calls under their tool names; the outer /mcp
    // requests are not rows of their own.
    crate::common::eventually(std::time::Duration::from_secs(5), || async {
        let (_, logs) = app.get("/logs?limit=500", &key).await;
        let rows = logs["data"]["logs"].as_array().unwrap().clone();
        let sends = rows
            .iter()
            .filter(|r| r["tool"] == "send_message")
            .collect::<Vec<_>>();
        sends.len() >= 3
            && sends
                .iter()
                .all(|r| r["route"] == "/api/fansly/{account_id}/chats/{chat_id}/messages")
            && rows.iter().any(|r| r["tool"] == "create_post")
            && rows.iter().all(|r| r["route"] != "/mcp")
            && rows.iter().any(|r| r["tool"].is_null())
    })
    .await;
}
