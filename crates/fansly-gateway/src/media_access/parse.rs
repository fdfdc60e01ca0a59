//! Reading the media and access fields of a request body into a [`MediaSpec`]: every input
//! shape clients send, each failure a 400 naming the field and the rule. No native call.

use serde_json::{Map, Value};

use super::{
    AccessKind, MAX_MEDIA, MAX_PRICE_DOLLARS, MIN_PRICE_DOLLARS, MediaRef, MediaSpec, Rule,
};
use crate::http::ApiError;
use crate::validate;

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
