//! Sign-in and sign-out. One field takes either an API key (`fgw_…`: a tenant session, seeing
//! only what the key owns) or an operator secret (`fgo_…`, created with `fansly-gateway
//! console operator create`: an operator session, managing API keys). Both are looked up by
//! their SHA-256 (the lookup's final check is constant time); attempts are rate limited per
//! client address. The sign-in form has no session yet, so its CSRF token is a double-submit
//! value: a random `fgw_console_pre` cookie that the form repeats.

use std::net::SocketAddr;

use axum::Extension;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gateway_store::console::{ConsolePrincipal, OPERATOR_SECRET_PREFIX, hash_console_secret};
use maud::html;
use serde::Deserialize;
use subtle::ConstantTimeEq as _;

use super::Console;
use super::error::ConsoleError;
use super::forms::{self, Posted};
use super::layout;
use super::session::{self, cookie_value, random_token, set_cookie};
use crate::state::AppState;
use secrecy::ExposeSecret as _;

const PRE_COOKIE: &str = "fgw_console_pre";

fn form_page(pre: &str, status: StatusCode, error: Option<&str>) -> Response {
    let body = html! {
        h1 { "Sign in to the console" }
        @if let Some(e) = error {
            p.error role="alert" { (e) }
        }
        form.card method="post" action="/console/sign-in" {
            input type="hidden" name="csrf" value=(pre);
            label for="secret" { "API key or operator secret" }
            input #secret type="password" name="secret" autocomplete="current-password"
                required autofocus;
            p.hint { "An API key (fgw_…) shows that key's accounts, webhooks, requests and usage. "
                "An operator secret (fgo_…, from " code { "fansly-gateway console operator create" }
                ") manages API keys." }
            button type="submit" { "Sign in" }
        }
    };
    layout::respond(status, layout::bare("Sign in", body))
}

/// `GET /console/sign-in`: the form, with a fresh pre-session CSRF cookie.
pub async fn form(State(app): State<AppState>) -> Response {
    let pre = random_token();
    let mut res = form_page(pre.expose_secret(), StatusCode::OK, None);
    if let Ok(v) = set_cookie(
        PRE_COOKIE,
        pre.expose_secret(),
        3600,
        app.settings.tls.is_some(),
    )
    .parse()
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[derive(Deserialize)]
struct SignInForm {
    secret: String,
}

/// `POST /console/sign-in`.
pub async fn submit(
    State(app): State<AppState>,
    Extension(console): Extension<Console>,
    req: Request,
) -> Result<Response, ConsoleError> {
    let (parts, body) = req.into_parts();
    let (bytes, pairs) = forms::read_pairs(body).await?;
    let pre = cookie_value(&parts.headers, PRE_COOKIE).unwrap_or_default();
    let sent = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    if pre.is_empty() || !bool::from(pre.as_bytes().ct_eq(sent.as_bytes())) {
        return Err(ConsoleError::Forbidden(
            "csrf: the sign-in form's token is missing or does not match; reload the sign-in page"
                .into(),
        ));
    }
    let addr = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(std::net::Ipv4Addr::LOCALHOST.into(), |c| c.0.ip());
    if let Err(wait) = console.inner.signin.admit(addr, app.clock.now_ms()) {
        return Err(ConsoleError::TooManyRequests(format!(
            "Too many sign-in attempts from this address; try again in {wait} s"
        )));
    }
    let form: SignInForm = forms::parse(&bytes)?;
    let secret = form.secret.trim();
    if secret.is_empty() {
        return Ok(form_page(
            &pre,
            StatusCode::BAD_REQUEST,
            Some("secret is required: paste an API key or an operator secret"),
        ));
    }
    let principal = if secret.starts_with(OPERATOR_SECRET_PREFIX) {
        app.store
            .find_console_operator(&hash_console_secret(secret))
            .await?
            .map(|o| ConsolePrincipal::Operator {
                id: o.id,
                name: o.name,
            })
    } else {
        app.keys
            .resolve(secret)
            .await
            .map_err(|e| ConsoleError::Internal(format!("key lookup: {}", e.message)))?
            .map(ConsolePrincipal::Tenant)
    };
    let Some(principal) = principal else {
        return Ok(form_page(
            &pre,
            StatusCode::UNAUTHORIZED,
            Some("That API key or operator secret is not valid (or was revoked)"),
        ));
    };
    let cookie = session::start(&app, &principal).await?;
    let target = match principal {
        ConsolePrincipal::Tenant(_) => "/console/accounts",
        ConsolePrincipal::Operator { .. } => "/console/keys",
    };
    let mut res = Redirect::to(target).into_response();
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    if let Ok(v) = set_cookie(PRE_COOKIE, "", 0, app.settings.tls.is_some()).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[derive(Deserialize)]
pub struct Empty {}

/// `POST /console/sign-out`: ends the session and deletes the cookie.
pub async fn sign_out(
    State(app): State<AppState>,
    posted: Posted<Empty>,
) -> Result<Response, ConsoleError> {
    let cookie = session::end(&app, &posted.session).await?;
    let mut res = Redirect::to("/console/sign-in").into_response();
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}
