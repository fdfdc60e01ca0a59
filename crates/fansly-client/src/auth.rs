//! Typed auth calls (route-map §5): device id, login and its 2FA, the
//! sensitive-action 2FA session, the "me" probe, account lookup and logout.

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

use crate::session::missing;
use crate::{
    Auth, FanslyClient, FanslyError, LoginOutcome, NativeRequest, NativeResponse, NativeSession,
    SessionCreds, TwofaChallenge,
};

impl FanslyClient {
    /// `GET /device/id`, unsigned: a fresh device id (rate limited upstream;
    /// fetch one per login, not per request).
    pub async fn device_id(&self) -> Result<String, FanslyError> {
        let resp = self
            .call(NativeRequest::get("/device/id", Auth::None))
            .await?;
        match resp.response() {
            Value::String(s) if !s.is_empty() => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(missing("response (device id)")),
        }
    }

    /// `POST /login {username, password, deviceId}`: a session, or a 2FA challenge.
    /// A 401 or a `success:false` answer is [`FanslyError::BadCredentials`].
    pub async fn login(
        &self,
        device_id: &str,
        username: &str,
        password: &SecretString,
    ) -> Result<LoginOutcome, FanslyError> {
        let body = json!({
            "username": username,
            "password": password.expose_secret(),
            "deviceId": device_id,
        });
        let resp = self
            .call(NativeRequest::post("/login", body, Auth::Device(device_id)))
            .await
            .map_err(login_error)?;
        let response = resp.response();
        if let Some(session) = response.get("session").filter(|s| s.is_object()) {
            return NativeSession::from_json(session).map(LoginOutcome::Session);
        }
        if let Some(twofa) = response.get("twofa").filter(|t| t.is_object()) {
            return TwofaChallenge::from_json(twofa).map(LoginOutcome::TwoFactor);
        }
        Err(missing("response.session or response.twofa"))
    }

    /// `POST /login/twofa {token, code}`. Accepts the session either directly in
    /// `response` or wrapped in `response.session`.
    pub async fn login_twofa(
        &self,
        device_id: &str,
        token: &str,
        code: &str,
    ) -> Result<NativeSession, FanslyError> {
        let body = json!({ "token": token, "code": code });
        let resp = self
            .call(NativeRequest::post(
                "/login/twofa",
                body,
                Auth::Device(device_id),
            ))
            .await
            .map_err(twofa_error)?;
        let response = resp.response();
        let session = response
            .get("session")
            .filter(|s| s.is_object())
            .unwrap_or(response);
        NativeSession::from_json(session)
    }

    /// `GET /account/me`: the logged-in account; also the "is this session alive?" probe.
    pub async fn account_me(&self, s: &SessionCreds) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/account/me", Auth::Session(s)))
            .await
    }

    /// `GET /account?ids=a,b`, one call; the caller keeps batches at or under 100
    /// ids. With no ids, answers an empty list without calling Fansly.
    pub async fn accounts_by_ids(
        &self,
        s: &SessionCreds,
        ids: &[&str],
    ) -> Result<NativeResponse, FanslyError> {
        if ids.is_empty() {
            return Ok(NativeResponse {
                status: 200,
                body: json!({ "success": true, "response": [] }).into(),
            });
        }
        self.call(NativeRequest::get("/account", Auth::Session(s)).query("ids", ids.join(",")))
            .await
    }

    /// `POST /twofa/session {useEmailTwoFAFallback}`: mails a code for a sensitive action.
    pub async fn twofa_session_send(
        &self,
        s: &SessionCreds,
        use_email_fallback: bool,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "useEmailTwoFAFallback": use_email_fallback });
        self.call(NativeRequest::post(
            "/twofa/session",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /twofa/session/verify {token, code, mode}`. A 400 with code 3 is
    /// [`FanslyError::BadTwofaCode`].
    pub async fn twofa_session_verify(
        &self,
        s: &SessionCreds,
        token: &str,
        code: &str,
        mode: i64,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "token": token, "code": code, "mode": mode });
        self.call(NativeRequest::post(
            "/twofa/session/verify",
            body,
            Auth::Session(s),
        ))
        .await
        .map_err(twofa_error)
    }

    /// `POST /session/close {id}`: logs the session out.
    pub async fn session_close(&self, s: &SessionCreds) -> Result<(), FanslyError> {
        let body = json!({ "id": s.session_id });
        self.call(NativeRequest::post(
            "/session/close",
            body,
            Auth::Session(s),
        ))
        .await
        .map(drop)
    }
}

/// On `/login`: 401, `success:false` on a 2xx, or a 4xx whose details name
/// the credentials, mean wrong username or password.
fn login_error(err: FanslyError) -> FanslyError {
    match err {
        FanslyError::Rejected {
            status, details, ..
        } if status == 401 || (200..300).contains(&status) || names_credentials(&details) => {
            FanslyError::BadCredentials { details }
        }
        other => other,
    }
}

fn names_credentials(details: &str) -> bool {
    let d = details.to_ascii_lowercase();
    d.contains("password") || d.contains("invalid credentials") || d.contains("unauthorized")
}

/// On 2FA verification: 400 with `error.code` 3 means a wrong, expired or used code.
fn twofa_error(err: FanslyError) -> FanslyError {
    match err {
        FanslyError::Rejected {
            status: 400,
            code: Some(3),
            details,
        } => FanslyError::BadTwofaCode { details },
        other => other,
    }
}
