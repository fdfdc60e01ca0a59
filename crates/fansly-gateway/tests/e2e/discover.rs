//! Search and discovery SD1, SD2.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::messaging_support::{
    Chat, assert_400, assert_foreign, assert_proxied, new_fan, response,
};

#[tokio::test]
async fn search_accounts_by_name() {
    let t = Chat::new().await;
    new_fan(&t.app, "fanatic_two");
    let (s, b) = t.get("/discover/search/accounts?query=fan").await;
    assert_proxied(s, &b);
    let names: Vec<&str> = response(&b)
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["fan_one", "fanatic_two"]);
    let (_, b) = t
        .get("/discover/search/accounts?query=fan&limit=1&offset=1")
        .await;
    assert_eq!(response(&b)[0]["username"], "fanatic_two");
    assert_eq!(response(&b).as_array().unwrap().len(), 1);
    let reqs = t.app.sim_requests("/api/v1/account/search").await;
    assert!(
        reqs[0]["query"].as_str().unwrap().contains("limit=10"),
        "{}",
        reqs[0]
    );

    let calls = t.app.sim.requests().len();
    let (s, b) = t.get("/discover/search/accounts").await;
    assert_400(s, &b, "query is required");
    let (s, b) = t.get("/discover/search/accounts?query=a&limit=0").await;
    assert_400(s, &b, "limit");
    let (s, b) = t.get("/discover/search/accounts?query=a&offset=-2").await;
    assert_400(s, &b, "offset");
    assert_eq!(t.app.sim.requests().len(), calls);

    t.app
        .sim_fault("/api/v1/account/search", 429, 1, None)
        .await;
    let (s, _) = t.get("/discover/search/accounts?query=fan").await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    let a = &t.acct;
    assert_foreign(
        &t.app,
        Method::GET,
        &format!("/{a}/discover/search/accounts?query=x"),
        None,
    )
    .await;
    assert_foreign(
        &t.app,
        Method::GET,
        &format!("/{a}/discover/tags/1/media"),
        None,
    )
    .await;
}

#[tokio::test]
async fn media_by_tag() {
    let t = Chat::new().await;
    let tag = t.app.sim.create_tag("beach");
    let m1 = t.media();
    let m2 = t.media();
    let free = t.app.sim.create_offer(&t.creator.id, &m1, 0).unwrap();
    let paid = t.app.sim.create_offer(&t.creator.id, &m2, 5000).unwrap();
    t.app.sim.tag_offer(&free, &tag).unwrap();
    t.app.sim.tag_offer(&paid, &tag).unwrap();
    let (s, b) = t.get(&format!("/discover/tags/{tag}/media")).await;
    assert_proxied(s, &b);
    let r = response(&b);
    assert_eq!(
        r["mediaOfferSuggestions"].as_array().unwrap().len(),
        1,
        "{r}"
    );
    assert_eq!(
        r["mediaOfferSuggestions"][0]["accountMediaId"],
        free.as_str()
    );
    assert_eq!(r["aggregationData"]["tags"][0]["name"], "beach");
    assert_eq!(
        r["aggregationData"]["accounts"][0]["id"],
        t.creator.id.as_str()
    );
    let reqs = t
        .app
        .sim_requests("/api/v1/contentdiscovery/media/suggestionsnew")
        .await;
    let q = reqs[0]["query"].as_str().unwrap();
    assert!(
        q.contains("before=0") && q.contains("limit=20") && q.contains(&format!("tagIds={tag}")),
        "{q}"
    );
    let (_, b) = t.get(&format!("/discover/tags/{tag}/media?offset=1")).await;
    assert_eq!(response(&b)["mediaOfferSuggestions"], json!([]));

    let (s, b) = t.get("/discover/tags/beach/media").await;
    assert_400(s, &b, "tagId");
    let (s, b) = t.get(&format!("/discover/tags/{tag}/media?limit=0")).await;
    assert_400(s, &b, "limit");
}
