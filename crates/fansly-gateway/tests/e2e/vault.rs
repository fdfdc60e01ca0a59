//! Vault routes V1–V2 against the simulator: built-in albums, album paging across native
//! pages, validation, foreign keys and upstream errors.

use std::collections::HashSet;

use fansly_sim::{TwofaMode, WORLD_PASSWORD};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::common::{TestApp, connect_body};
use crate::messaging_support::{assert_400, assert_foreign, assert_proxied, cursor, response};

struct Vault {
    app: TestApp,
    acct: String,
    creator: String,
}

impl Vault {
    async fn new(media: usize) -> Self {
        let app = TestApp::spawn().await;
        let creator = app.creator("vaulty", TwofaMode::None).id;
        for i in 0..media {
            let mime = if i % 4 == 3 {
                "video/mp4"
            } else {
                "image/jpeg"
            };
            app.sim.create_media(&creator, mime).expect("media");
            app.advance(1);
        }
        let acct = app.connect(&app.key_a, "vaulty").await;
        Self { app, acct, creator }
    }

    async fn get(&self, rest: &str) -> (StatusCode, Value) {
        self.app
            .get(&format!("/{}{rest}", self.acct), &self.app.key_a)
            .await
    }

    fn all_album(&self) -> String {
        self.app
            .sim
            .vault_albums(&self.creator)
            .into_iter()
            .find(|(_, kind)| *kind == 38_000)
            .expect("All album")
            .0
    }
}

#[tokio::test]
async fn albums_list_the_built_ins_with_counts() {
    let v = Vault::new(7).await;
    let (status, body) = v.get("/vault/albums").await;
    assert_proxied(status, &body);
    let albums = response(&body)["albums"]
        .as_array()
        .expect("albums")
        .clone();
    let types: Vec<i64> = albums.iter().map(|a| a["type"].as_i64().unwrap()).collect();
    assert_eq!(types, vec![38_000, 1000, 5000], "{body}");
    assert_eq!(albums[0]["itemCount"], 7);
    assert_eq!(albums[0]["title"], "All");
    assert!(albums.iter().all(|a| a["id"].is_string()));
    assert!(response(&body)["aggregationData"]["media"].is_array());
    assert_eq!(v.app.sim_requests("/api/v1/vault/albumsnew").await.len(), 1);
}

