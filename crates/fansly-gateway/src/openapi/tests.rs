//! The document is kept true: it matches the checked-in `docs/openapi.json`, it is
//! structurally sound (3.1, unique operation ids, every `$ref` resolves, every path
//! parameter declared), and every `.route(` registration in the source is in it. (The other
//! direction — every documented operation reaches a handler — is the e2e test
//! `tests/e2e/openapi.rs`.)

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::builder::{API_PREFIX, obj, path_params, t};
use super::{document, to_pretty};

const METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn checked_in_openapi_json_is_current() {
    let path = crate_dir().join("../../docs/openapi.json");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = to_pretty(&document());
    if on_disk != generated {
        let line = on_disk
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the end".to_owned(), |n| format!("line {}", n + 1));
        panic!(
            "docs/openapi.json is out of date with the code (first difference at {line}); \
             regenerate it with `cargo run -- openapi > docs/openapi.json`"
        );
    }
}

/// Every `(method, path)` of the document.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in METHODS {
            if item.get(*m).is_some() {
                out.insert((m.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|x| refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn document_is_structurally_sound() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1."));
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let mut all = Vec::new();
    refs(&doc, &mut all);
    for r in &all {
        assert!(resolve(&doc, r).is_some(), "unresolved $ref {r}");
    }
    let tags: HashSet<&str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let mut ids = HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        assert!(path.starts_with('/'), "{path}");
        for m in METHODS {
            let Some(op) = item.get(*m) else { continue };
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{m} {path}: no operationId"));
            assert!(ids.insert(id.to_owned()), "duplicate operationId {id}");
            assert!(op["summary"].is_string(), "{id}: no summary");
            let tag = op["tags"][0]
                .as_str()
                .unwrap_or_else(|| panic!("{id}: no tag"));
            assert!(tags.contains(tag), "{id}: undeclared tag {tag}");
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|c| c.starts_with('2')),
                "{id}: no success response"
            );
            // Every JSON error is the error envelope.
            for (code, r) in responses {
                let r = r
                    .get("$ref")
                    .and_then(|x| resolve(&doc, x.as_str().unwrap()))
                    .unwrap_or(r);
                if code.starts_with('4') || code.starts_with('5') {
                    assert_eq!(
                        r["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorEnvelope",
                        "{id} {code}"
                    );
                }
            }
            // Path parameters: exactly those of the template, each declared once.
            let declared: Vec<String> = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            p.get("$ref")
                                .and_then(|x| resolve(&doc, x.as_str().unwrap()))
                                .unwrap_or(p)
                        })
                        .filter(|p| p["in"] == "path")
                        .map(|p| p["name"].as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(declared, path_params(path), "{id}: path parameters");
            let secured = op
                .get("security")
                .is_none_or(|s| s.as_array().is_some_and(|a| !a.is_empty()));
            if path.starts_with(API_PREFIX) {
                assert!(secured, "{id}: a resource route needs the API key");
                assert!(responses.contains_key("401"), "{id}: no 401");
            }
        }
    }
    assert!(ids.len() >= 100, "only {} operations", ids.len());
}

