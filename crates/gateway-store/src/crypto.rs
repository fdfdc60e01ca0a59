//! At-rest encryption of stored secrets: the [`Keyring`].
//!
//! Each value is sealed with XChaCha20-Poly1305 under the keyring's current key, with a fresh
//! random 24-byte nonce. What is stored is the blob `nonce || ciphertext || tag` and, in a
//! column beside it, the id of the key that sealed it. The row the value belongs to is bound as
//! associated data (see [`associated_data`]), so a blob copied to another row or column does not
//! open.
//!
//! A key id is the first 8 hex characters of SHA-256 over a fixed label and the key. The keyring
//! has one current key (seals and opens) and any number of previous keys (open only), which is
//! how a master key is rotated: make the new key current, keep the old one as previous until
//! every value has been rewritten.

mod keyfile;

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::{RngCore, rngs::OsRng};
use secrecy::SecretString;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::StoreError;

/// Length of the random nonce at the front of every blob.
pub const NONCE_LEN: usize = 24;
/// Length of the Poly1305 tag at the end of every blob.
pub const TAG_LEN: usize = 16;
/// The shortest blob that can be valid (an empty plaintext).
pub const MIN_BLOB_LEN: usize = NONCE_LEN + TAG_LEN;

const KEY_ID_LABEL: &[u8] = b"fansly-gateway master key id v1\0";
const KEY_RULE: &str = "it must be 64 hex characters or the base64 of exactly 32 bytes";

/// The associated data binding a sealed value to its place: `"<table>.<column>:<row id>"`.
pub fn associated_data(field: &str, row_id: &str) -> Vec<u8> {
    format!("{field}:{row_id}").into_bytes()
}

/// A 32-byte master key. Zeroed on drop; `Debug` shows only its key id.
pub struct MasterKey {
    bytes: Zeroizing<[u8; 32]>,
    id: String,
}

impl MasterKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        let bytes = Zeroizing::new(bytes);
        let digest = Sha256::new()
            .chain_update(KEY_ID_LABEL)
            .chain_update(bytes.as_slice())
            .finalize();
        let id = hex::encode(&digest[..4]);
        MasterKey { bytes, id }
    }

    /// A fresh key from the operating system's CSPRNG.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut_slice());
        Self::from_bytes(*bytes)
    }

    /// Accepts 64 hex characters or standard/URL-safe base64 (padded or not) of 32 bytes,
    /// surrounding whitespace ignored. The error names the rule, never the value.
    pub fn parse(master: &str) -> Result<Self, StoreError> {
        let s = master.trim();
        if s.is_empty() {
            return Err(StoreError::InvalidKey(format!(
                "the key is empty; {KEY_RULE}"
            )));
        }
        if s.len() == 64 {
            let mut bytes = Zeroizing::new([0u8; 32]);
            return match hex::decode_to_slice(s, bytes.as_mut_slice()) {
                Ok(()) => Ok(Self::from_bytes(*bytes)),
                Err(_) => Err(StoreError::InvalidKey(format!(
                    "the key is 64 characters but not all hex digits; {KEY_RULE}"
                ))),
            };
        }
        let decoded = [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(s).ok())
            .map(Zeroizing::new);
        match decoded {
            Some(bytes) if bytes.len() == 32 => {
                let mut key = Zeroizing::new([0u8; 32]);
                key.copy_from_slice(&bytes);
                Ok(Self::from_bytes(*key))
            }
            Some(bytes) => Err(StoreError::InvalidKey(format!(
                "the key is base64 of {} bytes; {KEY_RULE}",
                bytes.len()
            ))),
            None => Err(StoreError::InvalidKey(format!(
                "the key ({} characters) is neither hex nor base64; {KEY_RULE}",
                s.chars().count()
            ))),
        }
    }

    /// The key id stored beside every value this key seals.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.bytes.as_slice()))
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// A sealed value as stored: the blob and, beside it, the id of the key that sealed it.
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed {
    pub key_id: String,
    pub blob: Vec<u8>,
}

impl fmt::Debug for Sealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sealed")
            .field("key_id", &self.key_id)
            .field("len", &self.blob.len())
            .finish()
    }
}

#[derive(Clone)]
struct Slot {
    id: String,
    cipher: XChaCha20Poly1305, // zeroes its key on drop
}

impl Slot {
    fn new(key: &MasterKey) -> Self {
        Slot {
            id: key.id.clone(),
            cipher: XChaCha20Poly1305::new(Key::from_slice(key.bytes.as_slice())),
        }
    }
}

/// The current key and the previous (decrypt-only) keys. `Debug` shows key ids only.
#[derive(Clone)]
pub struct Keyring {
    current: Slot,
    previous: Vec<Slot>,
}

impl Keyring {
    pub fn new(current: MasterKey) -> Self {
        Keyring {
            current: Slot::new(&current),
            previous: Vec::new(),
        }
    }

    pub fn from_key(bytes: [u8; 32]) -> Self {
        Self::new(MasterKey::from_bytes(bytes))
    }

    /// See [`MasterKey::parse`] for the accepted forms.
    pub fn parse(master: &str) -> Result<Self, StoreError> {
        MasterKey::parse(master).map(Self::new)
    }

