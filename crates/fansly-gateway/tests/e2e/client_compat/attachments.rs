//! §5 item 4: post attachments name their media. A client resolves each attachment with
//! `mediaId ?? accountMediaId ?? id ?? attachmentId` and looks that up among the answer's
//! `accountMedia[]` by `id`; for a bundle it does the same with each of the attachment's
//! `accountMediaIds`. Checked on every post answer: create, list (both modes), get, wall.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::messaging_support::{Chat, response};

/// What the client does with one attachment: the media rows it finds.
fn resolve<'a>(answer: &'a Value, attachment: &Value) -> Vec<&'a Value> {
    let media = answer["accountMedia"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let find = |id: &Value| media.iter().find(|m| &m["id"] == id);
    let single = ["mediaId", "accountMediaId", "id", "attachmentId"]
        .iter()
        .map(|k| &attachment[*k])
        .find(|v| !v.is_null());
    match attachment["contentType"].as_i64() {
        Some(1) => single.and_then(find).into_iter().collect(),
        Some(2) => attachment["accountMediaIds"]
            .as_array()
            .map(|ids| ids.iter().filter_map(find).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Every attachment of the posts in `answer` resolves to its media.
fn assert_named(
    label: &str,
    answer: &Value,
    media_post: &str,
    bundle_post: &str,
    bundle_media: &[String],
) {
    let posts: Vec<&Value> = match answer["posts"].as_array() {
        Some(list) => list.iter().collect(),
        None => vec![answer],
    };
    let mut seen = 0;
    for post in posts {
        let id = post["id"].as_str().unwrap_or_default();
        let Some(attachments) = post["attachments"].as_array() else {
            continue;
        };
        for a in attachments {
            match a["contentType"].as_i64() {
                Some(1) => {
                    assert_eq!(a["accountMediaId"], a["contentId"], "{label}: {a}");
                    if id == media_post && label != "create" {
                        assert_eq!(resolve(answer, a).len(), 1, "{label}: {a}");
                    }
                }
                Some(2) => {
                    assert_eq!(a["accountMediaBundleId"], a["contentId"], "{label}: {a}");
                    assert!(a.get("accountMediaId").is_none(), "{label}: {a}");
                    let found = resolve(answer, a);
                    let ids: Vec<&str> = found.iter().map(|m| m["id"].as_str().unwrap()).collect();
                    assert_eq!(ids, bundle_media, "{label}: {a}");
                }
                _ => {}
            }
            if id == media_post || id == bundle_post {
                seen += 1;
            }
        }
    }
    assert!(
        seen > 0,
        "{label}: no attachment of the test posts checked: {answer}"
    );
}

#[tokio::test]
async fn every_post_answer_names_the_media_of_its_attachments() {
    let t = Chat::new().await;
    let m1 = t.media();
    let (s, b) = t
        .post("/posts", json!({"content": "free pic", "mediaIds": [m1]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let media_post = response(&b)["id"].as_str().unwrap().to_owned();
    let offer = response(&b)["attachments"][0]["contentId"].clone();
    assert_eq!(
        response(&b)["attachments"][0]["accountMediaId"],
        offer,
        "{b}"
    );

    let (m2, m3) = (t.media(), t.media());
    let (s, b) = t
        .post(
            "/posts",
            json!({"mediaIds": [m2, m3], "access_type": "ppv", "price": 9.99}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let bundle_post = response(&b)["id"].as_str().unwrap().to_owned();
    let created = &response(&b)["attachments"][0];
    assert_eq!(created["accountMediaBundleId"], created["contentId"], "{b}");

    // The bundle's media, as Fansly lists them.
    let (_, read) = t.get(&format!("/posts/{bundle_post}")).await;
    let bundle_media: Vec<String> = response(&read)["accountMediaBundles"][0]["accountMediaIds"]
        .as_array()
        .expect("the bundle's accountMediaIds")
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(bundle_media.len(), 2);

    let wall = t.app.sim.wall_ids(&t.creator.id)[0].clone();
    for path in [
        format!("/posts/{media_post}"),
        format!("/posts/{bundle_post}"),
        "/posts".to_owned(),
        "/posts?offset=0&limit=5".to_owned(),
        format!("/posts/wall/{wall}"),
    ] {
        let (s, b) = t.get(&path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {b}");
        assert_named(
            &path,
            response(&b),
            &media_post,
            &bundle_post,
            &bundle_media,
        );
    }
}
