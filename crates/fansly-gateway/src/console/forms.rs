//! Form posts. [`Posted`] is the only way a console handler reads a POST body: it needs a live
//! session (else to sign-in), then the session's CSRF token in the `csrf` field (else 403,
//! before any other field is looked at), then parses the body into the handler's typed struct
//! (else 400 naming the field).

use axum::extract::{FromRequest, FromRequestParts, Request};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq as _;

use super::error::ConsoleError;
use super::session::Signed;
use crate::state::AppState;

/// The most a console form may weigh.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// A CSRF-checked form post: the session, the typed fields, and every raw pair (for
/// repeated fields such as checkboxes).
pub struct Posted<T> {
    pub session: Signed,
    pub form: T,
    pub pairs: Vec<(String, String)>,
}

impl<T> Posted<T> {
    /// Every value of the repeated field `name`, trimmed, empty ones left out.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    }
}

/// Reads a form body (at most [`MAX_FORM_BYTES`]) into its pairs.
pub async fn read_pairs(
    body: axum::body::Body,
) -> Result<(Vec<u8>, Vec<(String, String)>), ConsoleError> {
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| {
            ConsoleError::BadRequest(format!(
                "the form could not be read (at most {MAX_FORM_BYTES} bytes)"
            ))
        })?;
    let pairs = url::form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    Ok((bytes.to_vec(), pairs))
}

/// True when `pairs` carries `expected` as its `csrf` field (compared in constant time).
pub fn csrf_matches(pairs: &[(String, String)], expected: &str) -> bool {
    pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .is_some_and(|(_, v)| bool::from(v.as_bytes().ct_eq(expected.as_bytes())))
}

/// Parses a form body into `T`; the error names the field and what was wrong.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ConsoleError> {
    let de = serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(bytes));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            String::new()
        } else {
            format!("{path}: ")
        };
        ConsoleError::BadRequest(format!("{field}{}", e.into_inner()))
    })
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for Posted<T> {
    type Rejection = ConsoleError;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, ConsoleError> {
        let (mut parts, body) = req.into_parts();
        let session = Signed::from_request_parts(&mut parts, app).await?;
        let (bytes, pairs) = read_pairs(body).await?;
        if !csrf_matches(&pairs, &session.csrf()) {
            return Err(ConsoleError::Forbidden(
                "csrf: the form's CSRF token is missing or does not match this session; reload the page and try again".into(),
            ));
        }
        let form = parse(&bytes)?;
        Ok(Self {
            session,
            form,
            pairs,
        })
    }
}

/// A trimmed optional text field: empty means absent.
pub fn opt(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct F {
        #[allow(dead_code)]
        name: String,
    }

    #[test]
    fn csrf_must_match_exactly() {
        let pairs = vec![("csrf".to_owned(), "abc".to_owned())];
        assert!(csrf_matches(&pairs, "abc"));
        assert!(!csrf_matches(&pairs, "abd"));
        assert!(!csrf_matches(&[], "abc"));
    }

    #[test]
    fn a_missing_field_is_named() {
        let Err(e) = parse::<F>(b"csrf=x") else {
            panic!("parsed")
        };
        assert!(e.message().contains("name"), "{}", e.message());
    }
}
