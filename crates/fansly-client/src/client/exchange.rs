//! One signed exchange with Fansly: the native URL, the browser's headers with the
//! `fansly-client-*` signature, the send (direct or through the account's proxy, see
//! [`crate::transport`]), cookies kept, the answer classified, the call tallied and logged.

use std::sync::atomic::Ordering;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::header::{
    ACCEPT, ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName,
    HeaderValue, ORIGIN, REFERER, RETRY_AFTER, SET_COOKIE, USER_AGENT,
};
use secrecy::ExposeSecret;

use super::FanslyClient;
use crate::request::{Auth, Method, NativeRequest, NativeResponse};
use crate::transport::{self, Via};
use crate::{FanslyError, check, envelope, tally};

const ACCEPT_VALUE: &str = "application/json, text/plain, */*";
const ACCEPT_LANGUAGE_VALUE: &str = "en-US,en;q=0.9";
const WEB_ORIGIN: &str = "https://fansly.com";
const WEB_REFERER: &str = "https://fansly.com/";
const SESSION_ID: HeaderName = HeaderName::from_static("fansly-session-id");
const CLIENT_ID: HeaderName = HeaderName::from_static("fansly-client-id");
const CLIENT_TS: HeaderName = HeaderName::from_static("fansly-client-ts");
const CLIENT_CHECK: HeaderName = HeaderName::from_static("fansly-client-check");

impl FanslyClient {
    /// One signed HTTP exchange with Fansly, counted by [`tally::record`].
    pub(super) async fn exchange(
        &self,
        base: &url::Url,
        req: &NativeRequest<'_>,
    ) -> Result<NativeResponse, FanslyError> {
        let url = Self::url_on(base, req.path, &req.query);
        let session_id = match req.auth {
            Auth::Session(creds) => Some(creds.session_id.as_str()),
            _ => None,
        };
        let via = self.via(session_id)?;
        let mut headers = HeaderMap::with_capacity(13);
        // Static values: no copy per request.
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE));
        headers.insert(
            ACCEPT_LANGUAGE,
            HeaderValue::from_static(ACCEPT_LANGUAGE_VALUE),
        );
        headers.insert(ORIGIN, HeaderValue::from_static(WEB_ORIGIN));
        headers.insert(REFERER, HeaderValue::from_static(WEB_REFERER));

        let (device_id, session) = match req.auth {
            Auth::None => (None, None),
            Auth::Device(device_id) => (Some(device_id), None),
            Auth::Session(creds) => (Some(creds.device_id.as_str()), Some(creds)),
        };
        let header = |v: &str, what: &str| {
            HeaderValue::from_str(v)
                .map_err(|_| FanslyError::Malformed(format!("{what} is not a valid header value")))
        };
        if let Some(creds) = session {
            let mut token = header(creds.token.expose_secret(), "the session token")?;
            token.set_sensitive(true);
            headers.insert(AUTHORIZATION, token);
            headers.insert(SESSION_ID, header(&creds.session_id, "the session id")?);
        }
        let user_agent = match device_id {
            Some(device_id) => {
                let mut cookie = header(&self.jars.header(device_id), "a cookie")?;
                cookie.set_sensitive(true);
                headers.insert(COOKIE, cookie);
                headers.insert(CLIENT_ID, header(device_id, "the device id")?);
                headers.insert(CLIENT_TS, HeaderValue::from(self.next_ts()));
                headers.insert(
                    CLIENT_CHECK,
                    header(
                        &check::client_check(&self.config.check_key, url.path(), device_id),
                        "the client check",
                    )?,
                );
                self.user_agent_for(device_id)
            }
            None => &self.config.user_agent,
        };
        headers.insert(USER_AGENT, header(user_agent, "the user agent")?);
        let body =
            match &req.body {
                Some(body) => {
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    Bytes::from(serde_json::to_vec(body).map_err(|e| {
                        FanslyError::Malformed(format!("cannot encode the body: {e}"))
                    })?)
                }
                None => Bytes::new(),
            };
        let mut request = http::Request::new(body);
        *request.method_mut() = match req.method {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
        };
        *request.uri_mut() = http::Uri::try_from(url.as_str())
            .map_err(|e| FanslyError::Malformed(format!("cannot send to `{url}`: {e}")))?;
        *request.headers_mut() = headers;

        let started = Instant::now();
        let mut bytes = 0;
        let result = self
            .send(&via, request, session.is_some(), device_id, &mut bytes)
            .await;
        let elapsed = started.elapsed();
        tally::record(tally::Outcome::of(&result), elapsed, bytes);
        let latency_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        match &result {
            Ok(resp) => tracing::debug!(
                method = req.method.as_str(),
                path = req.path,
                status = resp.status,
                latency_ms,
                "fansly call"
            ),
            Err(err) => tracing::debug!(
                method = req.method.as_str(),
                path = req.path,
                status = error_status(err),
                latency_ms,
                error = %err,
                "fansly call failed"
            ),
        }
        result
    }

    async fn send(
        &self,
        via: &Via,
        request: http::Request<Bytes>,
        with_session: bool,
        device_id: Option<&str>,
        bytes_read: &mut u64,
    ) -> Result<NativeResponse, FanslyError> {
        let timeout = self.config.request_timeout;
        let answer = transport::exchange(via, request, timeout, bytes_read).await?;
        if let Some(device_id) = device_id {
            let set = answer.headers.get_all(SET_COOKIE).iter();
            self.jars
                .store(device_id, set.filter_map(|v| v.to_str().ok()));
        }
        let retry_after = answer
            .headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok());
        envelope::classify(answer.status, retry_after, answer.body, with_session)
    }

    /// `<api_base>/api/v1<path>?ngsw-bypass=true&k=v…`, keeping any path prefix
    /// of `api_base` and leaving commas in values unescaped.
    #[cfg(test)]
    fn url(&self, path: &str, query: &[(&str, String)]) -> url::Url {
        Self::url_on(&self.config.api_base, path, query)
    }

    fn url_on(base: &url::Url, path: &str, query: &[(&str, String)]) -> url::Url {
        let mut url = base.clone();
        let prefix = url.path().trim_end_matches('/').to_owned();
        let path = path.trim_start_matches('/');
        url.set_path(&format!("{prefix}/api/v1/{path}"));
        let mut q = String::from("ngsw-bypass=true");
        for (key, value) in query {
            q.push('&');
            q.push_str(&encode_component(key));
            q.push('=');
            q.push_str(&encode_component(value));
        }
        url.set_query(Some(&q));
        url.set_fragment(None);
        url
    }

    /// `fansly-client-ts`: wall-clock ms, strictly increasing across the client.
    fn next_ts(&self) -> u64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        let (Ok(prev) | Err(prev)) =
            self.last_ts
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |prev| {
                    Some(now.max(prev + 1))
                });
        now.max(prev + 1)
    }
}

