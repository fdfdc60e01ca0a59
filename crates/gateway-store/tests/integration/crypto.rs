//! The keyring on its own: sealing, opening, parsing, rotation, the key file, redaction.

use std::os::unix::fs::PermissionsExt as _;

use gateway_store::crypto::{MIN_BLOB_LEN, NONCE_LEN, associated_data};
use gateway_store::{Keyring, MasterKey, StoreError};
use secrecy::{ExposeSecret, SecretString};

const HEX_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

fn ring() -> Keyring {
    Keyring::from_key([0x42; 32])
}

#[test]
fn round_trip() {
    let ring = ring();
    let ad = associated_data("accounts.session_token", "fansly_abc");
    let sealed = ring.seal(b"hello", &ad).unwrap();
    assert_eq!(sealed.key_id, ring.current_key_id());
    assert_eq!(sealed.blob.len(), MIN_BLOB_LEN + 5);
    assert_eq!(
        ring.open(&sealed.key_id, &sealed.blob, &ad)
            .unwrap()
            .as_slice(),
        b"hello"
    );

    let secret = SecretString::from("sess");
    let sealed = ring.seal_secret(&secret, &ad).unwrap();
    let back = ring.open_secret(&sealed.key_id, &sealed.blob, &ad).unwrap();
    assert_eq!(back.expose_secret(), "sess");
}

#[test]
fn wrong_associated_data_fails() {
    let ring = ring();
    let sealed = ring.seal(b"v", b"accounts.session_token:fansly_a").unwrap();
    let err = ring.open(
        &sealed.key_id,
        &sealed.blob,
        b"accounts.session_token:fansly_b",
    );
    assert!(matches!(err, Err(StoreError::Crypto(_))));
}

#[test]
fn truncated_blobs_fail_without_panicking() {
    let ring = ring();
    let sealed = ring.seal(b"a longer plaintext", b"ad").unwrap();
    for len in 0..sealed.blob.len() {
        let err = ring.open(&sealed.key_id, &sealed.blob[..len], b"ad");
        assert!(matches!(err, Err(StoreError::Crypto(_))), "length {len}");
    }
}

#[test]
fn tampering_anywhere_fails() {
    let ring = ring();
    let sealed = ring.seal(b"payload", b"ad").unwrap();
    // A byte of the nonce, of the ciphertext, and of the tag.
    for at in [0, NONCE_LEN + 1, sealed.blob.len() - 1] {
        let mut blob = sealed.blob.clone();
        blob[at] ^= 0x01;
        assert!(matches!(
            ring.open(&sealed.key_id, &blob, b"ad"),
            Err(StoreError::Crypto(_))
        ));
    }
    let mut longer = sealed.blob.clone();
    longer.push(0);
    assert!(ring.open(&sealed.key_id, &longer, b"ad").is_err());
}

#[test]
fn unknown_key_id_fails_cleanly() {
    let ring = ring();
    let sealed = ring.seal(b"v", b"ad").unwrap();
    match ring.open("deadbeef", &sealed.blob, b"ad") {
        Err(StoreError::Crypto(msg)) => assert!(msg.contains("deadbeef"), "{msg}"),
        other => panic!("unexpected {other:?}"),
    }
    // The right blob under another keyring whose id differs.
    assert!(
        Keyring::from_key([1; 32])
            .open(&sealed.key_id, &sealed.blob, b"ad")
            .is_err()
    );
}

#[test]
fn rotation_keeps_old_values_readable() {
    let old = ring();
    let sealed = old.seal(b"old value", b"ad").unwrap();
    let rotated = Keyring::from_key([0x43; 32]).with_previous([MasterKey::from_bytes([0x42; 32])]);
    assert_ne!(rotated.current_key_id(), old.current_key_id());
    assert_eq!(
        rotated.key_ids(),
        vec![rotated.current_key_id(), old.current_key_id()]
    );
    let opened = rotated.open(&sealed.key_id, &sealed.blob, b"ad").unwrap();
    assert_eq!(opened.as_slice(), b"old value");
    // New values go under the new key only.
    let fresh = rotated.seal(b"new", b"ad").unwrap();
    assert_eq!(fresh.key_id, rotated.current_key_id());
    assert!(old.open(&fresh.key_id, &fresh.blob, b"ad").is_err());
    // Duplicates (of the current or a previous key) are ignored.
    let deduped = rotated.with_previous([
        MasterKey::from_bytes([0x43; 32]),
        MasterKey::from_bytes([0x42; 32]),
    ]);
    assert_eq!(deduped.key_ids().len(), 2);
}

