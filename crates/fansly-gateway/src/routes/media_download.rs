//! Media download (route-map §1.14 U3, §2 AL10–AL12): the CDN bytes of a Fansly media URL,
//! streamed through with their `content-type` and `content-length` (shape **B**).
//!
//! - U3 `POST /media/download {cdnUrl}` and AL10 `GET /media/download?cdnUrl=` read through
//!   the key's most recently used healthy account (§0.9; none → 400 "Connect an account
//!   first").
//! - AL11 `POST /{a}/media/download {cdnUrl}` and AL12 `GET /{a}/media/download?cdnUrl=` read
//!   as that account (403/404 first).
//!
//! The gateway is not an open proxy: `cdnUrl` must match the configured CDN allowlist
//! ([`CdnAllowlist`]: by default https on `cdn<N>.fansly.com`, `media.fansly.com`,
//! `thumbs.fansly.com`), otherwise 400 with no upstream call. Redirects are followed (at most
//! [`MAX_REDIRECTS`]) only while every hop stays on the allowlist; a hop off it → 502.
//! Query-signed URLs are fetched as they are; an unsigned URL is fetched with the
//! `CloudFront-*` cookies of the signed location the gateway last saw for that path as that
//! account ([`CdnCookies`]); with none known, Fansly's 403 passes through.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use fansly_client::{CdnResponse, FanslyError};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use crate::http::auth::Tenant;
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::state::AppState;
use crate::upstream::map_error;

/// Redirect hops followed on the CDN.
pub const MAX_REDIRECTS: usize = 5;

/// The default CDN host patterns (`#` = one or more digits).
pub const DEFAULT_CDN_HOSTS: &[&str] = &[
    "https://cdn#.fansly.com",
    "https://media.fansly.com",
    "https://thumbs.fansly.com",
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/media/download", get(global_get).post(global_post))
        .route(
            "/{account_id}/media/download",
            get(account_get).post(account_post),
        )
}

/// One allowed origin: scheme, host (with `#` standing for one or more digits) and port.
#[derive(Clone, Debug, PartialEq, Eq)]
struct HostPattern {
    scheme: String,
    host: String,
    port: u16,
}

impl HostPattern {
    fn parse(s: &str) -> Result<Self, String> {
        let probe = s.trim().replace('#', "0");
        let url = Url::parse(&probe).map_err(|e| format!("{s:?}: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{s:?}: http or https only"));
        }
        let host = url.host_str().ok_or_else(|| format!("{s:?}: no host"))?;
        if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
            return Err(format!("{s:?}: scheme://host[:port] only"));
        }
        // Put the `#` back where the pattern had it.
        let pattern_host = s
            .trim()
            .split("://")
            .nth(1)
            .unwrap_or_default()
            .split(['/', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if pattern_host.replace('#', "0") != host {
            return Err(format!("{s:?}: unsupported host form"));
        }
        Ok(Self {
            scheme: url.scheme().to_owned(),
            host: pattern_host,
            port: url.port_or_known_default().unwrap_or(0),
        })
    }

    fn matches(&self, url: &Url) -> bool {
        url.scheme() == self.scheme
            && url.port_or_known_default() == Some(self.port)
            && url.host_str().is_some_and(|h| host_matches(&self.host, h))
    }
}

/// `pattern` with each `#` matching one or more ASCII digits; everything else literal.
fn host_matches(pattern: &str, host: &str) -> bool {
    let (p, h) = (pattern.as_bytes(), host.as_bytes());
    fn go(p: &[u8], h: &[u8]) -> bool {
        match p.first() {
            None => h.is_empty(),
            Some(b'#') => {
                let digits = h.iter().take_while(|b| b.is_ascii_digit()).count();
                (1..=digits).any(|n| go(&p[1..], &h[n..]))
            }
            Some(c) => h.first() == Some(c) && go(&p[1..], &h[1..]),
        }
    }
    go(p, h)
}

