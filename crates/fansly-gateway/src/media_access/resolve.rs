//! Turning a [`MediaSpec`] into native attachments (route-map §0.7 steps 1–4): classify the
//! ids, look up tiers when needed, then mint one offer per media or one bundle.

use fansly_client::FanslyError;
use serde_json::{Value, json};

use super::{AttachmentForm, CONTENT_BUNDLE, CONTENT_OFFER, IDS_PER_CALL, MediaSpec, Tier};
use crate::http::ApiError;
use crate::http::account::Connected;
use crate::http::auth::Tenant;
use crate::state::AppState;
use crate::upstream::OrUpstream;

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
pub(super) enum Plan {
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
pub(super) fn plan(spec: &MediaSpec, known: &[Value], creator: &str, bundled: bool) -> Vec<Plan> {
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
