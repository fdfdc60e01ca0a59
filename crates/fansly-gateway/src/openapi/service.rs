//! Catalog: the gateway's own routes at the root — probes and metrics (`observe/health.rs`),
//! this document and its reference page (`openapi/mod.rs`).

use serde_json::json;

use super::builder::{Op, obj, op};

const SERVICE: &str = "Service";

pub fn operations() -> Vec<Op> {
    vec![
        op("GET", "/healthz", "healthz", "Liveness probe")
            .tag(SERVICE)
            .root()
            .public()
            .ok(200, "The process answers", obj("status:s(alive)")),
        op("GET", "/readyz", "readyz", "Readiness probe")
            .tag(SERVICE)
            .root()
            .public()
            .desc("200 when the database answers and holds every migration this binary embeds; otherwise 503 naming the failed check.")
            .errs(&[503])
            .ok(200, "Ready", obj("status:s(ready) database:s migrations:s")),
        op("GET", "/metrics", "metrics", "Prometheus metrics")
            .tag(SERVICE)
            .root()
            .public()
            .desc("Prometheus text format 0.0.4. When a metrics token is configured it needs `Authorization: Bearer <token>` (else 401); the API key is not used.")
            .errs(&[401])
            .ok_raw(200, "Metrics", "text/plain", json!({"type": "string"})),
        op("GET", "/openapi.json", "openapi", "This OpenAPI 3.1 document")
            .tag(SERVICE)
            .root()
            .public()
            .ok_raw(200, "The document", "application/json", json!({"type": "object"})),
        op("GET", "/docs", "docs", "The API reference page")
            .tag(SERVICE)
            .root()
            .public()
            .desc("The interactive reference of `/openapi.json` (search, examples, code samples, \"try it\" against this gateway with a key typed in the page, kept in the page only), rendered by the vendored Scalar API reference served from `/docs/scalar.js`; nothing is loaded from other hosts.")
            .ok_raw(200, "HTML", "text/html", json!({"type": "string"})),
        op("GET", "/docs/scalar.js", "docsScript", "The API reference's renderer")
            .tag(SERVICE)
            .root()
            .public()
            .desc("The vendored `@scalar/api-reference` standalone bundle (version in `assets/docs/scalar/VERSION`, MIT licence in `assets/docs/scalar/LICENSE`).")
            .ok_raw(200, "JavaScript", "text/javascript", json!({"type": "string"})),
    ]
}
