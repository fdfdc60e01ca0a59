//! Lists: add (LI1), remove (LI2), the lists (LI3) and a list's items (LI4).

use fansly_sim::TwofaMode;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::audience_support::{
    assert_distinct, assert_rejected, connect_world, fan, ids, native, native_queries, next_cursor,
    query_value, walk,
};
use crate::common::TestApp;

const ITEMS: &str = "/api/v1/lists/itemsnew";

/// A new list of `owner` (native `POST /lists`), returning its id.
async fn new_list(app: &TestApp, owner: &str, label: &str) -> String {
    let v = native(
        app,
        owner,
        Method::POST,
        "/lists",
        Some(json!({ "label": label })),
    )
    .await;
    v["response"]["id"].as_str().expect("list id").to_owned()
}

fn lists_of(body: &Value) -> Vec<Value> {
    body["data"]["data"]["response"]["lists"]
        .as_array()
        .unwrap_or_else(|| panic!("response.lists: {body}"))
        .clone()
}

#[tokio::test]
async fn lists_are_normalised_sorted_and_their_items_carry_account_ids() {
    let app = TestApp::spawn().await;
    let (acct, summary) = connect_world(&app, "small", 4).await;

    let (status, body) = app.get(&format!("/{acct}/lists"), &app.key_a).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(next_cursor(&body), None, "lists are one page");
    let lists = lists_of(&body);
    assert_eq!(lists.len(), summary.lists);
    let pos: Vec<i64> = lists.iter().map(|l| l["pos"].as_i64().unwrap()).collect();
    assert!(
        pos.windows(2).all(|w| w[0] <= w[1]),
        "sorted by pos: {pos:?}"
    );
    let own = native(
        &app,
        &summary.creator_id,
        Method::GET,
        "/lists/account?itemId=",
        None,
    )
    .await;
    let mut want = own["response"].as_array().unwrap().clone();
    want.sort_by_key(|l| l["pos"].as_i64().unwrap());
    assert_eq!(lists, want, "Fansly's lists, normalised into {{lists}}");
    let q = native_queries(&app, "/api/v1/lists/account");
    assert_eq!(query_value(&q[0], "itemId").as_deref(), Some(""));

    for list in &lists {
        let id = list["id"].as_str().unwrap();
        let (status, body) = app
            .get(&format!("/{acct}/lists/{id}/items"), &app.key_a)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let items = body["data"]["data"]["response"]["items"]
            .as_array()
            .unwrap();
        assert_eq!(
            items.len() as u64,
            list["itemCount"].as_u64().unwrap(),
            "{list}"
        );
        for item in items {
            assert_eq!(item["accountId"], item["id"], "{item}");
            assert_eq!(item["listId"], id);
            assert!(item["sortId"].is_string(), "{item}");
        }
        assert_eq!(next_cursor(&body), None);
    }
}

#[tokio::test]
async fn list_items_of_the_large_world_page_by_sort_id() {
    let app = TestApp::spawn().await;
    let (acct, _) = connect_world(&app, "large", 9).await;
    let (_, body) = app.get(&format!("/{acct}/lists"), &app.key_a).await;
    let lists = lists_of(&body);
    let big = lists
        .iter()
        .find(|l| l["itemCount"].as_u64().unwrap() > 100)
        .expect("a list longer than two pages");
    let list_id = big["id"].as_str().unwrap();

    app.sim.clear_requests();
    let items = walk(
        &app,
        &acct,
        &format!("/lists/{list_id}/items?"),
        "items",
        20,
    )
    .await;
    assert_eq!(items.len() as u64, big["itemCount"].as_u64().unwrap());
    let members = ids(&items, "accountId");
    assert_distinct(&members, "list members");
    assert_eq!(members, ids(&items, "id"));
    let sort_ids = ids(&items, "sortId");
    assert!(
        sort_ids
            .windows(2)
            .all(|w| (w[0].len(), &w[0]) < (w[1].len(), &w[1])),
        "in sortId order, as Fansly sends them"
    );

    let q = native_queries(&app, ITEMS);
    assert_eq!(q.len(), items.len() / 50 + 1);
    assert_eq!(
        query_value(&q[0], "after"),
        None,
        "no after on the first page"
    );
    for (i, query) in q.iter().enumerate() {
        assert_eq!(query_value(query, "listId").as_deref(), Some(list_id));
        assert_eq!(query_value(query, "limit").as_deref(), Some("50"));
        assert_eq!(query_value(query, "sortMode").as_deref(), Some("3"));
        if i > 0 {
            let last = &items[i * 50 - 1];
            assert_eq!(
                query_value(query, "after").as_deref(),
                last["sortId"].as_str()
            );
        }
    }
}

