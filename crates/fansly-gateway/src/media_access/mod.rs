//! Media resolution and access rules (route-map §0.7), shared by send message (M3), mass
//! messages (MM2, MM3, AL2), automated messages (AM2) and — later — posts (P2, P4).
//!
//! Two halves:
//! - [`MediaSpec::parse`] reads every input shape clients send (`mediaIds` as strings,
//!   `{mediaId, previewId}` objects or a mix, a singular `mediaId`, `access_type` as a string
//!   or an array, `price` in dollars, tier / list / validity fields, `permissions[]` rules) and
//!   validates it; every failure is a 400 naming the field and the rule. No native call.
//! - [`resolve`] turns a spec into native attachments: `GET /account/media?ids=` to classify
//!   the ids, `GET /subscriptions/tiers` when a tier must be looked up or "any tier" expanded,
//!   then one `POST /account/media` (or, for PPV with two or more media, one
//!   `POST /account/media/bundle`).
//!
//! Files: the types and the native permission entries here, the request parsing in
//! [`parse`], the native calls in [`resolve`].
//!
//! Decisions where §0.7 is open (also in docs/routes/messaging.md):
//! - `price: 0` (or `null`) without `ppv` means "free" and is accepted; any other price without
//!   `ppv` is a 400. `ppv` without a price is a 400.
//! - Access fields without any media are ignored (there is nothing to lock), except a price,
//!   which is a 400.
//! - A `permissions[]` rule has the root-level fields: `access_type` (also `accessType` or
//!   `type`), `price`, `subscriptionTierId`, `subscriptionTierName`, `listId`, `listLabel`,
//!   `validAfter`, `validBefore`. A rule without an access type is a 400.
//! - An existing offer of the creator is attached as it is only when no access rule and no
//!   `previewId` is asked for; otherwise it is re-minted from its `mediaId` (keeping its preview
//!   unless a new one is given).
//! - The offer / bundle `price` is the price of the first PPV entry (0 without PPV); the
//!   whitelist holds only the creator.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::http::ApiError;

/// PPV prices in dollars (route-map §0.6).
pub const MIN_PRICE_DOLLARS: f64 = 1.0;
pub const MAX_PRICE_DOLLARS: f64 = 500.0;
/// Media per request; more would be an unreasonable single attachment set.
pub const MAX_MEDIA: usize = 50;
/// Ids per `GET /account/media?ids=` call.
const IDS_PER_CALL: usize = 100;

/// `contentType` of an attachment.
pub const CONTENT_OFFER: i64 = 1;
pub const CONTENT_BUNDLE: i64 = 2;

/// One `access_type` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessKind {
    Ppv,
    Follow,
    Subscription,
    List,
    LimitedTime,
}

impl AccessKind {
    pub const NAMES: &'static str = "ppv, subscription, follow, list, limited_time";

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ppv" => Some(Self::Ppv),
            "follow" => Some(Self::Follow),
            "subscription" => Some(Self::Subscription),
            "list" => Some(Self::List),
            "limited_time" => Some(Self::LimitedTime),
            _ => None,
        }
    }

    /// The bit of the native permission entry's `flags`.
    pub fn bit(self) -> u64 {
        match self {
            Self::Ppv => 1,
            Self::Follow => 2,
            Self::Subscription => 4,
            Self::List => 128,
            Self::LimitedTime => 0,
        }
    }
}

/// One access rule: the root-level fields, or one `permissions[]` element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rule {
    pub kinds: Vec<AccessKind>,
    /// Mills; set exactly when `kinds` holds `Ppv`.
    pub price_mills: Option<i64>,
    pub tier_id: Option<String>,
    pub tier_name: Option<String>,
    pub list_id: Option<String>,
    pub list_label: Option<String>,
    pub valid_after: Option<i64>,
    pub valid_before: Option<i64>,
}

impl Rule {
    fn has(&self, kind: AccessKind) -> bool {
        self.kinds.contains(&kind)
    }

