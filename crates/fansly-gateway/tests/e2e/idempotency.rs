//! `Idempotency-Key` on send message: replay without a second upstream send, 409 for a
//! different body or a request still in flight, what upstream failures keep or release, the
//! 24-hour expiry, and the per-tenant / per-route scope.

use fansly_gateway::clock::Clock;
use fansly_gateway::http::idempotency;
use gateway_store::{IdempotencyClaim, IdempotencyClaimRequest};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::messaging_support::{Chat, assert_400, response};

impl Chat {
    /// POST with an `Idempotency-Key`; answers status, body and whether it was a replay.
    async fn post_keyed(&self, rest: &str, key: &str, body: Value) -> (StatusCode, Value, bool) {
        let res = self
            .app
            .http
            .post(format!("{}{}", self.app.base, self.path(rest)))
            .header("x-api-key", &self.app.key_a)
            .header("idempotency-key", key)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let replayed = res
            .headers()
            .get("idempotent-replayed")
            .is_some_and(|v| v == "true");
        let body: Value = res.json().await.unwrap();
        crate::common::assert_envelope(status, &body);
        (status, body, replayed)
    }

    fn sends(&self) -> usize {
        self.calls("POST", "/api/v1/message")
    }
}

#[tokio::test]
async fn the_same_key_and_body_replays_without_a_second_send() {
    let t = Chat::new().await;
    let path = format!("/chats/{}/messages", t.chat);
    let body =
        json!({"content": "once", "mediaIds": [t.media()], "access_type": "ppv", "price": 5});
    let (s1, b1, r1) = t.post_keyed(&path, "order-42", body.clone()).await;
    assert_eq!(s1, StatusCode::CREATED, "{b1}");
    assert!(!r1);
    let mints = t.calls("POST", "/api/v1/account/media");

    // Same body with its keys in another order: still the same request.
    let reordered =
        json!({"price": 5, "access_type": "ppv", "mediaIds": body["mediaIds"], "content": "once"});
    let (s2, b2, r2) = t.post_keyed(&path, "order-42", reordered).await;
    assert_eq!(s2, StatusCode::CREATED, "{b2}");
    assert!(r2, "replayed");
    assert_eq!(b2["statusCode"], 201);
    assert_eq!(b2["data"], b1["data"], "the first result, unchanged");
    assert_eq!(t.sends(), 1, "the simulator received ONE POST /message");
    assert_eq!(t.calls("POST", "/api/v1/account/media"), mints);

    // A different body under the same key: 409, nothing sent.
    let (s3, b3, _) = t
        .post_keyed(&path, "order-42", json!({"content": "twice"}))
        .await;
    assert_eq!(s3, StatusCode::CONFLICT, "{b3}");
    assert!(
        b3["message"]
            .as_str()
            .unwrap()
            .contains("different request")
    );
    assert_eq!(t.sends(), 1);

    // Another key is another send.
    let (s4, b4, _) = t.post_keyed(&path, "order-43", body.clone()).await;
    assert_eq!(s4, StatusCode::CREATED);
    assert_ne!(response(&b4)["id"], response(&b1)["id"]);
    assert_eq!(t.sends(), 2);

    // The same key on another chat is a different request.
    let other = crate::messaging_support::new_fan(&t.app, "fan_two");
    let other_chat = t.app.sim.dm_group(&t.creator.id, &other);
    let (s5, _, _) = t
        .post_keyed(&format!("/chats/{other_chat}/messages"), "order-42", body)
        .await;
    assert_eq!(s5, StatusCode::CONFLICT);

    // Without a key, every request sends.
    t.post(&path, json!({"content": "free"})).await;
    t.post(&path, json!({"content": "free"})).await;
    assert_eq!(t.sends(), 4);
}

