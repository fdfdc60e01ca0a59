//! Session credentials and what login produces: a session, or a 2FA challenge.
//! `Debug` of every type here redacts the session token.

use secrecy::SecretString;
use serde_json::Value;

use crate::FanslyError;

/// What a call needs to act as a logged-in account.
#[derive(Debug, Clone)]
pub struct SessionCreds {
    /// The account's device id (`fansly-client-id`).
    pub device_id: String,
    /// The session id (`fansly-session-id`).
    pub session_id: String,
    /// The raw session token (`authorization`).
    pub token: SecretString,
}

/// A session minted by `/login` or `/login/twofa`.
#[derive(Debug, Clone)]
pub struct NativeSession {
    pub id: String,
    pub token: SecretString,
    pub account_id: String,
    /// The device id Fansly recorded for the session, when it says.
    pub device_id: Option<String>,
}

impl NativeSession {
    /// Credentials for later calls, with the device id the login was made from.
    pub fn into_creds(self, device_id: String) -> SessionCreds {
        SessionCreds {
            device_id,
            session_id: self.id,
            token: self.token,
        }
    }

    /// Reads `{id, token, accountId, deviceId?}`; ids may be strings or numbers.
    pub(crate) fn from_json(v: &Value) -> Result<Self, FanslyError> {
        let token = v
            .get("token")
            .and_then(Value::as_str)
            .ok_or_else(|| missing("session.token"))?;
        Ok(Self {
            id: id_field(v, "id").ok_or_else(|| missing("session.id"))?,
            token: SecretString::from(token),
            account_id: id_field(v, "accountId").ok_or_else(|| missing("session.accountId"))?,
            device_id: id_field(v, "deviceId"),
        })
    }
}

/// Fansly wants a second factor before it issues a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwofaChallenge {
    /// Sent back as `token` to `/login/twofa`.
    pub token: String,
    /// The native `type` (0 when absent; its values are undocumented upstream).
    pub kind: i64,
    /// Where the code went, usually masked (empty when absent).
    pub email: String,
}

impl TwofaChallenge {
    pub(crate) fn from_json(v: &Value) -> Result<Self, FanslyError> {
        Ok(Self {
            token: v
                .get("token")
                .and_then(Value::as_str)
                .ok_or_else(|| missing("twofa.token"))?
                .to_owned(),
            kind: v.get("type").and_then(Value::as_i64).unwrap_or(0),
            email: v
                .get("email")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

/// The result of `POST /login`.
#[derive(Debug, Clone)]
pub enum LoginOutcome {
    Session(NativeSession),
    TwoFactor(TwofaChallenge),
}

/// A string id, or a number rendered as one (ids are strings on the wire,
/// but be lenient).
fn id_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn missing(field: &str) -> FanslyError {
    FanslyError::Malformed(format!("missing or invalid `{field}`"))
}
