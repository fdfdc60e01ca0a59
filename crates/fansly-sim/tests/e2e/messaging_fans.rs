//! Messaging with real fans (no creator flag): creator-only routes, subscriber audiences,
//! the new-subscriber welcome, and PPV access after a purchase.

use fansly_sim::{NewFan, NewSubscription};
use serde_json::{Value, json};

use crate::common::Harness;
use crate::messaging::{Party, dm, events, get, party, post, response, send};

/// A fan account with a live session.
async fn fan(h: &Harness, name: &str) -> Party {
    let info = h
        .sim
        .create_fan(NewFan {
            username: name.into(),
            ..NewFan::default()
        })
        .expect("fan");
    let (_, token) = h.sim.login_as(&info.id).expect("session");
    Party { id: info.id, token }
}

fn subscribe(h: &Harness, fan: &Party, creator: &Party) {
    h.sim
        .subscribe(NewSubscription {
            fan_id: fan.id.clone(),
            creator_id: creator.id.clone(),
            tier_id: None,
            plan_id: None,
            promo_id: None,
            auto_renew: None,
        })
        .expect("subscribe");
}

#[tokio::test]
async fn fans_are_refused_creator_only_routes() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let f = fan(&h, "fan1").await;
    for path in [
        "/message/broadcast/stats",
        "/message/broadcast/stats/deleted",
        "/message/broadcast/scheduled",
        "/message/automated",
    ] {
        get(&h, &f, path).await.assert_native_error(403, 403);
    }
    let rule = json!({ "triggerType": 1, "messageTemplate": { "content": "x" } });
    post(&h, &f, "/message/automated", rule)
        .await
        .assert_native_error(403, 403);
    let group = json!({ "users": [{ "userId": f.id, "permissionFlags": 65535 }], "type": 3, "groupFlags": 2 });
    post(&h, &f, "/group", group)
        .await
        .assert_native_error(403, 403);
    // Chatting is for everyone; the creator member gets 65535.
    let group = dm(&h, &f, &maria).await;
    let seen = response(&get(&h, &f, &format!("/group/{group}")).await);
    let flags: Vec<(Value, Value)> = seen["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["userId"].clone(), u["permissionFlags"].clone()))
        .collect();
    assert_eq!(
        flags,
        [(json!(f.id), json!(0)), (json!(maria.id), json!(65535))]
    );
}

