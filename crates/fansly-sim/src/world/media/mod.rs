//! Vault media and the offers made of them (route-map §4.3 Media, AccountMedia,
//! AccountMediaBundle) with the viewer-relative access rules of §4.2.
//!
//! The store lives inside [`crate::world::messaging::Messaging`] (`world.messaging.media`).
//! Media records are minimal here (no bytes, no CDN signing): the upload/CDN side extends
//! [`Media`] and replaces [`World::media_locations`].

mod access;
mod offers;
mod render;

use std::collections::HashMap;

use serde_json::Value;

use super::{Rejection, World};

pub(crate) use offers::{NewBundle, NewOffer, PermissionEntry, WhitelistEntry};

/// Attachment content types (route-map §4.3).
pub(crate) const CONTENT_OFFER: i64 = 1;
pub(crate) const CONTENT_BUNDLE: i64 = 2;
pub(crate) const CONTENT_TIP: i64 = 7;

/// One vault file.
#[derive(Clone, Debug)]
pub(crate) struct Media {
    pub id: String,
    pub account_id: String,
    /// 1 image, 2 video, 3 audio.
    pub kind: u8,
    /// 1 = ready.
    pub status: u8,
    pub mimetype: String,
    pub flags: u32,
    pub filename: String,
    pub width: u32,
    pub height: u32,
    /// A JSON string, e.g. `{"duration":43.883}`; `""` when unknown.
    pub metadata: String,
    /// Unix ms (rendered in seconds).
    pub created_at: i64,
    pub updated_at: i64,
    /// Stored locations `{locationId, location, metadata}`; the CDN side fills them.
    pub locations: Vec<Value>,
    /// The id of its one variant (a 300-px-wide JPEG thumbnail, as Fansly lists in
    /// `variants[]`).
    pub variant_id: String,
}

impl Media {
    /// The file extension the mimetype implies.
    pub(crate) fn extension(&self) -> &str {
        extension_of(&self.mimetype)
    }

    /// `/<accountId>/<mediaId>.<ext>`.
    pub(crate) fn location(&self) -> String {
        format!("/{}/{}.{}", self.account_id, self.id, self.extension())
    }
}

/// An offer (`accountMedia`): a priced, permissioned view of one Media.
#[derive(Clone, Debug)]
pub(crate) struct Offer {
    pub id: String,
    pub account_id: String,
    pub media_id: String,
    pub preview_id: Option<String>,
    pub permission_flags: i64,
    pub price: i64,
    pub created_at: i64,
    pub deleted_at: Option<i64>,
    pub permissions: Vec<PermissionEntry>,
    pub whitelist: Vec<WhitelistEntry>,
    pub tags: Vec<Value>,
    pub like_count: u64,
}

/// A bundle (`accountMediaBundle`) of the owner's offers, in `pos` order.
#[derive(Clone, Debug)]
pub(crate) struct Bundle {
    pub id: String,
    pub account_id: String,
    pub preview_id: Option<String>,
    pub permission_flags: i64,
    pub price: i64,
    pub created_at: i64,
    pub deleted_at: Option<i64>,
    pub account_media_ids: Vec<String>,
    pub permissions: Vec<PermissionEntry>,
    pub whitelist: Vec<WhitelistEntry>,
    pub tags: Vec<Value>,
}

/// Every media, offer and bundle.
#[derive(Debug, Default)]
pub(crate) struct MediaStore {
    pub media: HashMap<String, Media>,
    pub offers: HashMap<String, Offer>,
    pub bundles: HashMap<String, Bundle>,
    /// Offer id → the bundles holding it.
    pub bundles_of: HashMap<String, Vec<String>>,
}

/// `image/*` → 1, `video/*` → 2, `audio/*` → 3 (anything else counts as an image).
pub(crate) fn media_type_of(mimetype: &str) -> u8 {
    match mimetype.split('/').next().unwrap_or_default() {
        "video" => 2,
        "audio" => 3,
        _ => 1,
    }
}

fn extension_of(mimetype: &str) -> &str {
    match mimetype {
        "image/jpeg" | "image/jpg" => "jpeg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "video/webm" => "webm",
        "audio/mpeg" => "mp3",
        "audio/ogg" => "ogg",
        other => other
            .rsplit('/')
            .next()
            .filter(|e| !e.is_empty())
            .unwrap_or("bin"),
    }
}

impl World {
    /// Stores a ready vault Media of `account_id` (default mimetype `image/jpeg`) and
    /// returns its id.
    pub(crate) fn create_media(&mut self, account_id: &str, mimetype: &str, now: i64) -> String {
        let mimetype = if mimetype.trim().is_empty() {
            "image/jpeg".to_owned()
        } else {
            mimetype.trim().to_ascii_lowercase()
        };
        let id = self.next_id(now);
        let variant_id = self.next_id(now);
        let kind = media_type_of(&mimetype);
        let (width, height) = if kind == 2 {
            (1920, 1080)
        } else {
            (1080, 1350)
        };
        let metadata = if kind == 1 {
            String::new()
        } else {
            r#"{"duration":30.0,"resolutionMode":1,"frameRate":30}"#.to_owned()
        };
        let mut media = Media {
            id: id.clone(),
            account_id: account_id.to_owned(),
            kind,
            status: 1,
            mimetype,
            flags: 0,
            filename: String::new(),
            width,
            height,
            metadata,
            created_at: now,
            updated_at: now,
            locations: Vec::new(),
            variant_id,
        };
        media.filename = format!("{}.{}", media.id, media.extension());
        self.messaging.media.media.insert(id.clone(), media);
        id
    }

    pub(crate) fn media(&self, id: &str) -> Option<&Media> {
        self.messaging.media.media.get(id)
    }

    pub(crate) fn offer(&self, id: &str) -> Option<&Offer> {
        self.messaging.media.offers.get(id)
    }

    pub(crate) fn bundle(&self, id: &str) -> Option<&Bundle> {
        self.messaging.media.bundles.get(id)
    }

    /// A media of `owner`, or 400 naming `field`.
    fn own_media(&self, owner: &str, id: &str, field: &str) -> Result<(), Rejection> {
        match self.media(id) {
            Some(media) if media.account_id == owner => Ok(()),
            _ => Err(Rejection::BadRequest(format!(
                "{field}: unknown media {id}"
            ))),
        }
    }
}
