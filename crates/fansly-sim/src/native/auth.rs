//! Native auth routes: `GET /device/id`, `POST /login`, `POST /login/twofa`,
//! `POST /session/close` (route-map §5.1–5.5).

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::extract::{ClientIp, NativeJson, Viewer};
use super::views::SessionView;
use crate::envelope::{NativeError, ok};
use crate::json::opt_string;
use crate::sim::Simulator;
use crate::world::{LoginAttempt, LoginOutcome, Session};

pub(super) async fn device_id(
    State(sim): State<Simulator>,
    ClientIp(ip): ClientIp,
) -> Result<Response, NativeError> {
    let limit = sim.config().device_id_limit_per_minute;
    let now = sim.now_ms();
    let id = sim.world().mint_device(&ip, limit, now)?;
    Ok(ok(id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LoginBody {
    username: String,
    password: String,
    #[serde(default, deserialize_with = "opt_string")]
    device_id: Option<String>,
}

pub(super) async fn login(
    State(sim): State<Simulator>,
    ClientIp(ip): ClientIp,
    NativeJson(body): NativeJson<LoginBody>,
) -> Result<Response, NativeError> {
    let attempt = LoginAttempt {
        login: &body.username,
        password: &body.password,
        device_id: body.device_id,
        ip: &ip,
        new_device_check: sim.config().new_device_check,
    };
    let now = sim.now_ms();
    let outcome = sim.world().login(attempt, now)?;
    Ok(match outcome {
        LoginOutcome::Session(session) => with_cookie(
            ok(json!({ "session": SessionView::from(&session) })),
            &session,
        ),
        LoginOutcome::Challenge { token, kind, email } => {
            ok(json!({ "twofa": { "token": token, "type": kind, "email": email } }))
        }
    })
}

#[derive(Deserialize)]
pub(super) struct TwofaBody {
    token: String,
    #[serde(deserialize_with = "opt_string")]
    code: Option<String>,
}

pub(super) async fn login_twofa(
    State(sim): State<Simulator>,
    NativeJson(body): NativeJson<TwofaBody>,
) -> Result<Response, NativeError> {
    let code = body.code.unwrap_or_default();
    let now = sim.now_ms();
    let session = sim.world().complete_login(&body.token, code.trim(), now)?;
    Ok(with_cookie(ok(SessionView::from(&session)), &session))
}

#[derive(Deserialize)]
pub(super) struct CloseBody {
    #[serde(default, deserialize_with = "opt_string")]
    id: Option<String>,
}

/// Closes the session `id` of the caller's account (the calling session when absent).
pub(super) async fn close_session(
    State(sim): State<Simulator>,
    viewer: Viewer,
    NativeJson(body): NativeJson<CloseBody>,
) -> Result<Response, NativeError> {
    let id = body.id.unwrap_or(viewer.session_id);
    let now = sim.now_ms();
    sim.world().close_session(&viewer.account_id, &id, now)?;
    Ok(ok(true))
}

fn with_cookie(mut response: Response, session: &Session) -> Response {
    let cookie = format!("f-s-c={}; Path=/; HttpOnly; SameSite=Lax", session.cookie);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