#[test]
fn key_ids_are_eight_hex_chars_and_stable() {
    let a = Keyring::from_key([0x42; 32]);
    let b = Keyring::parse(&hex::encode([0x42; 32])).unwrap();
    assert_eq!(a.current_key_id(), b.current_key_id());
    assert_eq!(a.current_key_id().len(), 8);
    assert!(a.current_key_id().bytes().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(
        a.current_key_id(),
        Keyring::from_key([0x43; 32]).current_key_id()
    );
}

#[test]
fn parse_accepts_hex_and_base64() {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let bytes: [u8; 32] = hex::decode(HEX_KEY).unwrap().try_into().unwrap();
    let id = Keyring::from_key(bytes).current_key_id().to_owned();
    for text in [
        HEX_KEY.to_owned(),
        HEX_KEY.to_uppercase(),
        format!("  {HEX_KEY}\n"),
        STANDARD.encode(bytes),
        URL_SAFE_NO_PAD.encode([0xfb; 32]),
    ] {
        let parsed = Keyring::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        if !text.contains('_') && !text.contains('-') {
            assert_eq!(parsed.current_key_id(), id, "{text}");
        }
    }
    assert_eq!(
        Keyring::parse(&URL_SAFE_NO_PAD.encode([0xfb; 32]))
            .unwrap()
            .current_key_id(),
        Keyring::from_key([0xfb; 32]).current_key_id()
    );
}

#[test]
fn parse_errors_name_the_rule_not_the_value() {
    use base64::Engine as _;
    let bad_hex = format!("{}zz", &HEX_KEY[..62]);
    let short_b64 = base64::engine::general_purpose::STANDARD.encode([7u8; 16]);
    let cases = [
        ("", "empty"),
        ("   ", "empty"),
        (&HEX_KEY[..62], "neither hex nor base64"),
        (bad_hex.as_str(), "not all hex digits"),
        (short_b64.as_str(), "base64 of 16 bytes"),
        ("not a key at all!", "neither hex nor base64"),
    ];
    for (input, expect) in cases {
        match Keyring::parse(input) {
            Err(StoreError::InvalidKey(msg)) => {
                assert!(msg.contains(expect), "{input:?}: {msg}");
                assert!(msg.contains("64 hex characters"), "{input:?}: {msg}");
                if input.len() > 4 {
                    assert!(!msg.contains(input.trim()), "{input:?} echoed: {msg}");
                }
            }
            other => panic!("{input:?}: unexpected {other:?}"),
        }
    }
}

#[test]
fn debug_never_shows_key_material() {
    let key = [0xab; 32];
    let ring = Keyring::from_key(key).with_previous([MasterKey::from_bytes([0xcd; 32])]);
    let shown = format!("{ring:?} {:?} {:#?}", MasterKey::from_bytes(key), ring);
    assert!(shown.contains(ring.current_key_id()), "{shown}");
    for needle in ["abab", "cdcd", "171, 171", "205, 205"] {
        assert!(
            !shown.to_lowercase().contains(needle),
            "{needle} in {shown}"
        );
    }
    let sealed = ring.seal(b"plain", b"ad").unwrap();
    let shown = format!("{sealed:?}");
    assert!(
        shown.contains(&sealed.key_id) && shown.contains("len"),
        "{shown}"
    );
}

#[test]
fn key_file_is_created_0600_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secrets/nested/master.key");
    let created = Keyring::load_or_create(None, &path).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let dir_mode = std::fs::metadata(path.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o777, 0o700);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.trim().len(), 64);
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temp file left behind");

    let reloaded = Keyring::load_or_create(None, &path).unwrap();
    assert_eq!(reloaded.current_key_id(), created.current_key_id());
    let sealed = created.seal(b"v", b"ad").unwrap();
    assert_eq!(
        reloaded
            .open(&sealed.key_id, &sealed.blob, b"ad")
            .unwrap()
            .as_slice(),
        b"v"
    );
    // A blank env value counts as unset.
    let blank = Keyring::load_or_create(Some("  "), &path).unwrap();
    assert_eq!(blank.current_key_id(), created.current_key_id());
}

#[test]
fn env_value_wins_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("master.key");
    let from_file = Keyring::load_or_create(None, &path).unwrap();
    let from_env = Keyring::load_or_create(Some(HEX_KEY), &path).unwrap();
    assert_ne!(from_env.current_key_id(), from_file.current_key_id());
    assert_eq!(
        from_env.current_key_id(),
        Keyring::parse(HEX_KEY).unwrap().current_key_id()
    );
    // With the env value set, no file is needed at all.
    let elsewhere = dir.path().join("never/created.key");
    Keyring::load_or_create(Some(HEX_KEY), &elsewhere).unwrap();
    assert!(!elsewhere.exists());
    assert!(matches!(
        Keyring::load_or_create(Some("bad"), &path),
        Err(StoreError::InvalidKey(_))
    ));
}

#[test]
fn a_corrupt_key_file_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("master.key");
    std::fs::write(&path, "not a key\n").unwrap();
    match Keyring::load_or_create(None, &path) {
        Err(StoreError::KeyFile(msg)) => {
            assert!(
                msg.contains("master.key") && msg.contains("64 hex"),
                "{msg}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}
