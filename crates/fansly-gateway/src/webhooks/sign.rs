//! Webhook secrets and signatures.
//!
//! Every delivery carries two signature schemes over the exact body bytes sent:
//! - `Signature` and `X-Fansly-Signature`: bare lowercase hex HMAC-SHA256 of the raw body,
//!   keyed by the secret string as shown to the user (`whsec_…`, its UTF-8 bytes), identical
//!   values (client-compat §0 item 9, §4);
//! - Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix seconds) and
//!   `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed by the
//!   secret's raw bytes (the base64 after `whsec_`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore as _;
use rand::rngs::OsRng;
use secrecy::{ExposeSecret as _, SecretString};
use sha2::{Digest as _, Sha256};

pub const SECRET_PREFIX: &str = "whsec_";
const SECRET_BYTES: usize = 32;
const BLOCK: usize = 64;

/// A fresh `whsec_<base64 of 32 random bytes>` secret.
pub fn generate_secret() -> SecretString {
    let mut raw = [0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut raw);
    SecretString::from(format!("{SECRET_PREFIX}{}", STANDARD.encode(raw)))
}

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// The Standard Webhooks key: the base64 after `whsec_` decoded (the whole string's bytes if
/// it does not decode).
fn standard_key(secret: &str) -> Vec<u8> {
    let b64 = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    STANDARD
        .decode(b64)
        .unwrap_or_else(|_| secret.as_bytes().to_vec())
}

/// The signature headers of one attempt.
#[derive(Debug, PartialEq, Eq)]
pub struct Signatures {
    /// For `Signature` and `X-Fansly-Signature`.
    pub hex: String,
    /// For `webhook-signature`.
    pub standard: String,
}

pub fn sign(secret: &SecretString, delivery_id: &str, timestamp_s: i64, body: &[u8]) -> Signatures {
    let secret = secret.expose_secret();
    let hex = hex::encode(hmac_sha256(secret.as_bytes(), body));
    let mut signed = format!("{delivery_id}.{timestamp_s}.").into_bytes();
    signed.extend_from_slice(body);
    let standard = format!(
        "v1,{}",
        STANDARD.encode(hmac_sha256(&standard_key(secret), &signed))
    );
    Signatures { hex, standard }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hmac_hashes_long_keys() {
        // RFC 4231 case 6: 131-byte key.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex::encode(mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn standard_webhooks_reference_vector() {
        // From the Standard Webhooks reference implementations' tests.
        let secret = SecretString::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        let sig = sign(
            &secret,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(
            sig.standard,
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn secrets_are_prefixed_and_random() {
        let a = generate_secret();
        let b = generate_secret();
        assert!(a.expose_secret().starts_with(SECRET_PREFIX));
        assert_ne!(a.expose_secret(), b.expose_secret());
        assert_eq!(standard_key(a.expose_secret()).len(), SECRET_BYTES);
    }
}
