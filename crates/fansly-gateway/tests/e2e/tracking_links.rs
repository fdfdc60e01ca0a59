//! Tracking links: TL1 and the §3 list and stats additions.

use fansly_sim::{NewTrackingEvent, TrackingKind};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::messaging_support::{Chat, assert_400, assert_foreign, assert_proxied, response};

fn event(link: &str, kind: TrackingKind, amount: i64, at: i64) -> NewTrackingEvent {
    NewTrackingEvent {
        tracking_link_id: Some(link.to_owned()),
        kind,
        amount,
        at: Some(at),
    }
}

#[tokio::test]
async fn list_edit_and_stats() {
    let t = Chat::new().await;
    let custom = t.app.sim.create_tracking_link(&t.creator.id, "Twitter");
    let now = t.app.sim.now_ms();
    let day = 86_400_000;
    for e in [
        event(&custom, TrackingKind::Click, 0, now - day),
        event(&custom, TrackingKind::Click, 0, now),
        event(&custom, TrackingKind::Follow, 0, now),
        event(&custom, TrackingKind::Revenue, 10_000, now),
    ] {
        t.app.sim.tracking_event(e).unwrap();
    }

    let (s, b) = t.get("/tracking-links").await;
    assert_proxied(s, &b);
    let links = response(&b).as_array().unwrap().clone();
    assert_eq!(links.len(), 4);
    assert_eq!(
        links.iter().filter(|l| l["type"] == 1).count(),
        3,
        "three built-ins"
    );
    let c = links.iter().find(|l| l["id"] == custom.as_str()).unwrap();
    assert_eq!(c["clicks"], 2);
    assert_eq!(c["follows"], 1);
    assert_eq!(c["totalGross"], 10_000);
    assert_eq!(c["totalNet"], 8_000);

    // TL1.
    let (s, b) = t
        .app
        .send(
            Method::PUT,
            &t.path("/tracking-links"),
            Some(&t.app.key_a),
            Some(json!({"id": custom, "label": "X", "description": "bio link"})),
        )
        .await
        .into_two();
    assert_proxied(s, &b);
    assert_eq!(response(&b)["label"], "X");
    assert_eq!(response(&b)["description"], "bio link");

    let builtin = links[0]["id"].as_str().unwrap().to_owned();
    let links_path = t.path("/tracking-links");
    let put = |body| {
        t.app
            .send(Method::PUT, &links_path, Some(&t.app.key_a), Some(body))
    };
    let (s, b, _) = put(json!({"id": builtin, "label": "no"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(b["message"].as_str().unwrap().contains("built-in"), "{b}");
    assert_eq!(t.calls("POST", "/api/v1/trackinglinks/edit"), 1);
    let (s, _, _) = put(json!({"id": "123", "label": "no"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let before = t.app.sim.requests().len();
    let (s, b, _) = put(json!({"label": "no"})).await;
    assert_400(s, &b, "id is required");
    let (s, b, _) = put(json!({"id": custom, "label": 3})).await;
    assert_400(s, &b, "label");
    assert_eq!(t.app.sim.requests().len(), before);

    // Stats: per-day buckets.
    let (s, b) = t.get(&format!("/tracking-links/{custom}/stats")).await;
    assert_proxied(s, &b);
    let rows = response(&b).as_array().unwrap().clone();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1]["clicks"], 1);
    assert_eq!(rows[1]["follows"], 1);
    let (_, b) = t
        .get(&format!(
            "/tracking-links/{custom}/stats?after={}",
            now - 1000
        ))
        .await;
    assert_eq!(response(&b).as_array().unwrap().len(), 1);
    let (s, b) = t.get("/tracking-links/abc/stats").await;
    assert_400(s, &b, "id");
    let (s, b) = t
        .get(&format!("/tracking-links/{custom}/stats?after=10&before=5"))
        .await;
    assert_400(s, &b, "after");
    let (s, _) = t.get("/tracking-links/1/stats").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    t.app.sim_fault("/api/v1/trackinglinks", 500, 1, None).await;
    let (s, _) = t.get("/tracking-links").await;
    assert_eq!(s, StatusCode::BAD_GATEWAY);
    let a = &t.acct;
    assert_foreign(&t.app, Method::GET, &format!("/{a}/tracking-links"), None).await;
    assert_foreign(
        &t.app,
        Method::PUT,
        &format!("/{a}/tracking-links"),
        Some(json!({"id": "1"})),
    )
    .await;
    assert_foreign(
        &t.app,
        Method::GET,
        &format!("/{a}/tracking-links/1/stats"),
        None,
    )
    .await;
}

trait IntoTwo {
    fn into_two(self) -> (StatusCode, serde_json::Value);
}

impl IntoTwo for (StatusCode, serde_json::Value, reqwest::header::HeaderMap) {
    fn into_two(self) -> (StatusCode, serde_json::Value) {
        (self.0, self.1)
    }
}