    fn flags(&self) -> u64 {
        self.kinds.iter().fold(0, |f, k| f | k.bit())
    }
}

/// One requested media: a vault media id or an existing offer id, with an optional preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRef {
    pub id: String,
    pub preview_id: Option<String>,
}

/// What a request asks to attach, and under which access rules (none = free).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaSpec {
    pub media: Vec<MediaRef>,
    pub rules: Vec<Rule>,
}

/// A subscription tier, for name lookup and "any tier" expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    pub id: String,
    pub name: String,
}

/// Which attachment form the caller posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentForm {
    /// `{messageId:null, pos, contentType, contentId}` (messages, broadcasts, automation).
    Message,
    /// `{pos, contentType, contentId}` (posts).
    Post,
}

mod parse;
mod resolve;
#[cfg(test)]
mod tests;

pub use parse::price_to_mills;
pub use resolve::{attachment, resolve, text, tiers_from};

impl MediaSpec {
    /// No access rule: the media is free.
    pub fn is_free(&self) -> bool {
        self.rules.is_empty()
    }

    /// Some rule sells the media (bit 1).
    pub fn is_ppv(&self) -> bool {
        self.rules.iter().any(|r| r.has(AccessKind::Ppv))
    }

    /// The price (mills) of the first PPV rule.
    pub fn ppv_price_mills(&self) -> Option<i64> {
        self.rules.iter().find_map(|r| r.price_mills)
    }

    /// Whether building the entries needs the creator's tiers (a tier name, or "any tier").
    pub fn needs_tiers(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.has(AccessKind::Subscription) && r.tier_id.is_none())
    }

    /// The native permission entries (route-map §0.7 table): one per root-level rule (bits
    /// OR-ed), one per `permissions[]` rule, and one per tier where "subscription" names no
    /// tier.
    pub fn entries(&self, tiers: &[Tier]) -> Result<Vec<Value>, ApiError> {
        let mut out = Vec::new();
        for rule in &self.rules {
            if !rule.has(AccessKind::Subscription) {
                out.push(entry(rule, None));
                continue;
            }
            if let Some(id) = &rule.tier_id {
                out.push(entry(rule, Some(id)));
            } else if let Some(name) = &rule.tier_name {
                let tier = tiers
                    .iter()
                    .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "subscriptionTierName `{name}` is not one of this creator's tiers ({})",
                            tiers
                                .iter()
                                .map(|t| t.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                    })?;
                out.push(entry(rule, Some(&tier.id)));
            } else {
                if tiers.is_empty() {
                    return Err(ApiError::bad_request(
                        "access_type subscription: this creator has no subscription tiers",
                    ));
                }
                for tier in tiers {
                    out.push(entry(rule, Some(&tier.id)));
                }
            }
        }
        Ok(out)
    }
}

/// One native permission entry `{type:0, flags, price, metadata, validAfter, validBefore}`.
fn entry(rule: &Rule, tier_id: Option<&str>) -> Value {
    let mut metadata = BTreeMap::new();
    if let Some(price) = rule.price_mills {
        metadata.insert("1", json!({ "price": price }).to_string());
    }
    if let Some(tier) = tier_id {
        metadata.insert("4", json!({ "subscriptionTierId": tier }).to_string());
    }
    if rule.has(AccessKind::List) {
        metadata.insert(
            "128",
            json!({
                "listId": rule.list_id.as_deref().unwrap_or_default(),
                "label": rule.list_label.as_deref().unwrap_or_default(),
            })
            .to_string(),
        );
    }
    let metadata = if metadata.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&metadata).unwrap_or_default()
    };
    json!({
        "type": 0,
        "flags": rule.flags(),
        "price": rule.price_mills.unwrap_or(0),
        "metadata": metadata,
        "validAfter": rule.valid_after,
        "validBefore": rule.valid_before,
    })
}
