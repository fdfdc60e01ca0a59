//! Analytics AN1: profile stats aggregated from simulator view events.

use fansly_sim::NewView;
use reqwest::{Method, StatusCode};

use crate::messaging_support::{Chat, assert_400, assert_foreign, assert_proxied, response};

fn view(creator: &str, at: i64, surface: i64, viewer: &str, offer: Option<&str>) -> NewView {
    NewView {
        account_id: Some(creator.to_owned()),
        at: Some(at),
        surface,
        media_offer_id: offer.map(str::to_owned),
        tag_ids: vec!["77".into()],
        viewer_id: Some(viewer.to_owned()),
        interaction_time: 1500,
        video_view: false,
        percent_watched: 0,
    }
}

#[tokio::test]
async fn profile_stats_buckets_views() {
    let t = Chat::new().await;
    let now = t.app.sim.now_ms();
    let offer = t
        .app
        .sim
        .create_offer(&t.creator.id, &t.media(), 0)
        .unwrap();
    let hour = 3_600_000;
    for v in [
        view(&t.creator.id, now - 2 * hour, 0, "a", Some(&offer)),
        view(&t.creator.id, now - 2 * hour, 0, "b", Some(&offer)),
        view(&t.creator.id, now - hour, 10_000, "a", None),
    ] {
        t.app.sim.view(v).unwrap();
    }
    let after = now - 3 * hour;
    let (s, b) = t
        .get(&format!(
            "/analytics/profilestats?afterDate={after}&beforeDate={now}&period=3600000"
        ))
        .await;
    assert_proxied(s, &b);
    let d = &response(&b)["dataset"];
    assert_eq!(d["datapoints"].as_array().unwrap().len(), 1, "{d}");
    let stats = &d["datapoints"][0]["stats"][0];
    assert_eq!(stats["views"], 2);
    assert_eq!(stats["uniqueViewers"], 2);
    assert_eq!(stats["interactionTime"], 3000);
    assert_eq!(d["profileDatapoints"][0]["stats"][0]["type"], 10_000);
    assert_eq!(d["topFypMediaOffers"][0]["mediaOfferId"], offer.as_str());
    assert_eq!(d["topFypTags"][0]["views"], 2);
    let agg = &response(&b)["aggregationData"];
    assert_eq!(agg["accountMedia"][0]["id"], offer.as_str());

    // year/month: the UTC month is computed and forwarded.
    let (s, _) = t.get("/analytics/profilestats?year=2026&month=2").await;
    assert_eq!(s, StatusCode::OK);
    let reqs = t.app.sim_requests("/api/v1/it/amoie/stats").await;
    let q = reqs.last().unwrap()["query"].as_str().unwrap().to_owned();
    assert!(q.contains("afterDate=1769904000000"), "{q}");
    assert!(q.contains("beforeDate=1772323200000"), "{q}");
    assert!(
        q.contains("year=2026") && q.contains("month=2") && q.contains("period=86400000"),
        "{q}"
    );
    // Defaults: the last 30 days.
    let (s, _) = t.get("/analytics/profilestats").await;
    assert_eq!(s, StatusCode::OK);

    let calls = t.app.sim.requests().len();
    for (query, needle) in [
        ("period=1000", "period"),
        ("year=2026", "month"),
        ("month=3", "year"),
        ("year=2026&month=13", "month"),
        ("afterDate=10&beforeDate=5", "afterDate"),
        ("afterDate=-1", "afterDate"),
        ("period=abc", "period"),
    ] {
        let (s, b) = t.get(&format!("/analytics/profilestats?{query}")).await;
        assert_400(s, &b, needle);
    }
    assert_eq!(t.app.sim.requests().len(), calls);
    t.app
        .sim_fault("/api/v1/it/amoie/stats", 429, 1, None)
        .await;
    let (s, _) = t.get("/analytics/profilestats").await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_foreign(
        &t.app,
        Method::GET,
        &format!("/{}/analytics/profilestats", t.acct),
        None,
    )
    .await;
}
