//! Mass messaging MM1–MM5 and the AL2 alias: audiences (§0.8), PPV media, scheduling and
//! editing, stats with id cursors, the validation 400s, `Idempotency-Key`, and 403 for a
//! foreign key.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::messaging_support::{
    Chat, assert_400, assert_foreign, assert_proxied, cursor, follow, new_fan, response,
};

/// Message ids of the DMs `fan` received from the broadcast `id`.
fn copies_for(t: &Chat, fan: &str, id: &str) -> usize {
    t.app
        .sim
        .events_since(fan, 0)
        .iter()
        .filter(|e| e.service_id == 5 && e.kind == 1 && e.payload["correlationId"] == id)
        .count()
}

fn subscribe(t: &Chat, fan: &str, auto_renew: bool) {
    t.app
        .sim
        .subscribe(fansly_sim::NewSubscription {
            fan_id: fan.to_owned(),
            creator_id: t.creator.id.clone(),
            tier_id: None,
            plan_id: None,
            promo_id: None,
            auto_renew: Some(auto_renew),
        })
        .expect("subscribe");
}

#[tokio::test]
async fn mass_message_reaches_the_audience_and_shows_in_stats() {
    let t = Chat::new().await;
    let followers: Vec<String> = (0..3).map(|i| new_fan(&t.app, &format!("f{i}"))).collect();
    for f in &followers {
        follow(&t.app, f, &t.creator.id).await;
    }
    let subscriber = new_fan(&t.app, "sub_on");
    subscribe(&t, &subscriber, true);
    let bystander = new_fan(&t.app, "nobody");

    let (s, b) = t
        .post(
            "/mass-messaging",
            json!({"content": "hello followers", "includeFollowers": true,
                   "excludeUserIds": [followers[2]]}),
        )
        .await;
    assert_proxied(s, &b);
    let id = response(&b)["id"]
        .as_str()
        .expect("broadcast id")
        .to_owned();
    assert_eq!(response(&b)["content"], "hello followers");
    assert_eq!(copies_for(&t, &followers[0], &id), 1);
    assert_eq!(copies_for(&t, &followers[1], &id), 1);
    assert_eq!(copies_for(&t, &followers[2], &id), 0, "excluded");
    assert_eq!(copies_for(&t, &subscriber, &id), 0);
    assert_eq!(copies_for(&t, &bystander, &id), 0);
    assert_eq!(t.calls("POST", "/api/v1/group"), 1);
    assert_eq!(t.calls("POST", "/api/v1/message/broadcast"), 1);

    // Subscribers with auto-renew on, with PPV media: one bundle for two media.
    let (s, b) = t
        .post(
            "/mass-messaging",
            json!({"content": "for subs", "includeSubscribersAutoRenewOn": true,
                   "mediaIds": [t.media(), {"mediaId": t.media(), "previewId": null}],
                   "access_type": ["ppv"], "price": 10.0}),
        )
        .await;
    assert_proxied(s, &b);
    let ppv = response(&b)["id"].as_str().unwrap().to_owned();
    let att = response(&b)["attachments"].as_array().unwrap().clone();
    assert_eq!(att.len(), 1);
    assert_eq!(att[0]["contentType"], 2);
    assert_eq!(copies_for(&t, &subscriber, &ppv), 1);
    assert_eq!(copies_for(&t, &followers[0], &ppv), 0);

    // MM4: newest first, with stats.
    let (s, b) = t.get("/mass-messaging/stats/sent").await;
    assert_proxied(s, &b);
    let msgs = response(&b)["messages"].as_array().unwrap().clone();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0]["id"], ppv.as_str());
    assert_eq!(msgs[1]["id"], id.as_str());
    assert_eq!(msgs[1]["stats"]["total"], 2);
    assert_eq!(msgs[0]["stats"]["total"], 1);
    assert_eq!(cursor(&b), None);
    let q = t.app.sim_requests("/api/v1/message/broadcast/stats").await;
    assert!(q[0]["query"].as_str().unwrap().contains("limit=24"));

    // MM5: a deleted broadcast moves to the deleted stats.
    let (s, _) = t
        .app
        .delete(&t.path(&format!("/messages/{id}")), &t.app.key_a)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, b) = t.get("/mass-messaging/stats/deleted").await;
    assert_proxied(s, &b);
    let deleted = response(&b)["messages"].as_array().unwrap().clone();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["id"], id.as_str());
    assert!(!deleted[0]["deletedAt"].is_null());
    assert_eq!(cursor(&b), None);
}

