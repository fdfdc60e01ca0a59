//! Minting offers and bundles (`POST /account/media`, `POST /account/media/bundle`) and the
//! order-side lookup of an offer.

use serde::Deserialize;
use serde_json::Value;

use super::{Bundle, Offer};
use crate::json::opt_string;
use crate::world::{Rejection, World};

/// One permission entry: all its bits must hold, within its validity window (§0.7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct PermissionEntry {
    #[serde(skip_deserializing)]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: i64,
    pub flags: i64,
    pub price: i64,
    /// A JSON string keyed by bit, e.g. `{"4":"{\"subscriptionTierId\":\"…\"}"}`.
    #[serde(deserialize_with = "metadata_string")]
    pub metadata: String,
    pub valid_after: Option<i64>,
    pub valid_before: Option<i64>,
}

/// `{accountId, permissionFlags}`: an individual grant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WhitelistEntry {
    #[serde(deserialize_with = "required_string")]
    pub account_id: String,
    #[serde(default)]
    pub permission_flags: i64,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Permissions {
    pub permission_flags: Vec<PermissionEntry>,
}

/// One offer model of `POST /account/media` (and of a bundle's `accountMediaModels`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewOffer {
    #[serde(deserialize_with = "required_string")]
    pub media_id: String,
    #[serde(default, deserialize_with = "opt_string")]
    pub preview_id: Option<String>,
    #[serde(default)]
    pub permission_flags: i64,
    #[serde(default)]
    pub price: i64,
    #[serde(default)]
    pub whitelist: Vec<WhitelistEntry>,
    #[serde(default)]
    pub permissions: Permissions,
    #[serde(default)]
    pub tags: Vec<Value>,
}

/// The body of `POST /account/media/bundle`: new models and/or existing offer ids.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewBundle {
    #[serde(default)]
    pub account_media_models: Vec<NewOffer>,
    #[serde(default)]
    pub account_media_ids: Vec<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub preview_id: Option<String>,
    #[serde(default)]
    pub permission_flags: i64,
    #[serde(default)]
    pub price: i64,
    #[serde(default)]
    pub whitelist: Vec<WhitelistEntry>,
    #[serde(default)]
    pub permissions: Permissions,
    #[serde(default)]
    pub tags: Vec<Value>,
}

/// What an order needs to know about an offer or a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OfferInfo {
    pub owner_id: String,
    pub price_mills: i64,
    pub is_bundle: bool,
}

/// The PPV price of an offer: its `price`, else the highest bit-1 entry price.
pub(crate) fn ppv_price(price: i64, entries: &[PermissionEntry]) -> i64 {
    if price > 0 {
        return price;
    }
    entries
        .iter()
        .filter(|e| e.flags & 1 != 0)
        .map(|e| e.price)
        .max()
        .unwrap_or(0)
}

