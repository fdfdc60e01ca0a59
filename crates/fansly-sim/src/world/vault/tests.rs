//! World-level tests of the vault side: the upload state machine, CDN signatures and the
//! album invariants.

use std::collections::HashMap;

use super::upload::{CompletedPart, PART_SIZE};
use super::{ALBUM_ALL, CdnCheck, NewUpload, PartPut, UploadCompletion, VaultQuery};
use crate::world::audience::NewFan;
use crate::world::{NewCreator, Rejection, TwofaMode, World};

const NOW: i64 = 1_790_000_000_000;

fn creator(world: &mut World, name: &str) -> String {
    world
        .create_creator(
            NewCreator {
                username: name.into(),
                email: format!("{name}@example.com"),
                password: "pw".into(),
                twofa: TwofaMode::None,
                totp_secret: None,
                display_name: None,
            },
            NOW,
        )
        .unwrap()
        .id
}

fn query_of(url: &str) -> (String, HashMap<String, String>) {
    let (path, query) = url.split_once('?').unwrap();
    let path = path.split("/cdn").nth(1).unwrap_or(path).to_owned();
    let q = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    (path, q)
}

#[test]
fn an_upload_moves_through_every_status_and_becomes_media_with_its_bytes() {
    let mut w = World::default();
    w.vault.cdn_base = "http://sim/cdn".into();
    let c = creator(&mut w, "up");
    let size = PART_SIZE + 10;
    let created = w
        .upload_create(
            &c,
            NewUpload {
                file_size: Some(size),
                mime_type: Some("image/png".into()),
                file_name: Some("x.png".into()),
            },
            "http://sim",
            NOW,
        )
        .unwrap();
    assert_eq!(created["status"], 1);
    let id = created["id"].as_str().unwrap().to_owned();
    let parts = created["parts"].as_array().unwrap().clone();
    assert_eq!(parts.len(), 2);
    let url = parts[0]["uploadUrl"].as_str().unwrap();
    let sig = url.split("X-Amz-Signature=").nth(1).unwrap().to_owned();
    // A wrong signature or length is refused.
    assert!(matches!(
        w.upload_part(&id, 0, "bad", vec![0; 5]),
        PartPut::Denied(_)
    ));
    assert!(matches!(
        w.upload_part(&id, 0, &sig, vec![0; 5]),
        PartPut::Bad(_)
    ));
    let PartPut::Stored { etag: e0 } = w.upload_part(&id, 0, &sig, vec![7; PART_SIZE as usize])
    else {
        panic!("part 0")
    };
    assert_eq!(w.upload_poll(&c, &id, NOW).unwrap()["status"], 2);
    // Completing early is refused.
    let early = UploadCompletion {
        id: Some(id.clone()),
        parts: vec![],
    };
    assert!(matches!(
        w.upload_complete(&c, &early),
        Err(Rejection::BadRequest(_))
    ));
    let sig1 = parts[1]["uploadUrl"]
        .as_str()
        .unwrap()
        .split("X-Amz-Signature=")
        .nth(1)
        .unwrap()
        .to_owned();
    let PartPut::Stored { etag: e1 } = w.upload_part(&id, 1, &sig1, vec![9; 10]) else {
        panic!("part 1")
    };
    let done = UploadCompletion {
        id: Some(id.clone()),
        parts: vec![
            CompletedPart {
                index: 0,
                e_tag: format!("\"{e0}\""),
            },
            CompletedPart {
                index: 1,
                e_tag: e1,
            },
        ],
    };
    assert_eq!(w.upload_complete(&c, &done).unwrap()["status"], 4);
    assert_eq!(w.upload_poll(&c, &id, NOW).unwrap()["status"], 4);
    assert_eq!(w.upload_poll(&c, &id, NOW).unwrap()["status"], 5);
    let last = w.upload_poll(&c, &id, NOW).unwrap();
    assert_eq!(last["status"], 6);
    let media_id = last["mediaId"].as_str().unwrap().to_owned();
    assert_eq!(last["media"]["filename"], "x.png");
    // Another account cannot poll it.
    let other = creator(&mut w, "other");
    assert!(w.upload_poll(&other, &id, NOW).is_err());

    // The signed location serves exactly the uploaded bytes, until it expires.
    let location = last["media"]["locations"][0]["location"]
        .as_str()
        .unwrap()
        .to_owned();
    let (path, q) = query_of(&location);
    let none = HashMap::new();
    let CdnCheck::Serve(blob) = w.cdn_check(&path, &q, &none, NOW) else {
        panic!("served")
    };
    assert_eq!(blob.bytes.len() as u64, size);
    assert_eq!(&blob.bytes[..3], &[7, 7, 7]);
    assert_eq!(blob.bytes[PART_SIZE as usize], 9);
    assert!(matches!(
        w.cdn_check(&path, &none, &none, NOW),
        CdnCheck::Missing
    ));
    let mut bad = q.clone();
    bad.insert("Signature".into(), "AAAA".into());
    assert!(matches!(
        w.cdn_check(&path, &bad, &none, NOW),
        CdnCheck::Denied(_)
    ));
    assert!(matches!(
        w.cdn_check(&path, &q, &none, NOW + 5 * 3_600_000),
        CdnCheck::Denied("expired")
    ));
    // The same values work as CloudFront cookies.
    let meta = &last["media"]["locations"][0]["metadata"];
    let cookies: HashMap<String, String> = ["Key-Pair-Id", "Policy", "Signature"]
        .iter()
        .map(|k| {
            (
                format!("CloudFront-{k}"),
                meta[*k].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(matches!(
        w.cdn_check(&path, &none, &cookies, NOW),
        CdnCheck::Serve(_)
    ));

    // The media is in the creator's "All" album.
    let all = {
        w.sync_vault(&c, NOW);
        w.all_album_id(&c).unwrap()
    };
    let page = w
        .vault_media(
            &c,
            &VaultQuery {
                album_id: Some(all),
                ..VaultQuery::default()
            },
            NOW,
        )
        .unwrap();
    assert_eq!(page["albumMedia"][0]["mediaId"], media_id.as_str());
}

#[test]
fn albums_are_built_in_creator_only_and_ignore_duplicates() {
    let mut w = World::default();
    let c = creator(&mut w, "alb");
    let m = w.create_media(&c, "image/jpeg", NOW);
    let albums = w.vault_albums(&c, NOW).unwrap();
    let types: Vec<i64> = albums["albums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["type"].as_i64().unwrap())
        .collect();
    assert_eq!(types, vec![ALBUM_ALL, 1000, 5000]);
    assert_eq!(albums["albums"][0]["itemCount"], 1);
    let posts = albums["albums"][1]["id"].as_str().unwrap().to_owned();
    w.vault_add_media(&c, &posts, std::slice::from_ref(&m), NOW)
        .unwrap();
    w.vault_add_media(&c, &posts, std::slice::from_ref(&m), NOW)
        .unwrap();
    assert_eq!(
        w.vault_albums(&c, NOW).unwrap()["albums"][1]["itemCount"],
        1
    );
    assert!(w.vault_add_media(&c, &posts, &["1".into()], NOW).is_err());

    let fan = w
        .create_fan(
            NewFan {
                username: "fanny".into(),
                ..NewFan::default()
            },
            NOW,
        )
        .unwrap()
        .id;
    assert_eq!(w.vault_albums(&fan, NOW), Err(Rejection::Forbidden));
}