#[tokio::test]
async fn stats_page_with_id_cursors() {
    let t = Chat::new().await;
    follow(&t.app, &t.fan, &t.creator.id).await;
    let mut ids = Vec::new();
    for i in 0..30 {
        let (s, b) = t
            .post(
                "/mass-messaging",
                json!({"content": format!("b{i}"), "includeFollowers": true}),
            )
            .await;
        assert_proxied(s, &b);
        ids.push(response(&b)["id"].as_str().unwrap().to_owned());
    }
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &next {
            Some(c) => format!("/mass-messaging/stats/sent?limit=12&cursor={c}"),
            None => "/mass-messaging/stats/sent?limit=12".to_owned(),
        };
        let (s, b) = t.get(&q).await;
        assert_proxied(s, &b);
        let page = response(&b)["messages"].as_array().unwrap().clone();
        seen.extend(page.iter().map(|m| m["id"].as_str().unwrap().to_owned()));
        pages += 1;
        next = cursor(&b);
        if next.is_none() {
            break;
        }
        assert_eq!(next.as_deref(), page.last().unwrap()["id"].as_str());
    }
    assert_eq!(pages, 3);
    ids.reverse();
    assert_eq!(seen, ids);
    // limit above 50 is clamped; the default is 24.
    let (_, b) = t.get("/mass-messaging/stats/sent?limit=500").await;
    assert_eq!(response(&b)["messages"].as_array().unwrap().len(), 30);
    let q = t.app.sim_requests("/api/v1/message/broadcast/stats").await;
    assert!(
        q.last().unwrap()["query"]
            .as_str()
            .unwrap()
            .contains("limit=50")
    );
    let (_, b) = t.get("/mass-messaging/stats/sent").await;
    assert_eq!(response(&b)["messages"].as_array().unwrap().len(), 24);
    assert!(cursor(&b).is_some());
    let (s, b) = t.get("/mass-messaging/stats/deleted?cursor=x").await;
    assert_400(s, &b, "cursor must be");
    let (s, b) = t.get("/mass-messaging/stats/sent?limit=many").await;
    assert_400(s, &b, "limit must be a positive integer");
}

