//! Followers (F1), following (F2), follow (F3) and unfollow (F4).

use fansly_sim::TwofaMode;
use reqwest::{Method, StatusCode};

use crate::audience_support::{
    assert_distinct, assert_rejected, connect_world, fan, ids, native, native_queries, next_cursor,
    post0, query_value, walk, walk_from,
};
use crate::common::TestApp;

#[tokio::test]
async fn every_follower_of_the_large_world_comes_back_once() {
    let app = TestApp::spawn().await;
    let (acct, summary) = connect_world(&app, "large", 7).await;
    assert!(summary.followers > 1000, "{summary:?}");

    let rows = walk(&app, &acct, "/followers?limit=100", "followers", 100).await;
    assert_eq!(rows.len(), summary.followers);
    let followers = ids(&rows, "followerId");
    assert_distinct(&followers, "followers");
    assert_distinct(&ids(&rows, "id"), "follow ids");

    // Smaller pages, through `offset` on the first call, then the cursor: the same set.
    app.sim.clear_requests();
    let (status, first) = app
        .get(&format!("/{acct}/followers?limit=64&offset=0"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(next_cursor(&first).as_deref(), Some("64"));
    let page = first["data"]["data"]["response"]["followers"]
        .as_array()
        .unwrap();
    assert_eq!(page.len(), 64);
    let accounts = first["data"]["data"]["response"]["aggregationData"]["accounts"]
        .as_array()
        .expect("aggregationData.accounts unchanged");
    assert_eq!(accounts.len(), 64);
    let rest = walk_from(
        &app,
        &acct,
        "/followers?limit=64",
        "followers",
        Some("64".into()),
        100,
    )
    .await;
    let mut all = ids(page, "followerId");
    all.extend(ids(&rest, "followerId"));
    assert_eq!(all, followers, "the same followers in the same order");
    let q = native_queries(
        &app,
        &format!("/api/v1/account/{}/followersnew", summary.creator_id),
    );
    assert_eq!(query_value(&q[0], "limit").as_deref(), Some("64"));
    assert_eq!(query_value(&q[0], "offset").as_deref(), Some("0"));
    assert_eq!(query_value(&q[0], "before").as_deref(), Some("0"));
    assert_eq!(query_value(&q[0], "after").as_deref(), Some("0"));
    assert_eq!(query_value(&q[1], "offset").as_deref(), Some("64"));
}

#[tokio::test]
async fn follow_and_unfollow_show_in_both_lists_and_in_events() {
    let app = TestApp::spawn().await;
    let ana = app.creator("ana", TwofaMode::None);
    let bea = app.creator("bea", TwofaMode::None);
    let a = app.connect(&app.key_a, "ana").await;
    let b = app.connect(&app.key_a, "bea").await;
    let fan_id = fan(&app, "fanny");

    let events_before = app.sim.events_since(&bea.id, 0).len();
    for target in [&bea.id, &fan_id] {
        let (status, body) = post0(&app, &format!("/{a}/follow/{target}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["data"]["status_code"], 200);
        assert_eq!(body["data"]["data"]["success"], true);
    }

    // F1 of the followed creator shows Ana; F2 of Ana shows both, hydrated.
    let (_, followers) = app.get(&format!("/{b}/followers"), &app.key_a).await;
    let rows = followers["data"]["data"]["response"]["followers"]
        .as_array()
        .unwrap();
    assert_eq!(ids(rows, "followerId"), [ana.id.as_str()]);
    assert_eq!(next_cursor(&followers), None);

    app.sim.clear_requests();
    let (status, following) = app.get(&format!("/{a}/following"), &app.key_a).await;
    assert_eq!(status, StatusCode::OK, "{following}");
    let response = &following["data"]["data"]["response"];
    let mut followed = ids(response["following"].as_array().unwrap(), "accountId");
    followed.sort();
    let mut want = vec![bea.id.clone(), fan_id.clone()];
    want.sort();
    assert_eq!(followed, want);
    let accounts = response["aggregationData"]["accounts"].as_array().unwrap();
    let mut hydrated = ids(accounts, "id");
    hydrated.sort();
    assert_eq!(hydrated, want);
    let bea_account = accounts
        .iter()
        .find(|x| x["id"] == bea.id.as_str())
        .unwrap();
    assert_eq!(bea_account["username"], "bea");
    assert_eq!(next_cursor(&following), None);
    let q = native_queries(&app, &format!("/api/v1/account/{}/following", ana.id));
    assert_eq!(query_value(&q[0], "limit").as_deref(), Some("100"));
    assert_eq!(
        native_queries(&app, "/api/v1/account").len(),
        1,
        "one hydration call"
    );

    // The follow event reached both sides.
    let events = app.sim.events_since(&bea.id, 0);
    let follow = events[events_before..]
        .iter()
        .find(|e| (e.service_id, e.kind) == (3, 2))
        .expect("(3,2) follow event");
    assert_eq!(follow.payload["followerId"], ana.id.as_str());
    assert_eq!(follow.payload["accountId"], bea.id.as_str());
    let follow_id = follow.payload["id"].clone();

    // Following again is refused by Fansly (422 code 5) → 400 with Fansly's details.
    let (status, body) = post0(&app, &format!("/{a}/follow/{}", bea.id)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("you can not follow"),
        "{body}"
    );
    // So is following yourself.
    let (status, body) = post0(&app, &format!("/{a}/follow/{}", ana.id)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("you can not follow"),
        "{body}"
    );

    // Unfollow: gone from both lists, and the (3,3) event repeats the follow's id.
    let (status, body) = post0(&app, &format!("/{a}/unfollow/{}", bea.id)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, followers) = app.get(&format!("/{b}/followers"), &app.key_a).await;
    assert!(
        followers["data"]["data"]["response"]["followers"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let (_, following) = app.get(&format!("/{a}/following"), &app.key_a).await;
    let response = &following["data"]["data"]["response"];
    assert_eq!(
        ids(response["following"].as_array().unwrap(), "accountId"),
        [fan_id.as_str()]
    );
    assert_eq!(
        ids(
            response["aggregationData"]["accounts"].as_array().unwrap(),
            "id"
        ),
        [fan_id.as_str()]
    );
    let unfollow = app
        .sim
        .events_since(&bea.id, 0)
        .into_iter()
        .find(|e| (e.service_id, e.kind) == (3, 3))
        .expect("(3,3) unfollow event");
    assert_eq!(unfollow.payload["id"], follow_id);
    assert!(
        app.sim
            .events_since(&ana.id, 0)
            .iter()
            .any(|e| (e.service_id, e.kind) == (3, 3)),
        "the unfollower gets the event too"
    );
    // Unfollowing again is a no-op.
    let (status, _) = post0(&app, &format!("/{a}/unfollow/{}", bea.id)).await;
    assert_eq!(status, StatusCode::OK);

    // An unknown target is Fansly's 404.
    let (status, _) = post0(&app, &format!("/{a}/follow/123456789")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn following_pages_are_hydrated_page_by_page() {
    let app = TestApp::spawn().await;
    let creator = app.creator("social", TwofaMode::None);
    let acct = app.connect(&app.key_a, "social").await;
    let mut targets = Vec::new();
    for i in 0..7 {
        let id = fan(&app, &format!("target{i}"));
        native(
            &app,
            &creator.id,
            Method::POST,
            &format!("/account/{id}/followers"),
            None,
        )
        .await;
        targets.push(id);
    }
    let rows = walk(&app, &acct, "/following?limit=3", "following", 10).await;
    let mut got = ids(&rows, "accountId");
    assert_distinct(&got, "following");
    got.sort();
    targets.sort();
    assert_eq!(got, targets);
    let (_, page) = app
        .get(&format!("/{acct}/following?limit=3&cursor=3"), &app.key_a)
        .await;
    let response = &page["data"]["data"]["response"];
    assert_eq!(
        ids(response["following"].as_array().unwrap(), "accountId"),
        ids(
            response["aggregationData"]["accounts"].as_array().unwrap(),
            "id"
        ),
        "each page hydrates its own accounts"
    );
    assert_eq!(next_cursor(&page).as_deref(), Some("6"));
}

#[tokio::test]
async fn follower_parameters_are_validated_before_any_fansly_call() {
    let app = TestApp::spawn().await;
    app.creator("checks", TwofaMode::None);
    let acct = app.connect(&app.key_a, "checks").await;
    for (method, path, field) in [
        (Method::GET, "/followers?limit=0", "limit"),
        (Method::GET, "/followers?limit=1.5", "limit"),
        (Method::GET, "/followers?cursor=next", "cursor"),
        (Method::GET, "/followers?offset=ten", "offset"),
        (Method::GET, "/following?limit=-3", "limit"),
        (Method::GET, "/following?cursor=zz", "cursor"),
        (Method::POST, "/follow/abc", "target_user_id"),
        (Method::POST, "/follow/12a4", "target_user_id"),
        (Method::POST, "/unfollow/me", "target_user_id"),
    ] {
        assert_rejected(&app, method, &acct, path, None, field).await;
    }
}
