//! Vault data of the generated worlds: media with real (deterministic) bytes, spread over
//! the window, all in the creator's "All" album, the newest few also in album 1000.

use std::sync::Arc;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::{ALBUM_1000, Blob};
use crate::world::World;

/// Media per generated world.
fn media_count(world: &str) -> usize {
    if world == "large" { 120 } else { 12 }
}

/// Deterministic bytes that start like the format they claim to be.
pub(crate) fn sample_bytes(mimetype: &str, len: usize, rng: &mut StdRng) -> Vec<u8> {
    let magic: &[u8] = match mimetype {
        "image/png" => b"\x89PNG\r\n\x1a\n",
        "video/mp4" => b"\0\0\0\x18ftypmp42",
        _ => b"\xff\xd8\xff\xe0\0\x10JFIF\0",
    };
    let mut bytes = magic.to_vec();
    bytes.extend((magic.len()..len.max(magic.len())).map(|_| rng.r#gen::<u8>()));
    bytes
}

impl World {
    /// Seeds the vault of `creator_id` for the world `name` over `window_ms` ending at `now`.
    pub(crate) fn seed_vault(&mut self, name: &str, creator_id: &str, seed: u64, now: i64) {
        let mut rng = StdRng::seed_from_u64(seed ^ 0x0076_6175_6c74);
        let count = media_count(name);
        let window_ms: i64 = 30 * 24 * 60 * 60 * 1000;
        let mut ids = Vec::with_capacity(count);
        for i in 0..count {
            let at = now - window_ms
                + window_ms * i64::try_from(i).unwrap_or(0) / i64::try_from(count).unwrap_or(1);
            let mimetype = match rng.gen_range(0..10) {
                0..=5 => "image/jpeg",
                6..=7 => "image/png",
                _ => "video/mp4",
            };
            let id = self.create_media(creator_id, mimetype, at);
            let len = rng.gen_range(2048..16_384);
            let bytes = sample_bytes(mimetype, len, &mut rng);
            self.vault.blobs.insert(
                id.clone(),
                Blob {
                    bytes: Arc::new(bytes),
                    content_type: mimetype.to_owned(),
                },
            );
            ids.push(id);
        }
        // Media seeded by other parts of the world get bytes too.
        let mut bare: Vec<(String, String)> = self
            .messaging
            .media
            .media
            .values()
            .filter(|m| m.account_id == creator_id && !self.vault.blobs.contains_key(&m.id))
            .map(|m| (m.id.clone(), m.mimetype.clone()))
            .collect();
        bare.sort();
        for (id, mimetype) in bare {
            let len = rng.gen_range(2048..16_384);
            let bytes = sample_bytes(&mimetype, len, &mut rng);
            self.vault.blobs.insert(
                id,
                Blob {
                    bytes: Arc::new(bytes),
                    content_type: mimetype,
                },
            );
        }
        self.sync_vault(creator_id, now);
        let posts = self.vault.albums_of[creator_id]
            .iter()
            .find(|id| self.vault.albums[*id].kind == ALBUM_1000)
            .cloned();
        if let Some(album) = posts {
            let newest: Vec<String> = ids.iter().rev().take(count / 3).rev().cloned().collect();
            let _ = self.vault_add_media(creator_id, &album, &newest, now);
        }
    }

    /// Stores `bytes` as the content of an existing media (tests and the control API).
    pub(crate) fn put_media_bytes(&mut self, media_id: &str, bytes: Vec<u8>) -> bool {
        let Some(content_type) = self.media(media_id).map(|m| m.mimetype.clone()) else {
            return false;
        };
        self.vault.blobs.insert(
            media_id.to_owned(),
            Blob {
                bytes: Arc::new(bytes),
                content_type,
            },
        );
        true
    }
}
