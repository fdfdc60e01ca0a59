//! API key helpers: generation, display prefix and the SHA-256 hash that is all the store keeps
//! (crates.io style: the key is shown once, only its hash is stored).

use rand::{Rng, distributions::Alphanumeric, rngs::OsRng};
use secrecy::SecretString;
use sha2::{Digest, Sha256};

/// Every gateway API key starts with this.
pub const API_KEY_PREFIX: &str = "fgw_";
/// Random base62 characters after the prefix.
pub const API_KEY_RANDOM_LEN: usize = 40;
/// How many leading characters [`api_key_prefix`] keeps for display.
pub const API_KEY_DISPLAY_LEN: usize = 12;

/// A new key: `fgw_` + 40 base62 characters from the operating system's CSPRNG (~238 bits).
pub fn generate_api_key() -> SecretString {
    let mut key = String::with_capacity(API_KEY_PREFIX.len() + API_KEY_RANDOM_LEN);
    key.push_str(API_KEY_PREFIX);
    key.extend(
        OsRng
            .sample_iter(&Alphanumeric)
            .take(API_KEY_RANDOM_LEN)
            .map(char::from),
    );
    SecretString::from(key)
}

/// SHA-256 of the key as presented; what the store keeps and looks keys up by.
pub fn hash_api_key(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// The first 12 characters of a key (`fgw_` + 8), safe to show in listings and logs.
pub fn api_key_prefix(key: &str) -> String {
    key.chars().take(API_KEY_DISPLAY_LEN).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn generated_keys_have_the_documented_shape() {
        let key = generate_api_key();
        let key = key.expose_secret();
        assert_eq!(key.len(), 44);
        assert!(key.starts_with("fgw_"));
        assert!(key[4..].bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(key, generate_api_key().expose_secret());
    }

    #[test]
    fn prefix_is_twelve_chars() {
        assert_eq!(api_key_prefix("fgw_abcdefghXYZ"), "fgw_abcdefgh");
        assert_eq!(api_key_prefix("short"), "short");
    }

    #[test]
    fn hash_is_sha256() {
        assert_eq!(
            hex::encode(hash_api_key("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
