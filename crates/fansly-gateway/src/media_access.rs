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

use fansly_client::FanslyError;
use serde_json::{Map, Value, json};

use crate::http::ApiError;
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate;

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

impl MediaSpec {
    /// Reads and validates the media and access fields of a request body.
    pub fn parse(body: &Map<String, Value>) -> Result<Self, ApiError> {
        let media = parse_media(body)?;
        let has_permissions = !matches!(body.get("permissions"), None | Some(Value::Null));
        if media.is_empty() {
            // Nothing to lock: access fields are ignored, but a price is a mistake.
            let priced = if has_permissions {
                permission_rules(body.get("permissions"))?
                    .iter()
                    .enumerate()
                    .find_map(|(i, r)| {
                        price_of(r)
                            .ok()
                            .flatten()
                            .filter(|p| *p != 0.0)
                            .map(|_| format!("permissions[{i}].price"))
                    })
            } else {
                price_of(body)
                    .map_err(|()| {
                        ApiError::bad_request("price must be a number of dollars (1–500)")
                    })?
                    .filter(|p| *p != 0.0)
                    .map(|_| "price".to_owned())
            };
            if let Some(field) = priced {
                return Err(ApiError::bad_request(format!(
                    "{field} needs media: a price can only be set on attached media (send mediaIds or mediaId)"
                )));
            }
            return Ok(Self::default());
        }
        let rules = if has_permissions {
            let mut rules = Vec::new();
            for (i, raw) in permission_rules(body.get("permissions"))?
                .into_iter()
                .enumerate()
            {
                let prefix = format!("permissions[{i}].");
                let rule = parse_rule(raw, &prefix)?;
                if rule.kinds.is_empty() {
                    return Err(ApiError::bad_request(format!(
                        "{prefix}access_type is required: one or more of {}",
                        AccessKind::NAMES
                    )));
                }
                rules.push(rule);
            }
            rules
        } else {
            let rule = parse_rule(body, "")?;
            if rule.kinds.is_empty() {
                Vec::new()
            } else {
                vec![rule]
            }
        };
        Ok(Self { media, rules })
    }

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

fn parse_media(body: &Map<String, Value>) -> Result<Vec<MediaRef>, ApiError> {
    let mut media = Vec::new();
    match body.get("mediaIds") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let field = format!("mediaIds[{i}]");
                match item {
                    Value::Object(o) => {
                        let id = id_field(o.get("mediaId"), &format!("{field}.mediaId"))?
                            .ok_or_else(|| {
                                ApiError::bad_request(format!(
                                    "{field}.mediaId is required (a media id string)"
                                ))
                            })?;
                        let preview_id =
                            id_field(o.get("previewId"), &format!("{field}.previewId"))?;
                        media.push(MediaRef { id, preview_id });
                    }
                    other => {
                        let id = id_field(Some(other), &field)?.ok_or_else(|| {
                            ApiError::bad_request(format!(
                                "{field} must be a media id string or a {{mediaId, previewId}} object"
                            ))
                        })?;
                        media.push(MediaRef {
                            id,
                            preview_id: None,
                        });
                    }
                }
            }
        }
        Some(_) => {
            return Err(ApiError::bad_request(
                "mediaIds must be an array of media id strings or {mediaId, previewId} objects",
            ));
        }
    }
    if let Some(id) = id_field(body.get("mediaId"), "mediaId")? {
        media.push(MediaRef {
            id,
            preview_id: None,
        });
    }
    if media.len() > MAX_MEDIA {
        return Err(ApiError::bad_request(format!(
            "mediaIds may hold at most {MAX_MEDIA} media"
        )));
    }
    Ok(media)
}

/// An id given as a string of digits (or a bare integer). Empty strings count as absent.
fn id_field(v: Option<&Value>, field: &str) -> Result<Option<String>, ApiError> {
    let s = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) if validate::unsigned(n).is_some() => {
            validate::unsigned(n).unwrap_or_default().to_string()
        }
        Some(_) => {
            return Err(ApiError::bad_request(format!(
                "{field} must be an id string"
            )));
        }
    };
    if !validate::is_native_id(&s) {
        return Err(ApiError::bad_request(format!(
            "{field} must be a numeric Fansly id (got `{s}`)"
        )));
    }
    Ok(Some(s))
}

