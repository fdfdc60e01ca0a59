//! Money over HTTP: tips (with the chat tip message), top supporters, one fan's
//! transactions with the cursor, and purchases.

use serde_json::{Value, json};

use crate::audience_support::{Actor, kinds, payloads};
use crate::common::Harness;

async fn tip(h: &Harness, fan: &Actor, creator: &Actor, amount: i64, target: Value) -> Value {
    let reply = h
        .post(
            "/api/v1/tips",
            Some(&fan.token),
            json!({ "senderId": fan.id, "receiverId": creator.id, "amount": amount,
                    "message": "for you", "tipGoalId": null, "target": target }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["response"].clone()
}

#[tokio::test]
async fn a_chat_tip_moves_money_and_posts_the_tip_message() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 0);
    let group = h.sim.dm_group(&fan.id, &creator.id);
    let (fan_seq, creator_seq) = (h.last_seq(&fan.id).await, h.last_seq(&creator.id).await);

    let tip = tip(
        &h,
        &fan,
        &creator,
        5000,
        json!({ "id": group, "type": 4001 }),
    )
    .await;
    assert_eq!(tip["senderId"], fan.id.as_str());
    assert_eq!(tip["receiverId"], creator.id.as_str());
    assert_eq!(tip["amount"], 5000);
    assert_eq!(tip["message"], "for you");
    assert_eq!(tip["targetId"], group.as_str());
    assert_eq!(tip["targets"], json!([{ "id": group, "type": 4001 }]));

    let fan_events = h.events(&fan.id, fan_seq).await;
    assert_eq!(
        kinds(&fan_events),
        [
            (16, 1),
            (6, 3),
            (6, 2),
            (16, 2),
            (7, 1),
            (6, 3),
            (6, 2),
            (5, 1)
        ],
        "top-up first (the wallet was empty), then the tip, the debit and the message"
    );
    let top_up = &fan_events[1]["payload"];
    assert_eq!(
        (top_up["type"].clone(), top_up["amount"].clone()),
        (json!(14001), json!(5000))
    );
    let debit = &fan_events[5]["payload"];
    assert_eq!(debit["type"], 58000);
    assert_eq!(debit["destination"], 1);
    assert_eq!(debit["transactionAmount"], 5000);
    assert_eq!(debit["correlationId"], tip["id"]);
    assert_eq!(debit["newBalance"], 0);
    assert_eq!(fan_events[6]["payload"]["balance"], 0);
    let creator_events = h.events(&creator.id, creator_seq).await;
    assert_eq!(
        kinds(&creator_events),
        [(7, 1), (6, 3), (6, 2), (9, 1), (5, 1)]
    );
    assert_eq!(creator_events[0]["payload"], fan_events[4]["payload"]);
    let credit = &creator_events[1]["payload"];
    assert_eq!(credit["type"], 7101);
    assert_eq!(credit["destination"], 2);
    assert_eq!(credit["transactionAmount"], 5000);
    assert_eq!(credit["destinationTax"], 2000);
    assert_eq!(credit["amount"], 4000);
    assert_eq!(credit["destinationAmount"], 4000);
    assert_eq!(credit["correlationAccountId"], fan.id.as_str());
    assert_eq!(
        creator_events[2]["payload"]["type"], 2,
        "the earnings wallet"
    );
    assert_eq!(creator_events[3]["payload"]["type"], 7001);
    let message = &creator_events[4]["payload"];
    assert_eq!(message["senderId"], fan.id.as_str());
    assert_eq!(message["groupId"], group.as_str());
    assert_eq!(message["totalTipAmount"], 5000);
    assert_eq!(message["attachments"][0]["contentType"], 7);
    assert_eq!(message["attachments"][0]["contentId"], tip["id"]);

    // A tip on a message of the DM also lands in the chat; a post tip does not.
    let message_id = message["id"].as_str().unwrap();
    let seq = h.last_seq(&creator.id).await;
    let on_message = tip_on(&h, &fan, &creator, json!(message_id)).await;
    assert_eq!(on_message["targets"][0]["type"], 5001);
    assert_eq!(payloads(&h.events(&creator.id, seq).await, 5, 1).len(), 1);
    let seq = h.last_seq(&creator.id).await;
    let on_post = tip_on(&h, &fan, &creator, json!({ "id": "777", "type": 1001 })).await;
    assert_eq!(on_post["targetId"], "777");
    assert!(payloads(&h.events(&creator.id, seq).await, 5, 1).is_empty());
}

