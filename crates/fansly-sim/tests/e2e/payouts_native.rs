//! Native payout, wallet and earnings-aggregate routes (route-map §4.4, §4.5, §5.6): the
//! 2FA rule (403 code 21), creator-only access, wallets, id-or-ms ledger bounds, and the
//! payout data of generated worlds.

use fansly_sim::{NewFan, TwofaMode};
use serde_json::{Value, json};

use crate::common::Harness;

const EPOCH: i64 = 1_561_494_359_539;

async fn verified(h: &Harness, token: &str) -> Value {
    let sent = h
        .post("/api/v1/twofa/session", Some(token), json!({}))
        .await;
    let twofa_token = sent.body["response"]["emailTwofa"]["token"].clone();
    let code = h.sim.outbox().last().unwrap().code.clone();
    let v = h
        .post(
            "/api/v1/twofa/session/verify",
            Some(token),
            json!({"token": twofa_token, "code": code}),
        )
        .await;
    assert_eq!(v.status, 200, "{}", v.body);
    json!({"token": twofa_token, "code": code})
}

#[tokio::test]
async fn payout_methods_need_a_verified_twofa_of_the_last_ten_minutes() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    let body = json!({"id": "", "providerId": "2", "metadata": "{\"email\":\"m@x.y\"}", "type": 1});

    h.post("/api/v1/payments/payoutmethod", Some(&token), body.clone())
        .await
        .assert_native_error(403, 21);
    let mut bad = body.clone();
    bad["metadata"] = json!("not json");
    h.post("/api/v1/payments/payoutmethod", Some(&token), bad)
        .await
        .assert_native_error(400, 2);

    let twofa = verified(&h, &token).await;
    let mut with = body.clone();
    with["twofa"] = twofa.clone();
    let created = h
        .post("/api/v1/payments/payoutmethod", Some(&token), with.clone())
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let method = created.body["response"].clone();
    assert_eq!(method["providerId"], 2);
    assert_eq!(method["accountId"], maria.id.as_str());
    let list = h.get("/api/v1/payments/payoutmethods", Some(&token)).await;
    assert_eq!(list.body["response"][0]["id"], method["id"]);

    // Another account's token is refused; a fan is not a creator.
    let mut wrong = with.clone();
    wrong["twofa"]["code"] = json!("x");
    h.post("/api/v1/payments/payoutmethod", Some(&token), wrong)
        .await
        .assert_native_error(403, 21);
    let fan = h
        .sim
        .create_fan(NewFan {
            username: "fan".into(),
            ..NewFan::default()
        })
        .unwrap();
    let (_, fan_token) = h.sim.login_as(&fan.id).unwrap();
    h.get("/api/v1/payments/payoutmethods", Some(&fan_token))
        .await
        .assert_native_error(403, 403);

    // Ten minutes later the same proof no longer counts.
    h.sim.advance_clock(10 * 60 * 1000 + 1);
    let del = json!({"payoutMethodId": method["id"], "twofa": twofa});
    h.post(
        "/api/v1/payments/payoutmethod/delete",
        Some(&token),
        del.clone(),
    )
    .await
    .assert_native_error(403, 21);
    let twofa = verified(&h, &token).await;
    let del = json!({"payoutMethodId": method["id"], "twofa": twofa});
    let gone = h
        .post(
            "/api/v1/payments/payoutmethod/delete",
            Some(&token),
            del.clone(),
        )
        .await;
    assert_eq!(gone.status, 200, "{}", gone.body);
    assert!(gone.body["response"]["deletedAt"].is_number());
    h.post("/api/v1/payments/payoutmethod/delete", Some(&token), del)
        .await
        .assert_native_error(404, 404);
}

#[tokio::test]
async fn wallets_and_ledger_bounds() {
    let h = Harness::start().await;
    let world = h.sim.seed_world("small", 5).unwrap();
    let (_, token) = h.sim.login_as(&world.creator_id).unwrap();
    let own = h
        .get(
            &format!("/api/v1/account/{}/wallets", world.creator_id),
            Some(&token),
        )
        .await;
    assert_eq!(own.status, 200, "{}", own.body);
    let types: Vec<i64> = own.body["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["type"].as_i64().unwrap())
        .collect();
    assert_eq!(types, [1, 2]);
    let me = h.get("/api/v1/account/me", Some(&token)).await;
    assert_eq!(me.body["response"]["wallets"], own.body["response"]);
    h.get("/api/v1/account/1/wallets", Some(&token))
        .await
        .assert_native_error(404, 404);

    // The same window as ms and as ids gives the same rows.
    let now = h.sim.now_ms();
    let (after, before) = (now - 40 * 86_400_000, now - 5 * 86_400_000);
    let id = |ms: i64| (ms - EPOCH) << 22;
    let by_ms = h
        .get(
            &format!("/api/v1/account/wallets/earnings/transactions?after={after}&before={before}&limit=100"),
            Some(&token),
        )
        .await;
    let by_id = h
        .get(
            &format!(
                "/api/v1/account/wallets/earnings/transactions?after={}&before={}&limit=100",
                id(after),
                id(before)
            ),
            Some(&token),
        )
        .await;
    assert_eq!(
        by_ms.body["response"]["data"],
        by_id.body["response"]["data"]
    );
    assert!(by_ms.body["response"]["total"].as_u64().unwrap() > 0);

    // Seeded payouts: one Paxum method, payouts within what had cleared.
    let methods = h.sim.payout_methods(&world.creator_id);
    assert_eq!(methods.len(), 1);
    let requests = h
        .get("/api/v1/payments/payout/requests?limit=100", Some(&token))
        .await;
    let paid: i64 = requests.body["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["amount"].as_i64().unwrap())
        .sum();
    assert!(paid > 0);
    let summary = h
        .get("/api/v1/account/wallets/earnings", Some(&token))
        .await;
    let r = &summary.body["response"];
    let available = r["totalEarnings"].as_i64().unwrap() - r["pendingBalance"].as_i64().unwrap();
    assert_eq!(own.body["response"][1]["balance"], available - paid);
    assert!(available - paid >= 0);
}

#[tokio::test]
async fn the_large_world_also_has_a_usdt_method() {
    let h = Harness::start().await;
    let world = h.sim.seed_world("large", 2).unwrap();
    let methods = h.sim.payout_methods(&world.creator_id);
    let providers: Vec<&Value> = methods.iter().map(|m| &m["providerId"]).collect();
    assert_eq!(providers, [&json!(30), &json!(2)], "newest first");
}
