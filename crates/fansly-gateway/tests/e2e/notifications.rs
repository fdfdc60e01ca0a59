//! Notifications (§3 addition): derived from the world's state changes (follows, post likes).

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::messaging_support::{
    Chat, assert_400, assert_foreign, assert_proxied, cursor, follow, native_as, new_fan, response,
};

#[tokio::test]
async fn follows_and_post_likes_notify_the_creator() {
    let t = Chat::new().await;
    let post = t.app.sim.create_post(&t.creator.id, "like me").unwrap();
    let mut fans = vec![t.fan.clone()];
    for i in 0..26 {
        fans.push(new_fan(&t.app, &format!("f{i}")));
    }
    for fan in &fans {
        follow(&t.app, fan, &t.creator.id).await;
    }
    let (fansly, creds) = native_as(&t.app, &t.fan).await;
    fansly
        .call(fansly_client::NativeRequest::post(
            "/likes",
            json!({"postId": post}),
            fansly_client::Auth::Session(&creds),
        ))
        .await
        .unwrap();

    let (s, b) = t.get("/notifications").await;
    assert_proxied(s, &b);
    let list = response(&b)["notifications"].as_array().unwrap().clone();
    assert_eq!(list.len(), 25);
    assert_eq!(list[0]["type"], 1002);
    assert_eq!(list[0]["correlationId"], post.as_str());
    let next = cursor(&b).expect("a full page");
    let (_, b) = t.get(&format!("/notifications?cursor={next}")).await;
    assert_eq!(response(&b)["notifications"].as_array().unwrap().len(), 3);
    assert_eq!(cursor(&b), None);

    let (_, b) = t.get("/notifications?type=1002").await;
    let only = response(&b)["notifications"].as_array().unwrap().clone();
    assert_eq!(only.len(), 1);
    let (_, b) = t.get("/notifications?type=3002,1002").await;
    assert_eq!(response(&b)["notifications"].as_array().unwrap().len(), 25);
    let reqs = t.app.sim_requests("/api/v1/notifications").await;
    assert!(
        reqs.last().unwrap()["query"]
            .as_str()
            .unwrap()
            .contains("after=0")
    );

    // Acking up to the newest like marks it read (native, as the creator).
    let (creator_client, creator_creds) = native_as(&t.app, &t.creator.id).await;
    let newest = only[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(only[0]["read"], false);
    creator_client
        .call(fansly_client::NativeRequest::post(
            "/notifications/ack",
            json!({"beforeAnd": newest, "type": "1002"}),
            fansly_client::Auth::Session(&creator_creds),
        ))
        .await
        .unwrap();
    let (_, b) = t.get("/notifications").await;
    let list = response(&b)["notifications"].as_array().unwrap().clone();
    assert_eq!(list[0]["read"], true);
    assert_eq!(list[1]["read"], false, "other types stay unread");

    let (s, b) = t.get("/notifications?type=likes").await;
    assert_400(s, &b, "type");
    let (s, b) = t.get("/notifications?cursor=x").await;
    assert_400(s, &b, "cursor");
    t.app.sim_fault("/api/v1/notifications", 401, 1, None).await;
    let (s, _) = t.get("/notifications").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_foreign(
        &t.app,
        Method::GET,
        &format!("/{}/notifications", t.acct),
        None,
    )
    .await;
}