async fn tip_on(h: &Harness, fan: &Actor, creator: &Actor, target: Value) -> Value {
    tip(h, fan, creator, 1000, target).await
}

#[tokio::test]
async fn tips_are_refused_when_malformed() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 100_000);
    let other = h.fan("fan2", 0);
    let post = |body: Value| {
        let h = &h;
        let token = fan.token.clone();
        async move { h.post("/api/v1/tips", Some(&token), body).await }
    };
    post(json!({ "receiverId": creator.id, "amount": 0 }))
        .await
        .assert_native_error(400, 2);
    post(json!({ "receiverId": other.id, "amount": 1000 }))
        .await
        .assert_native_error(400, 2);
    post(json!({ "receiverId": "404", "amount": 1000 }))
        .await
        .assert_native_error(404, 404);
    post(json!({ "senderId": other.id, "receiverId": creator.id, "amount": 1000 }))
        .await
        .assert_native_error(400, 2);
    let foreign = h.sim.dm_group(&other.id, &creator.id);
    post(json!({ "receiverId": creator.id, "amount": 1000, "target": foreign }))
        .await
        .assert_native_error(400, 2);
    // Nothing was charged.
    let events = h.events(&fan.id, 0).await;
    assert!(payloads(&events, 6, 3).is_empty(), "{events:?}");
}