#[tokio::test]
async fn adding_and_removing_members_is_idempotent() {
    let app = TestApp::spawn().await;
    let creator = app.creator("curator", TwofaMode::None);
    let acct = app.connect(&app.key_a, "curator").await;
    let vip = new_list(&app, &creator.id, "VIP").await;
    let other = new_list(&app, &creator.id, "Other").await;
    let f1 = fan(&app, "member_one");
    let f2 = fan(&app, "member_two");
    let path = format!("/{acct}/lists/users");

    for body in [
        json!({"userId": f1, "listId": vip}),
        json!({"userId": f1, "listId": vip}),
        // Ids may also come as JSON numbers.
        json!({"userId": f2.parse::<u64>().unwrap(), "listId": vip.parse::<u64>().unwrap()}),
    ] {
        let (status, res) = app.post(&path, &app.key_a, body).await;
        assert_eq!(status, StatusCode::OK, "{res}");
        assert_eq!(res["data"]["status_code"], 200);
        assert_eq!(res["data"]["data"]["success"], true);
    }
    let items = walk(&app, &acct, &format!("/lists/{vip}/items?"), "items", 3).await;
    let mut members = ids(&items, "accountId");
    members.sort();
    let mut want = vec![f1.clone(), f2.clone()];
    want.sort();
    assert_eq!(members, want);
    let (_, body) = app.get(&format!("/{acct}/lists"), &app.key_a).await;
    let counts: Vec<(String, u64)> = lists_of(&body)
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_owned(),
                l["itemCount"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(counts.contains(&(vip.clone(), 2)), "{counts:?}");
    assert!(counts.contains(&(other.clone(), 0)), "{counts:?}");

    // Remove twice: both 200, and only that member leaves.
    for _ in 0..2 {
        let (status, res, _) = app
            .send(
                Method::DELETE,
                &path,
                Some(&app.key_a),
                Some(json!({"userId": f1, "listId": vip})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{res}");
    }
    // Removing someone who never was a member is fine too.
    let (status, _, _) = app
        .send(
            Method::DELETE,
            &path,
            Some(&app.key_a),
            Some(json!({"userId": f1, "listId": other})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let items = walk(&app, &acct, &format!("/lists/{vip}/items?"), "items", 3).await;
    assert_eq!(ids(&items, "accountId"), [f2.as_str()]);

    // An unknown list is Fansly's 404.
    let (status, res) = app
        .post(
            &path,
            &app.key_a,
            json!({"userId": f1, "listId": "123456789"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{res}");
    let (status, _) = app
        .get(&format!("/{acct}/lists/123456789/items"), &app.key_a)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn list_parameters_and_bodies_are_validated_before_any_fansly_call() {
    let app = TestApp::spawn().await;
    app.creator("strict", TwofaMode::None);
    let acct = app.connect(&app.key_a, "strict").await;
    for method in [Method::POST, Method::DELETE] {
        for (body, field) in [
            (None, "userId, listId"),
            (Some(json!({})), "userId, listId"),
            (Some(json!({"userId": "1"})), "listId"),
            (Some(json!({"listId": "1"})), "userId"),
            (Some(json!({"userId": "", "listId": "2"})), "userId"),
            (Some(json!({"userId": "abc", "listId": "2"})), "userId"),
            (Some(json!({"userId": "1", "listId": "x-2"})), "listId"),
            (Some(json!({"userId": true, "listId": "2"})), "userId"),
            (Some(json!({"userId": "1", "listId": 2.5})), "listId"),
        ] {
            assert_rejected(&app, method.clone(), &acct, "/lists/users", body, field).await;
        }
    }
    for (path, field) in [
        ("/lists/abc/items", "listId"),
        ("/lists/12/items?cursor=abc", "cursor"),
        ("/lists/12/items?cursor=-1", "cursor"),
        ("/lists?cursor=not-a-sort-id", "cursor"),
    ] {
        assert_rejected(&app, Method::GET, &acct, path, None, field).await;
    }
    // A JSON body on DELETE needs its content type, like any other body.
    let res = app
        .http
        .delete(format!("{}/{acct}/lists/users", app.base))
        .header("x-api-key", &app.key_a)
        .body(r#"{"userId":"1","listId":"2"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn a_created_list_shows_in_the_lists_and_takes_members() {
    let app = TestApp::spawn().await;
    let (acct, summary) = connect_world(&app, "small", 5).await;

    let (status, body) = app
        .post(
            &format!("/{acct}/lists"),
            &app.key_a,
            json!({"label": "  Big spenders "}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list = &body["data"]["data"]["response"];
    assert_eq!(list["label"], "Big spenders");
    let list_id = list["id"].as_str().expect("list id").to_owned();
    assert_eq!(app.sim_requests("/api/v1/lists").await.len(), 1);

    let (_, body) = app.get(&format!("/{acct}/lists"), &app.key_a).await;
    let lists = lists_of(&body);
    assert_eq!(lists.len(), summary.lists + 1);
    assert!(lists.iter().any(|l| l["id"] == list_id.as_str()));

    let member = fan(&app, "spender");
    let (status, body) = app
        .post(
            &format!("/{acct}/lists/users"),
            &app.key_a,
            json!({"userId": member, "listId": list_id}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    for (req, field) in [
        (json!({}), "label"),
        (json!({"label": " "}), "label"),
        (
            json!({"label": "x".repeat(101)}),
            "label must be at most 100",
        ),
        (json!({"label": 7}), "`label`"),
    ] {
        assert_rejected(&app, Method::POST, &acct, "/lists", Some(req), field).await;
    }
    let (status, _) = app
        .post(
            &format!("/{acct}/lists"),
            &app.key_b,
            json!({"label": "theirs"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
