//! Lists over HTTP: create, add and remove items (both route styles), page items by
//! `sortId`, and ownership.

use serde_json::{Value, json};

use crate::common::Harness;

#[tokio::test]
async fn lists_are_created_filled_paged_and_emptied() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let token = Some(creator.token.as_str());
    let mut fans = Vec::new();
    for i in 0..7 {
        fans.push(h.fan(&format!("fan{i}"), 0));
    }

    let vips = h
        .post("/api/v1/lists", token, json!({ "label": "VIPs" }))
        .await;
    assert_eq!(vips.status, 200, "{}", vips.body);
    let vips = vips.body["response"].clone();
    assert_eq!(
        (
            vips["pos"].clone(),
            vips["label"].clone(),
            vips["itemCount"].clone()
        ),
        (json!(0), json!("VIPs"), json!(0))
    );
    assert_eq!(vips["accountId"], creator.id.as_str());
    let other = h
        .post("/api/v1/lists", token, json!({ "label": "Others" }))
        .await
        .body["response"]
        .clone();
    assert_eq!(other["pos"], 1);
    h.post("/api/v1/lists", token, json!({ "label": "  " }))
        .await
        .assert_native_error(400, 2);

    // Add with /lists/items/add (idempotent) and /lists/commands.
    let items: Vec<Value> = fans[..5]
        .iter()
        .map(|f| json!({ "id": f.id, "listId": vips["id"], "type": 1 }))
        .collect();
    let added = h
        .post(
            "/api/v1/lists/items/add",
            token,
            json!({ "listItems": items }),
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let added = added.body["response"].as_array().unwrap().clone();
    assert_eq!(added.len(), 5);
    assert_eq!(added[0]["id"], fans[0].id.as_str());
    assert_eq!(added[0]["listId"], vips["id"]);
    assert_eq!(added[0]["type"], 1);
    assert_eq!(added[0]["metadata"], "");
    let again = h
        .post(
            "/api/v1/lists/items/add",
            token,
            json!({ "listItems": [{ "id": fans[0].id, "listId": vips["id"], "type": 1 }] }),
        )
        .await;
    assert_eq!(
        again.body["response"][0]["sortId"], added[0]["sortId"],
        "already a member"
    );
    let command = h
        .post(
            "/api/v1/lists/commands",
            token,
            json!({ "listCommands": [
                { "type": 1, "listItem": { "id": fans[5].id, "listId": vips["id"] } },
                { "type": 1, "listItem": { "id": fans[6].id, "listId": other["id"] } },
            ]}),
        )
        .await;
    assert_eq!(command.status, 200, "{}", command.body);

    // Items page by sortId, in insert order.
    let page = |query: String| {
        let h = &h;
        let token = creator.token.clone();
        async move {
            let reply = h
                .get(&format!("/api/v1/lists/itemsnew?{query}"), Some(&token))
                .await;
            assert_eq!(reply.status, 200, "{}", reply.body);
            reply.body["response"].as_array().unwrap().clone()
        }
    };
    let list_id = vips["id"].as_str().unwrap();
    let first = page(format!("listId={list_id}&limit=4&sortMode=3")).await;
    let ids: Vec<&str> = first.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        fans[..4].iter().map(|f| f.id.as_str()).collect::<Vec<_>>()
    );
    let after = first[3]["sortId"].as_str().unwrap();
    let second = page(format!("listId={list_id}&limit=4&after={after}&sortMode=3")).await;
    let ids: Vec<&str> = second.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [fans[4].id.as_str(), fans[5].id.as_str()]);
    let sort_ids: Vec<u64> = first
        .iter()
        .chain(&second)
        .map(|i| i["sortId"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(sort_ids.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(
        page(format!("listId={list_id}")).await.len(),
        6,
        "default limit 50"
    );

    let lists = h.get("/api/v1/lists/account?itemId=", token).await.body["response"].clone();
    let counts: Vec<(Value, Value)> = lists
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["label"].clone(), l["itemCount"].clone()))
        .collect();
    assert_eq!(
        counts,
        [(json!("VIPs"), json!(6)), (json!("Others"), json!(1))]
    );
    let holding = h
        .get(
            &format!("/api/v1/lists/account?itemId={}", fans[6].id),
            token,
        )
        .await;
    assert_eq!(holding.body["response"][0]["id"], other["id"]);
    assert_eq!(holding.body["response"].as_array().unwrap().len(), 1);

    // Remove (idempotent) with both styles.
    let removed = h
        .post(
            "/api/v1/lists/items/remove",
            token,
            json!({ "listId": list_id, "listItemIds": [fans[0].id, fans[1].id, "999"] }),
        )
        .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    let command = h
        .post(
            "/api/v1/lists/commands",
            token,
            json!({ "listCommands": [{ "type": 2, "listId": list_id, "itemIds": [fans[2].id] }] }),
        )
        .await;
    assert_eq!(command.status, 200, "{}", command.body);
    let left = page(format!("listId={list_id}")).await;
    assert_eq!(left.len(), 3);
    assert_eq!(left[0]["id"], fans[3].id.as_str());
}

#[tokio::test]
async fn lists_refuse_strangers_unknown_ids_and_big_batches() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let stranger = h.creator_actor("tina");
    let fan = h.fan("fan", 0);
    let list = h
        .post(
            "/api/v1/lists",
            Some(&creator.token),
            json!({ "label": "Mine" }),
        )
        .await
        .body["response"]["id"]
        .clone();
    let add = |who: String, items: Value| {
        let h = &h;
        async move {
            h.post(
                "/api/v1/lists/items/add",
                Some(&who),
                json!({ "listItems": items }),
            )
            .await
        }
    };
    add(
        stranger.token.clone(),
        json!([{ "id": fan.id, "listId": list, "type": 1 }]),
    )
    .await
    .assert_native_error(404, 404);
    add(
        creator.token.clone(),
        json!([{ "id": "42", "listId": list, "type": 1 }]),
    )
    .await
    .assert_native_error(404, 404);
    add(
        creator.token.clone(),
        json!([{ "id": fan.id, "listId": "42", "type": 1 }]),
    )
    .await
    .assert_native_error(404, 404);
    let many: Vec<Value> = (0..26)
        .map(|_| json!({ "id": fan.id, "listId": list }))
        .collect();
    add(creator.token.clone(), json!(many))
        .await
        .assert_native_error(400, 2);
    h.get(
        &format!("/api/v1/lists/itemsnew?listId={}", list.as_str().unwrap()),
        Some(&stranger.token),
    )
    .await
    .assert_native_error(404, 404);
    h.get("/api/v1/lists/itemsnew", Some(&creator.token))
        .await
        .assert_native_error(400, 2);
    let stranger_lists = h.get("/api/v1/lists/account", Some(&stranger.token)).await;
    assert_eq!(stranger_lists.body["response"], json!([]));
    h.post(
        "/api/v1/lists/commands",
        Some(&creator.token),
        json!({ "listCommands": [{ "type": 3 }] }),
    )
    .await
    .assert_native_error(400, 2);
}