fn permission_rules(v: Option<&Value>) -> Result<Vec<&Map<String, Value>>, ApiError> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.as_object().ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "permissions[{i}] must be an object (an access rule)"
                    ))
                })
            })
            .collect(),
        Some(_) => Err(ApiError::bad_request(
            "permissions must be an array of access rules",
        )),
    }
}

fn parse_rule(o: &Map<String, Value>, prefix: &str) -> Result<Rule, ApiError> {
    let raw_types = ["access_type", "accessType", "type"]
        .iter()
        .find_map(|k| o.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)));
    // At the root, `type` is not an access field (it is e.g. a message type).
    let raw_types = match raw_types {
        Some(("type", _)) if prefix.is_empty() => None,
        other => other,
    };
    let mut kinds = Vec::new();
    if let Some((name, v)) = raw_types {
        let field = format!("{prefix}{name}");
        let values: Vec<&Value> = match v {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for v in values {
            let s = v.as_str().ok_or_else(|| {
                ApiError::bad_request(format!(
                    "{field} must be a string or an array of strings ({})",
                    AccessKind::NAMES
                ))
            })?;
            if s.trim().is_empty() {
                continue;
            }
            let kind = AccessKind::parse(s).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "{field}: unknown access type `{s}` (allowed: {})",
                    AccessKind::NAMES
                ))
            })?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    let mut rule = Rule {
        kinds,
        ..Rule::default()
    };

    let price_field = format!("{prefix}price");
    let price = price_of(o).map_err(|_| {
        ApiError::bad_request(format!("{price_field} must be a number of dollars (1–500)"))
    })?;
    if rule.has(AccessKind::Ppv) {
        let dollars = price.ok_or_else(|| {
            ApiError::bad_request(format!(
                "{price_field} is required with access_type ppv: a number of dollars from 1 to 500"
            ))
        })?;
        rule.price_mills = Some(price_to_mills(dollars, &price_field)?);
    } else if price.is_some_and(|p| p != 0.0) {
        return Err(ApiError::bad_request(format!(
            "{price_field} is only allowed with access_type ppv (add \"ppv\" to {prefix}access_type, or drop the price)"
        )));
    }

    let str_field = |k: &str| -> Result<Option<String>, ApiError> {
        match o.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(Value::Number(n)) if n.is_u64() => Ok(Some(n.to_string())),
            Some(_) => Err(ApiError::bad_request(format!(
                "{prefix}{k} must be a string"
            ))),
        }
    };
    rule.tier_id = id_field(
        o.get("subscriptionTierId"),
        &format!("{prefix}subscriptionTierId"),
    )?;
    rule.tier_name = str_field("subscriptionTierName")?;
    rule.list_id = id_field(o.get("listId"), &format!("{prefix}listId"))?;
    rule.list_label = str_field("listLabel")?;
    rule.valid_after = ms_field(o.get("validAfter"), &format!("{prefix}validAfter"))?;
    rule.valid_before = ms_field(o.get("validBefore"), &format!("{prefix}validBefore"))?;

    if rule.has(AccessKind::List) && rule.list_id.is_none() {
        return Err(ApiError::bad_request(format!(
            "{prefix}listId is required with access_type list"
        )));
    }
    if rule.has(AccessKind::LimitedTime)
        && rule.valid_after.is_none()
        && rule.valid_before.is_none()
    {
        return Err(ApiError::bad_request(format!(
            "{prefix}validAfter or {prefix}validBefore (Unix ms) is required with access_type limited_time"
        )));
    }
    if let (Some(a), Some(b)) = (rule.valid_after, rule.valid_before)
        && a >= b
    {
        return Err(ApiError::bad_request(format!(
            "{prefix}validAfter must be before {prefix}validBefore"
        )));
    }
    // Without any access type, the tier/list/window fields describe nothing.
    if rule.kinds.is_empty() {
        return Ok(Rule::default());
    }
    Ok(rule)
}