#[tokio::test]
async fn album_media_pages_newest_first_across_native_pages() {
    let v = Vault::new(60).await;
    let all = v.all_album();
    let path = format!("/vault/albums/{all}/media");

    // One gateway page of 100 needs two native pages of 50 and an empty one.
    let (status, body) = v.get(&format!("{path}?limit=100")).await;
    assert_proxied(status, &body);
    let rows = response(&body)["media"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 60);
    assert_eq!(cursor(&body), None);
    assert_eq!(v.app.sim_requests("/api/v1/media/vaultnew").await.len(), 3);
    let first = &rows[0];
    assert_eq!(first["id"], first["mediaId"]);
    assert_eq!(first["previewId"], Value::Null);
    assert_eq!(first["media"]["id"], first["mediaId"]);
    assert!(first["albumMediaId"].is_string());
    assert!(
        first["media"]["locations"][0]["location"].is_string(),
        "{first}"
    );
    assert_eq!(response(&body)["albumMedia"].as_array().unwrap().len(), 60);
    let ids: Vec<u64> = rows
        .iter()
        .map(|r| r["albumMediaId"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");

    // Pages of 25 walk the same rows with the cursor, then stop.
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    for _ in 0..5 {
        let q = next
            .as_ref()
            .map_or("?limit=25".to_owned(), |c| format!("?limit=25&cursor={c}"));
        let (status, body) = v.get(&format!("{path}{q}")).await;
        assert_proxied(status, &body);
        let rows = response(&body)["media"].as_array().unwrap().clone();
        seen.extend(
            rows.iter()
                .map(|r| r["mediaId"].as_str().unwrap().to_owned()),
        );
        next = cursor(&body);
        if let Some(c) = &next {
            assert_eq!(
                Some(c.as_str()),
                rows.last().unwrap()["albumMediaId"].as_str()
            );
        } else {
            break;
        }
    }
    assert_eq!(next, None);
    assert_eq!(seen.len(), 60);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 60);
    assert_eq!(
        seen,
        rows.iter()
            .map(|r| r["mediaId"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn album_media_validation_answers_400_without_calling_fansly() {
    let v = Vault::new(1).await;
    let all = v.all_album();
    let before = v.app.sim.requests().len();
    let (s, b) = v.get("/vault/albums/abc/media").await;
    assert_400(s, &b, "albumId");
    let (s, b) = v
        .get(&format!("/vault/albums/{all}/media?cursor=xyz"))
        .await;
    assert_400(s, &b, "cursor");
    let (s, b) = v.get(&format!("/vault/albums/{all}/media?limit=0")).await;
    assert_400(s, &b, "limit");
    let (s, b) = v.get(&format!("/vault/albums/{all}/media?limit=1.5")).await;
    assert_400(s, &b, "limit");
    assert_eq!(v.app.sim.requests().len(), before);
}

#[tokio::test]
async fn vault_routes_refuse_a_foreign_key() {
    let v = Vault::new(1).await;
    let all = v.all_album();
    assert_foreign(
        &v.app,
        Method::GET,
        &format!("/{}/vault/albums", v.acct),
        None,
    )
    .await;
    assert_foreign(
        &v.app,
        Method::GET,
        &format!("/{}/vault/albums/{all}/media", v.acct),
        None,
    )
    .await;
}

#[tokio::test]
async fn upstream_errors_are_translated() {
    let v = Vault::new(1).await;
    // Another creator's album: Fansly's 404.
    let other = v.app.creator("other_creator", TwofaMode::None).id;
    let foreign_album = v.app.sim.vault_albums(&other)[0].0.clone();
    let (s, b) = v.get(&format!("/vault/albums/{foreign_album}/media")).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");

    v.app
        .sim_fault("/api/v1/vault/albumsnew", 429, 1, Some(7))
        .await;
    let (s, b, h) = v
        .app
        .send(
            Method::GET,
            &format!("/{}/vault/albums", v.acct),
            Some(&v.app.key_a),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(h["retry-after"], "7");

    v.app
        .sim_fault("/api/v1/media/vaultnew", 503, 1, None)
        .await;
    let (s, b) = v
        .get(&format!("/vault/albums/{}/media", v.all_album()))
        .await;
    assert_eq!(s, StatusCode::BAD_GATEWAY, "{b}");

    v.app.sim.expire_sessions(&v.creator);
    let (s, b) = v.get("/vault/albums").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{b}");
}

#[tokio::test]
async fn seeded_worlds_have_vault_media_with_bytes() {
    let app = TestApp::spawn().await;
    let world = app.sim.seed_world("small", 7).expect("world");
    let (status, body) = app
        .post(
            "/connect",
            &app.key_a,
            connect_body(&world.creator_username, WORLD_PASSWORD),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let acct = body["data"]["account_id"].as_str().unwrap().to_owned();
    let (status, body) = app.get(&format!("/{acct}/vault/albums"), &app.key_a).await;
    assert_proxied(status, &body);
    let albums = response(&body)["albums"].as_array().unwrap().clone();
    // 12 vault media, plus any the content seed attached to posts.
    assert!(albums[0]["itemCount"].as_u64().unwrap() >= 12, "{body}");
    assert_eq!(albums[1]["itemCount"], 4, "{body}");
    let all = albums[0]["id"].as_str().unwrap();
    let (status, body) = app
        .get(
            &format!("/{acct}/vault/albums/{all}/media?limit=1"),
            &app.key_a,
        )
        .await;
    assert_proxied(status, &body);
    let url = response(&body)["media"][0]["media"]["locations"][0]["location"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .http
        .post(format!("{}/media/download", app.base))
        .header("x-api-key", &app.key_a)
        .json(&serde_json::json!({ "cdnUrl": url }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().len() >= 2048);
}
