//! Subscription tiers (T1) and discounts (T2).

use fansly_sim::{NewPromo, NewTier, TwofaMode};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::audience_support::{connect_world, native};
use crate::common::TestApp;

fn promo(price: i64, duration: u32, description: &str) -> NewPromo {
    NewPromo {
        price,
        duration,
        description: description.into(),
        starts_at: None,
        ends_at: None,
        max_uses: 50,
        new_subscribers_only: true,
    }
}

#[tokio::test]
async fn tiers_are_proxied_unchanged_and_discounts_flatten_every_promo() {
    let app = TestApp::spawn().await;
    let creator = app.creator("tiered", TwofaMode::None);
    let acct = app.connect(&app.key_a, "tiered").await;
    for (name, price, p) in [
        ("Silver", 14_990, Some(promo(7_490, 30, "half off"))),
        ("Gold", 29_990, Some(promo(19_990, 60, "summer"))),
        ("Plain", 4_990, None),
    ] {
        app.sim
            .create_tier(
                &creator.id,
                NewTier {
                    name: name.into(),
                    color: None,
                    price,
                    billing_cycle: Some(30),
                    promo: p,
                },
            )
            .expect("tier");
    }

    let (status, t1) = app
        .get(&format!("/{acct}/subscriptions/tiers"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::OK, "{t1}");
    assert_eq!(t1["data"]["status_code"], 200);
    let own = native(&app, &creator.id, Method::GET, "/subscriptions/tiers", None).await;
    assert_eq!(t1["data"]["data"], own, "T1 is Fansly's body unchanged");
    let tiers = own["response"].as_array().expect("tiers").clone();
    assert!(tiers.len() >= 4, "the default tier and three more: {own}");

    let (status, t2) = app
        .get(&format!("/{acct}/subscriptions/discounts"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::OK, "{t2}");
    assert_eq!(t2["data"]["data"]["success"], true);
    let discounts = t2["data"]["data"]["response"]["discounts"]
        .as_array()
        .expect("discounts");

    // Expected: every promo of every plan, tiers by pos.
    let mut ordered = tiers.clone();
    ordered.sort_by_key(|t| t["pos"].as_i64().unwrap());
    let mut expected = Vec::new();
    for tier in &ordered {
        for plan in tier["plans"].as_array().unwrap() {
            for promo in plan["promos"].as_array().into_iter().flatten() {
                expected.push((tier.clone(), plan.clone(), promo.clone()));
            }
        }
    }
    assert!(expected.len() >= 2, "{own}");
    assert_eq!(discounts.len(), expected.len(), "{t2}");
    for (d, (tier, plan, promo)) in discounts.iter().zip(&expected) {
        for (k, v) in promo.as_object().unwrap() {
            assert_eq!(&d[k], v, "promo field {k}");
        }
        assert_eq!(d["subscriptionTierId"], tier["id"]);
        assert_eq!(d["subscriptionTierName"], tier["name"]);
        assert_eq!(d["planId"], plan["id"]);
        assert_eq!(d["billingCycle"], plan["billingCycle"]);
        assert_eq!(d["planPrice"], plan["price"]);
    }
    let silver = discounts
        .iter()
        .find(|d| d["subscriptionTierName"] == "Silver")
        .expect("Silver's promo");
    // Mills, unchanged.
    assert_eq!(silver["price"], 7_490);
    assert_eq!(silver["planPrice"], 14_990);
    assert_eq!(silver["description"], "half off");
}

#[tokio::test]
async fn a_generated_world_lists_its_discounts() {
    let app = TestApp::spawn().await;
    let (acct, _) = connect_world(&app, "large", 2).await;
    let (status, t1) = app
        .get(&format!("/{acct}/subscriptions/tiers"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::OK);
    let promos: usize = t1["data"]["data"]["response"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["plans"].as_array().unwrap().iter())
        .map(|p| p["promos"].as_array().map_or(0, Vec::len))
        .sum();
    let (_, t2) = app
        .get(&format!("/{acct}/subscriptions/discounts"), &app.key_a)
        .await;
    let discounts = &t2["data"]["data"]["response"]["discounts"];
    assert_eq!(discounts.as_array().map(Vec::len), Some(promos), "{t2}");
    assert!(
        discounts
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["planId"].is_string() && d["subscriptionTierId"] != Value::Null)
    );
}

#[tokio::test]
async fn tier_errors_are_translated() {
    let app = TestApp::spawn().await;
    app.creator("tierfail", TwofaMode::None);
    let acct = app.connect(&app.key_a, "tierfail").await;
    app.sim_fault("/api/v1/subscriptions/tiers", 500, 2, None)
        .await;
    let (status, _) = app
        .get(&format!("/{acct}/subscriptions/tiers"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    let (status, _) = app
        .get(&format!("/{acct}/subscriptions/discounts"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    app.sim_fault("/api/v1/subscriptions/tiers", 404, 1, None)
        .await;
    let (status, _) = app
        .get(&format!("/{acct}/subscriptions/discounts"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
