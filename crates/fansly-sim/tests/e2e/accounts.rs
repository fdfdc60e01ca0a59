//! `GET /account/me` and `GET /account?ids=|usernames=`.

use fansly_sim::TwofaMode;
use serde_json::{Value, json};

use crate::common::{Harness, START_MS, snowflake_ms};

#[tokio::test]
async fn me_returns_the_full_own_account() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    let reply = h.get("/api/v1/account/me", Some(&token)).await;
    assert_eq!(reply.status, 200);
    let response = &reply.body["response"];
    assert_eq!(response["subscriptionTiers"], json!([]));
    let wallet_types: Vec<&Value> = response["wallets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["type"])
        .collect();
    assert_eq!(wallet_types, [&json!(1), &json!(2)], "main, earnings");
    let account = &response["account"];
    assert_eq!(account["id"], maria.id);
    assert_eq!(snowflake_ms(&account["id"]), START_MS);
    assert_eq!(account["username"], "maria");
    assert_eq!(account["displayName"], "maria");
    assert_eq!(account["email"], "maria@example.com");
    assert_eq!(account["flags"], 2 | 16);
    assert_eq!(account["version"], 1);
    assert_eq!(account["createdAt"], START_MS);
    assert_eq!(account["about"], "");
    assert_eq!(account["location"], "");
    // Every account has an avatar and a banner, with locations (issue 10).
    for picture in ["avatar", "banner"] {
        assert_eq!(account[picture]["accountId"], maria.id, "{picture}");
        assert!(
            account[picture]["locations"][0]["location"].is_string(),
            "{picture}: {account}"
        );
    }
    for counter in [
        "followCount",
        "subscriberCount",
        "postLikes",
        "accountMediaLikes",
    ] {
        assert_eq!(account[counter], 0, "{counter}");
    }
    assert_eq!(account["statusId"], 2);
    assert_eq!(account["lastSeenAt"], START_MS);
    assert_eq!(account["timelineStats"]["accountId"], maria.id);
}

#[tokio::test]
async fn twofa_accounts_carry_flag_32() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::Email);
    let viewer = h.creator("viewer", TwofaMode::None);
    let token = h.token(&viewer).await;
    let reply = h
        .get(&format!("/api/v1/account?ids={}", maria.id), Some(&token))
        .await;
    assert_eq!(reply.body["response"][0]["flags"], 2 | 16 | 32);
}

fn ids_of(reply: &Value) -> Vec<String> {
    reply["response"]
        .as_array()
        .expect("a bare array")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn lookup_by_ids_and_usernames() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let lena = h.creator("lena", TwofaMode::None);
    let token = h.token(&maria).await;

    let raw = format!(
        "/api/v1/account?ids={},{},999&ngsw-bypass=true",
        lena.id, maria.id
    );
    let reply = h.get(&raw, Some(&token)).await;
    assert_eq!(reply.status, 200);
    assert_eq!(ids_of(&reply.body), [lena.id.clone(), maria.id.clone()]);
    assert!(
        reply.body["response"][0].get("email").is_none(),
        "no e-mail in public accounts"
    );
    assert_eq!(reply.body["response"][0]["username"], "lena");

    let encoded = format!("/api/v1/account?ids={}%2C{}", maria.id, lena.id);
    let reply = h.get(&encoded, Some(&token)).await;
    assert_eq!(ids_of(&reply.body), [maria.id.clone(), lena.id.clone()]);

    let reply = h
        .get("/api/v1/account?usernames=LENA,ghost", Some(&token))
        .await;
    assert_eq!(ids_of(&reply.body), [lena.id]);
}

#[tokio::test]
async fn more_than_100_ids_is_413() {
    let h = Harness::start().await;
    let maria = h.creator("maria", TwofaMode::None);
    let token = h.token(&maria).await;
    let ids: Vec<String> = (0..101).map(|i| (1000 + i).to_string()).collect();
    let reply = h
        .get(
            &format!("/api/v1/account?ids={}", ids.join(",")),
            Some(&token),
        )
        .await;
    reply.assert_native_error(413, 413);
    let hundred = ids[..100].join(",");
    let reply = h
        .get(&format!("/api/v1/account?ids={hundred}"), Some(&token))
        .await;
    assert_eq!(reply.body["response"], json!([]));
}
