//! The shape of one native call: [`NativeRequest`] in, [`NativeResponse`] out,
//! and which credentials ([`Auth`]) sign it. [`crate::FanslyClient::call`] sends it.

use crate::body::NativeBody;
use crate::session::SessionCreds;

/// The native API only uses GET (reads) and POST (every mutation, deletes included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    /// The HTTP method name, for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Which credentials a call carries.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    /// No `authorization` and no `fansly-client-*` headers (`GET /device/id` only).
    None,
    /// `fansly-client-id/ts/check` for this device id, no `authorization`
    /// (`/login`, `/login/twofa`).
    Device(&'a str),
    /// Everything a logged-in browser sends: `authorization`, `fansly-session-id`
    /// and the `fansly-client-*` headers.
    Session(&'a SessionCreds),
}

/// One call to the native API.
#[derive(Debug, Clone)]
pub struct NativeRequest<'a> {
    pub method: Method,
    /// Relative to `/api/v1`, with a leading slash, e.g. `/account/me`.
    pub path: &'a str,
    /// Query pairs, after `ngsw-bypass=true`. Values are percent-encoded except
    /// commas, which stay literal (`ids=1,2,3`).
    pub query: Vec<(&'a str, String)>,
    /// JSON body; `content-type: application/json` is sent only when present.
    pub body: Option<serde_json::Value>,
    pub auth: Auth<'a>,
}

impl<'a> NativeRequest<'a> {
    /// A GET without query or body.
    pub fn get(path: &'a str, auth: Auth<'a>) -> Self {
        Self {
            method: Method::Get,
            path,
            query: Vec::new(),
            body: None,
            auth,
        }
    }

    /// A POST with a JSON body.
    pub fn post(path: &'a str, body: serde_json::Value, auth: Auth<'a>) -> Self {
        Self {
            method: Method::Post,
            path,
            query: Vec::new(),
            body: Some(body),
            auth,
        }
    }

    /// Adds one query pair.
    pub fn query(mut self, key: &'a str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }
}

/// A successful native answer.
#[derive(Debug, Clone, PartialEq)]
pub struct NativeResponse {
    /// The upstream HTTP status (2xx).
    pub status: u16,
    /// The whole native JSON body, `{"success":true,"response":…}`: the bytes as received
    /// until read (see [`NativeBody`]).
    pub body: NativeBody,
}

impl NativeResponse {
    /// The envelope's `response` member (`Null` when absent).
    pub fn response(&self) -> &serde_json::Value {
        &self.body["response"]
    }
}
