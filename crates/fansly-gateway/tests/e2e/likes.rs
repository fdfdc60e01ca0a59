//! Likes L1, L2 and the AL9 alias.

use reqwest::Method;
use serde_json::json;

use crate::messaging_support::{Chat, assert_400, assert_foreign, assert_proxied, response};

#[tokio::test]
async fn like_unlike_and_the_chat_scoped_alias() {
    let t = Chat::new().await;
    let msg = t.app.sim.send_message(&t.fan, &t.chat, "like me").unwrap();

    let (s, b) = t
        .post("/messages/like", json!({"messageId": msg, "type": 2}))
        .await;
    assert_proxied(s, &b);
    let like = response(&b);
    assert_eq!(like["messageId"], msg.as_str());
    assert_eq!(like["accountId"], t.creator.id.as_str());
    assert_eq!(like["groupId"], t.chat.as_str());
    assert_eq!(like["type"], 2);
    let fan_events = t.app.sim.events_since(&t.fan, 0);
    assert!(
        fan_events
            .iter()
            .any(|e| e.service_id == 5 && e.kind == 3 && e.payload["messageId"] == msg.as_str())
    );

    let (_, list) = t.get(&format!("/chats/{}/messages", t.chat)).await;
    let likes = &response(&list)["messages"][0]["likes"];
    assert_eq!(likes.as_array().unwrap().len(), 1, "{likes}");

    let (s, b) = t
        .post("/messages/unlike", json!({"messageId": msg, "type": 2}))
        .await;
    assert_proxied(s, &b);
    let (_, list) = t.get(&format!("/chats/{}/messages", t.chat)).await;
    assert_eq!(response(&list)["messages"][0]["likes"], json!([]));
    assert!(
        t.app
            .sim
            .events_since(&t.fan, 0)
            .iter()
            .any(|e| e.service_id == 5 && e.kind == 4)
    );

    // AL9: no body, type 1, statusCode 200.
    let (s, b) = t
        .post(&format!("/chats/{}/messages/{msg}/like", t.chat), json!({}))
        .await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["type"], 1);
    let reqs = t.app.sim_requests("/api/v1/message/like").await;
    assert_eq!(reqs.len(), 2);

    // type defaults to 1 on L1 too; validation.
    let msg2 = t.app.sim.send_message(&t.fan, &t.chat, "again").unwrap();
    let (s, b) = t.post("/messages/like", json!({"messageId": msg2})).await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["type"], 1);
    let (s, b) = t
        .post("/messages/like", json!({"messageId": msg2, "type": 8}))
        .await;
    assert_400(s, &b, "type must be an integer reaction code from 1 to 7");
    let (s, b) = t.post("/messages/unlike", json!({"type": 1})).await;
    assert_400(s, &b, "messageId is required");
    let (s, b) = t.post("/chats/x/messages/1/like", json!({})).await;
    assert_400(s, &b, "chat_id must be a numeric");

    for (path, body) in [
        ("/messages/like".to_owned(), Some(json!({"messageId": msg}))),
        (
            "/messages/unlike".to_owned(),
            Some(json!({"messageId": msg})),
        ),
        (format!("/chats/{}/messages/{msg}/like", t.chat), None),
    ] {
        assert_foreign(&t.app, Method::POST, &t.path(&path), body).await;
    }
}