    /// The master key from `env_value` when it is set and not blank; otherwise from
    /// `key_file`; otherwise a fresh random key written to `key_file` (mode 0600, parent
    /// directories created with mode 0700).
    pub fn load_or_create(env_value: Option<&str>, key_file: &Path) -> Result<Self, StoreError> {
        if let Some(value) = env_value.filter(|v| !v.trim().is_empty()) {
            return Self::parse(value);
        }
        keyfile::load_or_create(key_file).map(Self::new)
    }

    /// Adds keys that may open values but never seal new ones. Keys equal to the current key
    /// or already present are skipped.
    pub fn with_previous(mut self, keys: impl IntoIterator<Item = MasterKey>) -> Self {
        for key in keys {
            if self.slot(&key.id).is_none() {
                self.previous.push(Slot::new(&key));
            }
        }
        self
    }

    /// The id of the key new values are sealed with.
    pub fn current_key_id(&self) -> &str {
        &self.current.id
    }

    /// Every key id this keyring can open, current first.
    pub fn key_ids(&self) -> Vec<&str> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .map(|s| s.id.as_str())
            .collect()
    }

    fn slot(&self, key_id: &str) -> Option<&Slot> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|s| s.id == key_id)
    }

    /// Seals `plaintext` under the current key with a fresh random nonce.
    pub fn seal(&self, plaintext: &[u8], ad: &[u8]) -> Result<Sealed, StoreError> {
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let payload = Payload {
            msg: plaintext,
            aad: ad,
        };
        let ciphertext = self
            .current
            .cipher
            .encrypt(XNonce::from_slice(&nonce), payload)
            .map_err(|_| StoreError::Crypto("encryption failed".into()))?;
        let mut blob = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&ciphertext);
        Ok(Sealed {
            key_id: self.current.id.clone(),
            blob,
        })
    }

    /// Opens a blob sealed by key `key_id` for the place named by `ad`. Unknown key ids,
    /// short blobs, altered blobs and a wrong `ad` are errors, never panics.
    pub fn open(
        &self,
        key_id: &str,
        blob: &[u8],
        ad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        let slot = self.slot(key_id).ok_or_else(|| {
            StoreError::Crypto(format!(
                "value was sealed with key id {key_id:?}, which is not in the keyring \
                 (current {:?}); add that key as a previous key",
                self.current.id
            ))
        })?;
        if blob.len() < MIN_BLOB_LEN {
            return Err(StoreError::Crypto(format!(
                "sealed value is {} bytes, shorter than the {MIN_BLOB_LEN}-byte minimum",
                blob.len()
            )));
        }
        let (nonce, ciphertext) = blob.split_at(NONCE_LEN);
        let payload = Payload {
            msg: ciphertext,
            aad: ad,
        };
        slot.cipher
            .decrypt(XNonce::from_slice(nonce), payload)
            .map(Zeroizing::new)
            .map_err(|_| {
                StoreError::Crypto(
                    "sealed value failed authentication: altered, or not from this row".into(),
                )
            })
    }

    /// [`Keyring::seal`] for a UTF-8 secret.
    pub fn seal_secret(&self, secret: &SecretString, ad: &[u8]) -> Result<Sealed, StoreError> {
        use secrecy::ExposeSecret as _;
        self.seal(secret.expose_secret().as_bytes(), ad)
    }

    /// [`Keyring::open`] for a value sealed by [`Keyring::seal_secret`].
    pub fn open_secret(
        &self,
        key_id: &str,
        blob: &[u8],
        ad: &[u8],
    ) -> Result<SecretString, StoreError> {
        let plain = self.open(key_id, blob, ad)?;
        let text = std::str::from_utf8(&plain)
            .map_err(|_| StoreError::Crypto("opened value is not UTF-8".into()))?;
        Ok(SecretString::from(text))
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let previous: Vec<&str> = self.previous.iter().map(|s| s.id.as_str()).collect();
        f.debug_struct("Keyring")
            .field("current", &self.current.id)
            .field("previous", &previous)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_blob_shorter_than_the_minimum_is_an_error() {
        let ring = Keyring::from_key([7; 32]);
        let sealed = ring.seal(b"", b"ad").unwrap();
        assert_eq!(sealed.blob.len(), MIN_BLOB_LEN);
        for len in 0..MIN_BLOB_LEN {
            let err = ring
                .open(&sealed.key_id, &sealed.blob[..len], b"ad")
                .unwrap_err();
            assert!(matches!(err, StoreError::Crypto(_)), "len {len}");
        }
        assert!(
            ring.open(&sealed.key_id, &sealed.blob, b"ad")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn key_id_is_label_bound_sha256_prefix() {
        let key = MasterKey::from_bytes([1; 32]);
        let mut h = Sha256::new();
        h.update(KEY_ID_LABEL);
        h.update([1u8; 32]);
        assert_eq!(key.id(), &hex::encode(h.finalize())[..8]);
        assert_ne!(key.id(), &hex::encode(Sha256::digest([1u8; 32]))[..8]);
    }

    #[test]
    fn nonces_differ_between_seals() {
        let ring = Keyring::from_key([9; 32]);
        let a = ring.seal(b"same", b"ad").unwrap();
        let b = ring.seal(b"same", b"ad").unwrap();
        assert_ne!(a.blob[..NONCE_LEN], b.blob[..NONCE_LEN]);
    }
}
