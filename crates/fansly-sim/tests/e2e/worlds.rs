//! Generated worlds: the summary matches what the native routes show, the same seed
//! gives the same world, and the large world builds quickly.

use std::time::{Duration, Instant};

use fansly_sim::{Simulator, WORLD_PASSWORD};
use serde_json::{Value, json};

use crate::audience_support::payloads;
use crate::common::{Harness, config};

/// What a world looks like through the native routes (no ids: they follow the clock).
async fn fingerprint(h: &Harness, token: &str, creator_id: &str) -> Value {
    let followers = h
        .get(
            &format!("/api/v1/account/{creator_id}/followersnew?limit=100"),
            Some(token),
        )
        .await;
    let usernames: Vec<Value> = followers.body["response"]["aggregationData"]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].clone())
        .collect();
    let subscribers = h
        .get("/api/v1/subscribers?status=3,4,5&limit=100", Some(token))
        .await;
    let subs: Vec<Value> = subscribers.body["response"]["subscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            json!([
                s["status"],
                s["subscriptionTierName"],
                s["autoRenew"],
                s["price"]
            ])
        })
        .collect();
    let supporters = h
        .get("/api/v1/account/wallets/earnings/accounts", Some(token))
        .await;
    let totals: Vec<Value> = supporters.body["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!([r["totalGross"], r["totalNet"]]))
        .collect();
    let lists = h.get("/api/v1/lists/account", Some(token)).await;
    let lists: Vec<Value> = lists.body["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| json!([l["label"], l["itemCount"]]))
        .collect();
    json!({ "followers": usernames, "subscriptions": subs, "supporters": totals, "lists": lists })
}

#[tokio::test]
async fn the_small_world_matches_its_summary() {
    let h = Harness::start().await;
    let reply = h
        .post("/_sim/world", None, json!({ "name": "small", "seed": 42 }))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let summary = reply.body.clone();
    assert_eq!(summary["name"], "small");
    assert_eq!(summary["creatorUsername"], "creator");
    assert_eq!(summary["creatorPassword"], WORLD_PASSWORD);
    assert_eq!(summary["fans"], 36);
    assert_eq!(summary["lists"], 3);
    let n = |key: &str| summary[key].as_u64().unwrap();
    assert!((1..=14).contains(&n("chats")), "{summary}");
    assert!(n("messages") > n("chats"));
    assert!(
        n("followers") > 10 && n("subscribers") > 5 && n("tips") > 0,
        "{summary}"
    );

    // The creator logs in with the summary's password.
    let login = h.login("creator", WORLD_PASSWORD, "1").await;
    assert_eq!(login.status, 200, "{}", login.body);
    let token = login.body["response"]["session"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let creator_id = summary["creatorId"].as_str().unwrap();
    let print = fingerprint(&h, &token, creator_id).await;
    assert_eq!(
        print["followers"].as_array().unwrap().len() as u64,
        n("followers")
    );
    assert_eq!(print["lists"].as_array().unwrap().len(), 3);
    let stats = h.get("/api/v1/subscribers", Some(&token)).await.body["response"]["stats"].clone();
    assert_eq!(stats["totalActive"].as_u64().unwrap(), n("subscribers"));
    assert_eq!(stats["total"].as_u64().unwrap(), n("subscriptions"));
    let statuses: std::collections::BTreeSet<String> = print["subscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[0].to_string())
        .collect();
    assert!(statuses.len() >= 2, "mixed statuses: {statuses:?}");
    let tiers: std::collections::BTreeSet<String> = print["subscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[1].to_string())
        .collect();
    assert_eq!(tiers.len(), 2, "both tiers are used: {tiers:?}");
    assert!(!print["supporters"].as_array().unwrap().is_empty());
    let messages = payloads(&h.events(creator_id, 0).await, 5, 1);
    assert_eq!(
        messages.len() as u64,
        n("messages"),
        "every chat message reached the creator"
    );

    // Nothing is due right after generation: no renewals or expiries fire.
    let seq = h.last_seq(creator_id).await;
    h.advance(1000).await;
    assert!(h.events(creator_id, seq).await.is_empty());

    assert_eq!(
        h.post("/_sim/world", None, json!({ "name": "small", "seed": 1 }))
            .await
            .status,
        409,
        "the creator exists already"
    );
    assert_eq!(
        h.post("/_sim/world", None, json!({ "name": "huge" }))
            .await
            .status,
        400
    );
}

async fn small_world(seed: u64) -> (Value, Value) {
    let h = Harness::start().await;
    let summary = h.sim.seed_world("small", seed).unwrap();
    let (_, token) = h.sim.login_as(&summary.creator_id).unwrap();
    let print = fingerprint(&h, &token, &summary.creator_id).await;
    let mut summary = serde_json::to_value(summary).unwrap();
    summary["creatorId"] = Value::Null;
    (summary, print)
}

#[tokio::test]
async fn the_same_seed_gives_the_same_world() {
    let (summary_a, print_a) = small_world(7).await;
    let (summary_b, print_b) = small_world(7).await;
    assert_eq!(summary_a, summary_b);
    assert_eq!(print_a, print_b);
    let (_, print_c) = small_world(8).await;
    assert_ne!(
        print_a["followers"], print_c["followers"],
        "another seed, other fans"
    );
}

#[tokio::test]
async fn the_large_world_builds_in_seconds() {
    let sim = Simulator::new(config());
    let started = Instant::now();
    let summary = sim.seed_world("large", 1).unwrap();
    let took = started.elapsed();
    eprintln!("large world built in {took:?}: {summary:?}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(summary.creator_username, "bigcreator");
    assert_eq!(summary.fans, 4000);
    assert_eq!(summary.chats, 400);
    assert!(summary.messages >= 20_000, "{summary:?}");
    assert!(summary.followers >= 2000, "{summary:?}");
    assert!(summary.subscribers >= 1000, "{summary:?}");
    assert_eq!(summary.lists, 5);
    // Both worlds fit in one simulator.
    let small = sim.seed_world("small", 1).unwrap();
    assert_eq!(small.creator_username, "creator");
}
