//! Viewer-relative access to offers and bundles (route-map §4.2): `purchased`,
//! `whitelisted` and `access`, from the permission entries and the audience state.

use serde_json::Value;

use super::{Bundle, Offer, PermissionEntry, WhitelistEntry};
use crate::world::World;

/// What a viewer may do with one offer or bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Access {
    pub purchased: bool,
    pub whitelisted: bool,
    pub access: bool,
}

impl World {
    /// Access of `viewer` to an offer: a purchase of the offer or of a bundle holding it
    /// counts as purchased.
    pub(crate) fn offer_access(&self, viewer: &str, offer: &Offer, now: i64) -> Access {
        let purchased = self.has_purchased(viewer, &offer.id)
            || self
                .messaging
                .media
                .bundles_of
                .get(&offer.id)
                .is_some_and(|bundles| bundles.iter().any(|b| self.has_purchased(viewer, b)));
        self.access_of(
            viewer,
            &offer.account_id,
            purchased,
            &offer.whitelist,
            &offer.permissions,
            now,
        )
    }

    pub(crate) fn bundle_access(&self, viewer: &str, bundle: &Bundle, now: i64) -> Access {
        let purchased = self.has_purchased(viewer, &bundle.id);
        self.access_of(
            viewer,
            &bundle.account_id,
            purchased,
            &bundle.whitelist,
            &bundle.permissions,
            now,
        )
    }

    fn access_of(
        &self,
        viewer: &str,
        owner: &str,
        purchased: bool,
        whitelist: &[WhitelistEntry],
        entries: &[PermissionEntry],
        now: i64,
    ) -> Access {
        let whitelisted = whitelist.iter().any(|w| w.account_id == viewer);
        let access = viewer == owner
            || whitelisted
            || purchased
            || entries.is_empty()
            || entries
                .iter()
                .any(|e| self.entry_satisfied(viewer, owner, e, now));
        Access {
            purchased,
            whitelisted,
            access,
        }
    }

    /// Every bit of the entry holds and `now` lies within its window.
    fn entry_satisfied(
        &self,
        viewer: &str,
        owner: &str,
        entry: &PermissionEntry,
        now: i64,
    ) -> bool {
        if entry.valid_after.is_some_and(|t| t > 0 && now < t)
            || entry.valid_before.is_some_and(|t| t > 0 && now >= t)
        {
            return false;
        }
        let meta = |bit: i64, key: &str| entry_metadata(&entry.metadata, bit, key);
        let min_amount = |bit: i64| {
            meta(bit, "minAmount")
                .and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
                .unwrap_or(0)
        };
        let mut bits = entry.flags;
        let mut ok = true;
        let mut bit = 1;
        while bits != 0 {
            if bits & bit != 0 {
                bits &= !bit;
                ok &= match bit {
                    1 => false,
                    2 => self.follows(viewer, owner),
                    4 => {
                        let tier = meta(4, "subscriptionTierId");
                        let tier = tier.as_ref().and_then(Value::as_str);
                        self.subscription_of(viewer, owner)
                            .is_some_and(|s| s.has_access() && tier.is_none_or(|t| s.tier_id == t))
                    }
                    8 => self.tips_total(viewer, owner) >= min_amount(8),
                    32 => self.purchases_total(viewer, owner) >= min_amount(32),
                    128 => meta(128, "listId")
                        .as_ref()
                        .and_then(Value::as_str)
                        .is_some_and(|list| self.in_list(list, viewer)),
                    _ => false,
                };
            }
            bit <<= 1;
        }
        ok
    }
}

/// `metadata` is `{"<bit>":"<JSON object string>"}`; returns that object's `key`.
fn entry_metadata(metadata: &str, bit: i64, key: &str) -> Option<Value> {
    let outer: Value = serde_json::from_str(metadata).ok()?;
    let inner = outer.get(bit.to_string())?;
    let inner: Value = match inner {
        Value::String(s) => serde_json::from_str(s).ok()?,
        other => other.clone(),
    };
    inner.get(key).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_is_read_through_both_string_layers() {
        let meta = r#"{"4":"{\"subscriptionTierId\":\"77\"}","8":"{\"minAmount\":5000}"}"#;
        assert_eq!(
            entry_metadata(meta, 4, "subscriptionTierId"),
            Some(Value::from("77"))
        );
        assert_eq!(
            entry_metadata(meta, 8, "minAmount"),
            Some(Value::from(5000))
        );
        assert_eq!(entry_metadata("", 4, "x"), None);
    }

    #[test]
    fn owner_whitelist_and_free_entries_grant_access() {
        let mut world = World::default();
        let media = world.create_media("1", "image/png", 10);
        let ppv = world.create_offer("1", &media, 5000, 10).unwrap();
        let free = world.create_offer("1", &media, 0, 10).unwrap();
        let ppv = world.offer(&ppv).unwrap().clone();
        let free = world.offer(&free).unwrap().clone();
        assert!(world.offer_access("1", &ppv, 10).access);
        assert!(!world.offer_access("2", &ppv, 10).access);
        assert!(world.offer_access("2", &free, 10).access);
        assert!(world.create_offer("2", &media, 0, 10).is_err());
    }
}
