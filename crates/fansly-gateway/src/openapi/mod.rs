//! The OpenAPI 3.1 description of every route, written as Rust data next to the code it
//! describes (one catalog file per route family, mirroring `routes/*.rs`), and the two
//! routes that publish it: `GET /openapi.json` and the reference at `GET /docs` (the vendored
//! Scalar renderer, compiled into the binary: `docs_page.rs`). `fansly-gateway openapi` prints the
//! same document; `docs/openapi.json` is a checked-in copy that a test keeps identical.
//! See docs/API-DESIGN.md "OpenAPI document and /docs".

use std::sync::OnceLock;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Map, Value, json};

mod accounts;
mod audience;
pub mod builder;
mod components;
mod content;
pub mod docs_page;
mod gateway;
mod media;
mod messaging;
mod money;
mod schemas;
mod service;
mod webhooks;

#[cfg(test)]
mod tests;

use builder::Op;

/// Errors every keyed route can answer besides those of its scope (`builder::Scope`): the
/// per-key rate limit (429) and monthly credits (402) of `limits::admit`.
pub const GLOBAL_ERRORS: &[u16] = &[402, 429];

/// Tags in display order, with a line each.
const TAGS: &[(&str, &str)] = &[
    (
        "Connect",
        "Connect creator accounts and the sensitive-action OTP.",
    ),
    ("Accounts", "Connected accounts and their Fansly profiles."),
    ("Chats", "Chat lists and chat settings."),
    ("Messages", "Chat messages, groups and likes."),
    ("Mass messaging", "Mass (broadcast) and automated messages."),
    ("Posts", "Posts, walls and scheduled posts."),
    ("Subscribers", "Subscribers, tiers and top supporters."),
    ("Followers", "Followers and following."),
    ("Lists", "User lists."),
    (
        "Earnings and payouts",
        "Earnings (mills), balance and payout methods.",
    ),
    ("Media and vault", "Upload, download and the vault."),
    (
        "Discovery and analytics",
        "Search, discovery, statistics, tracking links, notifications.",
    ),
    ("Webhooks", "Webhook endpoints and deliveries."),
    (
        "Gateway",
        "The key's usage and request log, and account proxies.",
    ),
    (
        "Service",
        "The gateway itself: documentation, health, usage.",
    ),
];

/// Every operation, family by family.
pub fn operations() -> Vec<Op> {
    [
        accounts::operations(),
        audience::operations(),
        messaging::operations(),
        content::operations(),
        money::operations(),
        media::operations(),
        webhooks::operations(),
        gateway::operations(),
        service::operations(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The OpenAPI 3.1 document.
pub fn document() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for op in operations() {
        let method = op.method.to_ascii_lowercase();
        let path = op.path.clone();
        let item = paths.entry(path).or_insert_with(|| json!({}));
        item[method] = op.finish(GLOBAL_ERRORS);
    }
    let tags: Vec<Value> = TAGS
        .iter()
        .map(|(name, d)| json!({"name": name, "description": d}))
        .collect();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "fansly-gateway",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "Self-hostable, ApiFansly-compatible REST gateway for Fansly creator accounts.",
            "description": DESCRIPTION,
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "servers": [{"url": "/", "description": "This gateway"}],
        "security": [{"apiKey": []}],
        "tags": tags,
        "paths": paths,
        "components": components::components(),
    })
}

const DESCRIPTION: &str = "Every route under `/api/fansly` needs an `x-api-key` header. \
Every JSON answer is an envelope: success `{statusCode, message, data, timestamp}`, error \
`{statusCode, message, error, data, timestamp}` (`data` null unless it carries detail). \
Account routes name a connected account `{account_id}` (`fansly_…`): another key's account → \
403, an unknown one → 404, a dead Fansly session → 401 (reconnect); then fields are validated \
(400 naming the field and the rule) before any Fansly call. Proxied answers nest Fansly's reply \
as `data.status_code` + `data.data.{success, response}`; paged routes put the next cursor at \
`data.nextCursor`, `data.data.nextCursor` and (object responses) `response.cursor` / \
`response.nextCursor`, `null` on the last page. Money from Fansly is in mills (1000 = US$1); \
PPV prices sent by clients are dollars. Fansly failures: 400/422 → 400, 403 → 403, 404 → 404, \
401 → 401, 418/429 → 429 with `Retry-After`, 5xx or unreachable → 502, timeout → 504.";

/// The document as `fansly-gateway openapi` prints it (pretty, as checked in).
pub fn document_json() -> String {
    to_pretty(&document())
}

/// The document as served: compact (about a third of the pretty size), built once.
fn served_json() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| serde_json::to_string(&document()).unwrap_or_default())
}

/// The exact text `fansly-gateway openapi` prints and `docs/openapi.json` holds.
pub fn to_pretty(doc: &Value) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `GET /openapi.json` and `GET /docs`, merged at the root; no API key needed.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(docs_page::docs_page))
        .route("/docs/scalar.js", get(docs_page::docs_script))
}

async fn openapi_json() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        served_json(),
    )
        .into_response()
}

pub use docs_page::docs_html;
