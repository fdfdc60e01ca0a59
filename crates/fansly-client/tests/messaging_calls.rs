//! The typed messaging calls: method, path, query and body of each, against a stub. These pin
//! the native routes (guessed ones included) the gateway's messaging routes rely on.

mod common;

use common::{Reply, Stub, creds};
use fansly_client::{FanTransactionsQuery, GroupsQuery, MediaOffersQuery};
use serde_json::{Value, json};

/// Runs `call` against a stub answering `{success:true, response:{}}` and returns the one
/// request it made as `(method, path, query, body)`.
async fn one<F, Fut>(call: F) -> (String, String, String, Value)
where
    F: FnOnce(fansly_client::FanslyClient) -> Fut,
    Fut: std::future::Future<
            Output = Result<fansly_client::NativeResponse, fansly_client::FanslyError>,
        >,
{
    let stub = Stub::start(|_| Reply::ok(json!({}))).await;
    call(stub.client()).await.expect("call");
    let req = stub.single();
    let query = req
        .query
        .clone()
        .unwrap_or_default()
        .trim_start_matches("ngsw-bypass=true")
        .trim_start_matches('&')
        .to_owned();
    let body = if req.body.is_empty() {
        Value::Null
    } else {
        req.json()
    };
    (req.method, req.path, query, body)
}

#[tokio::test]
async fn reads_carry_their_queries() {
    let s = creds();
    let (m, p, q, _) = one(|c| async move {
        c.messaging_groups(
            &s,
            &GroupsQuery {
                sort_order: 2,
                flags: 4,
                subscription_tier_id: String::new(),
                list_ids: String::new(),
                search: "a b".into(),
                limit: 25,
                offset: 50,
            },
        )
        .await
    })
    .await;
    assert_eq!(
        (m.as_str(), p.as_str()),
        ("GET", "/api/v1/messaging/groups")
    );
    assert_eq!(
        q,
        "sortOrder=2&flags=4&subscriptionTierId=&listIds=&search=a+b&limit=25&offset=50"
    );

    let s = creds();
    let (_, p, q, _) = one(|c| async move { c.messages(&s, "9", 10, None).await }).await;
    assert_eq!(
        (p.as_str(), q.as_str()),
        ("/api/v1/message", "groupId=9&limit=10")
    );
    let s = creds();
    let (_, _, q, _) = one(|c| async move { c.messages(&s, "9", 10, Some("77")).await }).await;
    assert_eq!(q, "groupId=9&limit=10&before=77");

    let s = creds();
    let (_, p, q, _) = one(|c| async move { c.message_unread(&s, 100, None).await }).await;
    assert_eq!(
        (p.as_str(), q.as_str()),
        ("/api/v1/message/unread", "limit=100&offset=0&before=0")
    );
    let s = creds();
    let (_, p, q, _) = one(|c| async move { c.ignore_list(&s).await }).await;
    assert_eq!(
        (p.as_str(), q.as_str()),
        ("/api/v1/ignore", "noAggregation=true")
    );
    let s = creds();
    let (_, p, _, _) = one(|c| async move { c.group(&s, "5").await }).await;
    assert_eq!(p, "/api/v1/group/5");
    let s = creds();
    let (_, p, q, _) = one(|c| async move {
        c.mediaoffers_location(
            &s,
            &MediaOffersQuery {
                location_id: "5".into(),
                location_type: 4001,
                account_id: "1".into(),
                before: String::new(),
                limit: 25,
            },
        )
        .await
    })
    .await;
    assert_eq!(p, "/api/v1/mediaoffers/location");
    assert_eq!(
        q,
        "locationId=5&locationType=4001&accountId=1&mediaType=&before=&after=0&limit=25&offset=0"
    );
    let s = creds();
    let (_, p, q, _) = one(|c| async move {
        c.earnings_transactions_accounts(
            &s,
            &FanTransactionsQuery {
                correlation_account_id: "3".into(),
                after: 0,
                before: 10,
                cursor: "0".into(),
                limit: 100,
            },
        )
        .await
    })
    .await;
    assert_eq!(p, "/api/v1/account/wallets/earnings/transactions/accounts");
    assert_eq!(
        q,
        "correlationAccountId=3&after=0&before=10&cursor=0&limit=100"
    );
    let s = creds();
    let (_, p, q, _) = one(|c| async move { c.account_media(&s, &["1", "2"]).await }).await;
    assert_eq!(
        (p.as_str(), q.as_str()),
        ("/api/v1/account/media", "ids=1,2")
    );
    let s = creds();
    let (_, p, q, _) = one(|c| async move { c.broadcast_stats(&s, Some("8"), 24).await }).await;
    assert_eq!(
        (p.as_str(), q.as_str()),
        ("/api/v1/message/broadcast/stats", "before=8&limit=24")
    );
    let s = creds();
    let (_, p, q, _) = one(|c| async move { c.broadcast_stats_deleted(&s, None, 50).await }).await;
    assert_eq!(
        (p.as_str(), q.as_str()),
        (
            "/api/v1/message/broadcast/stats/deleted",
            "before=0&limit=50"
        )
    );
    let s = creds();
    let (_, p, _, _) = one(|c| async move { c.broadcast_scheduled(&s).await }).await;
    assert_eq!(p, "/api/v1/message/broadcast/scheduled");
    let s = creds();
    let (m, p, _, _) = one(|c| async move { c.automated_messages(&s).await }).await;
    assert_eq!(
        (m.as_str(), p.as_str()),
        ("GET", "/api/v1/message/automated")
    );
}

