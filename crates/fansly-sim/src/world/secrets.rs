//! Random material and token formats (route-map §5.4): codes, hex tails, session tokens,
//! challenge tokens, and e-mail masking.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rand::{Rng, RngCore};

/// 32 lowercase hex characters.
pub(super) fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A 6-digit code, zero-padded.
pub(super) fn six_digit_code() -> String {
    format!("{:06}", rand::thread_rng().gen_range(0..1_000_000))
}

/// `<accountId>:1:1:<hex>`: login challenges and 2FA sessions (plain text).
pub(super) fn challenge_token(account_id: &str) -> String {
    format!("{account_id}:1:1:{}", random_hex())
}

/// base64(`<sessionId>:1:2:<hex>`): the `authorization` token.
pub(super) fn session_token(session_id: &str) -> String {
    STANDARD.encode(format!("{session_id}:1:2:{}", random_hex()))
}

/// base64(`<sessionId>:1:1:<hex>`): the `f-s-c` cookie.
pub(super) fn session_cookie(session_id: &str) -> String {
    STANDARD.encode(format!("{session_id}:1:1:{}", random_hex()))
}

/// The session id inside a session token, if it decodes.
pub(super) fn session_id_of(token: &str) -> Option<String> {
    let decoded = STANDARD.decode(token.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    text.split(':').next().map(str::to_owned)
}

/// First character, `***@`, domain: `m***@example.com`.
pub(crate) fn mask_email(email: &str) -> String {
    let first: String = email.chars().take(1).collect();
    match email.split_once('@') {
        Some((_, domain)) => format!("{first}***@{domain}"),
        None => format!("{first}***"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_emails() {
        assert_eq!(mask_email("maria@example.com"), "m***@example.com");
        assert_eq!(mask_email("x"), "x***");
    }

    #[test]
    fn token_formats() {
        let token = challenge_token("42");
        let parts: Vec<&str> = token.split(':').collect();
        assert_eq!(parts[..3], ["42", "1", "1"]);
        assert_eq!(parts[3].len(), 32);
        assert!(
            parts[3]
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );

        let session = session_token("777");
        assert_eq!(session_id_of(&session).as_deref(), Some("777"));
        let decoded = String::from_utf8(STANDARD.decode(&session).unwrap()).unwrap();
        assert!(decoded.starts_with("777:1:2:"));
        let cookie = String::from_utf8(STANDARD.decode(session_cookie("777")).unwrap()).unwrap();
        assert!(cookie.starts_with("777:1:1:"));
        assert_eq!(six_digit_code().len(), 6);
    }
}
