//! `ApiJson<T>`: the JSON body extractor every route uses. An empty body counts as `{}`, so a
//! route's own validation names the missing fields; a non-empty body needs an
//! `application/json` content type (415 otherwise); malformed JSON and wrong field types are
//! 400s whose message names the field. The size limit (413) is enforced by a layer in
//! `app.rs`; this extractor answers 413 at once when the declared `Content-Length` is above
//! it (before reading a byte), and translates the layer's error otherwise.
//!
//! Strictness (issue 11): one JSON value and nothing after it but whitespace; a `charset`
//! other than UTF-8 → 415; a `Content-Encoding` other than `identity` → 415 (the gateway
//! decodes none); a body that stops arriving for `Settings::body_idle_timeout` → 408.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// The JSON body limit of the route, put in the request's extensions by the boundary layer
/// (`app::with_boundary`), so the extractor can refuse a declared length above it at once.
#[derive(Clone, Copy, Debug)]
pub struct JsonLimit(pub usize);

/// The declared `Content-Length`, when it is a valid number.
pub fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// 415 for a `Content-Encoding` the gateway does not decode (anything but `identity`).
pub fn check_encoding(headers: &HeaderMap) -> Result<(), ApiError> {
    for v in headers.get_all(header::CONTENT_ENCODING) {
        let v = v.to_str().unwrap_or("?");
        if v.split(',')
            .map(str::trim)
            .any(|e| !e.is_empty() && !e.eq_ignore_ascii_case("identity"))
        {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Encoding is not supported: send the body uncompressed (identity)",
            ));
        }
    }
    Ok(())
}

/// A failure while reading the body: 408 when it stopped arriving (the body idle timeout of
/// `app::with_boundary`), else 400.
pub fn body_read_error(e: &(dyn std::error::Error + 'static)) -> ApiError {
    if is_body_timeout(e) {
        return body_timed_out();
    }
    ApiError::bad_request(format!("Could not read the request body: {e}"))
}

/// 408: the body paused longer than the body idle timeout.
pub fn body_timed_out() -> ApiError {
    ApiError::new(
        StatusCode::REQUEST_TIMEOUT,
        "The request body stopped arriving: send it without long pauses",
    )
}

/// Did reading the body fail because it paused too long?
pub fn is_body_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cur = err.source();
    }
    false
}

/// Is this `Content-Type` JSON in UTF-8? `Err(415)` names what is wrong.
fn check_json_type(content_type: Option<&str>) -> Result<(), ApiError> {
    let unsupported = |m: &str| ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, m);
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let mut parts = ct.split(';');
    let mime = parts.next().unwrap_or("").trim();
    let is_json =
        mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"));
    if !is_json {
        return Err(unsupported(
            "Content-Type must be application/json for a request with a body",
        ));
    }
    for p in parts {
        if let Some((k, v)) = p.split_once('=')
            && k.trim() == "charset"
            && !matches!(v.trim().trim_matches('"'), "utf-8" | "utf8")
        {
            return Err(unsupported(
                "Content-Type charset must be utf-8 (JSON is UTF-8)",
            ));
        }
    }
    Ok(())
}

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let too_large =
            || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "Request body is too large");
        let headers = req.headers();
        if let (Some(len), Some(JsonLimit(limit))) = (
            declared_length(headers),
            req.extensions().get::<JsonLimit>(),
        ) && len > *limit as u64
        {
            return Err(too_large());
        }
        check_encoding(headers)?;
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or("?").to_owned());
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                body_read_error(&e)
            }
        })?;
        if bytes.is_empty() {
            return parse(b"{}").map(ApiJson);
        }
        check_json_type(content_type.as_deref())?;
        parse_object(&bytes).map(ApiJson)
    }
}

/// A request body: [`parse`], and the value must be a JSON object (every documented request
/// body is one). serde would read an array into a struct field by field (`[false]` as
/// `{"useEmailTwoFAFallback": false}`), so the shape is checked before the fields.
pub fn parse_object<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let first = bytes
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if let Some(&b) = first
        && b != b'{'
    {
        let kind = match parse::<serde_json::Value>(bytes)? {
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Null => "null",
            serde_json::Value::Object(_) => "an object",
        };
        return Err(ApiError::bad_request(format!(
            "Invalid JSON body: the body must be a JSON object (got {kind})"
        )));
    }
    parse(bytes)
}

/// One JSON value (nothing but whitespace after it) into `T`; errors name the field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::bad_request(format!("Malformed JSON body: {inner}"))
        } else if path.is_empty() || path == "." {
            ApiError::bad_request(format!("Invalid JSON body: {inner}"))
        } else {
            ApiError::bad_request(format!(
                "Invalid field `{path}`: {}",
                strip_position(&inner.to_string())
            ))
        }
    })?;
    de.end()
        .map_err(|e| ApiError::bad_request(format!("Malformed JSON body: {e}")))?;
    Ok(value)
}

/// serde_json appends " at line 1 column 17"; that is noise once the field is named.
fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}
