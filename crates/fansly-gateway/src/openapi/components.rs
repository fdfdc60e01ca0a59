//! Reusable parts of the document: error responses, parameters, headers and the security
//! scheme (schemas are in `schemas.rs`).

use serde_json::{Map, Value, json};

use super::builder::t;

/// `(status, reason, example message, when)` of every error the gateway answers.
const ERRORS: &[(u16, &str, &str, &str)] = &[
    (
        400,
        "Bad Request",
        "limit must be a positive integer (got `0`); values above 100 are clamped to 100",
        "A field or query value breaks its rule (the message names the field and the rule), or Fansly rejected the request (`Fansly rejected the request: <details>`).",
    ),
    (
        401,
        "Unauthorized",
        "Missing or invalid API key",
        "No or an unknown/revoked `x-api-key`; or the account's Fansly session is dead (reconnect with `POST /api/fansly/connect`).",
    ),
    (
        402,
        "Payment Required",
        "Monthly credits exhausted",
        "The key's credits are exhausted.",
    ),
    (
        403,
        "Forbidden",
        "This API key has no access to account fansly_…",
        "The account belongs to another API key, or Fansly refused (403). Payout changes without a recent OTP answer 403 with `data.requires_2fa: true`.",
    ),
    (
        404,
        "Not Found",
        "Account fansly_… not found",
        "Unknown account, resource or job (Fansly 404 maps here too).",
    ),
    (
        405,
        "Method Not Allowed",
        "Cannot PATCH /api/fansly/accounts",
        "A known path with another method; `Allow` lists the methods.",
    ),
    (
        408,
        "Request Timeout",
        "The request body stopped arriving: send it without long pauses",
        "The body paused longer than `--body-idle-timeout` (30 s by default).",
    ),
    (
        409,
        "Conflict",
        "This Idempotency-Key was already used with a different request in the last 24 hours; use a new key for a new request",
        "The `Idempotency-Key` was used with another request, or its first request is still running.",
    ),
    (
        413,
        "Payload Too Large",
        "Request body is too large",
        "The JSON body is over the limit (`--json-body-limit`, 1 MiB by default) or an upload over `--max-upload-bytes`.",
    ),
    (
        415,
        "Unsupported Media Type",
        "Content-Type must be application/json for a request with a body",
        "A non-empty body without a JSON content type, a `charset` other than UTF-8, or a `Content-Encoding` the gateway does not decode (only `identity`).",
    ),
    (
        429,
        "Too Many Requests",
        "Fansly is rate limiting this account; retry after 30 seconds",
        "Rate limited (by Fansly for this account, or by the gateway). `Retry-After` and `X-RateLimit-Retry-After` give the seconds to wait.",
    ),
    (
        500,
        "Internal Server Error",
        "Internal server error (request id 01J…)",
        "An unexpected failure; the message carries the request id, details go to the log only.",
    ),
    (
        502,
        "Bad Gateway",
        "Fansly upstream error (HTTP 503)",
        "Fansly answered 5xx, could not be reached, or sent a malformed response.",
    ),
    (
        503,
        "Service Unavailable",
        "Service unavailable",
        "The gateway cannot serve right now (e.g. its database is unreachable).",
    ),
    (
        504,
        "Gateway Timeout",
        "Fansly did not answer in time",
        "Fansly did not answer in time.",
    ),
];

/// Path parameters by router name: `(name, description, schema notation)`.
const PATH_PARAMS: &[(&str, &str, &str)] = &[
    (
        "account_id",
        "The gateway's id of a connected account (`fansly_…`), as returned by connect and `GET /accounts`.",
        "s",
    ),
    (
        "chat_id",
        "A chat: the native `groupId` of the chat list.",
        "id",
    ),
    (
        "fan_id",
        "A fan's native Fansly account id (H3 / M5 accept it where the route template says chat).",
        "id",
    ),
    ("message_id", "A native message id.", "id"),
    ("post_id", "A native post id.", "id"),
    ("wall_id", "A native wall id.", "id"),
    ("list_id", "A native list id.", "id"),
    (
        "target_user_id",
        "The native account id to follow or unfollow.",
        "id",
    ),
    ("tag_id", "A native tag id.", "id"),
    ("link_id", "A native tracking-link id.", "id"),
    ("album_id", "A native vault album id.", "id"),
    (
        "broadcast_id",
        "A native scheduled broadcast (mass message) id.",
        "id",
    ),
    (
        "automated_message_id",
        "A native automated-message id.",
        "id",
    ),
    (
        "username",
        "A Fansly username: 1–64 letters, digits, `_`, `-` or `.`.",
        "s",
    ),
    (
        "job_id",
        "An upload job id (`upl_<24 hex>`), as returned by the upload.",
        "s",
    ),
    ("id", "A webhook endpoint id.", "s"),
    ("delivery_id", "A webhook delivery id.", "s"),
];

