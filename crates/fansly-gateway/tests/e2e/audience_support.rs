//! Helpers for the audience route tests (subscribers, tiers, followers, lists): every audience
//! route as a table, a page walker, and assertions on the cursor places and on validation
//! errors that must not reach Fansly.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::TestApp;

/// One audience route, as `(method, path after /{a}, body)`.
pub struct RouteCase {
    pub method: Method,
    pub path: &'static str,
    pub body: Option<Value>,
}

/// Every audience route, with valid parameters.
pub fn every_route() -> Vec<RouteCase> {
    let get = |path| RouteCase {
        method: Method::GET,
        path,
        body: None,
    };
    let member = json!({"userId": "1", "listId": "2"});
    vec![
        get("/subscribers?status=all"),
        get("/subscribers/active"),
        get("/subscribers/expired"),
        get("/top-supporters"),
        get("/subscriptions/tiers"),
        get("/subscriptions/discounts"),
        get("/followers"),
        get("/following"),
        RouteCase {
            method: Method::POST,
            path: "/follow/1",
            body: None,
        },
        RouteCase {
            method: Method::POST,
            path: "/unfollow/1",
            body: None,
        },
        RouteCase {
            method: Method::POST,
            path: "/lists/users",
            body: Some(member.clone()),
        },
        RouteCase {
            method: Method::DELETE,
            path: "/lists/users",
            body: Some(member),
        },
        get("/lists"),
        get("/lists/2/items"),
    ]
}

/// Calls `/{account}{path}` with `key`.
pub async fn call(
    app: &TestApp,
    method: Method,
    account: &str,
    path: &str,
    key: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let (s, v, _) = app
        .send(method, &format!("/{account}{path}"), Some(key), body)
        .await;
    (s, v)
}

/// The next cursor of a paged answer, after checking it sits in every place clients read it
/// (`data.nextCursor`, `data.data.nextCursor`, `response.cursor`, `response.nextCursor`).
pub fn next_cursor(body: &Value) -> Option<String> {
    let data = &body["data"];
    let c = &data["nextCursor"];
    assert!(c.is_string() || c.is_null(), "nextCursor: {body}");
    assert_eq!(
        &data["data"]["nextCursor"], c,
        "data.data.nextCursor: {body}"
    );
    let response = &data["data"]["response"];
    if response.is_object() {
        assert_eq!(&response["cursor"], c, "response.cursor: {body}");
        assert_eq!(&response["nextCursor"], c, "response.nextCursor: {body}");
    }
    c.as_str().map(str::to_owned)
}

/// Walks every page of `GET /{account}{path}` (which must already carry a `?`), following
/// `cursor`, and returns every item of `response[items_key]` in order. Fails if the walk does
/// not end within `max_pages`.
pub async fn walk(
    app: &TestApp,
    account: &str,
    path: &str,
    items_key: &str,
    max_pages: usize,
) -> Vec<Value> {
    walk_from(app, account, path, items_key, None, max_pages).await
}

/// As [`walk`], starting at `cursor`.
pub async fn walk_from(
    app: &TestApp,
    account: &str,
    path: &str,
    items_key: &str,
    mut cursor: Option<String>,
    max_pages: usize,
) -> Vec<Value> {
    let mut all = Vec::new();
    for _ in 0..max_pages {
        let url = match &cursor {
            Some(c) => format!("/{account}{path}&cursor={c}"),
            None => format!("/{account}{path}"),
        };
        let (status, body) = app.get(&url, &app.key_a).await;
        assert_eq!(status, StatusCode::OK, "{url}: {body}");
        assert_eq!(body["data"]["status_code"], 200, "{body}");
        assert_eq!(body["data"]["data"]["success"], true, "{body}");
        let items = body["data"]["data"]["response"][items_key]
            .as_array()
            .unwrap_or_else(|| panic!("response.{items_key}: {body}"));
        all.extend(items.iter().cloned());
        match next_cursor(&body) {
            Some(next) => {
                assert!(
                    !items.is_empty(),
                    "a next cursor after an empty page: {body}"
                );
                assert_ne!(cursor.as_deref(), Some(next.as_str()), "cursor repeats");
                cursor = Some(next);
            }
            None => return all,
        }
    }
    panic!("{path}: no last page within {max_pages} pages");
}

/// Asserts a 400 whose message names `field`, and that Fansly saw no request for it.
pub async fn assert_rejected(
    app: &TestApp,
    method: Method,
    account: &str,
    path: &str,
    body: Option<Value>,
    field: &str,
) {
    app.sim.clear_requests();
    let (status, res) = call(app, method.clone(), account, path, &app.key_a, body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{method} {path}: {res}");
    let message = res["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(field),
        "{method} {path}: message should name `{field}`: {message}"
    );
    let native: Vec<_> = app
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/"))
        .collect();
    assert!(
        native.is_empty(),
        "{method} {path}: a rejected request reached Fansly: {native:?}"
    );
}

/// The `id`s of `items` (strings).
pub fn ids(items: &[Value], key: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            i[key]
                .as_str()
                .unwrap_or_else(|| panic!("{key}: {i}"))
                .to_owned()
        })
        .collect()
}

/// Asserts every id in `ids` is distinct.
pub fn assert_distinct(ids: &[String], what: &str) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "{what}: an item came back twice");
}

/// Native requests to `path` as `(query)` strings, in order.
pub fn native_queries(app: &TestApp, path: &str) -> Vec<String> {
    app.sim
        .requests()
        .into_iter()
        .filter(|r| r.path == path)
        .map(|r| r.query)
        .collect()
}

/// The value of `name` in a raw query string.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A generated world (`small` or `large`) whose creator is connected under `key_a`:
/// `(gateway account id, summary)`.
pub async fn connect_world(
    app: &TestApp,
    name: &str,
    seed: u64,
) -> (String, fansly_sim::WorldSummary) {
    let summary = app.sim.seed_world(name, seed).expect("world");
    let (status, body) = app
        .post(
            "/connect",
            &app.key_a,
            crate::common::connect_body(&summary.creator_username, &summary.creator_password),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let account = body["data"]["account_id"]
        .as_str()
        .expect("account_id")
        .to_owned();
    (account, summary)
}

/// A fan with the default password; returns its native id.
pub fn fan(app: &TestApp, username: &str) -> String {
    app.sim
        .create_fan(fansly_sim::NewFan {
            username: username.to_owned(),
            ..Default::default()
        })
        .expect("fan")
        .id
}

/// A native call made directly to the simulator as `account_id` (a fresh session), for
/// comparing the gateway's answer with Fansly's own.
pub async fn native(
    app: &TestApp,
    account_id: &str,
    method: Method,
    path_and_query: &str,
    body: Option<Value>,
) -> Value {
    let (_, token) = app.sim.login_as(account_id).expect("session");
    let mut req = app
        .http
        .request(method, format!("{}/api/v1{path_and_query}", app.sim_url))
        .header("authorization", token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("native request");
    let status = res.status();
    let v: Value = res.json().await.expect("native JSON");
    assert!(status.is_success(), "native {path_and_query}: {status} {v}");
    v
}

/// A POST without a body, with `key_a`.
pub async fn post0(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let (s, v, _) = app.send(Method::POST, path, Some(&app.key_a), None).await;
    (s, v)
}
