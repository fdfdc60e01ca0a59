//! Chat messages M1–M7: listing with id cursors, group creation, sending in every input shape
//! clients use (text, free media, PPV single / bundle, permissions[], singular mediaId,
//! access_type string vs array), the validation 400s, typing, VIP, read receipts, delete, and
//! the events the simulator emitted for a send.

use std::collections::HashSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::messaging_support::{
    Chat, assert_400, assert_foreign, assert_proxied, cursor, new_fan, response,
};

#[tokio::test]
async fn messages_page_with_id_cursors_and_clamped_limits() {
    let t = Chat::new().await;
    let mut sent = Vec::new();
    for i in 0..23 {
        let from = if i % 2 == 0 { &t.fan } else { &t.creator.id };
        sent.push(
            t.app
                .sim
                .send_message(from, &t.chat, &format!("m{i}"))
                .unwrap(),
        );
    }
    let path = format!("/chats/{}/messages", t.chat);
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &next {
            Some(c) => format!("{path}?limit=10&cursor={c}"),
            None => format!("{path}?limit=10"),
        };
        let (status, body) = t.get(&q).await;
        assert_proxied(status, &body);
        let msgs = response(&body)["messages"].as_array().unwrap().clone();
        assert!(msgs.len() <= 10);
        seen.extend(msgs.iter().map(|m| m["id"].as_str().unwrap().to_owned()));
        assert!(response(&body)["accountMedia"].is_array());
        pages += 1;
        next = cursor(&body);
        if next.is_none() {
            break;
        }
        assert_eq!(next.as_deref(), msgs.last().unwrap()["id"].as_str());
    }
    assert_eq!(pages, 3);
    sent.reverse();
    assert_eq!(seen, sent, "every message once, newest first");

    // limit is clamped to 1–10 and defaults to 10; the native call carries the clamp.
    let (_, body) = t.get(&format!("{path}?limit=50")).await;
    assert_eq!(response(&body)["messages"].as_array().unwrap().len(), 10);
    let (s, b) = t.get(&format!("{path}?limit=0")).await;
    assert_400(s, &b, "limit must be a positive integer");
    let (_, body) = t.get(&path).await;
    assert_eq!(response(&body)["messages"].as_array().unwrap().len(), 10);
    let last = t.app.sim_requests("/api/v1/message").await;
    let q = last.last().unwrap()["query"].as_str().unwrap().to_owned();
    assert!(q.contains("limit=10") && !q.contains("before="), "{q}");

    let (s, b) = t.get(&format!("{path}?limit=ten")).await;
    assert_400(s, &b, "limit must be a positive integer");
    let (s, b) = t.get(&format!("{path}?cursor=abc")).await;
    assert_400(s, &b, "cursor must be");
    let (s, b) = t.get("/chats/notanid/messages").await;
    assert_400(s, &b, "chat_id must be a numeric");
    assert_foreign(&t.app, Method::GET, &t.path(&path), None).await;
}

