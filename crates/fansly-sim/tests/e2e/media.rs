//! Vault media, offers and bundles over HTTP: minting, viewer-relative access, message
//! attachments and the DM media-offer list.

use serde_json::{Value, json};

use crate::common::Harness;
use crate::messaging::{dm, get, party, post, response, send};

/// An offer model as the gateway mints it (§0.7 step 2).
fn model(media: &str, price: i64, creator: &str, extra_whitelist: Option<&str>) -> Value {
    let mut whitelist = vec![json!({ "accountId": creator, "permissionFlags": 0 })];
    if let Some(fan) = extra_whitelist {
        whitelist.push(json!({ "accountId": fan, "permissionFlags": 0 }));
    }
    let entries = if price > 0 {
        json!([{ "type": 0, "flags": 1, "price": price,
                 "metadata": format!("{{\"1\":\"{{\\\"price\\\":{price}}}\"}}"),
                 "validAfter": null, "validBefore": null }])
    } else {
        json!([])
    };
    json!({
        "mediaId": media, "previewId": null, "permissionFlags": 0, "price": price,
        "whitelist": whitelist, "permissions": { "permissionFlags": entries }, "tags": [],
    })
}

#[tokio::test]
async fn control_route_creates_vault_media() {
    let h = Harness::start().await;
    let maria = party(&h, "maria").await;
    let reply = h
        .post(
            "/_sim/media",
            None,
            json!({ "accountId": maria.id, "mimetype": "video/mp4" }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert!(reply.body["id"].is_string());
    let reply = h
        .post("/_sim/media", None, json!({ "accountId": maria.id }))
        .await;
    assert_eq!(reply.status, 201);
    let reply = h
        .post("/_sim/media", None, json!({ "accountId": "1" }))
        .await;
    assert_eq!(reply.status, 400);
    assert!(h.sim.create_media("1", "").is_err());
}

#[tokio::test]
async fn offers_render_access_relative_to_the_viewer() {
    let h = Harness::start().await;
    let (maria, fan, other) = (
        party(&h, "maria").await,
        party(&h, "fan1").await,
        party(&h, "other").await,
    );
    let video = h.sim.create_media(&maria.id, "video/mp4").unwrap();
    let image = h.sim.create_media(&maria.id, "image/png").unwrap();
    let foreign = h.sim.create_media(&other.id, "image/png").unwrap();

    let body = json!([
        model(&video, 5000, &maria.id, None),
        model(&image, 0, &maria.id, None),
        model(&video, 0, &maria.id, Some(&fan.id)),
    ]);
    let created = response(&post(&h, &maria, "/account/media", body).await);
    let created = created.as_array().unwrap();
    assert_eq!(created.len(), 3);
    let ids: Vec<&str> = created.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(created[0]["mediaId"], video.as_str());
    assert_eq!(created[0]["price"], 5000);
    assert_eq!(created[0]["accountId"], maria.id);
    assert_eq!(created[0]["access"], true, "the owner always has access");
    assert_eq!(created[0]["media"]["type"], 2);
    assert_eq!(created[0]["media"]["mimetype"], "video/mp4");
    assert_eq!(
        created[0]["media"]["location"],
        format!("/{}/{video}.mp4", maria.id)
    );
    let entry = &created[0]["permissions"]["permissionFlags"][0];
    assert_eq!(entry["flags"], 1);
    assert_eq!(entry["price"], 5000);
    assert_eq!(entry["accountMediaId"], ids[0]);
    assert_eq!(created[0]["accountPermissionFlags"], 1);

    // Unknown or foreign media ids fail the whole call.
    let bad = json!([
        model(&image, 0, &maria.id, None),
        model(&foreign, 0, &maria.id, None)
    ]);
    post(&h, &maria, "/account/media", bad)
        .await
        .assert_native_error(400, 2);
    let bad = json!([model("123", 0, &maria.id, None)]);
    post(&h, &maria, "/account/media", bad)
        .await
        .assert_native_error(400, 2);
    post(&h, &maria, "/account/media", json!([]))
        .await
        .assert_native_error(400, 2);

    let path = format!("/account/media?ids={},{},{},404", ids[0], ids[1], ids[2]);
    let seen = response(&get(&h, &fan, &path).await);
    let seen = seen.as_array().unwrap();
    assert_eq!(seen.len(), 3, "unknown ids are left out");
    // PPV: locked for the fan, no locations.
    assert_eq!(seen[0]["access"], false);
    assert_eq!(seen[0]["purchased"], false);
    assert_eq!(seen[0]["whitelisted"], false);
    assert_eq!(seen[0]["media"]["locations"], json!([]));
    // Free: open to everyone.
    assert_eq!(seen[1]["access"], true);
    // Whitelisted: open to the fan, not to others.
    assert_eq!(seen[2]["whitelisted"], true);
    assert_eq!(seen[2]["access"], true);
    let for_other = response(&get(&h, &other, &format!("/account/media?ids={}", ids[2])).await);
    assert_eq!(for_other[0]["access"], true, "no entries means free");
    assert_eq!(for_other[0]["whitelisted"], false);

    // The Rust API mints the same kinds of offers.
    let ppv = h.sim.create_offer(&maria.id, &image, 2500).unwrap();
    let free = h.sim.create_offer(&maria.id, &image, 0).unwrap();
    let seen = response(&get(&h, &fan, &format!("/account/media?ids={ppv},{free}")).await);
    assert_eq!(seen[0]["access"], false);
    assert_eq!(seen[0]["price"], 2500);
    assert_eq!(seen[1]["access"], true);
    assert!(h.sim.create_offer(&maria.id, &foreign, 0).is_err());
    get(&h, &fan, "/account/media")
        .await
        .assert_native_error(400, 2);
}

#[tokio::test]
async fn bundles_collect_offers_and_lock_them_together() {
    let h = Harness::start().await;
    let (maria, fan) = (party(&h, "maria").await, party(&h, "fan1").await);
    let a = h.sim.create_media(&maria.id, "image/jpeg").unwrap();
    let b = h.sim.create_media(&maria.id, "video/mp4").unwrap();
    let body = json!({
        "accountMediaModels": [model(&a, 0, &maria.id, None), model(&b, 0, &maria.id, None)],
        "previewId": null, "permissionFlags": 0, "price": 12000,
        "whitelist": [{ "accountId": maria.id, "permissionFlags": 0 }],
        "permissions": { "permissionFlags": [{ "type": 0, "flags": 1, "price": 12000,
            "metadata": "{\"1\":\"{\\\"price\\\":12000}\"}", "validAfter": null, "validBefore": null }] },
        "tags": [],
    });
    let created = response(&post(&h, &maria, "/account/media/bundle", body).await);
    let bundle = &created["accountMediaBundles"][0];
    let bundle_id = bundle["id"].as_str().unwrap();
    assert_eq!(bundle["price"], 12000);
    assert_eq!(bundle["accountMediaIds"].as_array().unwrap().len(), 2);
    assert_eq!(bundle["bundleContent"][1]["pos"], 1);
    assert_eq!(created["accountMedia"].as_array().unwrap().len(), 2);
    assert_eq!(bundle["access"], true);

    let seen = response(&get(&h, &fan, &format!("/account/media/bundle?ids={bundle_id}")).await);
    assert_eq!(seen[0]["access"], false);
    assert_eq!(
        seen[0]["bundleContent"][0]["accountMediaId"],
        bundle["accountMediaIds"][0]
    );

    let empty = json!({ "accountMediaModels": [], "price": 0 });
    post(&h, &maria, "/account/media/bundle", empty)
        .await
        .assert_native_error(400, 2);
    let foreign = json!({ "accountMediaIds": ["1"] });
    post(&h, &fan, "/account/media/bundle", foreign)
        .await
        .assert_native_error(400, 2);
}

#[tokio::test]
async fn attachments_reference_own_offers_and_show_up_in_reads() {
    let h = Harness::start().await;
    let (maria, fan) = (party(&h, "maria").await, party(&h, "fan1").await);
    let group = dm(&h, &maria, &fan).await;
    let image = h.sim.create_media(&maria.id, "image/jpeg").unwrap();
    let video = h.sim.create_media(&maria.id, "video/mp4").unwrap();
    let ppv = h.sim.create_offer(&maria.id, &video, 9990).unwrap();
    let free = h.sim.create_offer(&maria.id, &image, 0).unwrap();
    let bundle = json!({ "accountMediaIds": [free, ppv], "price": 15000,
        "permissions": { "permissionFlags": [{ "flags": 1, "price": 15000 }] } });
    let bundle = response(&post(&h, &maria, "/account/media/bundle", bundle).await);
    let bundle_id = bundle["accountMediaBundles"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let attachments = json!([
        { "messageId": null, "pos": 1, "contentType": 2, "contentId": bundle_id },
        { "messageId": null, "pos": 0, "contentType": 1, "contentId": ppv },
    ]);
    let sent = response(&send(&h, &maria, &group, "look", attachments).await);
    assert_eq!(
        sent["attachments"][0]["contentId"],
        ppv.as_str(),
        "ordered by pos"
    );
    assert_eq!(sent["attachments"][0]["messageId"], sent["id"]);
    assert_eq!(sent["attachments"][1]["contentType"], 2);
    let page = response(&get(&h, &fan, &format!("/message?groupId={group}")).await);
    let offers: Vec<&str> = page["accountMedia"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(
        offers.contains(&ppv.as_str()) && offers.contains(&free.as_str()),
        "{offers:?}"
    );
    assert_eq!(page["accountMediaBundles"][0]["id"], bundle_id.as_str());
    assert_eq!(page["accountMediaBundles"][0]["access"], false);

    // The fan cannot attach the creator's offers; unknown ids and types fail too.
    let stolen = json!([{ "pos": 0, "contentType": 1, "contentId": ppv }]);
    send(&h, &fan, &group, "mine now", stolen)
        .await
        .assert_native_error(400, 2);
    let unknown = json!([{ "pos": 0, "contentType": 1, "contentId": "5" }]);
    send(&h, &maria, &group, "x", unknown)
        .await
        .assert_native_error(400, 2);
    let tip = json!([{ "pos": 0, "contentType": 7, "contentId": "5" }]);
    send(&h, &maria, &group, "x", tip)
        .await
        .assert_native_error(400, 2);
    let media_only = json!([{ "pos": 0, "contentType": 1, "contentId": free }]);
    response(&send(&h, &maria, &group, "", media_only).await);

    // /mediaoffers/location: one row per offer attachment the creator sent, newest first.
    let path = format!(
        "/mediaoffers/location?locationId={group}&locationType=4001&accountId={}&mediaType=&before=&after=0&limit=25&offset=0",
        maria.id
    );
    let list = response(&get(&h, &maria, &path).await);
    let rows = list["data"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["accountMediaId"], free.as_str());
    assert_eq!(rows[1]["accountMediaBundleId"], bundle_id.as_str());
    assert_eq!(rows[2]["accountMediaId"], ppv.as_str());
    assert_eq!(rows[2]["correlationId"], sent["id"]);
    assert!(
        list["aggregationData"]["accountMedia"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    assert_eq!(
        list["aggregationData"]["accountMediaBundles"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(list["aggregationData"]["accounts"][0]["id"], maria.id);
    let before = rows[1]["id"].as_str().unwrap();
    let older = response(
        &get(
            &h,
            &maria,
            &format!("{path}&before={before}").replace("before=&", ""),
        )
        .await,
    );
    assert_eq!(older["data"].as_array().unwrap().len(), 1);
    let videos = response(
        &get(
            &h,
            &maria,
            &format!("/mediaoffers/location?locationId={group}&locationType=4001&mediaType=2"),
        )
        .await,
    );
    assert_eq!(
        videos["data"].as_array().unwrap().len(),
        2,
        "the PPV video and the bundle holding it"
    );
    get(
        &h,
        &maria,
        &format!("/mediaoffers/location?locationId={group}&locationType=1002"),
    )
    .await
    .assert_native_error(400, 2);
}