/// Form-style percent-encoding, but commas stay literal as the browser sends them.
fn encode_component(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace("%2C", ",")
}

fn error_status(err: &FanslyError) -> u16 {
    match err {
        FanslyError::Rejected { status, .. } | FanslyError::Server { status } => *status,
        FanslyError::SessionExpired => 401,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FanslyConfig;

    fn client(base: &str) -> FanslyClient {
        FanslyClient::new(FanslyConfig {
            api_base: base.parse().expect("url"),
            ..FanslyConfig::default()
        })
        .expect("client")
    }

    #[test]
    fn url_joins_base_prefix_and_path() {
        let q = [("ids", "1,2".to_owned())];
        assert_eq!(
            client("https://apiv3.fansly.com")
                .url("/account", &q)
                .as_str(),
            "https://apiv3.fansly.com/api/v1/account?ngsw-bypass=true&ids=1,2"
        );
        assert_eq!(
            client("http://127.0.0.1:9/x/")
                .url("account/me", &[])
                .as_str(),
            "http://127.0.0.1:9/x/api/v1/account/me?ngsw-bypass=true"
        );
        assert_eq!(
            client("http://127.0.0.1:9/x?old=1#frag")
                .url("/device/id", &[])
                .as_str(),
            "http://127.0.0.1:9/x/api/v1/device/id?ngsw-bypass=true"
        );
    }

    #[test]
    fn ts_is_monotonic_even_within_one_millisecond() {
        let c = client("https://apiv3.fansly.com");
        let a = c.next_ts();
        let b = c.next_ts();
        let d = c.clone().next_ts();
        assert!(a < b && b < d, "{a} {b} {d}");
    }
}
