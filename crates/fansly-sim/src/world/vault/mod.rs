//! The vault side of media (route-map §4.3 VaultAlbum, AlbumMedia, Upload; §4.2 CDN):
//! albums and their entries, the stored bytes behind every Media, signed expiring CDN
//! locations, and the upload host's create → parts → complete → poll state machine.
//!
//! Seed invariant: every creator has the built-in albums of types 38000 ("All"), 1000 and
//! 5000; they are created on first use. Every Media of a creator is in its "All" album:
//! the album is brought up to date before each vault read.

mod albums;
mod cdn;
mod seed;
mod upload;

use std::collections::HashMap;
use std::sync::Arc;

pub(crate) use albums::VaultQuery;
pub(crate) use cdn::CdnCheck;
pub(crate) use upload::{NewUpload, PartPut, UploadCompletion};

/// Album types (route-map §4.3).
pub(crate) const ALBUM_ALL: i64 = 38_000;
pub(crate) const ALBUM_1000: i64 = 1000;
pub(crate) const ALBUM_5000: i64 = 5000;

/// `GET /media/vaultnew` page size (a simulator choice, §4.2).
pub(crate) const VAULT_PAGE: usize = 50;

/// One vault album.
#[derive(Clone, Debug)]
pub(crate) struct Album {
    pub id: String,
    pub account_id: String,
    pub title: String,
    pub description: String,
    pub kind: i64,
    pub pos: i64,
    pub created_at: i64,
    /// Entries oldest first (ids are monotonic snowflakes).
    pub entries: Vec<AlbumMedia>,
}

/// One album entry.
#[derive(Clone, Debug)]
pub(crate) struct AlbumMedia {
    pub id: String,
    pub album_id: String,
    pub media_id: String,
    pub media_type: u8,
    pub custom_filename: String,
    pub created_at: i64,
}

/// The bytes behind one Media, served by the CDN.
#[derive(Clone, Debug)]
pub(crate) struct Blob {
    pub bytes: Arc<Vec<u8>>,
    pub content_type: String,
}

/// Everything the vault side holds.
#[derive(Debug)]
pub(crate) struct Vault {
    pub albums: HashMap<String, Album>,
    /// Account id → its album ids, in creation order.
    pub albums_of: HashMap<String, Vec<String>>,
    pub blobs: HashMap<String, Blob>,
    pub uploads: HashMap<String, upload::Upload>,
    /// Where CDN locations point, e.g. `https://cdn3.fansly.com` or `http://127.0.0.1:PORT/cdn`.
    pub cdn_base: String,
    /// The HMAC key of CDN signatures.
    pub secret: [u8; 32],
    /// Polls after `complete` until an upload reaches status 6.
    pub polls_to_complete: u32,
}

impl Default for Vault {
    fn default() -> Self {
        Self {
            albums: HashMap::new(),
            albums_of: HashMap::new(),
            blobs: HashMap::new(),
            uploads: HashMap::new(),
            cdn_base: cdn::DEFAULT_CDN_BASE.to_owned(),
            secret: rand::random(),
            polls_to_complete: 3,
        }
    }
}

#[cfg(test)]
mod tests;