#[tokio::test]
async fn send_text_answers_201_with_the_native_message() {
    let t = Chat::new().await;
    let since = t
        .app
        .sim
        .events_since(&t.creator.id, 0)
        .last()
        .map_or(0, |e| e.seq);
    let (status, body) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({"content": "hello there"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["statusCode"], 201);
    assert_eq!(body["data"]["status_code"], 200);
    let msg = response(&body);
    let id = msg["id"].as_str().expect("response.id");
    assert_eq!(msg["content"], "hello there");
    assert_eq!(msg["groupId"], t.chat.as_str());
    assert_eq!(msg["senderId"], t.creator.id.as_str());
    assert!(msg["createdAt"].as_f64().unwrap() < 1e11, "seconds");
    assert_eq!(msg["attachments"], json!([]));

    // One native send, with the documented body.
    assert_eq!(t.calls("POST", "/api/v1/message"), 1);
    assert_eq!(t.calls("POST", "/api/v1/account/media"), 0);

    // The simulator told the creator (and the fan) about it.
    let events = t.app.sim.events_since(&t.creator.id, since);
    let e = events
        .iter()
        .find(|e| e.service_id == 5 && e.kind == 1)
        .expect("a (5,1) message event for the creator");
    assert_eq!(e.key, "message");
    assert_eq!(e.payload["id"], id);
    assert_eq!(e.payload["content"], "hello there");
    let fan_events = t.app.sim.events_since(&t.fan, 0);
    assert!(
        fan_events
            .iter()
            .any(|e| e.service_id == 5 && e.kind == 1 && e.payload["id"] == id),
        "the fan got the message event"
    );

    // The message is listed.
    let (_, list) = t.get(&format!("/chats/{}/messages", t.chat)).await;
    assert_eq!(response(&list)["messages"][0]["id"], id);
    assert_foreign(
        &t.app,
        Method::POST,
        &t.path(&format!("/chats/{}/messages", t.chat)),
        Some(json!({"content": "x"})),
    )
    .await;
}

/// The creator's view of the offers / bundles attached to the newest message.
async fn attached(t: &Chat) -> (Value, Vec<Value>, Vec<Value>) {
    let (_, list) = t.get(&format!("/chats/{}/messages?limit=1", t.chat)).await;
    let r = response(&list);
    (
        r["messages"][0].clone(),
        r["accountMedia"].as_array().cloned().unwrap_or_default(),
        r["accountMediaBundles"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    )
}

fn entry_flags(offer: &Value) -> Vec<i64> {
    offer["permissions"]["permissionFlags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["flags"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn send_with_free_media_in_every_id_shape() {
    let t = Chat::new().await;
    let (a, b, c) = (t.media(), t.media(), t.media());
    let (status, body) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({
                "content": "three free",
                "mediaIds": [a, {"mediaId": b, "previewId": null}],
                "mediaId": c,
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let atts = response(&body)["attachments"].as_array().unwrap().clone();
    assert_eq!(atts.len(), 3);
    for (i, att) in atts.iter().enumerate() {
        assert_eq!(att["contentType"], 1);
        assert_eq!(att["pos"], i);
        let id = att["contentId"].as_str().unwrap();
        assert!(
            ![&a, &b, &c].contains(&&id.to_owned()),
            "an offer id, not the media id"
        );
    }
    assert_eq!(
        t.calls("POST", "/api/v1/account/media"),
        1,
        "one mint for all"
    );
    let (_, offers, _) = attached(&t).await;
    let media_ids: HashSet<&str> = offers
        .iter()
        .map(|o| o["mediaId"].as_str().unwrap())
        .collect();
    assert_eq!(
        media_ids,
        [a.as_str(), b.as_str(), c.as_str()].into_iter().collect()
    );
    for o in &offers {
        assert_eq!(o["price"], 0);
        assert!(entry_flags(o).is_empty(), "free: {o}");
    }

    // An existing free offer of the creator is attached as it is, with no mint.
    let offer = t
        .app
        .sim
        .create_offer(&t.creator.id, &t.media(), 0)
        .unwrap();
    let mints = t.calls("POST", "/api/v1/account/media");
    let (status, body) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({"mediaIds": [offer]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        response(&body)["attachments"][0]["contentId"],
        offer.as_str()
    );
    assert_eq!(t.calls("POST", "/api/v1/account/media"), mints);

    // A media id Fansly does not know is a 400 naming mediaIds, and nothing is sent.
    let sends = t.calls("POST", "/api/v1/message");
    let (s, b) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({"content": "x", "mediaIds": ["123456789"]}),
        )
        .await;
    assert_400(s, &b, "mediaIds");
    assert_eq!(t.calls("POST", "/api/v1/message"), sends);
}

#[tokio::test]
async fn ppv_single_is_one_offer_and_ppv_pair_is_one_bundle() {
    let t = Chat::new().await;
    // Singular mediaId + access_type string (client C).
    let m1 = t.media();
    let (status, body) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({"content": "ppv", "mediaId": m1, "access_type": "ppv", "price": 4}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let att = &response(&body)["attachments"];
    assert_eq!(att.as_array().unwrap().len(), 1);
    assert_eq!(att[0]["contentType"], 1);
    let offer_id = att[0]["contentId"].as_str().unwrap().to_owned();
    let (_, offers, _) = attached(&t).await;
    let offer = offers
        .iter()
        .find(|o| o["id"] == offer_id.as_str())
        .unwrap();
    assert_eq!(offer["price"], 4000, "dollars → mills");
    assert_eq!(entry_flags(offer), [1]);
    assert_eq!(offer["permissions"]["permissionFlags"][0]["price"], 4000);

    // The same request with access_type as an array (clients A and B) mints the same rules.
    let (status, body) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({"content": "ppv", "mediaIds": [t.media()], "access_type": ["ppv"], "price": 4}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, offers2, _) = attached(&t).await;
    let o2 = &offers2[0];
    assert_eq!(o2["price"], offer["price"]);
    assert_eq!(
        o2["permissions"]["permissionFlags"][0]["metadata"],
        offer["permissions"]["permissionFlags"][0]["metadata"]
    );

    // Two media with PPV: one bundle (contentType 2) carrying the price.
    let bundles_before = t.calls("POST", "/api/v1/account/media/bundle");
    let (status, body) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({"content": "bundle", "mediaIds": [t.media(), {"mediaId": t.media(), "previewId": null}],
                   "access_type": ["ppv"], "price": 9.99}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let att = response(&body)["attachments"].as_array().unwrap().clone();
    assert_eq!(att.len(), 1, "{att:?}");
    assert_eq!(att[0]["contentType"], 2);
    assert_eq!(
        t.calls("POST", "/api/v1/account/media/bundle"),
        bundles_before + 1
    );
    let (_, _, bundles) = attached(&t).await;
    let bundle = bundles
        .iter()
        .find(|b| b["id"] == att[0]["contentId"])
        .expect("the bundle is listed");
    assert_eq!(bundle["price"], 9990);
    assert_eq!(bundle["accountMediaIds"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn permissions_rules_become_one_entry_each() {
    let t = Chat::new().await;
    let (status, body) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({
                "content": "rules",
                "mediaIds": [t.media()],
                "access_type": "ppv", "price": 3,
                "permissions": [
                    {"access_type": "follow"},
                    {"access_type": ["ppv"], "price": 12.5},
                    {"access_type": "limited_time", "validAfter": 1, "validBefore": 4_102_444_800_000i64},
                ],
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, offers, _) = attached(&t).await;
    assert_eq!(entry_flags(&offers[0]), [2, 1, 0]);
    let entries = offers[0]["permissions"]["permissionFlags"]
        .as_array()
        .unwrap();
    assert_eq!(
        entries[1]["price"], 12_500,
        "the rule's own price, not the root's"
    );
    assert_eq!(entries[2]["validBefore"], 4_102_444_800_000i64);
}

#[tokio::test]
async fn send_validation_errors_name_the_rule_and_call_nothing() {
    let t = Chat::new().await;
    let path = format!("/chats/{}/messages", t.chat);
    let m = t.media();
    let cases = [
        (json!({}), "content must not be empty"),
        (json!({"content": "   "}), "content must not be empty"),
        (
            json!({"content": "x", "mediaId": m, "access_type": "ppv", "price": 0.5}),
            "between 1 and 500",
        ),
        (
            json!({"content": "x", "mediaId": m, "access_type": "ppv", "price": 501}),
            "between 1 and 500",
        ),
        (
            json!({"content": "x", "mediaId": m, "access_type": "ppv"}),
            "price is required with access_type ppv",
        ),
        (
            json!({"content": "x", "mediaId": m, "price": 5}),
            "only allowed with access_type ppv",
        ),
        (
            json!({"content": "x", "access_type": "ppv", "price": 5}),
            "needs media",
        ),
        (
            json!({"content": "x", "mediaId": m, "access_type": "platinum"}),
            "unknown access type `platinum`",
        ),
        (
            json!({"content": "x", "mediaIds": [m], "access_type": ["ppv", "gold"], "price": 4}),
            "unknown access type `gold`",
        ),
        (
            json!({"content": "x", "mediaIds": m}),
            "mediaIds must be an array",
        ),
        (
            json!({"content": "x", "mediaIds": [m], "permissions": [{"access_type": "list"}]}),
            "permissions[0].listId is required",
        ),
        (json!({"content": 5}), "content must be a string"),
        (json!(["x"]), "must be a JSON object"),
    ];
    let before = t.app.sim.requests().len();
    for (body, needle) in cases {
        let (s, b) = t.post(&path, body.clone()).await;
        assert_400(s, &b, needle);
    }
    assert_eq!(t.app.sim.requests().len(), before, "no Fansly call");
}

#[tokio::test]
async fn create_group_adds_the_creator_and_defaults() {
    let t = Chat::new().await;
    let other = new_fan(&t.app, "fan_two");
    let (status, body) = t
        .post(
            "/group",
            json!({"users": [{"userId": other, "permissionFlags": 0}]}),
        )
        .await;
    assert_proxied(status, &body);
    let g = response(&body);
    assert_eq!(g["type"], 1);
    let members: HashSet<&str> = g["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userId"].as_str().unwrap())
        .collect();
    assert!(members.contains(other.as_str()) && members.contains(t.creator.id.as_str()));
    // The same pair again answers the same group.
    let (_, again) = t
        .post("/group", json!({"users": [{"userId": other}]}))
        .await;
    assert_eq!(response(&again)["id"], g["id"]);
    let (s, b) = t.post("/group", json!({})).await;
    assert_400(s, &b, "users is required");
    let (s, b) = t.post("/group", json!({"users": [{"userId": "x"}]})).await;
    assert_400(s, &b, "users[0].userId");
    assert_foreign(
        &t.app,
        Method::POST,
        &t.path("/group"),
        Some(json!({"users": [{"userId": other}]})),
    )
    .await;
}

#[tokio::test]
async fn typing_vip_read_receipts_and_delete() {
    let t = Chat::new().await;
    // M4
    let (s, b) = t.post("/chats/typing", json!({"chatId": t.chat})).await;
    assert_proxied(s, &b);
    let fan_events = t.app.sim.events_since(&t.fan, 0);
    assert!(fan_events.iter().any(|e| e.service_id == 5 && e.kind == 22));
    let (s, b) = t.post("/chats/typing", json!({})).await;
    assert_400(s, &b, "chatId is required");

    // M5: VIP keeps other ignore bits (mute first, then VIP → 5).
    let (s, b) = t.post("/chats/mute", json!({"targetUserId": t.fan})).await;
    assert_proxied(s, &b);
    let (s, b) = t.post(&format!("/chats/{}/vip", t.fan), json!({})).await;
    assert_proxied(s, &b);
    let flags = ignore_flags(&t, &t.fan).await;
    assert_eq!(flags, 5);

    // M6
    let (s, b) = t
        .post(
            &format!("/chats/{}/readreceipts", t.chat),
            json!({"action": "disable"}),
        )
        .await;
    assert_proxied(s, &b);
    assert_eq!(t.calls("POST", "/api/v1/groups/users/settings"), 1);
    let (s, b) = t
        .post(
            &format!("/chats/{}/readreceipts", t.chat),
            json!({"action": "maybe"}),
        )
        .await;
    assert_400(s, &b, "enable");

    // M7
    let (_, sent) = t
        .post(
            &format!("/chats/{}/messages", t.chat),
            json!({"content": "oops"}),
        )
        .await;
    let id = response(&sent)["id"].as_str().unwrap().to_owned();
    let (s, b) = t
        .app
        .delete(&t.path(&format!("/messages/{id}")), &t.app.key_a)
        .await;
    assert_proxied(s, &b);
    assert_eq!(response(&b)["id"], id.as_str());
    assert!(!response(&b)["deletedAt"].is_null());
    let (_, list) = t.get(&format!("/chats/{}/messages", t.chat)).await;
    assert!(
        response(&list)["messages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["id"] != id.as_str())
    );
    let (s, _) = t
        .app
        .delete(&t.path("/messages/999999999"), &t.app.key_a)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    for (method, path, body) in [
        (
            Method::POST,
            "/chats/typing".to_owned(),
            Some(json!({"chatId": t.chat})),
        ),
        (Method::POST, format!("/chats/{}/vip", t.fan), None),
        (
            Method::POST,
            format!("/chats/{}/readreceipts", t.chat),
            Some(json!({"action": "enable"})),
        ),
        (Method::DELETE, format!("/messages/{id}"), None),
    ] {
        assert_foreign(&t.app, method, &t.path(&path), body).await;
    }
}

/// The creator's ignore flags on `target`, read with a native `GET /ignore` as the creator.
async fn ignore_flags(t: &Chat, target: &str) -> u64 {
    let (fansly, creds) = t.native_as_creator().await;
    let native = fansly.ignore_list(&creds).await.unwrap();
    native.response()["ignoring"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ignoredId"] == target)
        .and_then(|r| r["ignoreFlags"].as_u64())
        .unwrap_or(0)
}

#[tokio::test]
async fn subscription_access_names_a_tier_or_means_any_tier() {
    let t = Chat::new().await;
    let vip = t
        .app
        .sim
        .create_tier(
            &t.creator.id,
            fansly_sim::NewTier {
                name: "VIP".to_owned(),
                color: None,
                price: 25_000,
                billing_cycle: None,
                promo: None,
            },
        )
        .unwrap();
    let vip_id = vip["id"].as_str().unwrap().to_owned();
    let (fansly, creds) = t.native_as_creator().await;
    let tiers = fansly.subscription_tiers(&creds).await.unwrap();
    let all = tiers.response().as_array().cloned().unwrap_or_else(|| {
        tiers.response()["subscriptionTiers"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    });
    assert!(all.len() >= 2, "{all:?}");
    let path = format!("/chats/{}/messages", t.chat);
    let tier_of = |e: &Value| -> String {
        let meta: Value = serde_json::from_str(e["metadata"].as_str().unwrap()).unwrap();
        let inner: Value = serde_json::from_str(meta["4"].as_str().unwrap()).unwrap();
        inner["subscriptionTierId"].as_str().unwrap().to_owned()
    };

    // No tier: one entry per tier, each bit 4.
    let (s, b) = t
        .post(
            &path,
            json!({"content": "subs", "mediaId": t.media(), "access_type": "subscription"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (_, offers, _) = attached(&t).await;
    let entries = offers[0]["permissions"]["permissionFlags"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(entries.len(), all.len());
    assert!(entries.iter().all(|e| e["flags"] == 4));
    let tiers: HashSet<String> = entries.iter().map(tier_of).collect();
    assert!(tiers.contains(&vip_id));

    // A tier by name (any letter case), combined with follow in one entry.
    let (s, b) = t
        .post(
            &path,
            json!({"content": "vip", "mediaIds": [t.media()], "access_type": ["subscription", "follow"],
                   "subscriptionTierName": "vip"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (_, offers, _) = attached(&t).await;
    let entries = offers[0]["permissions"]["permissionFlags"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["flags"], 6);
    assert_eq!(tier_of(&entries[0]), vip_id);

    // An unknown tier name is a 400 and nothing is sent.
    let sends = t.calls("POST", "/api/v1/message");
    let (s, b) = t
        .post(
            &path,
            json!({"content": "x", "mediaId": t.media(), "access_type": "subscription",
                   "subscriptionTierName": "Platinum"}),
        )
        .await;
    assert_400(s, &b, "subscriptionTierName `Platinum`");
    assert_eq!(t.calls("POST", "/api/v1/message"), sends);
}