/// The bit-1 entry of a PPV offer priced at `mills`.
pub(crate) fn ppv_entry(mills: i64) -> PermissionEntry {
    PermissionEntry {
        flags: 1,
        price: mills,
        metadata: serde_json::json!({ "1": format!(r#"{{"price":{mills}}}"#) }).to_string(),
        ..PermissionEntry::default()
    }
}

impl World {
    /// One offer of `owner`'s media: PPV (a bit-1 entry) when `price_mills > 0`, else free.
    /// The whitelist holds the owner.
    pub(crate) fn create_offer(
        &mut self,
        owner: &str,
        media_id: &str,
        price_mills: i64,
        now: i64,
    ) -> Result<String, Rejection> {
        if price_mills < 0 {
            return Err(Rejection::BadRequest("price: must not be negative".into()));
        }
        let entries = if price_mills > 0 {
            vec![ppv_entry(price_mills)]
        } else {
            Vec::new()
        };
        let model = NewOffer {
            media_id: media_id.to_owned(),
            price: price_mills,
            whitelist: vec![WhitelistEntry {
                account_id: owner.to_owned(),
                permission_flags: 0,
            }],
            permissions: Permissions {
                permission_flags: entries,
            },
            ..NewOffer::default()
        };
        let mut ids = self.create_offers(owner, vec![model], now)?;
        Ok(ids.remove(0))
    }

    /// Validates every model first (media and preview of `owner`), then mints them in
    /// order; returns the new offer ids.
    pub(crate) fn create_offers(
        &mut self,
        owner: &str,
        models: Vec<NewOffer>,
        now: i64,
    ) -> Result<Vec<String>, Rejection> {
        for (i, model) in models.iter().enumerate() {
            self.check_model(owner, model, &format!("[{i}]"))?;
        }
        Ok(models
            .into_iter()
            .map(|model| self.insert_offer(owner, model, now))
            .collect())
    }

    /// Mints a bundle (and its new offers); returns `(bundle id, new offer ids)`.
    pub(crate) fn create_bundle(
        &mut self,
        owner: &str,
        new: NewBundle,
        now: i64,
    ) -> Result<(String, Vec<String>), Rejection> {
        for (i, model) in new.account_media_models.iter().enumerate() {
            self.check_model(owner, model, &format!("accountMediaModels[{i}]"))?;
        }
        for id in &new.account_media_ids {
            if self.offer(id).is_none_or(|o| o.account_id != owner) {
                return Err(Rejection::BadRequest(format!(
                    "accountMediaIds: unknown offer {id}"
                )));
            }
        }
        if let Some(preview) = &new.preview_id {
            self.own_media(owner, preview, "previewId")?;
        }
        check_entries(&new.permissions.permission_flags)?;
        if new.account_media_models.is_empty() && new.account_media_ids.is_empty() {
            return Err(Rejection::BadRequest(
                "accountMediaModels: a bundle needs at least one media".into(),
            ));
        }
        let minted: Vec<String> = new
            .account_media_models
            .into_iter()
            .map(|model| self.insert_offer(owner, model, now))
            .collect();
        let mut items = new.account_media_ids;
        items.extend(minted.iter().cloned());
        let id = self.next_id(now);
        let permissions = self.number_entries(new.permissions.permission_flags, now);
        let bundle = Bundle {
            id: id.clone(),
            account_id: owner.to_owned(),
            preview_id: new.preview_id,
            permission_flags: new.permission_flags,
            price: new.price.max(0),
            created_at: now,
            deleted_at: None,
            account_media_ids: items,
            permissions,
            whitelist: with_owner(new.whitelist, owner),
            tags: new.tags,
        };
        let store = &mut self.messaging.media;
        for item in &bundle.account_media_ids {
            store
                .bundles_of
                .entry(item.clone())
                .or_default()
                .push(id.clone());
        }
        store.bundles.insert(id.clone(), bundle);
        Ok((id, minted))
    }

    /// Owner and price of a live offer or bundle, for a purchase.
    pub(crate) fn offer_for_order(&self, id: &str) -> Option<OfferInfo> {
        if let Some(offer) = self.offer(id).filter(|o| o.deleted_at.is_none()) {
            return Some(OfferInfo {
                owner_id: offer.account_id.clone(),
                price_mills: ppv_price(offer.price, &offer.permissions),
                is_bundle: false,
            });
        }
        self.bundle(id)
            .filter(|b| b.deleted_at.is_none())
            .map(|bundle| OfferInfo {
                owner_id: bundle.account_id.clone(),
                price_mills: ppv_price(bundle.price, &bundle.permissions),
                is_bundle: true,
            })
    }

    fn check_model(&self, owner: &str, model: &NewOffer, at: &str) -> Result<(), Rejection> {
        self.own_media(owner, &model.media_id, &format!("{at}.mediaId"))?;
        if let Some(preview) = &model.preview_id {
            self.own_media(owner, preview, &format!("{at}.previewId"))?;
        }
        if model.price < 0 {
            return Err(Rejection::BadRequest(format!(
                "{at}.price: must not be negative"
            )));
        }
        check_entries(&model.permissions.permission_flags)
    }

    fn insert_offer(&mut self, owner: &str, model: NewOffer, now: i64) -> String {
        let id = self.next_id(now);
        let permissions = self.number_entries(model.permissions.permission_flags, now);
        let offer = Offer {
            id: id.clone(),
            account_id: owner.to_owned(),
            media_id: model.media_id,
            preview_id: model.preview_id,
            permission_flags: model.permission_flags,
            price: model.price,
            created_at: now,
            deleted_at: None,
            permissions,
            whitelist: with_owner(model.whitelist, owner),
            tags: model.tags,
            like_count: 0,
        };
        self.messaging.media.offers.insert(id.clone(), offer);
        id
    }

    fn number_entries(&mut self, entries: Vec<PermissionEntry>, now: i64) -> Vec<PermissionEntry> {
        entries
            .into_iter()
            .map(|mut entry| {
                entry.id = self.next_id(now);
                entry
            })
            .collect()
    }
}

fn check_entries(entries: &[PermissionEntry]) -> Result<(), Rejection> {
    for entry in entries {
        if entry.flags & 1 != 0 && entry.price <= 0 {
            return Err(Rejection::BadRequest(
                "permissions: a PPV entry needs a price".into(),
            ));
        }
        if entry.price < 0 {
            return Err(Rejection::BadRequest(
                "permissions: price must not be negative".into(),
            ));
        }
    }
    Ok(())
}

/// The whitelist always holds the owner.
fn with_owner(mut whitelist: Vec<WhitelistEntry>, owner: &str) -> Vec<WhitelistEntry> {
    if !whitelist.iter().any(|w| w.account_id == owner) {
        whitelist.insert(
            0,
            WhitelistEntry {
                account_id: owner.to_owned(),
                permission_flags: 0,
            },
        );
    }
    let mut seen = std::collections::HashSet::new();
    whitelist.retain(|w| seen.insert(w.account_id.clone()));
    whitelist
}

fn required_string<'de, D: serde::Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    opt_string(de)?.ok_or_else(|| serde::de::Error::custom("must not be null"))
}

/// Entry metadata arrives as a JSON string (or, leniently, an object, or null).
fn metadata_string<'de, D: serde::Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    Ok(match Option::<Value>::deserialize(de)? {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(other) => other.to_string(),
    })
}
