//! `GET /docs`: the API reference, rendered in the browser by Scalar (`@scalar/api-reference`),
//! vendored as its pinned standalone release file (`assets/docs/scalar/`, with its licence and
//! version) and served from the binary at `GET /docs/scalar.js`. Nothing is loaded from other
//! hosts: fonts, telemetry, the AI agent and MCP features are turned off, and the CSP allows
//! only this origin. "Try it" calls go from the reader's browser to this same gateway with the
//! key the reader types in; Scalar keeps it in page memory only (`persistAuth: false`), and
//! the gateway has no route that could store it.
//! See docs/API-DESIGN.md "OpenAPI document and /docs".

use std::sync::OnceLock;

use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

/// The vendored renderer: `@scalar/api-reference`'s `dist/browser/standalone.js`, unchanged.
pub const SCALAR_JS: &str = include_str!("../../assets/docs/scalar/standalone.js");
/// `<version>\n<sha256>  standalone.js\n` of the vendored file (`scripts/update-scalar` writes it).
pub const SCALAR_VERSION_FILE: &str = include_str!("../../assets/docs/scalar/VERSION");

/// What the page allows: scripts only from this origin (the renderer; no inline script, no
/// eval), calls only to this origin (`openapi.json` and "try it"), the inline styles the
/// renderer injects, and images/fonts from this origin or `data:`/`blob:` URLs.
pub const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
     worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The renderer's settings (the `data-configuration` attribute).
fn config() -> String {
    json!({
        "url": "openapi.json",
        "withDefaultFonts": false,
        "telemetry": false,
        "persistAuth": false,
        "agent": {"disabled": true},
        "mcp": {"disabled": true},
        "showDeveloperTools": "never",
        "hideClientButton": false,
        "hideTestRequestButton": false,
        "documentDownloadType": "json",
        "defaultHttpClient": {"targetKey": "shell", "clientKey": "curl"},
        "authentication": {"preferredSecurityScheme": "apiKey"},
        "metaData": {"title": "fansly-gateway API reference"},
    })
    .to_string()
}

/// The page: a shell that loads the vendored renderer and points it at `openapi.json`
/// (relative, so it also works behind a path prefix).
pub fn docs_html() -> &'static str {
    static PAGE: OnceLock<String> = OnceLock::new();
    PAGE.get_or_init(|| {
        let attr = config()
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        include_str!("../../assets/docs/index.html").replace("/*CONFIG*/", &attr)
    })
}

pub async fn docs_page() -> Response {
    (
        [
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(DOCS_CSP),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
        ],
        Html(docs_html()),
    )
        .into_response()
}

pub async fn docs_script() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        SCALAR_JS,
    )
        .into_response()
}
