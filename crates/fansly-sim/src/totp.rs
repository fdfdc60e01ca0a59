//! RFC 6238 TOTP (SHA-1, 30 s steps, 6 digits) and the RFC 4648 base32 it is keyed with.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

const STEP_SECS: i64 = 30;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The 6-digit TOTP for `secret_base32` at `unix_secs`, or `None` when the secret is not
/// valid base32 (case, spaces, dashes and `=` padding are ignored) or the time is negative.
pub fn totp(secret_base32: &str, unix_secs: i64) -> Option<String> {
    let key = base32_decode(secret_base32)?;
    let counter = u64::try_from(unix_secs.div_euclid(STEP_SECS)).ok()?;
    hotp(&key, counter).map(|code| format!("{code:06}"))
}

/// True when `code` is the TOTP of the step at `unix_secs` or of one step either side.
pub(crate) fn totp_matches(secret_base32: &str, unix_secs: i64, code: &str) -> bool {
    [-STEP_SECS, 0, STEP_SECS]
        .iter()
        .any(|delta| totp(secret_base32, unix_secs + delta).as_deref() == Some(code))
}

/// A fresh random 160-bit secret, base32 without padding (32 characters).
pub(crate) fn generate_secret() -> String {
    let mut key = [0u8; 20];
    rand::thread_rng().fill_bytes(&mut key);
    base32_encode(&key)
}

/// Decodes base32; `None` on a character outside the alphabet or an empty key.
pub(crate) fn base32_decode(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for ch in input.bytes() {
        if matches!(ch, b'=' | b' ' | b'-' | b'\t') {
            continue;
        }
        let value = ALPHABET
            .iter()
            .position(|&a| a == ch.to_ascii_uppercase())?;
        buffer = (buffer << 5) | u32::try_from(value).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xFF).ok()?);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// RFC 4226 HOTP truncated to 6 digits.
fn hotp(key: &[u8], counter: u64) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).ok()?;
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0F);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7F,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Some(binary % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Base32 of the RFC 6238 SHA-1 seed "12345678901234567890".
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn rfc6238_sha1_vectors_truncated_to_six_digits() {
        // The RFC's 8-digit values are binary % 10^8; the 6-digit code is their last 6 digits.
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, eight) in vectors {
            assert_eq!(
                totp(RFC_SECRET, time).as_deref(),
                Some(&eight[2..]),
                "t={time}"
            );
        }
    }

    #[test]
    fn base32_round_trips_and_ignores_case_and_padding() {
        assert_eq!(base32_decode(RFC_SECRET).unwrap(), b"12345678901234567890");
        assert_eq!(
            base32_decode("gezdgnbv gy3tqojq====").unwrap(),
            b"1234567890"
        );
        assert_eq!(base32_encode(b"12345678901234567890"), RFC_SECRET);
        assert!(base32_decode("NOT-VALID-1").is_none());
        assert!(base32_decode("").is_none());
    }

    #[test]
    fn accepts_one_step_either_side() {
        let now = 1_234_567_890;
        let previous = totp(RFC_SECRET, now - 30).unwrap();
        let next = totp(RFC_SECRET, now + 30).unwrap();
        let far = totp(RFC_SECRET, now + 90).unwrap();
        assert!(totp_matches(RFC_SECRET, now, &previous));
        assert!(totp_matches(RFC_SECRET, now, &next));
        assert!(!totp_matches(RFC_SECRET, now, &far));
    }

    #[test]
    fn generated_secrets_decode_to_twenty_bytes() {
        let secret = generate_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).unwrap().len(), 20);
        assert!(totp(&secret, 0).is_some());
    }

    #[test]
    fn negative_time_has_no_code() {
        assert!(totp(RFC_SECRET, -1).is_none());
    }
}