#[tokio::test]
async fn a_request_still_in_flight_is_a_409() {
    let t = Chat::new().await;
    let path = format!("/chats/{}/messages", t.chat);
    let body = json!({"content": "slow"});
    // Another worker holds the key for this exact request.
    let fingerprint = idempotency::fingerprint("POST", &format!("/{}{path}", t.acct), &body);
    let now = t.app.clock.now_ms();
    let claim = t
        .app
        .store
        .claim_idempotency_key(
            t.tenant_a().await,
            &IdempotencyClaimRequest {
                scope: "messages.send",
                key: "busy",
                fingerprint,
                now,
                expires_at: now + 1000 * 3600,
            },
        )
        .await
        .unwrap();
    assert_eq!(claim, IdempotencyClaim::Claimed);
    let (s, b, _) = t.post_keyed(&path, "busy", body.clone()).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(
        b["message"].as_str().unwrap().contains("still in flight"),
        "{b}"
    );
    assert_eq!(t.sends(), 0);

    // Real concurrency: many identical requests at once send exactly once.
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let url = format!("{}{}", t.app.base, t.path(&path));
        let http = t.app.http.clone();
        let key = t.app.key_a.clone();
        tasks.push(tokio::spawn(async move {
            let res = http
                .post(url)
                .header("x-api-key", key)
                .header("idempotency-key", "burst")
                .json(&json!({"content": "burst"}))
                .send()
                .await
                .unwrap();
            let status = res.status();
            (status, res.json::<Value>().await.unwrap())
        }));
    }
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match status {
            StatusCode::CREATED => {
                ids.insert(response(&body)["id"].as_str().unwrap().to_owned());
            }
            StatusCode::CONFLICT => {
                assert!(
                    body["message"]
                        .as_str()
                        .unwrap()
                        .contains("still in flight")
                );
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert!(ids.len() <= 1, "{ids:?}");
    assert_eq!(t.sends(), 1);
}

#[tokio::test]
async fn upstream_failures_keep_or_release_the_key() {
    let t = Chat::new().await;
    let path = format!("/chats/{}/messages", t.chat);
    let body = json!({"content": "maybe"});

    // A 5xx may have been a send: the outcome is kept, a retry with the key replays it.
    t.app.sim_fault("/api/v1/message", 500, 1, None).await;
    let (s, b, _) = t.post_keyed(&path, "k5", body.clone()).await;
    assert_eq!(s, StatusCode::BAD_GATEWAY, "{b}");
    assert_eq!(t.sends(), 1);
    let (s, _, replayed) = t.post_keyed(&path, "k5", body.clone()).await;
    assert_eq!(s, StatusCode::BAD_GATEWAY);
    assert!(replayed);
    assert_eq!(t.sends(), 1, "never retried by the gateway");

    // A 429 sent nothing: the key is released, so the same request can go again.
    t.app.sim_fault("/api/v1/message", 429, 1, Some(7)).await;
    let (s, b, _) = t.post_keyed(&path, "k4", body.clone()).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    let (s, b, replayed) = t.post_keyed(&path, "k4", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert!(!replayed);
    assert_eq!(t.sends(), 3);

    // A validation error happens before the key is claimed.
    let (s, b, _) = t.post_keyed(&path, "kv", json!({"content": ""})).await;
    assert_400(s, &b, "content must not be empty");
    let (s, _, _) = t.post_keyed(&path, "kv", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED);

    // A malformed key is a 400.
    let (s, b, _) = t.post_keyed(&path, "has space", body).await;
    assert_400(s, &b, "Idempotency-Key must be");
}

#[tokio::test]
async fn keys_expire_after_24_hours_and_are_scoped_per_tenant() {
    let t = Chat::new().await;
    let path = format!("/chats/{}/messages", t.chat);
    let body = json!({"content": "daily"});
    let (s, first, _) = t.post_keyed(&path, "day", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED);
    t.app.advance(23 * 3600 * 1000);
    let (_, again, replayed) = t.post_keyed(&path, "day", body.clone()).await;
    assert!(replayed);
    assert_eq!(response(&again)["id"], response(&first)["id"]);
    t.app.advance(3600 * 1000 + 1);
    let (s, later, replayed) = t.post_keyed(&path, "day", body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(!replayed);
    assert_ne!(response(&later)["id"], response(&first)["id"]);
    assert_eq!(t.sends(), 2);

    // Another tenant's creator may use the same key for its own request.
    let other = t.app.creator("ella", fansly_sim::TwofaMode::None);
    let acct_b = t.app.connect(&t.app.key_b, "ella").await;
    let chat_b = t.app.sim.dm_group(&other.id, &t.fan);
    let res = t
        .app
        .http
        .post(format!("{}/{acct_b}/chats/{chat_b}/messages", t.app.base))
        .header("x-api-key", &t.app.key_b)
        .header("idempotency-key", "day")
        .json(&json!({"content": "daily"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(res.headers().get("idempotent-replayed").is_none());
    assert_eq!(t.sends(), 3);
}
