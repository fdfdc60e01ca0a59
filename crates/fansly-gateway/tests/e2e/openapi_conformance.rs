//! Real answers match the OpenAPI document: a connected creator's routes are called against
//! the simulator and each body is checked against the schema the document gives for that
//! method, path and status (envelope, proxied nesting, cursors, field types).

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::TestApp;

/// Checks `v` against `schema` (the subset of JSON Schema the document uses: `$ref`,
/// `allOf`, `anyOf`/`oneOf`, `type`, `enum`, `required`, `properties`, `items`, the digits pattern).
fn check(doc: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = doc
            .pointer(&r[1..])
            .unwrap_or_else(|| panic!("bad $ref {r}"));
        return check(doc, target, v, at, errors);
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            check(doc, s, v, at, errors);
        }
    }
    let alternatives = schema.get("anyOf").or_else(|| schema.get("oneOf"));
    if let Some(any) = alternatives.and_then(Value::as_array) {
        let fits = any.iter().any(|s| {
            let mut e = Vec::new();
            check(doc, s, v, at, &mut e);
            e.is_empty()
        });
        if !fits {
            errors.push(format!("{at}: {v} fits none of {}", json!(any)));
        }
    }
    if let Some(ty) = schema.get("type") {
        let types: Vec<&str> = match ty {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "object" => v.is_object(),
            "array" => v.is_array(),
            "null" => v.is_null(),
            _ => true,
        });
        if !ok {
            errors.push(format!("{at}: {v} is not {ty}"));
            return;
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(v)
    {
        errors.push(format!("{at}: {v} not in {}", json!(values)));
    }
    if schema.get("pattern").and_then(Value::as_str) == Some("^[0-9]{1,20}$")
        && let Some(s) = v.as_str()
        && !((1..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
    {
        errors.push(format!("{at}: `{s}` is not a native id"));
    }
    if let Some(obj) = v.as_object() {
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let k = req.as_str().unwrap();
            if !obj.contains_key(k) {
                errors.push(format!("{at}: missing required `{k}`"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, s) in props {
                if let Some(x) = obj.get(k) {
                    check(doc, s, x, &format!("{at}.{k}"), errors);
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            check(doc, items, x, &format!("{at}[{i}]"), errors);
        }
    }
}

/// The documented JSON schema of `method path` answering `status`.
fn response_schema(doc: &Value, method: &str, path: &str, status: u16) -> Value {
    let op = &doc["paths"][path][method.to_ascii_lowercase()];
    assert!(op.is_object(), "{method} {path} is not documented");
    let mut r = &op["responses"][status.to_string()];
    assert!(
        !r.is_null(),
        "{method} {path}: status {status} is not documented"
    );
    if let Some(reference) = r.get("$ref").and_then(Value::as_str) {
        r = doc.pointer(&reference[1..]).unwrap();
    }
    r["content"]["application/json"]["schema"].clone()
}

/// Sends one request as key A and checks the answer against the documented schema of
/// `template` for the status it got; returns the body.
async fn call(
    app: &TestApp,
    doc: &Value,
    method: Method,
    template: &str,
    path: &str,
    body: Option<Value>,
    errors: &mut Vec<String>,
) -> Value {
    let (status, v, _) = app.send(method.clone(), path, Some(&app.key_a), body).await;
    let full = format!("/api/fansly{template}");
    let schema = response_schema(doc, method.as_str(), &full, status.as_u16());
    check(
        doc,
        &schema,
        &v,
        &format!("{method} {path} {status}"),
        errors,
    );
    v
}

#[tokio::test]
async fn real_answers_match_the_documented_schemas() {
    let mut opts = crate::common::Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    let app = TestApp::spawn_with(opts).await;
    // A generated world, so lists hold rows whose fields are checked too.
    let (a, _) = crate::audience_support::connect_world(&app, "small", 7).await;
    let (_, chats) = app.get(&format!("/{a}/chats"), &app.key_a).await;
    let chat = chats["data"]["data"]["response"]["data"][0]["groupId"]
        .as_str()
        .expect("a chat")
        .to_owned();
    let (_, albums) = app.get(&format!("/{a}/vault/albums"), &app.key_a).await;
    let album = albums["data"]["data"]["response"]["albums"][0]["id"]
        .as_str()
        .expect("an album")
        .to_owned();
    let doc = fansly_gateway::openapi::document();
    // (method, documented path, concrete path, body); `{a}` etc. are filled in below.
    let get = |t: &'static str| (Method::GET, t, None);
    let post = |t: &'static str, b: Value| (Method::POST, t, Some(b));
    let calls: Vec<(Method, &str, Option<Value>)> = vec![
        get("/accounts"),
        get("/{account_id}/me"),
        get("/{account_id}/profile"),
        get("/{account_id}/chats"),
        get("/{account_id}/chats/unread"),
        get("/{account_id}/chats/{chat_id}/messages"),
        get("/{account_id}/chats/{chat_id}/media-stats"),
        get("/{account_id}/subscribers"),
        get("/{account_id}/subscribers/active"),
        get("/{account_id}/top-supporters"),
        get("/{account_id}/subscriptions/tiers"),
        get("/{account_id}/subscriptions/discounts"),
        get("/{account_id}/followers"),
        get("/{account_id}/following"),
        get("/{account_id}/lists"),
        post("/{account_id}/lists", json!({"label": "VIPs"})),
        get("/{account_id}/posts"),
        post("/{account_id}/posts", json!({"content": "hello"})),
        get("/{account_id}/posts/walls"),
        get("/{account_id}/posts/scheduled"),
        get("/{account_id}/earnings"),
        get("/{account_id}/earnings/statistics"),
        get("/{account_id}/earnings/monthly"),
        get("/{account_id}/earnings/transactions"),
        get("/{account_id}/balance"),
        get("/{account_id}/payouts/methods"),
        get("/{account_id}/payouts/requests"),
        get("/{account_id}/vault/albums"),
        get("/{account_id}/vault/albums/{album_id}/media"),
        get("/{account_id}/tracking-links"),
        get("/{account_id}/notifications"),
        get("/{account_id}/analytics/profilestats"),
        get("/{account_id}/mass-messaging/scheduled"),
        get("/{account_id}/mass-messaging/stats/sent"),
        get("/{account_id}/automated-messages"),
        post(
            "/webhooks",
            json!({"url": "http://127.0.0.1:9/hook", "events": ["messages.received"]}),
        ),
        get("/webhooks"),
        get("/usage"),
        get("/logs"),
        get("/accounts/{account_id}/proxy"),
        // Documented errors: bad input, and a send without content or media.
        post("/{account_id}/chats/{chat_id}/messages", json!({})),
        post("/{account_id}/lists", json!({"label": 5})),
    ];
    let fill = |t: &str| {
        t.replace("{account_id}", &a)
            .replace("{chat_id}", &chat)
            .replace("{album_id}", &album)
    };
    let mut calls: Vec<(Method, &str, String, Option<Value>)> = calls
        .into_iter()
        .map(|(m, t, b)| (m, t, fill(t), b))
        .collect();
    calls.push((
        Method::GET,
        "/{account_id}/subscribers",
        format!("/{a}/subscribers?limit=0"),
        None,
    ));
    calls.push((
        Method::GET,
        "/{account_id}/chats",
        "/fansly_nobody/chats".into(),
        None,
    ));
    let mut errors = Vec::new();
    for (method, template, path, body) in calls {
        call(&app, &doc, method, template, &path, body, &mut errors).await;
    }
    // Writes, and routes that need an id from an earlier answer.
    macro_rules! call {
        ($m:ident, $t:expr, $p:expr) => {
            call(&app, &doc, Method::$m, $t, &$p, None, &mut errors).await
        };
        ($m:ident, $t:expr, $p:expr, $b:expr) => {
            call(&app, &doc, Method::$m, $t, &$p, Some($b), &mut errors).await
        };
    }
    let msg = json!({"content": "hi"});
    let sent = call!(
        POST,
        "/{account_id}/chats/{chat_id}/messages",
        format!("/{a}/chats/{chat}/messages"),
        msg
    );
    assert_eq!(sent["statusCode"], 201, "{sent}");
    let audience = json!({"content": "hi all", "includeFollowers": true});
    call!(
        POST,
        "/{account_id}/mass-messaging",
        format!("/{a}/mass-messaging"),
        audience
    );
    let mass = json!({"content": "hello"});
    call!(
        POST,
        "/{account_id}/messages/mass",
        format!("/{a}/messages/mass"),
        mass
    );
    let search = format!("/{a}/discover/search/accounts?query=a");
    call!(GET, "/{account_id}/discover/search/accounts", search);
    let job = "/media/upload/upl_000000000000000000000000/status";
    call!(GET, "/media/upload/{job_id}/status", job);
    let links = call!(
        GET,
        "/{account_id}/tracking-links",
        format!("/{a}/tracking-links")
    );
    let link = links["data"]["data"]["response"][0]["id"]
        .as_str()
        .expect("a link");
    let stats = format!("/{a}/tracking-links/{link}/stats");
    call!(GET, "/{account_id}/tracking-links/{link_id}/stats", stats);
    let hook =
        json!({"url": "http://127.0.0.1:9/h", "events": ["tips.received"], "accountIds": [a]});
    let created = call!(POST, "/webhooks", "/webhooks", hook);
    let at = format!(
        "/webhooks/{}",
        created["data"]["id"].as_str().expect("webhook id")
    );
    call!(GET, "/webhooks/{id}", at);
    call!(PATCH, "/webhooks/{id}", at, json!({"description": "d"}));
    let test = call!(POST, "/webhooks/{id}/test", format!("{at}/test"));
    let delivery = test["data"]["deliveryId"].as_str().expect("delivery id");
    call!(GET, "/webhooks/{id}/deliveries", format!("{at}/deliveries"));
    let again = format!("{at}/deliveries/{delivery}/redeliver");
    call!(
        POST,
        "/webhooks/{id}/deliveries/{delivery_id}/redeliver",
        again
    );
    call!(
        POST,
        "/webhooks/{id}/rotate-secret",
        format!("{at}/rotate-secret")
    );
    call!(DELETE, "/webhooks/{id}", at);
    call!(GET, "/webhooks/{id}", at);
    // Another key's account is a documented 403.
    let (status, v, _) = app
        .send(Method::GET, &format!("/{a}/chats"), Some(&app.key_b), None)
        .await;
    assert_eq!(status.as_u16(), 403);
    let schema = response_schema(&doc, "GET", "/api/fansly/{account_id}/chats", 403);
    check(&doc, &schema, &v, "GET chats as key B", &mut errors);
    // One line per mismatch kind, not per row.
    let mut errors: Vec<String> = errors
        .iter()
        .map(|e| {
            let mut out = String::new();
            let mut skip = false;
            for c in e.chars() {
                match c {
                    '[' => {
                        skip = true;
                        out.push('[');
                    }
                    ']' => {
                        skip = false;
                        out.push(']');
                    }
                    c if skip && c.is_ascii_digit() => {}
                    c => out.push(c),
                }
            }
            out
        })
        .collect();
    errors.sort();
    errors.dedup();
    assert!(
        errors.is_empty(),
        "answers that do not match the document: {errors:#?}"
    );
}

#[test]
fn the_checker_finds_mismatches() {
    let doc = fansly_gateway::openapi::document();
    let schema = response_schema(&doc, "GET", "/api/fansly/accounts", 200);
    let mut errors = Vec::new();
    let wrong = json!({"statusCode": "200", "message": "Success", "timestamp": "x",
        "data": {"success": true, "count": 1, "accounts": [{"accountId": 5}]}});
    check(&doc, &schema, &wrong, "wrong", &mut errors);
    assert!(
        errors.iter().any(|e| e.contains("statusCode")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains("accountId")), "{errors:?}");
    let mut errors = Vec::new();
    check(
        &doc,
        &schema,
        &json!({"statusCode": 200}),
        "partial",
        &mut errors,
    );
    assert!(
        errors.iter().any(|e| e.contains("missing required `data`")),
        "{errors:?}"
    );
}