/// `price` as dollars: a number or a numeric string; `Err(())` for any other type.
fn price_of(o: &Map<String, Value>) -> Result<Option<f64>, ()> {
    match o.get("price") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_f64().map(Some).ok_or(()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|p| p.is_finite())
            .map(Some)
            .ok_or(()),
        Some(_) => Err(()),
    }
}

/// Dollars (1–500) → mills, `round(dollars × 1000)`.
pub fn price_to_mills(dollars: f64, field: &str) -> Result<i64, ApiError> {
    if !(MIN_PRICE_DOLLARS..=MAX_PRICE_DOLLARS).contains(&dollars) {
        return Err(ApiError::bad_request(format!(
            "{field} must be between 1 and 500 dollars (got {dollars})"
        )));
    }
    #[allow(clippy::cast_possible_truncation, reason = "bounded to 1..=500_000")]
    Ok((dollars * 1000.0).round() as i64)
}

fn ms_field(v: Option<&Value>, field: &str) -> Result<Option<i64>, ApiError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.as_i64().is_some_and(|x| x >= 0) => Ok(n.as_i64()),
        Some(_) => Err(ApiError::bad_request(format!(
            "{field} must be a Unix time in milliseconds (a non-negative integer)"
        ))),
    }
}

/// Reads the creator's tiers from a `GET /subscriptions/tiers` response (a bare array, or
/// wrapped in `{subscriptionTiers}` / `{tiers}`), in `pos` order.
pub fn tiers_from(response: &Value) -> Vec<Tier> {
    let list = match response {
        Value::Array(a) => a.as_slice(),
        Value::Object(o) => o
            .get("subscriptionTiers")
            .or_else(|| o.get("tiers"))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice),
        _ => &[],
    };
    let mut tiers: Vec<(i64, Tier)> = list
        .iter()
        .filter_map(|t| {
            let id = text(t.get("id")?)?;
            let name = t.get("name").and_then(Value::as_str).unwrap_or_default();
            let pos = t.get("pos").and_then(Value::as_i64).unwrap_or(0);
            Some((
                pos,
                Tier {
                    id,
                    name: name.to_owned(),
                },
            ))
        })
        .collect();
    tiers.sort_by_key(|(pos, _)| *pos);
    tiers.into_iter().map(|(_, t)| t).collect()
}

/// A string or integer JSON value as a string.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The offer model of `POST /account/media` (route-map §0.7 step 2).
fn offer_model(
    media_id: &str,
    preview_id: Option<&str>,
    price_mills: i64,
    creator: &str,
    entries: &[Value],
) -> Value {
    json!({
        "mediaId": media_id,
        "previewId": preview_id,
        "permissionFlags": 0,
        "price": price_mills,
        "whitelist": [{ "accountId": creator, "permissionFlags": 0 }],
        "permissions": { "permissionFlags": entries },
        "tags": [],
    })
}

/// One attachment in the caller's form.
pub fn attachment(form: AttachmentForm, pos: usize, content_type: i64, content_id: &str) -> Value {
    match form {
        AttachmentForm::Message => json!({
            "messageId": null,
            "pos": pos,
            "contentType": content_type,
            "contentId": content_id,
        }),
        AttachmentForm::Post => json!({
            "pos": pos,
            "contentType": content_type,
            "contentId": content_id,
        }),
    }
}

/// How each requested media will be attached.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    /// An existing offer of the creator, attached unchanged.
    Existing(String),
    /// A new offer minted from `media_id`.
    Mint {
        media_id: String,
        preview_id: Option<String>,
    },
}

/// Step 1 of §0.7: classify each requested id against the offers `GET /account/media`
/// returned (`known`).
fn plan(spec: &MediaSpec, known: &[Value], creator: &str, bundled: bool) -> Vec<Plan> {
    spec.media
        .iter()
        .map(|m| {
            let offer = known.iter().find(|o| {
                o.get("id").and_then(text).as_deref() == Some(m.id.as_str())
                    && o.get("accountId").and_then(text).as_deref() == Some(creator)
            });
            match offer {
                Some(_) if spec.is_free() && m.preview_id.is_none() && !bundled => {
                    Plan::Existing(m.id.clone())
                }
                Some(o) => Plan::Mint {
                    media_id: o
                        .get("mediaId")
                        .and_then(text)
                        .unwrap_or_else(|| m.id.clone()),
                    preview_id: m
                        .preview_id
                        .clone()
                        .or_else(|| o.get("previewId").and_then(text)),
                },
                None => Plan::Mint {
                    media_id: m.id.clone(),
                    preview_id: m.preview_id.clone(),
                },
            }
        })
        .collect()
}

