//! The follow graph, `/subscribers` and `/subscriptions/tiers` over HTTP.

use serde_json::{Value, json};

use crate::audience_support::{kinds, payloads};
use crate::common::Harness;

#[tokio::test]
async fn follow_and_unfollow_emit_events_on_both_sides() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 0);

    let reply = h.follow(&fan, &creator.id).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let follow = reply.body["response"].clone();
    assert_eq!(follow["followerId"], fan.id.as_str());
    assert_eq!(follow["accountId"], creator.id.as_str());
    assert!(follow["id"].is_string());

    let fan_events = h.events(&fan.id, 0).await;
    assert_eq!(kinds(&fan_events), [(3, 2)]);
    assert_eq!(fan_events[0]["payload"], follow);
    let creator_events = h.events(&creator.id, 0).await;
    assert_eq!(kinds(&creator_events), [(3, 2), (9, 1)]);
    assert_eq!(creator_events[0]["payload"], follow);
    let notification = &creator_events[1]["payload"];
    assert_eq!(notification["type"], 3002);
    assert_eq!(notification["accountId"], creator.id.as_str());
    assert_eq!(notification["correlationId"], follow["id"]);

    let account = h
        .get(
            &format!("/api/v1/account?ids={}", creator.id),
            Some(&fan.token),
        )
        .await;
    assert_eq!(account.body["response"][0]["followCount"], 1);

    // Refusals: duplicate, self, blocked (422 code 5); unknown account (404).
    h.follow(&fan, &creator.id)
        .await
        .assert_native_error(422, 5);
    h.follow(&creator, &creator.id)
        .await
        .assert_native_error(422, 5);
    h.follow(&fan, "123").await.assert_native_error(404, 404);
    let blocker = h.fan("blocker", 0);
    let block = h
        .post(
            "/api/v1/account/ignore",
            Some(&blocker.token),
            json!({ "ignoredId": fan.id, "ignoreFlags": 2 }),
        )
        .await;
    assert_eq!(block.status, 200, "{}", block.body);
    h.follow(&fan, &blocker.id)
        .await
        .assert_native_error(422, 5);

    let followers = h
        .get(
            &format!(
                "/api/v1/account/{}/followersnew?limit=10&offset=0",
                creator.id
            ),
            Some(&creator.token),
        )
        .await;
    let response = &followers.body["response"];
    assert_eq!(response["followers"][0]["id"], follow["id"]);
    assert_eq!(response["followers"][0]["followerId"], fan.id.as_str());
    assert!(response["followers"][0]["lastSeenAt"].is_i64());
    assert_eq!(
        response["aggregationData"]["accounts"][0]["username"],
        "fan1"
    );
    let following = h
        .get(
            &format!("/api/v1/account/{}/following", fan.id),
            Some(&fan.token),
        )
        .await;
    assert_eq!(
        following.body["response"],
        json!([{ "accountId": creator.id }])
    );

    let seq = h.last_seq(&creator.id).await;
    let reply = h
        .post(
            &format!("/api/v1/account/{}/followers/remove", creator.id),
            Some(&fan.token),
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let unfollow = h.events(&creator.id, seq).await;
    assert_eq!(kinds(&unfollow), [(3, 3)]);
    assert_eq!(
        unfollow[0]["payload"]["id"], follow["id"],
        "same id as the follow"
    );
    assert_eq!(payloads(&h.events(&fan.id, 0).await, 3, 3).len(), 1);
    let account = h
        .get(
            &format!("/api/v1/account?ids={}", creator.id),
            Some(&fan.token),
        )
        .await;
    assert_eq!(account.body["response"][0]["followCount"], 0);
    let followers = h
        .get(
            &format!("/api/v1/account/{}/followersnew", creator.id),
            Some(&creator.token),
        )
        .await;
    assert_eq!(followers.body["response"]["followers"], json!([]));
    // Unfollowing again is a no-op without events.
    let seq = h.last_seq(&creator.id).await;
    let again = h
        .post(
            &format!("/api/v1/account/{}/followers/remove", creator.id),
            Some(&fan.token),
            json!({}),
        )
        .await;
    assert_eq!(again.status, 200);
    assert!(h.events(&creator.id, seq).await.is_empty());
}

