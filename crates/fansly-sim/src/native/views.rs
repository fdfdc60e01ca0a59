//! Native JSON shapes of the auth entities (field names and units as Fansly sends them).

use serde::Serialize;
use serde_json::Value;

use crate::world::{Session, TwofaSession};

/// The session object (route-map §5.2); `twofa_at` keeps Fansly's snake case.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SessionView<'a> {
    id: &'a str,
    token: &'a str,
    account_id: &'a str,
    device_id: Option<&'a str>,
    status: u8,
    ip: &'a str,
    last_used: i64,
    #[serde(rename = "twofa_at")]
    twofa_at: Option<i64>,
    metadata: Option<Value>,
    created_at: i64,
    check_token: Option<String>,
    websocket_session_id: Option<String>,
}

impl<'a> From<&'a Session> for SessionView<'a> {
    fn from(s: &'a Session) -> Self {
        Self {
            id: &s.id,
            token: &s.token,
            account_id: &s.account_id,
            device_id: s.device_id.as_deref(),
            status: s.status,
            ip: &s.ip,
            last_used: s.last_used,
            twofa_at: s.twofa_at,
            metadata: None,
            created_at: s.created_at,
            check_token: None,
            websocket_session_id: None,
        }
    }
}

/// The 2FA-session verify object (route-map §5.6), exactly these fields.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TwofaVerifyView<'a> {
    id: &'a str,
    account_id: &'a str,
    device_id: Option<&'a str>,
    ip: &'a str,
    email: &'a str,
    code: &'a str,
    token: &'a str,
    status: u8,
    tries: u32,
    version: u32,
    created_at: i64,
}

impl<'a> From<&'a TwofaSession> for TwofaVerifyView<'a> {
    fn from(t: &'a TwofaSession) -> Self {
        Self {
            id: &t.id,
            account_id: &t.account_id,
            device_id: t.device_id.as_deref(),
            ip: &t.ip,
            email: &t.email,
            code: &t.code,
            token: &t.token,
            status: t.status,
            tries: t.tries,
            version: t.version,
            created_at: t.created_at,
        }
    }
}