#[tokio::test]
async fn top_supporters_sum_each_fan_in_the_window() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let (a, b, c) = (
        h.fan("a", 1_000_000),
        h.fan("b", 1_000_000),
        h.fan("c", 1_000_000),
    );
    let before_all = h.sim.now_ms();
    tip(&h, &a, &creator, 3000, Value::Null).await;
    h.subscribe(&b, &creator, json!({})).await; // 9990
    h.advance(10_000).await;
    let middle = h.sim.now_ms();
    tip(&h, &c, &creator, 9990, Value::Null).await;
    tip(&h, &a, &creator, 2000, Value::Null).await;

    let reply = h
        .get(
            &format!(
                "/api/v1/account/wallets/earnings/accounts?after=0&before={}",
                h.sim.now_ms() + 1
            ),
            Some(&creator.token),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let rows = reply.body["response"].as_array().unwrap().clone();
    let summary: Vec<(Value, Value, Value)> = rows
        .iter()
        .map(|r| {
            (
                r["correlationAccountId"].clone(),
                r["totalGross"].clone(),
                r["totalNet"].clone(),
            )
        })
        .collect();
    // b and c tie on gross and net: the lower fan id (created first) comes first.
    assert_eq!(
        summary,
        [
            (json!(b.id), json!(9990), json!(7992)),
            (json!(c.id), json!(9990), json!(7992)),
            (json!(a.id), json!(5000), json!(4000)),
        ]
    );
    assert!(rows.iter().all(|r| r["accountId"] == creator.id.as_str()));

    let late = h
        .get(
            &format!("/api/v1/account/wallets/earnings/accounts?after={middle}"),
            Some(&creator.token),
        )
        .await;
    let late: Vec<Value> = late.body["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["totalGross"].clone())
        .collect();
    assert_eq!(late, [json!(9990), json!(2000)]);
    let early = h
        .get(
            &format!(
                "/api/v1/account/wallets/earnings/accounts?after={before_all}&before={middle}"
            ),
            Some(&creator.token),
        )
        .await;
    assert_eq!(early.body["response"].as_array().unwrap().len(), 2);
    h.get("/api/v1/account/wallets/earnings/accounts", Some(&a.token))
        .await
        .assert_native_error(403, 403);
}

#[tokio::test]
async fn one_fans_transactions_page_with_a_cursor() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 1_000_000);
    let other = h.fan("fan2", 1_000_000);
    let mut tips = Vec::new();
    for i in 0..5 {
        tips.push(tip(&h, &fan, &creator, 1000 * (i + 1), Value::Null).await);
        tip(&h, &other, &creator, 500, Value::Null).await;
        h.advance(1000).await;
    }
    h.subscribe(&fan, &creator, json!({})).await;

    let page = |query: String| {
        let h = &h;
        let token = creator.token.clone();
        let fan_id = fan.id.clone();
        async move {
            let reply = h
                .get(
                    &format!("/api/v1/account/wallets/earnings/transactions/accounts?correlationAccountId={fan_id}&{query}"),
                    Some(&token),
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.body);
            reply.body["response"].clone()
        }
    };
    let first = page("cursor=0&limit=4&after=0".into()).await;
    let rows = first["data"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["type"], 15001, "newest first: the subscription");
    assert_eq!(rows[1]["transactionAmount"], 5000);
    assert!(
        rows.iter()
            .all(|r| r["correlationAccountId"] == fan.id.as_str())
    );
    assert_eq!(first["hasMore"], true);
    assert_eq!(first["nextCursor"], rows[3]["transactionId"]);
    let aggregation = &first["aggregationData"];
    assert_eq!(aggregation["tips"].as_array().unwrap().len(), 3);
    assert_eq!(aggregation["tips"][0]["id"], tips[4]["id"]);
    assert_eq!(
        aggregation["subscriptionHistory"].as_array().unwrap().len(),
        1
    );
    assert_eq!(aggregation["accounts"][0]["id"], fan.id.as_str());
    for key in ["stories", "accountMedia", "accountMediaBundles"] {
        assert!(aggregation[key].is_array(), "{key}");
    }

    let cursor = first["nextCursor"].as_str().unwrap();
    let second = page(format!("cursor={cursor}&limit=4")).await;
    let rows = second["data"].as_array().unwrap();
    let amounts: Vec<Value> = rows
        .iter()
        .map(|r| r["transactionAmount"].clone())
        .collect();
    assert_eq!(amounts, [json!(2000), json!(1000)]);
    assert_eq!(second["hasMore"], false);
    assert!(second["nextCursor"].is_null());

    let window = page(format!("before={}&limit=100", h.sim.now_ms() - 2500)).await;
    assert_eq!(
        window["data"].as_array().unwrap().len(),
        3,
        "the first three tips"
    );
    h.get(
        "/api/v1/account/wallets/earnings/transactions/accounts",
        Some(&creator.token),
    )
    .await
    .assert_native_error(400, 2);
}

