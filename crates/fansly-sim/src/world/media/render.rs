//! Native JSON of Media, AccountMedia and AccountMediaBundle, rendered for a viewer
//! (fansly-native §3.3): `media.locations` are empty without access.

use serde_json::{Value, json};

use super::{Bundle, Media, Offer, PermissionEntry, WhitelistEntry};
use crate::world::World;

/// Unix ms → whole seconds, as media and offers carry them.
fn secs(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

impl World {
    /// The locations a viewer with access gets for `media` (the CDN side signs them).
    pub(crate) fn media_locations(&self, media: &Media, now: i64) -> Vec<Value> {
        self.signed_locations(media, now)
    }

    /// A Media object; `with_locations` false empties `locations`.
    pub(crate) fn render_media(&self, media: &Media, with_locations: bool, now: i64) -> Value {
        let locations = if with_locations {
            self.media_locations(media, now)
        } else {
            Vec::new()
        };
        json!({
            "id": media.id,
            "type": media.kind,
            "status": media.status,
            "accountId": media.account_id,
            "mimetype": media.mimetype,
            "flags": media.flags,
            "location": media.location(),
            "width": media.width,
            "height": media.height,
            "metadata": media.metadata,
            "createdAt": secs(media.created_at),
            "updatedAt": secs(media.updated_at),
            "filename": media.filename,
            "variants": [self.render_variant(media, with_locations, now)],
            "variantHash": {},
            "locations": locations,
        })
    }

    /// The media's thumbnail variant (fansly-real-shapes: `variants[]` with their own
    /// `location` and `locations[]`, empty without access).
    fn render_variant(&self, media: &Media, with_locations: bool, now: i64) -> Value {
        let width = media.width.min(300);
        let height = if media.width == 0 {
            0
        } else {
            u32::try_from(u64::from(media.height) * u64::from(width) / u64::from(media.width))
                .unwrap_or(u32::MAX)
        };
        let thumb = Media {
            id: media.variant_id.clone(),
            kind: 1,
            mimetype: "image/jpeg".into(),
            width,
            height,
            metadata: String::new(),
            locations: Vec::new(),
            ..media.clone()
        };
        let locations = if with_locations {
            self.media_locations(&thumb, now)
        } else {
            Vec::new()
        };
        let location = locations
            .first()
            .and_then(|l| l.get("location"))
            .cloned()
            .unwrap_or(Value::Null);
        json!({
            "id": thumb.id,
            "type": thumb.kind,
            "status": thumb.status,
            "mimetype": thumb.mimetype,
            "flags": thumb.flags,
            "location": location,
            "width": thumb.width,
            "height": thumb.height,
            "metadata": thumb.metadata,
            "updatedAt": secs(thumb.updated_at),
            "locations": locations,
        })
    }

    /// An offer as `viewer` sees it, with embedded `media` and `preview`.
    pub(crate) fn render_offer(&self, viewer: &str, offer: &Offer, now: i64) -> Value {
        let access = self.offer_access(viewer, offer, now);
        let media = self
            .media(&offer.media_id)
            .map(|m| self.render_media(m, access.access, now));
        let mut value = json!({
            "id": offer.id,
            "accountId": offer.account_id,
            "mediaId": offer.media_id,
            "previewId": offer.preview_id,
            "permissionFlags": offer.permission_flags,
            "price": offer.price,
            "createdAt": secs(offer.created_at),
            "deletedAt": offer.deleted_at.map(secs),
            "deleted": offer.deleted_at.is_some(),
            "permissions": render_permissions(&offer.id, "accountMediaId", &offer.permissions),
            "whitelist": render_whitelist(&offer.whitelist),
            "tags": offer.tags,
            "likeCount": offer.like_count,
            "media": media,
            "purchased": access.purchased,
            "whitelisted": access.whitelisted,
            "accountPermissionFlags": account_permission_flags(&offer.permissions),
            "access": access.access,
        });
        if let Some(preview) = offer.preview_id.as_deref().and_then(|id| self.media(id)) {
            value["preview"] = self.render_media(preview, true, now);
        }
        value
    }

    /// A bundle as `viewer` sees it.
    pub(crate) fn render_bundle(&self, viewer: &str, bundle: &Bundle, now: i64) -> Value {
        let access = self.bundle_access(viewer, bundle, now);
        let content: Vec<Value> = bundle
            .account_media_ids
            .iter()
            .enumerate()
            .map(|(pos, id)| json!({ "accountMediaId": id, "pos": pos }))
            .collect();
        let mut value = json!({
            "id": bundle.id,
            "accountId": bundle.account_id,
            "previewId": bundle.preview_id,
            "permissionFlags": bundle.permission_flags,
            "price": bundle.price,
            "createdAt": secs(bundle.created_at),
            "deletedAt": bundle.deleted_at.map(secs),
            "deleted": bundle.deleted_at.is_some(),
            "accountMediaIds": bundle.account_media_ids,
            "bundleContent": content,
            // Fansly names the owner `accountMediaId` in a bundle's entries too.
            "permissions": render_permissions(&bundle.id, "accountMediaId", &bundle.permissions),
            "whitelist": render_whitelist(&bundle.whitelist),
            "tags": bundle.tags,
            "purchased": access.purchased,
            "whitelisted": access.whitelisted,
            "accountPermissionFlags": account_permission_flags(&bundle.permissions),
            "access": access.access,
        });
        if let Some(preview) = bundle.preview_id.as_deref().and_then(|id| self.media(id)) {
            value["preview"] = self.render_media(preview, true, now);
        }
        value
    }

    /// The offers `ids` (owned by anyone, in request order, unknown ids left out), for
    /// `viewer`. Offers inside a bundle also render when the bundle is listed.
    pub(crate) fn render_offers<'a>(
        &self,
        viewer: &str,
        ids: impl IntoIterator<Item = &'a str>,
        now: i64,
    ) -> Vec<Value> {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(*id))
            .filter_map(|id| self.offer(id))
            .map(|offer| self.render_offer(viewer, offer, now))
            .collect()
    }

    pub(crate) fn render_bundles<'a>(
        &self,
        viewer: &str,
        ids: impl IntoIterator<Item = &'a str>,
        now: i64,
    ) -> Vec<Value> {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(*id))
            .filter_map(|id| self.bundle(id))
            .map(|bundle| self.render_bundle(viewer, bundle, now))
            .collect()
    }
}

fn render_permissions(owner_id: &str, owner_key: &str, entries: &[PermissionEntry]) -> Value {
    let rendered: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut entry = json!({
                "id": e.id,
                "type": e.kind,
                "flags": e.flags,
                "price": e.price,
                "metadata": e.metadata,
                "validAfter": e.valid_after,
                "validBefore": e.valid_before,
                "verificationFlags": 2,
                "verificationMetadata": "{}",
            });
            entry[owner_key] = Value::from(owner_id);
            entry
        })
        .collect();
    json!({
        "permissionFlags": rendered,
        "accountPermissionFlags": { "flags": account_permission_flags(entries), "metadata": "" },
    })
}

/// The OR of every entry's bits.
fn account_permission_flags(entries: &[PermissionEntry]) -> i64 {
    entries.iter().fold(0, |acc, e| acc | e.flags)
}

fn render_whitelist(whitelist: &[WhitelistEntry]) -> Vec<Value> {
    whitelist
        .iter()
        .map(|w| json!({ "accountId": w.account_id, "permissionFlags": w.permission_flags }))
        .collect()
}