/// Resolves a spec into attachments for the creator `c` (route-map §0.7 steps 1–4). No media
/// → no native call and no attachments.
pub async fn resolve(
    app: &AppState,
    tenant: Tenant,
    c: &Connected,
    spec: &MediaSpec,
    form: AttachmentForm,
) -> Result<Vec<Value>, ApiError> {
    if spec.media.is_empty() {
        return Ok(Vec::new());
    }
    let account_id = c.account.id.as_str();
    let creator = c.account.native_id.as_str();

    let tiers = if spec.needs_tiers() {
        let native = app
            .fansly
            .subscription_tiers(&c.creds)
            .await
            .or_upstream(app, tenant, account_id)
            .await?;
        tiers_from(native.response())
    } else {
        Vec::new()
    };
    let entries = spec.entries(&tiers)?;

    let mut known = Vec::new();
    let ids: Vec<&str> = spec.media.iter().map(|m| m.id.as_str()).collect();
    for chunk in ids.chunks(IDS_PER_CALL) {
        let native = app
            .fansly
            .account_media(&c.creds, chunk)
            .await
            .or_upstream(app, tenant, account_id)
            .await?;
        if let Value::Array(items) = native.response() {
            known.extend(items.iter().cloned());
        }
    }

    let price = spec.ppv_price_mills().unwrap_or(0);
    let bundled = spec.is_ppv() && spec.media.len() >= 2;
    let plans = plan(spec, &known, creator, bundled);

    if bundled {
        let models: Vec<Value> = plans
            .iter()
            .map(|p| match p {
                Plan::Mint {
                    media_id,
                    preview_id,
                } => offer_model(media_id, preview_id.as_deref(), 0, creator, &[]),
                Plan::Existing(id) => offer_model(id, None, 0, creator, &[]),
            })
            .collect();
        let body = json!({
            "accountMediaModels": models,
            "previewId": null,
            "permissionFlags": 0,
            "price": price,
            "whitelist": [{ "accountId": creator, "permissionFlags": 0 }],
            "permissions": { "permissionFlags": entries },
            "tags": [],
        });
        let native = app
            .fansly
            .account_media_bundle_create(&c.creds, body)
            .await
            .map_err(media_rejected);
        let native = native_or(app, tenant, account_id, native).await?;
        let response = native.response();
        let bundle_id = response
            .get("accountMediaBundles")
            .and_then(|b| b.get(0))
            .and_then(|b| b.get("id"))
            .or_else(|| response.get("id"))
            .and_then(text)
            .ok_or_else(|| {
                ApiError::bad_gateway("Fansly sent a malformed response")
                    .with_cause("account/media/bundle without a bundle id")
            })?;
        return Ok(vec![attachment(form, 0, CONTENT_BUNDLE, &bundle_id)]);
    }

    let models: Vec<Value> = plans
        .iter()
        .filter_map(|p| match p {
            Plan::Mint {
                media_id,
                preview_id,
            } => Some(offer_model(
                media_id,
                preview_id.as_deref(),
                price,
                creator,
                &entries,
            )),
            Plan::Existing(_) => None,
        })
        .collect();
    let mut minted = Vec::new();
    if !models.is_empty() {
        let want = models.len();
        let native = app
            .fansly
            .account_media_create(&c.creds, models)
            .await
            .map_err(media_rejected);
        let native = native_or(app, tenant, account_id, native).await?;
        minted = native
            .response()
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|o| o.get("id").and_then(text))
                    .collect()
            })
            .unwrap_or_default();
        if minted.len() != want {
            return Err(
                ApiError::bad_gateway("Fansly sent a malformed response").with_cause(format!(
                    "account/media minted {} offers for {want} models",
                    minted.len()
                )),
            );
        }
    }
    let mut minted = minted.into_iter();
    let mut out = Vec::with_capacity(plans.len());
    for (pos, p) in plans.iter().enumerate() {
        let id = match p {
            Plan::Existing(id) => id.clone(),
            Plan::Mint { .. } => minted.next().unwrap_or_default(),
        };
        out.push(attachment(form, pos, CONTENT_OFFER, &id));
    }
    Ok(out)
}