#[tokio::test]
async fn writes_are_posts_with_their_bodies() {
    let s = creds();
    let (m, p, _, b) =
        one(|c| async move { c.message_send(&s, json!({"content": "x"})).await }).await;
    assert_eq!((m.as_str(), p.as_str()), ("POST", "/api/v1/message"));
    assert_eq!(b, json!({"content": "x"}));

    let cases: Vec<(&str, Value)> = vec![
        ("/api/v1/message/typing", json!({"groupId": "5"})),
        (
            "/api/v1/message/ack",
            json!({"messageIds": ["1"], "type": 2}),
        ),
        ("/api/v1/message/ack/all", json!({"type": 2})),
        (
            "/api/v1/message/delete",
            json!({"messageId": "4", "id": "4"}),
        ),
        ("/api/v1/message/like", json!({"messageId": "4", "type": 3})),
        (
            "/api/v1/message/like/remove",
            json!({"messageId": "4", "type": 3}),
        ),
        (
            "/api/v1/account/ignore",
            json!({"ignoredId": "6", "ignoreFlags": 5}),
        ),
        (
            "/api/v1/groups/users/settings",
            json!({"groupId": "5", "userSettings": {"hidden": true}}),
        ),
        ("/api/v1/message/automated/delete", json!({"id": "12"})),
    ];
    for (i, (path, body)) in cases.into_iter().enumerate() {
        let s = creds();
        let (m, p, _, b) = one(|c| async move {
            match i {
                0 => c.message_typing(&s, "5").await,
                1 => c.message_ack(&s, &["1".to_owned()], 2).await,
                2 => c.message_ack_all(&s, 2).await,
                3 => c.message_delete(&s, "4").await,
                4 => c.message_like(&s, "4", 3).await,
                5 => c.message_like_remove(&s, "4", 3).await,
                6 => c.account_ignore(&s, "6", 5).await,
                7 => {
                    c.group_user_settings(&s, "5", json!({"hidden": true}))
                        .await
                }
                _ => c.automated_message_delete(&s, "12").await,
            }
        })
        .await;
        assert_eq!((m.as_str(), p.as_str()), ("POST", path));
        assert_eq!(b, body, "{path}");
    }

    for (path, which) in [
        ("/api/v1/group", 0),
        ("/api/v1/account/media/bundle", 1),
        ("/api/v1/message/broadcast", 2),
        ("/api/v1/message/broadcast/scheduled/77/edit", 3),
        ("/api/v1/message/automated", 4),
    ] {
        let s = creds();
        let (m, p, _, b) = one(|c| async move {
            let body = json!({"k": which});
            match which {
                0 => c.group_create(&s, body).await,
                1 => c.account_media_bundle_create(&s, body).await,
                2 => c.broadcast_send(&s, body).await,
                3 => c.broadcast_scheduled_edit(&s, "77", body).await,
                _ => c.automated_message_create(&s, body).await,
            }
        })
        .await;
        assert_eq!((m.as_str(), p.as_str()), ("POST", path));
        assert_eq!(b, json!({"k": which}));
    }

    let s = creds();
    let (_, p, _, b) = one(|c| async move {
        c.account_media_create(&s, vec![json!({"mediaId": "1"})])
            .await
    })
    .await;
    assert_eq!(p, "/api/v1/account/media");
    assert_eq!(b, json!([{"mediaId": "1"}]), "an array body");
}

#[tokio::test]
async fn no_ids_means_no_call() {
    let stub = Stub::start(|_| Reply::ok(json!([]))).await;
    let r = stub.client().account_media(&creds(), &[]).await.unwrap();
    assert_eq!(r.response(), &json!([]));
    assert!(stub.requests().is_empty());
}