#[tokio::test]
async fn purchases_create_orders_ledger_rows_and_events() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 100_000);
    let media = h.sim.create_media(&creator.id, "image/jpeg").unwrap();
    let offer = h.sim.create_offer(&creator.id, &media, 7500).unwrap();
    let free = h.sim.create_offer(&creator.id, &media, 0).unwrap();
    let (fan_seq, creator_seq) = (h.last_seq(&fan.id).await, h.last_seq(&creator.id).await);

    let reply = h
        .post(
            "/_sim/purchase",
            None,
            json!({ "buyerId": fan.id, "accountMediaId": offer }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let order = reply.body.clone();
    assert_eq!(order["accountId"], fan.id.as_str());
    assert_eq!(order["correlationAccountId"], creator.id.as_str());
    assert_eq!(order["accountMediaId"], offer.as_str());
    assert_eq!(order["type"], 2);
    assert_eq!(order["price"], 7500);

    let fan_events = h.events(&fan.id, fan_seq).await;
    assert_eq!(kinds(&fan_events), [(2, 7), (6, 2), (6, 3)]);
    let event = &fan_events[0]["payload"];
    assert_eq!(event["orderId"], order["id"]);
    assert_eq!(event["accountMediaId"], offer.as_str());
    assert_eq!(event["correlationAccountId"], creator.id.as_str());
    assert_eq!(event["accountId"], fan.id.as_str());
    assert_eq!(fan_events[1]["payload"]["balance"], 92_500);
    assert_eq!(fan_events[2]["payload"]["type"], 58000);
    let creator_events = h.events(&creator.id, creator_seq).await;
    assert_eq!(kinds(&creator_events), [(2, 7), (6, 3), (6, 2), (9, 1)]);
    assert_eq!(creator_events[0]["payload"], *event);
    assert_eq!(creator_events[1]["payload"]["type"], 2110);
    assert_eq!(creator_events[1]["payload"]["amount"], 6000);
    assert_eq!(creator_events[3]["payload"]["type"], 2007);

    // Refusals: again (409), the owner (400), a free offer (400), unknown (404), both ids (400).
    let purchase = |body: Value| {
        let h = &h;
        async move { h.post("/_sim/purchase", None, body).await.status }
    };
    assert_eq!(
        purchase(json!({ "buyerId": fan.id, "accountMediaId": offer })).await,
        409
    );
    assert_eq!(
        purchase(json!({ "buyerId": creator.id, "accountMediaId": offer })).await,
        400
    );
    assert_eq!(
        purchase(json!({ "buyerId": fan.id, "accountMediaId": free })).await,
        400
    );
    assert_eq!(
        purchase(json!({ "buyerId": fan.id, "accountMediaId": "1" })).await,
        404
    );
    assert_eq!(
        purchase(
            json!({ "buyerId": fan.id, "accountMediaId": offer, "accountMediaBundleId": offer })
        )
        .await,
        400
    );

    // A bundle: (2,7) for the bundle (type 2, the bundle id), one (2,7) per item in it
    // (type 1), a closing (2,8), a 2116 credit; the Rust driver works the same.
    let second = h.sim.create_offer(&creator.id, &media, 0).unwrap();
    let bundle = h
        .post(
            "/api/v1/account/media/bundle",
            Some(&creator.token),
            json!({ "accountMediaIds": [free, second], "price": 15000 }),
        )
        .await;
    assert_eq!(bundle.status, 200, "{}", bundle.body);
    let bundle_id = bundle.body["response"]["accountMediaBundles"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let seq = h.last_seq(&creator.id).await;
    let order = h.sim.purchase(&fan.id, &bundle_id).unwrap();
    assert_eq!(order["accountMediaBundleId"], bundle_id.as_str());
    let creator_events = h.events(&creator.id, seq).await;
    assert_eq!(
        kinds(&creator_events),
        [(2, 7), (2, 7), (2, 7), (2, 8), (6, 3), (6, 2), (9, 1)]
    );
    let bundle_order = &creator_events[0]["payload"];
    assert_eq!(bundle_order["accountMediaId"], bundle_id.as_str());
    assert_eq!(bundle_order["orderId"], order["id"]);
    assert_eq!(bundle_order["type"], 2);
    for (event, item) in creator_events[1..3].iter().zip([&free, &second]) {
        assert_eq!(event["payload"]["accountMediaId"], item.as_str());
        assert_eq!(event["payload"]["type"], 1);
        assert_ne!(event["payload"]["orderId"], order["id"]);
    }
    assert_eq!(creator_events[3]["payload"], *bundle_order);
    assert_eq!(creator_events[4]["payload"]["type"], 2116);
    assert_eq!(creator_events[6]["payload"]["type"], 2008);
    let history = h
        .get(
            &format!(
                "/api/v1/account/wallets/earnings/transactions/accounts?correlationAccountId={}",
                fan.id
            ),
            Some(&creator.token),
        )
        .await;
    let aggregation = &history.body["response"]["aggregationData"];
    assert_eq!(aggregation["accountMedia"][0]["id"], offer.as_str());
    assert_eq!(
        aggregation["accountMediaBundles"][0]["id"],
        bundle_id.as_str()
    );
}
