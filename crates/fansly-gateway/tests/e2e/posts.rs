//! Posts P1–P10, the walls alias AL1, profile aliases AL6/AL7 and search A3.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::messaging_support::{
    Chat, assert_400, assert_foreign, assert_proxied, cursor, native_as, response,
};

fn post_ids(body: &Value) -> Vec<String> {
    response(body)["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn create_read_update_delete() {
    let t = Chat::new().await;
    let (s, b) = t.post("/posts", json!({"content": "hello wall"})).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["statusCode"], 201);
    assert_eq!(b["data"]["status_code"], 200);
    let post = response(&b).clone();
    let id = post["id"].as_str().unwrap().to_owned();
    assert_eq!(post["content"], "hello wall");
    assert_eq!(post["accountId"], t.creator.id.as_str());
    let first_wall = t.app.sim.wall_ids(&t.creator.id)[0].clone();
    assert_eq!(post["wallIds"], json!([first_wall]));
    assert_eq!(post["fypFlags"], 0);

    // P3.
    let (s, b) = t.get(&format!("/posts/{id}")).await;
    assert_proxied(s, &b);
    assert_eq!(post_ids(&b), vec![id.clone()]);
    assert_eq!(response(&b)["accounts"][0]["id"], t.creator.id.as_str());

    // P4: a full edit (content changes) goes to /post/edit; fields left out are cleared.
    let (s, b) = t
        .post(
            &format!("/posts/{id}"),
            json!({"content": "edited", "postToFYP": true}),
        )
        .await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["content"], "edited");
    assert_eq!(response(&b)["fypFlags"], 2);
    assert_eq!(t.calls("POST", "/api/v1/post/edit"), 1);

    // P4: only wallIds → /wall/postedit alone.
    let second = t.app.sim.add_wall(&t.creator.id, "Extras").unwrap();
    let (s, b) = t
        .post(&format!("/posts/{id}"), json!({"wallIds": [second]}))
        .await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["wallIds"], json!([second]));
    assert_eq!(response(&b)["content"], "edited");
    assert_eq!(t.calls("POST", "/api/v1/wall/postedit"), 1);
    // The same post with other walls: still only a wall move.
    let (s, b) = t
        .post(
            &format!("/posts/{id}"),
            json!({"content": "edited", "fypFlags": 2, "wallIds": [first_wall, second]}),
        )
        .await;
    assert_proxied(s, &b);
    assert_eq!(t.calls("POST", "/api/v1/wall/postedit"), 2);
    assert_eq!(t.calls("POST", "/api/v1/post/edit"), 1);
    let events = t.app.sim.events_since(&t.creator.id, 0);
    assert!(events.iter().any(|e| e.service_id == 1 && e.kind == 8));
    assert!(events.iter().any(|e| e.service_id == 1 && e.kind == 10));

    // P5, then P3 is a 404.
    let (s, b) = t
        .app
        .delete(&t.path(&format!("/posts/{id}")), &t.app.key_a)
        .await;
    assert_proxied(s, &b);
    assert_eq!(b["data"]["data"]["success"], true);
    let (s, b) = t.get(&format!("/posts/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
    // Deleting again: the native 404 comes through.
    let (s, _) = t
        .app
        .delete(&t.path(&format!("/posts/{id}")), &t.app.key_a)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn create_with_media_old_attachments_and_fans_see_it() {
    let t = Chat::new().await;
    // Free media (mediaIds): one offer per media, contentType 1.
    let m1 = t.media();
    let (s, b) = t
        .post("/posts", json!({"content": "free pic", "mediaIds": [m1]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let att = &response(&b)["attachments"];
    assert_eq!(att.as_array().unwrap().len(), 1);
    assert_eq!(att[0]["contentType"], 1);

    // PPV with two media → one bundle.
    let (m2, m3) = (t.media(), t.media());
    let (s, b) = t
        .post(
            "/posts",
            json!({"mediaIds": [m2, m3], "access_type": "ppv", "price": 9.99}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let ppv_id = response(&b)["id"].as_str().unwrap().to_owned();
    assert_eq!(response(&b)["attachments"][0]["contentType"], 2);
    assert_eq!(t.calls("POST", "/api/v1/account/media/bundle"), 1);
    let (_, read) = t.get(&format!("/posts/{ppv_id}")).await;
    assert_eq!(response(&read)["accountMediaBundles"][0]["price"], 9990);

    // Old shape: attachments pass through untouched.
    let m4 = t.media();
    let offer = t.app.sim.create_offer(&t.creator.id, &m4, 0).unwrap();
    let (s, b) = t
        .post(
            "/posts",
            json!({"content": "old", "attachments": [{"contentId": offer, "contentType": 1, "pos": 0}], "fypFlags": 0, "pinned": false}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(response(&b)["attachments"][0]["contentId"], offer.as_str());

    // A fan sees the PPV post locked, through the native timeline.
    let (fansly, creds) = native_as(&t.app, &t.fan).await;
    let page = fansly
        .posts_by_ids(&creds, &[ppv_id.as_str()])
        .await
        .unwrap();
    let bundle = &page.response()["accountMediaBundles"][0];
    assert_eq!(bundle["access"], false, "{bundle}");
    // The fan likes a post: the creator's counters move.
    fansly
        .call(fansly_client::NativeRequest::post(
            "/likes",
            json!({"postId": ppv_id}),
            fansly_client::Auth::Session(&creds),
        ))
        .await
        .unwrap();
    let (_, b) = t.get(&format!("/posts/{ppv_id}")).await;
    assert_eq!(response(&b)["posts"][0]["likeCount"], 1);
    let events = t.app.sim.events_since(&t.creator.id, 0);
    assert!(events.iter().any(|e| e.service_id == 1 && e.kind == 2));
    assert!(
        events
            .iter()
            .any(|e| e.service_id == 9 && e.payload["type"] == 1002)
    );
    let (_, me) = t.get("/profile").await;
    assert_eq!(me["data"]["likesCount"], 1, "{me}");
    // Unlike and like again: the counters follow.
    let unlike = |body| {
        fansly.call(fansly_client::NativeRequest::post(
            "/likes/remove",
            body,
            fansly_client::Auth::Session(&creds),
        ))
    };
    unlike(json!({"postId": ppv_id})).await.unwrap();
    let (_, b) = t.get(&format!("/posts/{ppv_id}")).await;
    assert_eq!(response(&b)["posts"][0]["likeCount"], 0);
    assert!(
        unlike(json!({"postId": ppv_id})).await.is_err(),
        "no like to remove"
    );
    fansly
        .call(fansly_client::NativeRequest::post(
            "/likes",
            json!({"postId": ppv_id}),
            fansly_client::Auth::Session(&creds),
        ))
        .await
        .unwrap();
    // timelineStats: two single images (free pic, old shape) + one bundle.
    let stats = &me["data"]["data"]["response"]["account"]["timelineStats"];
    assert_eq!(stats["imageCount"], 2, "{stats}");
    assert_eq!(stats["bundleCount"], 1);
    assert_eq!(stats["bundleImageCount"], 2);
    assert_eq!(me["data"]["postsCount"], 3);
}

#[tokio::test]
async fn list_cursor_and_offset_modes() {
    let t = Chat::new().await;
    let mut ids = Vec::new();
    for i in 0..20 {
        ids.push(
            t.app
                .sim
                .create_post(&t.creator.id, &format!("post {i}"))
                .unwrap(),
        );
        t.app.advance(10);
    }
    ids.reverse(); // newest first

    let (s, b) = t.get("/posts?limit=5").await;
    assert_proxied(s, &b);
    assert_eq!(post_ids(&b), ids[..5].to_vec());
    let next = cursor(&b).expect("cursor");
    assert_eq!(next, ids[4]);
    let (_, b) = t.get(&format!("/posts?cursor={next}")).await;
    assert_eq!(post_ids(&b), ids[5..20].to_vec());
    let next = cursor(&b).expect("a full native page gives a cursor");
    let (_, b) = t.get(&format!("/posts?cursor={next}")).await;
    assert!(post_ids(&b).is_empty());
    assert_eq!(cursor(&b), None);

    // Offset mode walks two native pages.
    let before = t.calls("GET", &format!("/api/v1/timelinenew/{}", t.creator.id));
    let (s, b) = t.get("/posts?limit=5&offset=13").await;
    assert_proxied(s, &b);
    assert_eq!(post_ids(&b), ids[13..18].to_vec());
    assert_eq!(
        t.calls("GET", &format!("/api/v1/timelinenew/{}", t.creator.id)),
        before + 2
    );
    assert!(response(&b)["accounts"].as_array().unwrap().len() == 1);
    let (_, b) = t.get("/posts?limit=10&offset=15").await;
    assert_eq!(post_ids(&b), ids[15..].to_vec());
    assert_eq!(cursor(&b), None);

    // search and wallId filters.
    let (_, b) = t.get("/posts?search=POST%2019").await;
    assert_eq!(post_ids(&b), vec![ids[0].clone()]);
    let other = t.app.sim.add_wall(&t.creator.id, "Empty").unwrap();
    let (_, b) = t.get(&format!("/posts?wallId={other}")).await;
    assert!(post_ids(&b).is_empty());

    // Validation: no native call.
    let calls = t.app.sim.requests().len();
    let (s, b) = t.get("/posts?cursor=abc").await;
    assert_400(s, &b, "cursor");
    let (s, b) = t.get("/posts?limit=0").await;
    assert_400(s, &b, "limit");
    let (s, b) = t.get("/posts?limit=5&offset=300").await;
    assert_400(s, &b, "offset must be from 0 to 299");
    let (s, b) = t.get("/posts?offset=-1").await;
    assert_400(s, &b, "offset");
    let (s, b) = t.get("/posts?wallId=x1").await;
    assert_400(s, &b, "wallId");
    assert_eq!(t.app.sim.requests().len(), calls);
}

#[tokio::test]
async fn walls_pins_and_wall_timeline() {
    let t = Chat::new().await;
    let extra = t.app.sim.add_wall(&t.creator.id, "Extras").unwrap();
    let first = t.app.sim.wall_ids(&t.creator.id)[0].clone();
    for path in ["/posts/walls", "/walls"] {
        let (s, b) = t.get(path).await;
        assert_proxied(s, &b);
        let walls = &response(&b)["walls"];
        assert_eq!(walls[0]["name"], "Posts");
        assert_eq!(walls[0]["pos"], 0);
        assert_eq!(walls[1]["id"], extra.as_str());
        assert_eq!(&b["data"]["data"]["walls"], walls);
    }

    let (_, b) = t
        .post(
            "/posts",
            json!({"content": "on extras", "wallIds": [extra]}),
        )
        .await;
    let on_extra = response(&b)["id"].as_str().unwrap().to_owned();
    t.app.sim.create_post(&t.creator.id, "on posts").unwrap();
    let (s, b) = t.get(&format!("/posts/wall/{extra}")).await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["wall"]["id"], extra.as_str());
    assert_eq!(post_ids(&b), vec![on_extra.clone()]);
    assert_eq!(cursor(&b), None);
    let (s, _) = t.get("/posts/wall/123456").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, b) = t.get("/posts/wall/x").await;
    assert_400(s, &b, "wallId");

    // P10: pinned on the profile.
    let (s, b) = t
        .post(&format!("/posts/{on_extra}/pin"), json!({"wallId": first}))
        .await;
    assert_proxied(s, &b);
    assert_eq!(t.calls("POST", "/api/v1/profile/pinned"), 1);
    let (s, b) = t.get("/account").await;
    assert_proxied(s, &b);
    let pinned = &response(&b)["account"]["pinnedPosts"];
    assert_eq!(pinned[0]["postId"], on_extra.as_str(), "{pinned}");
    assert_eq!(pinned[0]["wallId"], first.as_str());
    assert_eq!(pinned[0]["pos"], 0);
    let (s, b) = t.post("/posts/1/pin", json!({"wallId": first})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
    let (s, b) = t.post(&format!("/posts/{on_extra}/pin"), json!({})).await;
    assert_400(s, &b, "wallId is required");
    let (s, b) = t
        .post(&format!("/posts/{on_extra}/pin"), json!({"wallId": "w"}))
        .await;
    assert_400(s, &b, "wallId");
}

#[tokio::test]
async fn scheduled_posts_publish_or_cancel() {
    let t = Chat::new().await;
    let at = t.app.sim.now_ms() + 3_600_000;
    let (s, b) = t
        .post("/posts", json!({"content": "later", "scheduledFor": at}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let id = response(&b)["id"].as_str().unwrap().to_owned();
    assert_eq!(response(&b)["postId"], id.as_str());
    let (_, b) = t
        .post("/posts", json!({"content": "never", "scheduledFor": at}))
        .await;
    let cancel = response(&b)["id"].as_str().unwrap().to_owned();

    let (s, b) = t.get("/posts/scheduled").await;
    assert_proxied(s, &b);
    let list = response(&b)["scheduledPosts"].as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|p| p["status"] == 1));
    let (_, b) = t.get("/posts").await;
    assert!(post_ids(&b).is_empty());

    let (s, b) = t
        .post(&format!("/posts/scheduled/{cancel}/cancel"), json!({}))
        .await;
    assert_proxied(s, &b);
    let (s, _) = t
        .post(&format!("/posts/scheduled/{cancel}/cancel"), json!({}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    t.app.advance(3_600_001);
    let (_, b) = t.get("/posts").await;
    assert_eq!(post_ids(&b), vec![id.clone()]);
    assert_eq!(response(&b)["posts"][0]["createdAt"], at / 1000);
    let (s, _) = t
        .post(&format!("/posts/scheduled/{id}/cancel"), json!({}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "already published");
    let (s, b) = t.post("/posts/scheduled/x/cancel", json!({})).await;
    assert_400(s, &b, "post_id");
}

#[tokio::test]
async fn create_validation_idempotency_and_upstream_errors() {
    let t = Chat::new().await;
    let calls = t.app.sim.requests().len();
    for (body, needle) in [
        (json!({}), "content must not be empty"),
        (json!({"content": 5}), "content must be a string"),
        (json!({"content": "x", "wallIds": "1"}), "wallIds"),
        (json!({"content": "x", "wallIds": ["a"]}), "wallIds[0]"),
        (json!({"content": "x", "price": 5}), "price"),
        (json!({"content": "x", "scheduledFor": -1}), "scheduledFor"),
        (json!({"content": "x", "expiresAt": 1}), "expiresAt"),
        (json!({"content": "x", "pinned": "yes"}), "pinned"),
        (json!({"content": "x", "postToFYP": 1}), "postToFYP"),
        (json!({"content": "x", "inReplyTo": "p"}), "inReplyTo"),
        (
            json!({"attachments": [{"contentType": 1}]}),
            "attachments[0]",
        ),
        (json!({"attachments": [], "mediaIds": ["1"]}), "either"),
        (json!([1]), "JSON object"),
    ] {
        let (s, b) = t.post("/posts", body).await;
        assert_400(s, &b, needle);
    }
    let (s, b) = t.post("/posts/abc", json!({"content": "x"})).await;
    assert_400(s, &b, "post_id");
    let (s, b) = t.get("/posts/abc").await;
    assert_400(s, &b, "post_id");
    let (s, b) = t.post("/posts/1", json!({"wallIds": []})).await;
    assert_400(s, &b, "wallIds");
    assert_eq!(t.app.sim.requests().len(), calls, "no Fansly call on a 400");
    let (s, _) = t.post("/posts/1", json!({"content": "x"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // A native 400 (unknown wall) comes back as 400.
    let (s, _) = t
        .post("/posts", json!({"content": "x", "wallIds": ["1"]}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // Idempotency-Key: one native POST /post, the replay says so.
    let path = format!("{}{}", t.app.base, t.path("/posts"));
    let send = || {
        t.app
            .http
            .post(&path)
            .header("x-api-key", &t.app.key_a)
            .header("idempotency-key", "post-1")
            .json(&json!({"content": "once"}))
            .send()
    };
    let r1 = send().await.unwrap();
    assert_eq!(r1.status(), StatusCode::CREATED);
    let r2 = send().await.unwrap();
    assert_eq!(r2.status(), StatusCode::CREATED);
    assert_eq!(r2.headers()["idempotent-replayed"], "true");
    let (_, list) = t.get("/posts?search=once").await;
    assert_eq!(post_ids(&list).len(), 1);

    // Upstream errors: 429 with Retry-After, 5xx → 502, never retried.
    t.app.sim_fault("/api/v1/post", 429, 1, Some(7)).await;
    let (s, b, h) = t
        .app
        .send(
            Method::POST,
            &t.path("/posts"),
            Some(&t.app.key_a),
            Some(json!({"content": "x"})),
        )
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(h["retry-after"], "7");
    let n = t.app.sim_requests("/api/v1/post").await.len();
    t.app.sim_fault("/api/v1/post", 503, 1, None).await;
    let (s, _) = t.post("/posts", json!({"content": "y"})).await;
    assert_eq!(s, StatusCode::BAD_GATEWAY);
    assert_eq!(t.app.sim_requests("/api/v1/post").await.len(), n + 1);
    t.app
        .sim_fault(
            &format!("/api/v1/timelinenew/{}", t.creator.id),
            500,
            1,
            None,
        )
        .await;
    let (s, _) = t.get("/posts").await;
    assert_eq!(s, StatusCode::BAD_GATEWAY);
}

#[tokio::test]
async fn profile_account_and_search() {
    let t = Chat::new().await;
    let (s, b) = t.get("/account").await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["account"]["id"], t.creator.id.as_str());
    assert_eq!(response(&b)["account"]["walls"][0]["name"], "Posts");

    let (s, b) = t.get("/profile").await;
    assert_eq!(s, StatusCode::OK);
    let d = &b["data"];
    assert_eq!(d["status_code"], 200);
    assert_eq!(d["accountId"], t.creator.id.as_str());
    assert_eq!(d["username"], "mia");
    // The flat avatar/banner are the first location of Fansly's avatar/banner objects.
    let account = &d["data"]["response"]["account"];
    assert!(
        d["avatar"].as_str().is_some_and(|u| u.contains("/cdn/")),
        "{d}"
    );
    assert_eq!(d["avatar"], account["avatar"]["locations"][0]["location"]);
    assert_eq!(d["banner"], account["banner"]["locations"][0]["location"]);
    assert_ne!(d["avatar"], d["banner"]);
    assert_eq!(d["followersCount"], 0);
    assert_eq!(d["data"]["response"]["account"]["username"], "mia");

    // A3: through the key's connected account.
    let (s, b) = t.app.get("/search/FAN_ONE", &t.app.key_a).await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)[0]["id"], t.fan.as_str());
    let (s, b) = t.app.get("/search/nobody_here", &t.app.key_a).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
    assert_eq!(b["message"], "Account not found");
    let (s, b) = t.app.get("/search/bad%20name", &t.app.key_a).await;
    assert_400(s, &b, "username");
    let (s, b) = t.app.get("/search/mia", &t.app.key_b).await;
    assert_400(s, &b, "Connect an account first");
}

#[tokio::test]
async fn foreign_keys_get_403_without_a_fansly_call() {
    let t = Chat::new().await;
    let a = &t.acct;
    for (method, path, body) in [
        (Method::GET, format!("/{a}/posts"), None),
        (
            Method::POST,
            format!("/{a}/posts"),
            Some(json!({"content": "x"})),
        ),
        (Method::GET, format!("/{a}/posts/1"), None),
        (
            Method::POST,
            format!("/{a}/posts/1"),
            Some(json!({"content": "x"})),
        ),
        (Method::DELETE, format!("/{a}/posts/1"), None),
        (Method::GET, format!("/{a}/posts/walls"), None),
        (Method::GET, format!("/{a}/walls"), None),
        (Method::GET, format!("/{a}/posts/wall/1"), None),
        (Method::GET, format!("/{a}/posts/scheduled"), None),
        (
            Method::POST,
            format!("/{a}/posts/scheduled/1/cancel"),
            Some(json!({})),
        ),
        (
            Method::POST,
            format!("/{a}/posts/1/pin"),
            Some(json!({"wallId": "1"})),
        ),
        (Method::GET, format!("/{a}/profile"), None),
        (Method::GET, format!("/{a}/account"), None),
    ] {
        assert_foreign(&t.app, method, &path, body).await;
    }
}