/// The CDN origins media downloads may read (configuration `--cdn-host`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CdnAllowlist(Vec<HostPattern>);

impl CdnAllowlist {
    /// Parses patterns such as `https://cdn#.fansly.com` or `http://127.0.0.1:9000`.
    pub fn parse<S: AsRef<str>>(patterns: &[S]) -> Result<Self, String> {
        patterns
            .iter()
            .map(|p| HostPattern::parse(p.as_ref()))
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    /// This list plus one more origin.
    pub fn with(mut self, pattern: &str) -> Result<Self, String> {
        self.0.push(HostPattern::parse(pattern)?);
        Ok(self)
    }

    /// True when `url` is on an allowed origin, without credentials.
    pub fn allows(&self, url: &Url) -> bool {
        url.username().is_empty()
            && url.password().is_none()
            && self.0.iter().any(|p| p.matches(url))
    }
}

impl Default for CdnAllowlist {
    fn default() -> Self {
        Self::parse(DEFAULT_CDN_HOSTS).expect("the default CDN hosts parse")
    }
}

/// `CloudFront-*` cookie values of signed locations seen in responses, per account and CDN
/// path, so an unsigned URL of the same file can be fetched later.
#[derive(Debug, Default)]
pub struct CdnCookies(Mutex<HashMap<(String, String), String>>);

/// Paths remembered per process before the oldest are dropped.
const MAX_REMEMBERED: usize = 50_000;

impl CdnCookies {
    /// Remembers every `locations[].metadata` inside `value` (any depth) for `account_id`.
    pub fn remember(&self, account_id: &str, value: &Value) {
        let mut found = Vec::new();
        collect_locations(value, &mut found);
        if found.is_empty() {
            return;
        }
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() + found.len() > MAX_REMEMBERED {
            map.clear();
        }
        for (path, cookie) in found {
            map.insert((account_id.to_owned(), path), cookie);
        }
    }

    fn cookie_for(&self, account_id: &str, path: &str) -> Option<String> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&(account_id.to_owned(), path.to_owned())).cloned()
    }
}