#[tokio::test]
async fn scheduled_mass_messages_are_listed_edited_and_sent_on_time() {
    let t = Chat::new().await;
    follow(&t.app, &t.fan, &t.creator.id).await;
    let at = t.app.sim.now_ms() + 3_600_000;
    let (s, b) = t
        .post(
            "/mass-messaging",
            json!({"content": "later", "includeFollowers": true, "scheduledFor": at}),
        )
        .await;
    assert_proxied(s, &b);
    let id = response(&b)["id"].as_str().unwrap().to_owned();
    assert_eq!(copies_for(&t, &t.fan, &id), 0, "not yet");
    assert_eq!(
        t.calls("GET", "/api/v1/message/broadcast/scheduled"),
        1,
        "pending count"
    );

    // MM1: listed, messageTemplate a JSON string.
    let (s, b) = t.get("/mass-messaging/scheduled").await;
    assert_proxied(s, &b);
    let list = response(&b)["scheduledBroadcastMessages"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    let template: Value =
        serde_json::from_str(list[0]["messageTemplate"].as_str().unwrap()).unwrap();
    assert_eq!(template["content"], "later");

    // MM3: new content and a free media; the time is kept.
    let media = t.media();
    let (s, b, _) = t
        .app
        .send(
            Method::PUT,
            &t.path(&format!("/mass-messaging/scheduled/{id}")),
            Some(&t.app.key_a),
            Some(json!({"content": "later, edited", "mediaIds": [media]})),
        )
        .await;
    assert_proxied(s, &b);
    let (_, b) = t.get("/mass-messaging/scheduled").await;
    let item = &response(&b)["scheduledBroadcastMessages"][0];
    assert_eq!(item["scheduledFor"], at);
    let template: Value = serde_json::from_str(item["messageTemplate"].as_str().unwrap()).unwrap();
    assert_eq!(template["content"], "later, edited");
    assert_eq!(template["attachments"].as_array().unwrap().len(), 1);

    // Validation of the edit, and an unknown id.
    let put = |path: String, body: Value| {
        let t = &t;
        async move {
            let (s, b, _) = t
                .app
                .send(Method::PUT, &t.path(&path), Some(&t.app.key_a), Some(body))
                .await;
            (s, b)
        }
    };
    let (s, b) = put(format!("/mass-messaging/scheduled/{id}"), json!({})).await;
    assert_400(s, &b, "Nothing to update");
    let (s, b) = put(
        format!("/mass-messaging/scheduled/{id}"),
        json!({"scheduledFor": at + 200 * 86_400_000i64}),
    )
    .await;
    assert_400(s, &b, "180 days");
    let (s, _) = put(
        "/mass-messaging/scheduled/123456".to_owned(),
        json!({"content": "x"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Due: sent, no longer scheduled, in the stats.
    t.app.advance(3_600_001);
    assert_eq!(copies_for(&t, &t.fan, &id), 1);
    let (_, b) = t.get("/mass-messaging/scheduled").await;
    assert_eq!(response(&b)["scheduledBroadcastMessages"], json!([]));
    let (_, b) = t.get("/mass-messaging/stats/sent").await;
    assert_eq!(response(&b)["messages"][0]["id"], id.as_str());

    // Once sent, it cannot be edited.
    let (s, _) = put(
        format!("/mass-messaging/scheduled/{id}"),
        json!({"content": "too late"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_101st_pending_scheduled_mass_message_is_refused_before_anything_is_created() {
    let t = Chat::new().await;
    let at = t.app.sim.now_ms() + 86_400_000;
    for i in 0..100 {
        let (s, b) = t
            .post(
                "/mass-messaging",
                json!({"content": format!("s{i}"), "includeFollowers": true, "scheduledFor": at + i}),
            )
            .await;
        assert_proxied(s, &b);
    }
    let groups = t.calls("POST", "/api/v1/group");
    let (s, b) = t
        .post(
            "/mass-messaging",
            json!({"content": "one too many", "includeFollowers": true, "scheduledFor": at}),
        )
        .await;
    assert_400(s, &b, "already has 100 scheduled");
    assert_eq!(t.calls("POST", "/api/v1/group"), groups);
    // Sending now is not limited.
    let (s, b) = t
        .post(
            "/mass-messaging",
            json!({"content": "now", "includeFollowers": true}),
        )
        .await;
    assert_proxied(s, &b);
}

#[tokio::test]
async fn mass_message_validation() {
    let t = Chat::new().await;
    let m = t.media();
    let cases = [
        (json!({"content": "nobody"}), "empty audience"),
        (
            json!({"content": "x", "excludeCreators": true, "excludeUserIds": [t.fan]}),
            "empty audience",
        ),
        (
            json!({"includeFollowers": true}),
            "content must not be empty",
        ),
        (
            json!({"content": "x", "includeFollowers": "yes"}),
            "includeFollowers must be a boolean",
        ),
        (
            json!({"content": "x", "includeFollowers": true, "includeListIds": "1"}),
            "includeListIds must be an array",
        ),
        (
            json!({"content": "x", "includeFollowers": true, "mediaIds": [m], "price": 5}),
            "only allowed with access_type ppv",
        ),
        (
            json!({"content": "x", "includeFollowers": true, "mediaIds": [m], "access_type": "ppv", "price": 600}),
            "between 1 and 500",
        ),
        (
            json!({"content": "x", "includeFollowers": true, "access_type": "ppv", "price": 5}),
            "needs media",
        ),
        (
            json!({"content": "x", "includeFollowers": true, "mediaIds": [m], "access_type": "secret"}),
            "unknown access type `secret`",
        ),
        (
            json!({"content": "x", "includeFollowers": true, "scheduledFor": t.app.sim.now_ms() + 181 * 86_400_000i64}),
            "180 days",
        ),
        (
            json!({"content": "x", "includeFollowers": true, "scheduledFor": "soon"}),
            "scheduledFor must be",
        ),
    ];
    let before = t.app.sim.requests().len();
    for (body, needle) in cases {
        let (s, b) = t.post("/mass-messaging", body).await;
        assert_400(s, &b, needle);
    }
    let (s, b) = t
        .post("/messages/mass", json!({"content": "x", "filter": "vips"}))
        .await;
    assert_400(s, &b, "filter must be one of");
    let (s, b) = t
        .post("/messages/mass", json!({"content": "x", "price": 5}))
        .await;
    assert_400(s, &b, "needs media");
    assert_eq!(t.app.sim.requests().len(), before, "no Fansly call");
}

#[tokio::test]
async fn the_alias_uses_filters_and_reports_sent() {
    let t = Chat::new().await;
    let on = new_fan(&t.app, "renewing");
    let off = new_fan(&t.app, "lapsing");
    subscribe(&t, &on, true);
    subscribe(&t, &off, false);
    let follower = new_fan(&t.app, "follower");
    follow(&t.app, &follower, &t.creator.id).await;

    let (s, b) = t
        .post(
            "/messages/mass",
            json!({"content": "subs only", "filter": "active", "mediaIds": [t.media()], "price": 3}),
        )
        .await;
    assert_proxied(s, &b);
    assert_eq!(b["data"]["success"], true);
    assert_eq!(b["data"]["sent"], 2);
    assert_eq!(b["data"]["failed"], 0);
    let id = response(&b)["id"].as_str().unwrap().to_owned();
    let att = &response(&b)["attachments"];
    assert_eq!(att[0]["contentType"], 1, "one PPV media: an offer");
    assert_eq!(copies_for(&t, &on, &id), 1);
    assert_eq!(copies_for(&t, &off, &id), 1);
    assert_eq!(copies_for(&t, &follower, &id), 0);
    let q = t.app.sim_requests("/api/v1/message/broadcast/stats").await;
    assert!(q[0]["query"].as_str().unwrap().contains("limit=1"));

    // Default filter `all`; renewing = auto-renew on only; the creator's own view of the
    // PPV offer carries the price in mills.
    let (_, b) = t
        .post("/messages/mass", json!({"content": "everyone"}))
        .await;
    assert_eq!(b["data"]["sent"], 3);
    let (_, b) = t
        .post(
            "/messages/mass",
            json!({"content": "renewing", "filter": "renewing"}),
        )
        .await;
    assert_eq!(b["data"]["sent"], 1);
    let (_, b) = t
        .post(
            "/messages/mass",
            json!({"content": "expired", "filter": "expired"}),
        )
        .await;
    assert_eq!(b["data"]["sent"], 0);

    // A scheduled alias send reports 0 sent.
    let (_, b) = t
        .post(
            "/messages/mass",
            json!({"content": "later", "scheduledFor": t.app.sim.now_ms() + 60_000}),
        )
        .await;
    assert_eq!(b["data"]["sent"], 0);
    assert_eq!(b["data"]["success"], true);
}

#[tokio::test]
async fn mass_messages_are_idempotent_per_route() {
    let t = Chat::new().await;
    follow(&t.app, &t.fan, &t.creator.id).await;
    let post = |path: &'static str, key: &'static str, body: Value| {
        let t = &t;
        async move {
            let res = t
                .app
                .http
                .post(format!("{}{}", t.app.base, t.path(path)))
                .header("x-api-key", &t.app.key_a)
                .header("idempotency-key", key)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = res.status();
            let replayed = res.headers().contains_key("idempotent-replayed");
            (status, res.json::<Value>().await.unwrap(), replayed)
        }
    };
    let body = json!({"content": "once", "includeFollowers": true});
    let (s1, b1, _) = post("/mass-messaging", "mm-1", body.clone()).await;
    assert_eq!(s1, StatusCode::OK, "{b1}");
    let (s2, b2, replayed) = post("/mass-messaging", "mm-1", body.clone()).await;
    assert_eq!(s2, StatusCode::OK);
    assert!(replayed);
    assert_eq!(b2["data"], b1["data"]);
    assert_eq!(t.calls("POST", "/api/v1/message/broadcast"), 1);
    assert_eq!(t.calls("POST", "/api/v1/group"), 1);
    let (s3, _, _) = post(
        "/mass-messaging",
        "mm-1",
        json!({"content": "twice", "includeFollowers": true}),
    )
    .await;
    assert_eq!(s3, StatusCode::CONFLICT);

    // The alias is its own scope: the same key sends there once, then replays.
    let (s4, b4, replayed) = post("/messages/mass", "mm-1", json!({"content": "alias"})).await;
    assert_eq!(s4, StatusCode::OK, "{b4}");
    assert!(!replayed);
    let (_, b5, replayed) = post("/messages/mass", "mm-1", json!({"content": "alias"})).await;
    assert!(replayed);
    assert_eq!(b5["data"], b4["data"]);
    assert_eq!(t.calls("POST", "/api/v1/message/broadcast"), 2);
}

#[tokio::test]
async fn mass_routes_refuse_a_foreign_key() {
    let t = Chat::new().await;
    for (method, path, body) in [
        (
            Method::POST,
            "/mass-messaging",
            Some(json!({"content": "x", "includeFollowers": true})),
        ),
        (Method::GET, "/mass-messaging/scheduled", None),
        (
            Method::PUT,
            "/mass-messaging/scheduled/123",
            Some(json!({"content": "x"})),
        ),
        (Method::GET, "/mass-messaging/stats/sent", None),
        (Method::GET, "/mass-messaging/stats/deleted", None),
        (
            Method::POST,
            "/messages/mass",
            Some(json!({"content": "x"})),
        ),
    ] {
        assert_foreign(&t.app, method, &t.path(path), body).await;
    }
}