/// `(method, path)` pairs of `.route("…", get(…).post(…))` registrations in `text`.
pub fn scan_routes(text: &str) -> Vec<(String, String)> {
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let Some(open) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(close) = open.find('"') else { break };
        let path = open[..close].to_owned();
        // The method router: up to the `)` closing `.route(`.
        let after = &open[close + 1..];
        let mut depth = 1;
        let end = after
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(after.len(), |(i, _)| i);
        let methods = &after[..end];
        for m in METHODS {
            let needle = format!("{m}(");
            let found = methods.match_indices(&needle).any(|(i, _)| {
                i == 0 || !methods[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if found {
                out.push((m.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_registered_route_is_documented() {
    let src = crate_dir().join("src");
    let documented = documented(&document());
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut missing = Vec::new();
    let mut seen = 0;
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap();
        // Routers under `routes/` and `webhooks/` are nested at /api/fansly; others
        // (documentation, health, metrics) at the root.
        // The web console's HTML pages (docs/CONSOLE.md) are not part of the JSON API.
        if rel.starts_with("openapi/") || rel.starts_with("console/") {
            continue;
        }
        let nested = rel.starts_with("routes/") || rel.starts_with("webhooks/");
        for (method, path) in scan_routes(&text) {
            seen += 1;
            let full = if nested {
                format!("{API_PREFIX}{path}")
            } else {
                path.clone()
            };
            let root_or_nested = documented.contains(&(method.clone(), full.clone()))
                || (!nested
                    && documented.contains(&(method.clone(), format!("{API_PREFIX}{path}"))));
            if !root_or_nested {
                missing.push(format!("{method} {full} ({rel})"));
            }
        }
    }
    assert!(seen >= 100, "the scan found only {seen} registrations");
    assert!(
        missing.is_empty(),
        "routes missing from the OpenAPI document (add them to src/openapi/): {missing:#?}"
    );
}

#[test]
fn the_scanner_reads_chained_and_multiline_registrations() {
    let src = r#"
        Router::new()
            .route("/a/{id}", get(show).patch(update).put(update).delete(remove))
            .route(
                "/b",
                post(upload).layer(DefaultBodyLimit::disable()),
            )
            .route("/c", get(target_list))
    "#;
    let got = scan_routes(src);
    let want: Vec<(String, String)> = [
        ("GET", "/a/{id}"),
        ("PUT", "/a/{id}"),
        ("PATCH", "/a/{id}"),
        ("DELETE", "/a/{id}"),
        ("POST", "/b"),
        ("GET", "/c"),
    ]
    .iter()
    .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
    .collect();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted = want;
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted);
}

#[test]
fn docs_page_is_self_contained() {
    let html = super::docs_html();
    assert!(!html.contains("/*CONFIG*/"));
    for bad in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "url(http",
        "@import",
    ] {
        assert!(
            !html.contains(bad),
            "the docs page loads something external: {bad}"
        );
    }
    // The vendored renderer, pointed at this gateway's document, with everything that would
    // reach another host or keep the reader's key turned off.
    assert!(html.contains(r#"<script src="docs/scalar.js"></script>"#));
    assert!(html.contains(r#"data-url="openapi.json""#));
    for setting in [
        "&quot;telemetry&quot;:false",
        "&quot;withDefaultFonts&quot;:false",
        "&quot;persistAuth&quot;:false",
        "&quot;agent&quot;:{&quot;disabled&quot;:true}",
    ] {
        assert!(html.contains(setting), "missing {setting}");
    }
    // No inline script for the CSP to allow.
    assert_eq!(html.matches("<script").count(), 2);
    assert!(!super::docs_page::DOCS_CSP.contains("unsafe-eval"));
}

#[test]
fn vendored_renderer_matches_its_recorded_version() {
    use sha2::{Digest as _, Sha256};
    let mut lines = super::docs_page::SCALAR_VERSION_FILE.lines();
    let version = lines.next().unwrap();
    assert!(
        version.split('.').all(|p| p.parse::<u32>().is_ok()),
        "{version}"
    );
    let recorded = lines.next().unwrap().split_whitespace().next().unwrap();
    let actual = hex::encode(Sha256::digest(super::docs_page::SCALAR_JS.as_bytes()));
    assert_eq!(
        actual, recorded,
        "assets/docs/scalar/standalone.js differs from the release recorded in VERSION: \
         update it only with scripts/update-scalar"
    );
    let licence = include_str!("../../assets/docs/scalar/LICENSE");
    assert!(licence.contains("MIT License") && licence.contains(version));
}

#[test]
fn notation_builds_schemas() {
    assert_eq!(t("[id]")["items"]["pattern"], "^[0-9]{1,20}$");
    assert_eq!(t("s?")["type"], json!(["string", "null"]));
    assert_eq!(t("Message")["$ref"], "#/components/schemas/Message");
    assert_eq!(t("s(a|b)")["enum"], json!(["a", "b"]));
    let o = obj("id*:id tags:[s]");
    assert_eq!(o["required"], json!(["id"]));
    assert_eq!(o["properties"]["tags"]["items"]["type"], "string");
    assert_eq!(
        path_params("/api/fansly/{account_id}/chats/{chat_id}"),
        ["account_id", "chat_id"]
    );
}

/// Issue 11 item 6: the document states the query and body rules every route shares.
#[test]
fn shared_request_rules_are_stated() {
    let doc = document();
    let resolve = |p: &Value| -> Value {
        match p.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.trim_start_matches("#/components/parameters/");
                doc["components"]["parameters"][name].clone()
            }
            None => p.clone(),
        }
    };
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let at = format!("{method} {path}");
            for p in op["parameters"].as_array().into_iter().flatten() {
                let p = resolve(p);
                if p["in"] != "query" {
                    continue;
                }
                checked += 1;
                let name = p["name"].as_str().unwrap();
                if p["required"] == true {
                    let s = &p["schema"];
                    if s["type"] == "string" {
                        assert!(
                            s["minLength"] == 1 || s.get("pattern").is_some(),
                            "{at} {name}"
                        );
                    }
                } else {
                    // An empty value counts as absent (http::query).
                    assert_eq!(p["allowEmptyValue"], true, "{at} {name}");
                }
                if name == "limit" {
                    assert_eq!(p["schema"]["minimum"], 1, "{at}");
                }
                if name == "cursor" {
                    assert!(p["schema"]["pattern"].is_string(), "{at}");
                }
            }
            if let Some(body) = op.get("requestBody") {
                let schema = &body["content"]["application/json"]["schema"];
                let has_required = schema["required"].as_array().is_some_and(|r| !r.is_empty());
                if has_required {
                    assert_eq!(body["required"], true, "{at}: a body with required fields");
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} query parameters seen");
}