fn collect_locations(value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(location)), Some(Value::Object(meta))) =
                (map.get("location"), map.get("metadata"))
            {
                let get = |k: &str| meta.get(k).and_then(Value::as_str);
                if let (Some(kid), Some(policy), Some(sig), Ok(url)) = (
                    get("Key-Pair-Id"),
                    get("Policy"),
                    get("Signature"),
                    Url::parse(location),
                ) {
                    out.push((
                        url.path().to_owned(),
                        format!(
                            "CloudFront-Key-Pair-Id={kid}; CloudFront-Policy={policy}; CloudFront-Signature={sig}"
                        ),
                    ));
                }
            }
            map.values().for_each(|v| collect_locations(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_locations(v, out)),
        _ => {}
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DownloadBody {
    cdn_url: Option<Value>,
}

impl DownloadBody {
    fn url(&self) -> Option<String> {
        self.cdn_url
            .as_ref()
            .and_then(Value::as_str)
            .map(str::to_owned)
    }
}

/// `cdnUrl` checked against the allowlist: 400 naming the rule otherwise.
fn checked_url(app: &AppState, raw: Option<String>) -> ApiResult<Url> {
    let raw = raw.map(|s| s.trim().to_owned()).unwrap_or_default();
    if raw.is_empty() {
        return Err(ApiError::bad_request("cdnUrl is required"));
    }
    let url = Url::parse(&raw)
        .map_err(|_| ApiError::bad_request("cdnUrl must be an absolute https URL"))?;
    if !app.settings.cdn_hosts.allows(&url) {
        return Err(ApiError::bad_request(
            "cdnUrl must be an https URL on a Fansly CDN host (cdn<N>.fansly.com, media.fansly.com or thumbs.fansly.com)",
        ));
    }
    Ok(url)
}

async fn global_post(
    State(app): State<AppState>,
    tenant: Tenant,
    ApiJson(body): ApiJson<DownloadBody>,
) -> ApiResult<Response> {
    let url = checked_url(&app, body.url())?;
    global(app, tenant, url).await
}

async fn global_get(
    State(app): State<AppState>,
    tenant: Tenant,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let q = QueryParams::parse(raw.as_deref());
    let url = checked_url(&app, q.get("cdnUrl").map(str::to_owned))?;
    global(app, tenant, url).await
}

async fn account_post(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<DownloadBody>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let url = checked_url(&app, body.url())?;
    download(&app, tenant, account, url).await
}

async fn account_get(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let q = QueryParams::parse(raw.as_deref());
    let url = checked_url(&app, q.get("cdnUrl").map(str::to_owned))?;
    download(&app, tenant, account, url).await
}

/// §0.9: the key's most recently used healthy account.
async fn global(app: AppState, tenant: Tenant, url: Url) -> ApiResult<Response> {
    let Some(account) = app.store.most_recent_active_account(tenant.0).await? else {
        return Err(ApiError::bad_request(
            "Connect an account first: this route reads Fansly through one of this key's connected accounts",
        ));
    };
    download(&app, tenant, account, url).await
}

fn is_signed(url: &Url) -> bool {
    url.query_pairs().any(|(k, _)| {
        matches!(
            k.as_ref(),
            "Key-Pair-Id" | "Signature" | "Policy" | "Expires"
        )
    })
}

async fn download(
    app: &AppState,
    tenant: Tenant,
    account: gateway_store::Account,
    mut url: Url,
) -> ApiResult<Response> {
    let c = app.with_session(tenant, account).await?;
    for _ in 0..=MAX_REDIRECTS {
        let cookie = if is_signed(&url) {
            None
        } else {
            app.cdn_cookies.cookie_for(&c.account.id, url.path())
        };
        // Through the account's proxy, like its API calls (issue 6).
        let via = app.fansly.session_proxy(&c.creds.session_id);
        let resp =
            fansly_client::proxy::via(via, app.fansly.cdn_get(url.as_str(), cookie.as_deref()))
                .await
                .map_err(map_error)?;
        if (300..400).contains(&resp.status) {
            let next = resp
                .location
                .as_deref()
                .and_then(|l| url.join(l).ok())
                .ok_or_else(|| {
                    ApiError::bad_gateway("Fansly CDN sent a redirect without a location")
                })?;
            if !app.settings.cdn_hosts.allows(&next) {
                return Err(ApiError::bad_gateway(
                    "Fansly CDN redirected to a host outside the CDN allowlist; not followed",
                ));
            }
            url = next;
            continue;
        }
        app.touch(tenant, &c.account).await;
        return cdn_answer(resp).await;
    }
    Err(ApiError::bad_gateway(
        "Fansly CDN redirected too many times",
    ))
}

/// The CDN's refusal code (`<Code>…</Code>` of its XML error), if any.
fn error_code(body: &str) -> Option<String> {
    let start = body.find("<Code>")? + "<Code>".len();
    let end = body[start..].find("</Code>")? + start;
    Some(body[start..end].to_owned())
}

async fn cdn_answer(mut resp: CdnResponse) -> ApiResult<Response> {
    match resp.status {
        200..=299 => {
            let mut builder = Response::builder().status(StatusCode::OK);
            let content_type = resp
                .content_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            if let Ok(v) = HeaderValue::from_str(&content_type) {
                builder = builder.header(CONTENT_TYPE, v);
            }
            if let Some(len) = resp.content_length {
                builder = builder.header(CONTENT_LENGTH, len);
            }
            let stream = futures_util::stream::unfold(resp, |mut resp| async move {
                match resp.chunk().await {
                    Ok(Some(chunk)) => Some((Ok::<_, FanslyError>(chunk), resp)),
                    Ok(None) => None,
                    Err(e) => Some((Err(e), resp)),
                }
            });
            builder
                .body(Body::from_stream(stream))
                .map_err(ApiError::internal)
        }
        status => {
            let mut text = Vec::new();
            while let Ok(Some(chunk)) = resp.chunk().await {
                if text.len() > 64 * 1024 {
                    break;
                }
                text.extend_from_slice(&chunk);
            }
            let code = error_code(&String::from_utf8_lossy(&text));
            let detail = code.map_or_else(String::new, |c| format!(" ({c})"));
            Err(match status {
                401 | 403 => ApiError::forbidden(format!(
                    "Fansly CDN refused the file{detail}: the URL is unsigned, its signature is invalid, or it expired"
                )),
                404 => ApiError::not_found(format!("Fansly CDN has no such file{detail}")),
                429 => ApiError::too_many_requests("Fansly CDN rate limited the request", 30),
                500..=599 => ApiError::bad_gateway("Fansly upstream error"),
                _ => ApiError::bad_request(format!("Fansly CDN answered HTTP {status}{detail}")),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn the_default_allowlist_takes_fansly_cdn_hosts_over_https_only() {
        let list = CdnAllowlist::default();
        assert!(list.allows(&url("https://cdn3.fansly.com/1/2.jpeg?Expires=1")));
        assert!(list.allows(&url("https://cdn12.fansly.com/a")));
        assert!(list.allows(&url("https://media.fansly.com/a")));
        assert!(list.allows(&url("https://thumbs.fansly.com/a")));
        assert!(!list.allows(&url("http://cdn3.fansly.com/a")));
        assert!(!list.allows(&url("https://cdn.fansly.com/a")));
        assert!(!list.allows(&url("https://cdnx.fansly.com/a")));
        assert!(!list.allows(&url("https://cdn3.fansly.com.evil.test/a")));
        assert!(!list.allows(&url("https://evil.test/cdn3.fansly.com")));
        assert!(!list.allows(&url("https://user:pw@cdn3.fansly.com/a")));
        assert!(!list.allows(&url("https://cdn3.fansly.com:8443/a")));
        assert!(!list.allows(&url("https://apiv3.fansly.com/a")));
    }

    #[test]
    fn an_extra_origin_is_matched_with_its_port() {
        let list = CdnAllowlist::default()
            .with("http://127.0.0.1:9000")
            .unwrap();
        assert!(list.allows(&url("http://127.0.0.1:9000/cdn/1/2.png")));
        assert!(!list.allows(&url("http://127.0.0.1:9001/cdn/1/2.png")));
        assert!(!list.allows(&url("https://127.0.0.1:9000/cdn/1/2.png")));
        assert!(CdnAllowlist::parse(&["ftp://x"]).is_err());
        assert!(CdnAllowlist::parse(&["https://x/path"]).is_err());
    }

    #[test]
    fn cloudfront_cookies_are_remembered_per_account_and_path() {
        let cookies = CdnCookies::default();
        cookies.remember(
            "acc",
            &serde_json::json!({"media": [{"locations": [{"location": "https://cdn3.fansly.com/1/2.png?Expires=5",
                "metadata": {"Key-Pair-Id": "K", "Policy": "P", "Signature": "S"}}]}]}),
        );
        assert_eq!(
            cookies.cookie_for("acc", "/1/2.png").as_deref(),
            Some("CloudFront-Key-Pair-Id=K; CloudFront-Policy=P; CloudFront-Signature=S")
        );
        assert_eq!(cookies.cookie_for("other", "/1/2.png"), None);
    }

    #[test]
    fn cdn_error_codes_are_read_from_the_xml() {
        assert_eq!(
            error_code("<Error><Code>MissingKey-Pair-Id</Code></Error>").as_deref(),
            Some("MissingKey-Pair-Id")
        );
        assert_eq!(error_code("nothing"), None);
    }
}
