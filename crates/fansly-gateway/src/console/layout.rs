//! The page frame (header, navigation, sign-out, notices) and the security headers of every
//! console answer: a strict Content-Security-Policy (own origin only, no inline script or
//! style), no framing, no sniffing, no referrer, no caching.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use super::session::Signed;
use gateway_store::console::ConsolePrincipal;

pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Middleware on every console route.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// An HTML answer.
pub fn respond(status: StatusCode, page: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.into_string(),
    )
        .into_response()
}

/// A notice shown above the page's content.
pub enum Notice {
    Ok(String),
    Error(String),
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · fansly-gateway console" }
            link rel="stylesheet" href="/console/assets/console.css";
            script src="/console/assets/console.js" defer {}
        }
    }
}

/// A page without navigation (sign-in, errors).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                main #main { (body) }
            }
        }
    }
}

const TENANT_NAV: &[(&str, &str)] = &[
    ("/console/accounts", "Accounts"),
    ("/console/webhooks", "Webhooks"),
    ("/console/live", "Live events"),
    ("/console/logs", "Requests"),
    ("/console/usage", "Usage"),
];
const OPERATOR_NAV: &[(&str, &str)] = &[("/console/keys", "API keys")];

/// A signed-in page: header with navigation and the sign-out button, an optional notice,
/// then `body`.
pub fn page(session: &Signed, title: &str, notice: Option<Notice>, body: Markup) -> Markup {
    let (nav, who) = match &session.principal {
        ConsolePrincipal::Tenant(t) => (TENANT_NAV, format!("API key #{t}")),
        ConsolePrincipal::Operator { name, .. } => (OPERATOR_NAV, format!("Operator {name}")),
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                a.skip href="#main" { "Skip to content" }
                header {
                    span.brand { "fansly-gateway" }
                    nav aria-label="Console" {
                        ul {
                            @for (href, label) in nav {
                                li { a href=(href) { (label) } }
                            }
                        }
                    }
                    form.signout method="post" action="/console/sign-out" {
                        (csrf_field(session))
                        span.who { (who) }
                        button type="submit" { "Sign out" }
                    }
                }
                main #main {
                    h1 { (title) }
                    @match notice {
                        Some(Notice::Ok(m)) => p.notice role="status" { (m) },
                        Some(Notice::Error(m)) => p.error role="alert" { (m) },
                        None => {},
                    }
                    (body)
                }
            }
        }
    }
}

/// The hidden CSRF field every POST form carries.
pub fn csrf_field(session: &Signed) -> Markup {
    html! { input type="hidden" name="csrf" value=(session.csrf()); }
}

/// `2026-12-02 05:25:04 UTC` for a Unix-ms instant.
pub fn when(ms: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return ms.to_string();
    };
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    t.format(&f).unwrap_or_else(|_| ms.to_string())
}
