//! Sensitive-action 2FA: `POST /twofa/session` (send a code) and
//! `POST /twofa/session/verify` (route-map §5.6).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{NativeJson, Viewer};
use super::views::TwofaVerifyView;
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;

/// The simulator always takes the e-mail path, whatever `useEmailTwoFAFallback` says.
pub(super) async fn send(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(_body): NativeJson<Value>,
) -> Result<Response, NativeError> {
    let now = sim.now_ms();
    let twofa = sim.world().start_twofa_session(&viewer.session_id, now)?;
    Ok(ok(json!({
        "emailTwofa": {
            "id": twofa.id,
            "token": twofa.token,
            "email": twofa.email,
            "type": twofa.kind,
        }
    })))
}

#[derive(Deserialize)]
pub(super) struct VerifyBody {
    #[serde(default, deserialize_with = "opt_string")]
    token: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    code: Option<String>,
    #[serde(default)]
    mode: Option<Value>,
}

pub(super) async fn verify(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<VerifyBody>,
) -> Result<Response, NativeError> {
    if !mode_is_email(body.mode.as_ref()) {
        return Err(NativeError::verify_failed());
    }
    let (Some(token), Some(code)) = (body.token, body.code) else {
        return Err(NativeError::verify_failed());
    };
    let now = sim.now_ms();
    let twofa = sim
        .world()
        .verify_twofa_session(&viewer.account_id, &token, code.trim(), now)?;
    Ok(ok(TwofaVerifyView::from(&twofa)))
}

/// `mode` 1 (number or string) or absent/null; anything else is refused.
fn mode_is_email(mode: Option<&Value>) -> bool {
    match mode {
        None | Some(Value::Null) => true,
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        Some(Value::String(s)) => s.trim() == "1",
        Some(_) => false,
    }
}