#[tokio::test]
async fn subscribers_get_the_welcome_and_subscriber_broadcasts() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let (sub, follower, other_creator) = (
        fan(&h, "subscriber").await,
        fan(&h, "follower").await,
        party(&h, "othercreator").await,
    );
    let rule = json!({
        "triggerType": 3, "triggerMetadata": "", "delay": 0, "cooldown": 0,
        "messageTemplate": { "type": 1, "content": "welcome, subscriber", "attachments": [] },
    });
    let rule = response(&post(&h, &maria, "/message/automated", rule).await);
    subscribe(&h, &sub, &maria);
    let welcome = events(&h, &sub.id, (5, 1));
    assert_eq!(welcome.len(), 1);
    assert_eq!(welcome[0].payload["type"], 2);
    assert_eq!(welcome[0].payload["correlationId"], rule["id"]);
    let to_creator = events(&h, &maria.id, (5, 1));
    assert_eq!(to_creator.len(), 1, "the creator's socket sees it too");
    // The subscription was announced before the welcome.
    let order: Vec<(u32, u32)> = h
        .sim
        .events_since(&sub.id, 0)
        .iter()
        .map(|e| (e.service_id, e.kind))
        .collect();
    let sub_at = order.iter().position(|k| *k == (15, 5)).expect("(15,5)");
    let msg_at = order.iter().position(|k| *k == (5, 1)).expect("(5,1)");
    assert!(sub_at < msg_at, "{order:?}");

    for who in [&follower, &other_creator] {
        response(
            &post(
                &h,
                who,
                &format!("/account/{}/followers", maria.id),
                json!({}),
            )
            .await,
        );
    }
    // Chat list filters: subscribers (4) and followers (2).
    let dm_group = h.sim.dm_group(&maria.id, &follower.id);
    h.sim
        .send_message(&follower.id, &dm_group, "hi")
        .expect("send");
    let subs = response(&get(&h, &maria, "/messaging/groups?flags=4").await);
    assert_eq!(subs["data"].as_array().unwrap().len(), 1);
    assert_eq!(subs["data"][0]["partnerAccountId"], sub.id);
    assert!(subs["data"][0]["subscriptionTierId"].is_string());
    let followers = response(&get(&h, &maria, "/messaging/groups?flags=2").await);
    assert_eq!(followers["data"][0]["partnerAccountId"], follower.id);

    // Mass messages: auto-renewing subscribers; followers without creators.
    let group = |flags: i64| {
        json!({ "users": [{ "userId": maria.id, "permissionFlags": 65535 }], "type": 3,
                "recipients": [], "groupFlags": flags, "groupFlagsMetadata": "" })
    };
    let to_subs = response(&post(&h, &maria, "/group", group(4)).await)["id"].clone();
    let sent = response(
        &post(
            &h,
            &maria,
            "/message/broadcast",
            json!({ "groupId": to_subs, "content": "subs only" }),
        )
        .await,
    );
    assert_eq!(sent["stats"]["total"], 1);
    assert_eq!(events(&h, &sub.id, (5, 1)).len(), 2);
    let lapsed = response(&post(&h, &maria, "/group", group(8)).await)["id"].clone();
    post(
        &h,
        &maria,
        "/message/broadcast",
        json!({ "groupId": lapsed, "content": "none" }),
    )
    .await;
    assert_eq!(events(&h, &sub.id, (5, 1)).len(), 2, "auto-renew is on");
    let fans_only = response(&post(&h, &maria, "/group", group(2 | 32)).await)["id"].clone();
    let sent = response(
        &post(
            &h,
            &maria,
            "/message/broadcast",
            json!({ "groupId": fans_only, "content": "fans" }),
        )
        .await,
    );
    assert_eq!(sent["stats"]["total"], 1);
    assert_eq!(events(&h, &follower.id, (5, 1)).len(), 2);
    assert!(events(&h, &other_creator.id, (5, 1)).is_empty());
}

#[tokio::test]
async fn a_purchase_unlocks_ppv_media_in_the_chat() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let f = fan(&h, "buyer").await;
    let group = dm(&h, &maria, &f).await;
    let media = h.sim.create_media(&maria.id, "video/mp4").unwrap();
    let offer = h.sim.create_offer(&maria.id, &media, 4990).unwrap();
    let attachments =
        json!([{ "messageId": null, "pos": 0, "contentType": 1, "contentId": offer }]);
    response(&send(&h, &maria, &group, "just for you", attachments).await);
    let page = response(&get(&h, &f, &format!("/message?groupId={group}")).await);
    assert_eq!(page["accountMedia"][0]["access"], false);
    assert_eq!(page["accountMedia"][0]["media"]["locations"], json!([]));
    assert_eq!(page["accountMediaOrders"], json!([]));

    h.sim.purchase(&f.id, &offer).expect("purchase");
    let page = response(&get(&h, &f, &format!("/message?groupId={group}")).await);
    assert_eq!(page["accountMedia"][0]["access"], true);
    assert_eq!(page["accountMedia"][0]["purchased"], true);
    assert_eq!(
        page["accountMediaOrders"][0]["accountMediaId"],
        offer.as_str()
    );
    let creator_view = response(&get(&h, &maria, &format!("/account/media?ids={offer}")).await);
    assert_eq!(creator_view[0]["purchased"], false);
    assert_eq!(creator_view[0]["access"], true);
}