fn responses() -> Map<String, Value> {
    ERRORS
        .iter()
        .map(|(code, reason, example, when)| {
            let mut r = json!({"description": format!("{reason}. {when}"),
                "headers": {"X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"}},
                "content": {"application/json": {"schema": t("ErrorEnvelope"),
                    "example": {"statusCode": code, "message": example, "error": reason,
                        "data": null, "timestamp": "2026-02-05T17:06:11.491Z"}}}});
            if *code == 429 {
                r["headers"]["Retry-After"] = json!({"$ref": "#/components/headers/Retry-After"});
                r["headers"]["X-RateLimit-Retry-After"] =
                    json!({"$ref": "#/components/headers/X-RateLimit-Retry-After"});
            }
            if *code == 405 {
                r["headers"]["Allow"] =
                    json!({"description": "The methods this path accepts.", "schema": t("s")});
            }
            (format!("E{code}"), r)
        })
        .collect()
}

fn parameters() -> Map<String, Value> {
    let mut p: Map<String, Value> = PATH_PARAMS
        .iter()
        .map(|(name, desc, ty)| {
            (format!("path.{name}"),
             json!({"name": name, "in": "path", "required": true, "description": desc, "schema": t(ty)}))
        })
        .collect();
    p.insert("cursor".into(), json!({"name": "cursor", "in": "query", "required": false,
        "allowEmptyValue": true,
        "description": "The cursor from the previous page: up to 20 digits. Empty, `null` or `undefined` = the first page; anything else → 400 `cursor must be …`.",
        "schema": {"type": "string", "pattern": "^([0-9]{1,20}|null|undefined)$"}}));
    p.insert("fresh".into(), json!({"name": "fresh", "in": "query", "required": false,
        "allowEmptyValue": true,
        "description": "`true` skips the gateway's short cache of Fansly reads for this request (and refreshes it); empty = `false`; anything but `true`/`false` → 400 (checked after the key and the account).",
        "schema": {"type": "boolean"}}));
    p.insert("Idempotency-Key".into(), json!({"name": "Idempotency-Key", "in": "header", "required": false,
        "description": "1–255 visible ASCII characters. The same key and request within 24 h replay the first answer (`Idempotent-Replayed: true`) without calling Fansly; the same key with another request, or while the first still runs → 409.",
        "schema": {"type": "string", "minLength": 1, "maxLength": 255}}));
    p
}

fn headers() -> Map<String, Value> {
    let h = |desc: &str, ty: &str| json!({"description": desc, "schema": t(ty)});
    let mut m = Map::new();
    m.insert("X-Request-Id".into(), h("The request id (echoed from a sane incoming `x-request-id`, else minted); quoted in 500 messages and the logs.", "s"));
    m.insert(
        "X-RateLimit-Limit".into(),
        h(
            "Requests per minute allowed for the key (when rate limiting is on).",
            "i",
        ),
    );
    m.insert(
        "X-RateLimit-Remaining".into(),
        h(
            "Requests left in the current one-minute window (when rate limiting is on).",
            "i",
        ),
    );
    m.insert(
        "X-RateLimit-Plan".into(),
        h("The key's plan name (when rate limiting is on).", "s"),
    );
    m.insert(
        "X-RateLimit-Retry-After".into(),
        h("Seconds to wait (sent only when limited).", "i"),
    );
    m.insert(
        "Retry-After".into(),
        h("Seconds to wait (sent only when limited).", "i"),
    );
    m.insert("Idempotent-Replayed".into(), h("`true` when the answer is a replay of an earlier request with the same `Idempotency-Key`.", "s"));
    m
}

/// The `components` object.
pub fn components() -> Value {
    json!({
        "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "x-api-key",
            "description": "An API key created with `fansly-gateway keys create`."}},
        "schemas": super::schemas::schemas(),
        "responses": responses(),
        "parameters": parameters(),
        "headers": headers(),
    })
}