/// A minting call Fansly refused (an unknown or foreign media id): a 400 naming `mediaIds`.
/// Other failures go through the usual translation.
fn media_rejected(e: FanslyError) -> Result<ApiError, FanslyError> {
    match e {
        FanslyError::Rejected {
            status,
            code,
            details,
        } if matches!(status, 400 | 404 | 422) || (200..300).contains(&status) => {
            Ok(ApiError::bad_request(format!(
                "mediaIds: Fansly did not accept the media ({details}); send vault media ids or offer ids of this creator"
            ))
            .with_cause(format!("native status {status}, code {code:?}")))
        }
        other => Err(other),
    }
}

async fn native_or(
    app: &AppState,
    tenant: Tenant,
    account_id: &str,
    r: Result<fansly_client::NativeResponse, Result<ApiError, FanslyError>>,
) -> Result<fansly_client::NativeResponse, ApiError> {
    match r {
        Ok(n) => Ok(n),
        Err(Ok(api)) => Err(api),
        Err(Err(e)) => Err(app.upstream_error(tenant, account_id, e).await),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(v: Value) -> Result<MediaSpec, ApiError> {
        MediaSpec::parse(v.as_object().unwrap())
    }

    fn err(v: Value) -> String {
        spec(v).unwrap_err().message
    }

    fn tiers() -> Vec<Tier> {
        vec![
            Tier {
                id: "11".into(),
                name: "Basic".into(),
            },
            Tier {
                id: "12".into(),
                name: "VIP".into(),
            },
        ]
    }

    #[test]
    fn media_ids_in_every_shape() {
        let s = spec(json!({
            "mediaIds": ["1", {"mediaId": "2", "previewId": "3"}, {"mediaId": 4, "previewId": null}],
            "mediaId": "5",
        }))
        .unwrap();
        let ids: Vec<(&str, Option<&str>)> = s
            .media
            .iter()
            .map(|m| (m.id.as_str(), m.preview_id.as_deref()))
            .collect();
        assert_eq!(
            ids,
            [("1", None), ("2", Some("3")), ("4", None), ("5", None)]
        );
        assert!(s.is_free());
        assert!(err(json!({"mediaIds": "1"})).contains("mediaIds must be an array"));
        assert!(err(json!({"mediaIds": [true]})).contains("mediaIds[0]"));
        assert!(err(json!({"mediaIds": [{"previewId": "1"}]})).contains("mediaIds[0].mediaId"));
        assert!(err(json!({"mediaIds": ["abc"]})).contains("numeric"));
    }

    #[test]
    fn access_type_as_string_or_array() {
        let a = spec(json!({"mediaId": "1", "access_type": "ppv", "price": 4})).unwrap();
        let b = spec(json!({"mediaIds": ["1"], "access_type": ["ppv"], "price": "4"})).unwrap();
        assert_eq!(a.rules, b.rules);
        assert_eq!(a.ppv_price_mills(), Some(4000));
        assert!(a.is_ppv());
        let e = a.entries(&[]).unwrap();
        assert_eq!(
            e,
            vec![json!({"type": 0, "flags": 1, "price": 4000,
                "metadata": "{\"1\":\"{\\\"price\\\":4000}\"}",
                "validAfter": null, "validBefore": null})]
        );
    }

    #[test]
    fn price_rules() {
        assert!(err(json!({"mediaId": "1", "access_type": "ppv"})).contains("price is required"));
        assert!(
            err(json!({"mediaId": "1", "access_type": "ppv", "price": 0.5}))
                .contains("between 1 and 500")
        );
        assert!(
            err(json!({"mediaId": "1", "access_type": "ppv", "price": 500.01}))
                .contains("between 1 and 500")
        );
        assert!(
            err(json!({"mediaId": "1", "price": 5})).contains("only allowed with access_type ppv")
        );
        assert!(
            err(json!({"mediaId": "1", "access_type": "follow", "price": 5}))
                .contains("only allowed with access_type ppv")
        );
        assert!(err(json!({"price": 5, "access_type": "ppv"})).contains("needs media"));
        assert!(
            err(json!({"mediaId": "1", "access_type": "ppv", "price": "x"}))
                .contains("number of dollars")
        );
        // A zero price without ppv is "free"; 1 and 500 are in range; cents round.
        assert!(spec(json!({"mediaId": "1", "price": 0})).unwrap().is_free());
        assert_eq!(
            spec(json!({"mediaId": "1", "access_type": "ppv", "price": 500}))
                .unwrap()
                .ppv_price_mills(),
            Some(500_000)
        );
        assert_eq!(
            spec(json!({"mediaId": "1", "access_type": "ppv", "price": 9.99}))
                .unwrap()
                .ppv_price_mills(),
            Some(9990)
        );
        // Access without media is ignored.
        assert_eq!(
            spec(json!({"access_type": "follow"})).unwrap(),
            MediaSpec::default()
        );
    }

    #[test]
    fn unknown_access_types_are_named() {
        let m = err(json!({"mediaId": "1", "access_type": ["ppv", "vip"], "price": 3}));
        assert!(m.contains("unknown access type `vip`"), "{m}");
        let m = err(json!({"mediaId": "1", "permissions": [{"access_type": "gold"}]}));
        assert!(m.contains("permissions[0].access_type"), "{m}");
        assert!(err(json!({"mediaId": "1", "access_type": 3})).contains("access_type must be"));
    }

    #[test]
    fn root_types_or_into_one_entry_and_any_tier_expands() {
        let s = spec(json!({"mediaId": "1", "access_type": ["follow", "subscription"]})).unwrap();
        assert!(s.needs_tiers());
        let e = s.entries(&tiers()).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0]["flags"], 6);
        assert_eq!(
            e[0]["metadata"],
            "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"11\\\"}\"}"
        );
        assert_eq!(
            e[1]["metadata"],
            "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"12\\\"}\"}"
        );
        assert!(
            s.entries(&[])
                .unwrap_err()
                .message
                .contains("no subscription tiers")
        );

        let named = spec(
            json!({"mediaId": "1", "access_type": "subscription", "subscriptionTierName": "vip"}),
        )
        .unwrap();
        assert_eq!(
            named.entries(&tiers()).unwrap()[0]["metadata"],
            "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"12\\\"}\"}"
        );
        let unknown = spec(
            json!({"mediaId": "1", "access_type": "subscription", "subscriptionTierName": "Gold"}),
        )
        .unwrap();
        assert!(
            unknown
                .entries(&tiers())
                .unwrap_err()
                .message
                .contains("Gold")
        );
        let by_id = spec(
            json!({"mediaId": "1", "access_type": "subscription", "subscriptionTierId": "77"}),
        )
        .unwrap();
        assert!(!by_id.needs_tiers());
        assert_eq!(by_id.entries(&[]).unwrap().len(), 1);
    }

    #[test]
    fn list_and_limited_time() {
        let s = spec(
            json!({"mediaId": "1", "access_type": ["list", "limited_time"],
            "listId": "55", "listLabel": "Best", "validAfter": 10, "validBefore": 20}),
        )
        .unwrap();
        let e = &s.entries(&[]).unwrap()[0];
        assert_eq!(e["flags"], 128);
        assert_eq!(e["validAfter"], 10);
        assert_eq!(e["validBefore"], 20);
        assert_eq!(
            e["metadata"],
            "{\"128\":\"{\\\"label\\\":\\\"Best\\\",\\\"listId\\\":\\\"55\\\"}\"}"
        );
        assert!(err(json!({"mediaId": "1", "access_type": "list"})).contains("listId is required"));
        assert!(
            err(json!({"mediaId": "1", "access_type": "limited_time"})).contains("validAfter or")
        );
        assert!(
            err(json!({"mediaId": "1", "access_type": "limited_time", "validAfter": 5, "validBefore": 5}))
                .contains("before")
        );
        assert!(
            err(json!({"mediaId": "1", "access_type": "limited_time", "validAfter": "x"}))
                .contains("milliseconds")
        );
    }

    #[test]
    fn permissions_rules_each_become_entries_and_override_the_root() {
        let s = spec(json!({
            "mediaIds": ["1", "2"],
            "access_type": "ppv", "price": 3,
            "permissions": [
                {"access_type": "follow"},
                {"type": ["ppv"], "price": 7},
                {"accessType": "subscription", "subscriptionTierId": "11"},
            ],
        }))
        .unwrap();
        assert_eq!(s.rules.len(), 3);
        assert_eq!(s.ppv_price_mills(), Some(7000));
        let e = s.entries(&[]).unwrap();
        let flags: Vec<i64> = e.iter().map(|x| x["flags"].as_i64().unwrap()).collect();
        assert_eq!(flags, [2, 1, 4]);
        assert!(
            err(json!({"mediaId": "1", "permissions": [{}]}))
                .contains("permissions[0].access_type is required")
        );
        assert!(
            err(json!({"mediaId": "1", "permissions": {}}))
                .contains("permissions must be an array")
        );
        assert!(
            err(json!({"mediaId": "1", "permissions": [{"access_type": "ppv"}]}))
                .contains("permissions[0].price")
        );
        // An empty permissions array means free, whatever the root says.
        assert!(
            spec(json!({"mediaId": "1", "access_type": "ppv", "permissions": []}))
                .unwrap()
                .is_free()
        );
        assert!(
            err(json!({"permissions": [{"access_type": "ppv", "price": 4}]}))
                .contains("permissions[0].price needs media")
        );
    }

    #[test]
    fn tiers_are_read_from_any_wrapper_in_pos_order() {
        let bare = json!([{"id": "2", "name": "B", "pos": 1}, {"id": "1", "name": "A", "pos": 0}]);
        let t = tiers_from(&bare);
        assert_eq!(t[0].id, "1");
        assert_eq!(
            tiers_from(&json!({"subscriptionTiers": bare.clone()})).len(),
            2
        );
        assert_eq!(tiers_from(&json!({"tiers": bare})).len(), 2);
        assert!(tiers_from(&json!(null)).is_empty());
    }

    #[test]
    fn planning_reuses_free_offers_and_remints_otherwise() {
        let known = vec![
            json!({"id": "100", "accountId": "9", "mediaId": "200", "previewId": "300"}),
            json!({"id": "101", "accountId": "8", "mediaId": "201"}),
        ];
        let free = spec(json!({"mediaIds": ["100", "101", "5"]})).unwrap();
        assert_eq!(
            plan(&free, &known, "9", false),
            vec![
                Plan::Existing("100".into()),
                Plan::Mint {
                    media_id: "101".into(),
                    preview_id: None
                },
                Plan::Mint {
                    media_id: "5".into(),
                    preview_id: None
                },
            ]
        );
        let priced = spec(json!({"mediaIds": ["100"], "access_type": "ppv", "price": 2})).unwrap();
        assert_eq!(
            plan(&priced, &known, "9", false),
            vec![Plan::Mint {
                media_id: "200".into(),
                preview_id: Some("300".into())
            }]
        );
        let preview = spec(json!({"mediaIds": [{"mediaId": "100", "previewId": "7"}]})).unwrap();
        assert_eq!(
            plan(&preview, &known, "9", false),
            vec![Plan::Mint {
                media_id: "200".into(),
                preview_id: Some("7".into())
            }]
        );
    }

    #[test]
    fn attachment_forms() {
        assert_eq!(
            attachment(AttachmentForm::Message, 1, CONTENT_BUNDLE, "5"),
            json!({"messageId": null, "pos": 1, "contentType": 2, "contentId": "5"})
        );
        assert_eq!(
            attachment(AttachmentForm::Post, 0, CONTENT_OFFER, "5"),
            json!({"pos": 0, "contentType": 1, "contentId": "5"})
        );
    }
}
