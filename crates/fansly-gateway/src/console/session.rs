//! Console sessions: a random 256-bit token in the `fgw_console` cookie (HttpOnly,
//! SameSite=Strict, Path=/console, Secure under TLS), kept in the store only as its SHA-256
//! with its principal and expiry (migration 0014). The token is opaque and looked up on every
//! request, so it needs no signature: an unguessable value the server keeps no copy of cannot
//! be forged, and a revoked key or operator ends its sessions at once (the lookup joins them).

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cookie::{Cookie, SameSite};
use gateway_store::TenantId;
use gateway_store::console::{ConsolePrincipal, hash_console_secret};
use rand::RngCore as _;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::error::ConsoleError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "fgw_console";
/// How long a session lasts after sign-in.
pub const SESSION_TTL_MS: i64 = 8 * 60 * 60 * 1000;

/// A signed-in browser.
pub struct Signed {
    pub token: SecretString,
    pub principal: ConsolePrincipal,
    pub expires_at: i64,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signed")
            .field("principal", &self.principal)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl Signed {
    /// The CSRF token of this session's forms: SHA-256 of a label and the session token, so a
    /// page without the cookie cannot know it, and nothing more needs storing.
    pub fn csrf(&self) -> String {
        csrf_for(self.token.expose_secret())
    }

    /// The tenant of a tenant session; an operator session is refused (403).
    pub fn tenant(&self) -> Result<TenantId, ConsoleError> {
        match self.principal {
            ConsolePrincipal::Tenant(t) => Ok(t),
            ConsolePrincipal::Operator { .. } => Err(ConsoleError::Forbidden(
                "Operators manage API keys; sign in with an API key to see its accounts".into(),
            )),
        }
    }

    /// The operator's name; a tenant session is refused (403).
    pub fn operator(&self) -> Result<&str, ConsoleError> {
        match &self.principal {
            ConsolePrincipal::Operator { name, .. } => Ok(name),
            ConsolePrincipal::Tenant(_) => Err(ConsoleError::Forbidden(
                "Only an operator manages API keys".into(),
            )),
        }
    }
}

pub fn csrf_for(token: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"fansly-gateway console csrf\0");
    h.update(token.as_bytes());
    URL_SAFE_NO_PAD.encode(h.finalize())
}

/// 32 random bytes from the OS, base64url: a session token or a pre-session CSRF value.
pub fn random_token() -> SecretString {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    SecretString::from(URL_SAFE_NO_PAD.encode(bytes))
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| Cookie::split_parse(v.to_owned()))
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A `Set-Cookie` value for a console cookie (`max_age_s` 0 deletes it).
pub fn set_cookie(name: &str, value: &str, max_age_s: i64, secure: bool) -> String {
    Cookie::build((name.to_owned(), value.to_owned()))
        .path("/console")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(time::Duration::seconds(max_age_s))
        .build()
        .to_string()
}

/// Starts a session for `principal`; returns its `Set-Cookie` value.
pub async fn start(app: &AppState, principal: &ConsolePrincipal) -> Result<String, ConsoleError> {
    let token = random_token();
    let now = app.clock.now_ms();
    let expires_at = now + SESSION_TTL_MS;
    app.store
        .create_console_session(
            &hash_console_secret(token.expose_secret()),
            principal,
            now,
            expires_at,
        )
        .await?;
    Ok(set_cookie(
        SESSION_COOKIE,
        token.expose_secret(),
        SESSION_TTL_MS / 1000,
        app.settings.tls.is_some(),
    ))
}

/// Ends the session; returns the `Set-Cookie` value that deletes the cookie.
pub async fn end(app: &AppState, session: &Signed) -> Result<String, ConsoleError> {
    app.store
        .delete_console_session(&hash_console_secret(session.token.expose_secret()))
        .await?;
    Ok(set_cookie(
        SESSION_COOKIE,
        "",
        0,
        app.settings.tls.is_some(),
    ))
}

async fn lookup(parts: &Parts, app: &AppState) -> Result<Option<Signed>, ConsoleError> {
    let Some(token) = cookie_value(&parts.headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let found = app
        .store
        .console_session(&hash_console_secret(&token), app.clock.now_ms())
        .await?;
    Ok(found.map(|s| Signed {
        token: SecretString::from(token),
        principal: s.principal,
        expires_at: s.expires_at,
    }))
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = ConsoleError;

    /// No live session: to the sign-in page (303 for a page, 401 for the event stream).
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ConsoleError> {
        lookup(parts, app).await?.ok_or(ConsoleError::SignIn)
    }
}

impl OptionalFromRequestParts<AppState> for Signed {
    type Rejection = ConsoleError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Option<Self>, ConsoleError> {
        lookup(parts, app).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_strict_and_scoped() {
        let c = set_cookie(SESSION_COOKIE, "abc", 60, false);
        assert!(c.contains("HttpOnly"), "{c}");
        assert!(c.contains("SameSite=Strict"), "{c}");
        assert!(c.contains("Path=/console"), "{c}");
        assert!(!c.contains("Secure"), "{c}");
        assert!(set_cookie(SESSION_COOKIE, "abc", 60, true).contains("Secure"));
    }

    #[test]
    fn csrf_depends_on_the_token() {
        assert_ne!(csrf_for("a"), csrf_for("b"));
        assert_eq!(csrf_for("a"), csrf_for("a"));
        assert_eq!(csrf_for("a").len(), 43);
    }

    #[test]
    fn reads_the_named_cookie() {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::COOKIE,
            "x=1; fgw_console=tok; y=2".parse().unwrap(),
        );
        assert_eq!(cookie_value(&h, SESSION_COOKIE).as_deref(), Some("tok"));
        assert_eq!(cookie_value(&h, "zz"), None);
    }
}
