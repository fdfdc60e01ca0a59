//! `GET /mediaoffers/location` for DM groups (locationType 4001, §4.4): one row per offer
//! or bundle attachment the account sent in the group, newest first.

use serde_json::{Value, json};

use super::id_num;
use crate::world::media::{CONTENT_BUNDLE, CONTENT_OFFER};
use crate::world::{Rejection, World};

/// The DM location type.
pub(crate) const LOCATION_DM: i64 = 4001;

/// One page of rows with the offers and bundles they name.
#[derive(Clone, Debug, Default)]
pub(crate) struct OfferRows {
    pub rows: Vec<Value>,
    pub offer_ids: Vec<String>,
    pub bundle_ids: Vec<String>,
}

/// Query of `GET /mediaoffers/location` (already validated).
#[derive(Clone, Debug, Default)]
pub(crate) struct OfferQuery {
    pub group_id: String,
    /// Whose attachments; the viewer when absent.
    pub account_id: Option<String>,
    /// 1 image, 2 video, 3 audio; `None` = any.
    pub media_type: Option<u8>,
    pub before: u64,
    pub limit: usize,
    pub offset: usize,
}

impl World {
    pub(crate) fn media_offers_in_group(
        &self,
        viewer: &str,
        query: &OfferQuery,
    ) -> Result<OfferRows, Rejection> {
        let group = self.member_group(viewer, &query.group_id)?;
        let account = query.account_id.as_deref().unwrap_or(viewer);
        let mut found: Vec<(u64, Value, Option<String>, Option<String>)> = Vec::new();
        for message in group.message_ids.iter().filter_map(|id| self.message(id)) {
            if message.deleted_at.is_some() || message.sender_id != account {
                continue;
            }
            for a in &message.attachments {
                let Some(row_id) = &a.location_id else {
                    continue;
                };
                if query.before != 0 && id_num(row_id) >= query.before {
                    continue;
                }
                if !self.matches_media_type(a.content_type, &a.content_id, query.media_type) {
                    continue;
                }
                let (offer, bundle) = match a.content_type {
                    CONTENT_OFFER => (Some(a.content_id.clone()), None),
                    CONTENT_BUNDLE => (None, Some(a.content_id.clone())),
                    _ => continue,
                };
                let row = json!({
                    "id": row_id,
                    "accountId": message.sender_id,
                    "locationId": message.group_id,
                    "locationType": LOCATION_DM,
                    "correlationId": message.id,
                    "accountMediaId": offer,
                    "accountMediaBundleId": bundle,
                    "pos": a.pos,
                    "createdAt": message.created_at,
                });
                found.push((id_num(row_id), row, offer, bundle));
            }
        }
        found.sort_by_key(|(n, ..)| std::cmp::Reverse(*n));
        let mut page = OfferRows::default();
        for (_, row, offer, bundle) in found.into_iter().skip(query.offset).take(query.limit) {
            page.rows.push(row);
            page.offer_ids.extend(offer);
            page.bundle_ids.extend(bundle);
        }
        Ok(page)
    }

    fn matches_media_type(&self, content_type: i64, id: &str, wanted: Option<u8>) -> bool {
        let Some(wanted) = wanted else {
            return true;
        };
        let offer_is = |offer_id: &str| {
            self.offer(offer_id)
                .and_then(|o| self.media(&o.media_id))
                .is_some_and(|m| m.kind == wanted)
        };
        match content_type {
            CONTENT_OFFER => offer_is(id),
            CONTENT_BUNDLE => self
                .bundle(id)
                .is_some_and(|b| b.account_media_ids.iter().any(|o| offer_is(o))),
            _ => false,
        }
    }
}