#[tokio::test]
async fn followers_page_newest_first_with_search() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let mut names = Vec::new();
    for i in 0..12 {
        let name = if i % 3 == 0 {
            format!("zed{i}")
        } else {
            format!("amy{i}")
        };
        let fan = h.fan(&name, 0);
        assert_eq!(h.follow(&fan, &creator.id).await.status, 200);
        names.push(name);
        h.advance(1000).await;
    }
    let page = |query: String| {
        let h = &h;
        let token = creator.token.clone();
        let path = format!("/api/v1/account/{}/followersnew?{query}", creator.id);
        async move { h.get(&path, Some(&token)).await.body["response"].clone() }
    };
    let usernames = |response: &Value| -> Vec<String> {
        response["aggregationData"]["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["username"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = page("limit=5&offset=0".into()).await;
    let newest: Vec<String> = names.iter().rev().take(5).cloned().collect();
    assert_eq!(usernames(&first), newest);
    let second = page("limit=5&offset=5".into()).await;
    assert_eq!(second["followers"].as_array().unwrap().len(), 5);
    let rest = page("limit=5&offset=10".into()).await;
    assert_eq!(rest["followers"].as_array().unwrap().len(), 2);
    let zeds = page("search=ZED".into()).await;
    assert_eq!(usernames(&zeds), ["zed9", "zed6", "zed3", "zed0"]);
    let all = page("limit=500".into()).await;
    assert_eq!(all["followers"].as_array().unwrap().len(), 12);
}

#[tokio::test]
async fn tiers_list_plans_and_promos() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let reply = h
        .post(
            "/_sim/tiers",
            None,
            json!({
                "creatorId": creator.id, "name": "VIP", "price": 24990, "color": "#ff0000",
                "billingCycle": 90,
                "promo": { "price": 12990, "duration": 30, "description": "Half off",
                           "newSubscribersOnly": true, "maxUses": 5 },
            }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let bad = h
        .post(
            "/_sim/tiers",
            None,
            json!({ "creatorId": creator.id, "name": " ", "price": 1 }),
        )
        .await;
    assert_eq!(bad.status, 400);

    let tiers = h
        .get("/api/v1/subscriptions/tiers", Some(&creator.token))
        .await;
    let tiers = tiers.body["response"].as_array().unwrap().clone();
    assert_eq!(tiers.len(), 2);
    let basic = &tiers[0];
    assert_eq!(basic["name"], "Basic");
    assert_eq!(basic["pos"], 0);
    assert_eq!(basic["price"], 9990);
    assert_eq!(basic["accountId"], creator.id.as_str());
    assert_eq!(basic["plans"][0]["billingCycle"], 30);
    assert_eq!(basic["plans"][0]["promos"], json!([]));
    let vip = &tiers[1];
    assert_eq!(
        (
            vip["name"].clone(),
            vip["pos"].clone(),
            vip["color"].clone()
        ),
        (json!("VIP"), json!(1), json!("#ff0000"))
    );
    let plan = &vip["plans"][0];
    assert_eq!(
        (plan["billingCycle"].clone(), plan["price"].clone()),
        (json!(90), json!(24990))
    );
    let promo = &plan["promos"][0];
    assert_eq!(promo["price"], 12990);
    assert_eq!(promo["duration"], 30);
    assert_eq!(promo["description"], "Half off");
    assert_eq!(promo["newSubscribersOnly"], 1);
    for key in [
        "id",
        "status",
        "startsAt",
        "endsAt",
        "maxUses",
        "maxUsesBefore",
        "uses",
    ] {
        assert!(!promo[key].is_null(), "{key}");
    }
    for key in ["maxSubscribers", "subscriptionBenefits", "includedTierIds"] {
        assert!(!vip[key].is_null(), "{key}");
    }

    // A subscription with the promo pays the promo price for the promo duration.
    let fan = h.fan("fan1", 100_000);
    let sub = h
        .subscribe(
            &fan,
            &creator,
            json!({ "tierId": vip["id"], "promoId": promo["id"] }),
        )
        .await;
    assert_eq!(sub["price"], 12990);
    assert_eq!(sub["renewPrice"], 24990);
    assert_eq!(sub["duration"], 30);
    assert_eq!(sub["billingCycle"], 90);
    assert_eq!(sub["promoId"], promo["id"]);
    let tiers = h
        .get("/api/v1/subscriptions/tiers", Some(&creator.token))
        .await;
    assert_eq!(
        tiers.body["response"][1]["plans"][0]["promos"][0]["uses"],
        1
    );

    // A fan has no tiers.
    let none = h.get("/api/v1/subscriptions/tiers", Some(&fan.token)).await;
    assert_eq!(none.body["response"], json!([]));
}

#[tokio::test]
async fn subscribers_filter_page_and_count() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let vip = h
        .post(
            "/_sim/tiers",
            None,
            json!({ "creatorId": creator.id, "name": "VIP", "price": 20000 }),
        )
        .await
        .body["id"]
        .clone();
    let mut subs = Vec::new();
    for i in 0..6 {
        let fan = h.fan(&format!("sub{i}"), 1_000_000);
        let extra = if i < 2 {
            json!({ "tierId": vip })
        } else {
            json!({})
        };
        let auto_renew = if i == 5 {
            json!({ "autoRenew": false })
        } else {
            extra
        };
        subs.push(h.subscribe(&fan, &creator, auto_renew).await);
        h.advance(1000).await;
    }
    // sub5 does not renew: it expires at endsAt; everyone else renews.
    h.advance(31 * crate::audience_support::DAY_MS).await;

    let get = |query: &str| {
        let path = format!("/api/v1/subscribers?{query}");
        let token = creator.token.clone();
        let h = &h;
        async move { h.get(&path, Some(&token)).await }
    };
    let reply = get("").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let response = &reply.body["response"];
    assert_eq!(
        response["stats"],
        json!({ "totalActive": 5, "totalExpired": 1, "total": 6 })
    );
    let ids: Vec<Value> = response["subscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].clone())
        .collect();
    let newest_first: Vec<Value> = subs[..5].iter().rev().map(|s| s["id"].clone()).collect();
    assert_eq!(ids, newest_first);
    let row = &response["subscriptions"][0];
    for key in [
        "id",
        "historyId",
        "subscriberId",
        "subscriptionTierId",
        "subscriptionTierName",
        "subscriptionTierColor",
        "planId",
        "status",
        "price",
        "renewPrice",
        "autoRenew",
        "billingCycle",
        "duration",
        "renewDate",
        "createdAt",
        "updatedAt",
        "endsAt",
    ] {
        assert!(!row[key].is_null(), "{key} missing in {row}");
    }

    let expired = get("status=5").await.body["response"]["subscriptions"].clone();
    assert_eq!(expired.as_array().unwrap().len(), 1);
    assert_eq!(expired[0]["id"], subs[5]["id"]);
    assert_eq!(expired[0]["status"], 5);
    let all = get("status=3,4,5&limit=4&offset=4").await.body["response"]["subscriptions"].clone();
    assert_eq!(all.as_array().unwrap().len(), 2);
    let vips = get(&format!("subscriptionTierId={}", vip.as_str().unwrap())).await;
    let vips = vips.body["response"]["subscriptions"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(vips.len(), 2);
    assert!(vips.iter().all(|s| s["subscriptionTierName"] == "VIP"));
    let searched = get("search=SUB3").await.body["response"]["subscriptions"].clone();
    assert_eq!(searched.as_array().unwrap().len(), 1);
    assert_eq!(searched[0]["id"], subs[3]["id"]);
    get("status=x").await.assert_native_error(400, 2);

    let fan = h.fan("nosy", 0);
    h.get("/api/v1/subscribers", Some(&fan.token))
        .await
        .assert_native_error(403, 403);
    let account = h
        .get(
            &format!("/api/v1/account?ids={}", creator.id),
            Some(&fan.token),
        )
        .await;
    assert_eq!(account.body["response"][0]["subscriberCount"], 5);
}
