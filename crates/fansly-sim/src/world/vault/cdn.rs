//! Signed, expiring CDN locations (route-map §4.2 CDN) and the check the CDN applies.
//!
//! A location is `<cdn base>/<accountId>/<mediaId>.<ext>?Expires=<s>&Key-Pair-Id=<kid>&Signature=<sig>`,
//! where the signature is an HMAC-SHA256 over `<path>\n<expires>` under the simulator's
//! secret. The same values appear in `locations[].metadata` as `{Key-Pair-Id, Policy,
//! Signature}` (CloudFront cookie values); `Policy` is a base64url JSON policy carrying the
//! expiry, so a cookie-signed request can be checked too.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use super::Blob;
use crate::world::World;
use crate::world::media::Media;

/// Where locations point unless the host configures its own CDN address.
pub(crate) const DEFAULT_CDN_BASE: &str = "https://cdn3.fansly.com";
/// The key-pair id every signature names.
pub(crate) const KEY_PAIR_ID: &str = "APKASIMULATOR0001";
/// Lifetime of a signature.
pub(crate) const SIGNATURE_TTL_SECS: i64 = 5 * 60 * 60;

/// Why the CDN refuses (or what it serves).
#[derive(Debug)]
pub(crate) enum CdnCheck {
    Serve(Blob),
    /// 403 `MissingKey-Pair-Id`: no signature at all.
    Missing,
    /// 403: a bad or expired signature.
    Denied(&'static str),
    /// 404: nothing stored at that path.
    NotFound,
}

type HmacSha256 = Hmac<Sha256>;

fn sign(secret: &[u8; 32], path: &str, expires: i64) -> String {
    let mut mac = HmacSha256::new_from_slice(secret).expect("any key length");
    mac.update(path.as_bytes());
    mac.update(b"\n");
    mac.update(expires.to_string().as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

fn policy(resource: &str, expires: i64) -> String {
    let p = json!({
        "Statement": [{
            "Resource": resource,
            "Condition": { "DateLessThan": { "AWS:EpochTime": expires } },
        }]
    });
    URL_SAFE_NO_PAD.encode(p.to_string())
}

fn policy_expiry(policy: &str) -> Option<i64> {
    let raw = URL_SAFE_NO_PAD.decode(policy.trim_end_matches('=')).ok()?;
    let v: Value = serde_json::from_slice(&raw).ok()?;
    v["Statement"][0]["Condition"]["DateLessThan"]["AWS:EpochTime"].as_i64()
}

impl World {
    /// The signed locations of `media`, valid for 5 h from `now` (the `media_locations` hook).
    pub(crate) fn signed_locations(&self, media: &Media, now: i64) -> Vec<Value> {
        if !media.locations.is_empty() {
            return media.locations.clone();
        }
        let path = media.location();
        let expires = now.div_euclid(1000) + SIGNATURE_TTL_SECS;
        let signature = sign(&self.vault.secret, &path, expires);
        let base = self.vault.cdn_base.trim_end_matches('/');
        let url = format!(
            "{base}{path}?Expires={expires}&Key-Pair-Id={KEY_PAIR_ID}&Signature={signature}"
        );
        vec![json!({
            "locationId": "1",
            "location": url,
            "metadata": {
                "Key-Pair-Id": KEY_PAIR_ID,
                "Policy": policy(&format!("{base}{path}"), expires),
                "Signature": signature,
            },
        })]
    }

    /// What the CDN answers for `path` (`/<accountId>/<file>`), given the query parameters
    /// and the `CloudFront-*` cookies of the request.
    pub(crate) fn cdn_check(
        &self,
        path: &str,
        query: &HashMap<String, String>,
        cookies: &HashMap<String, String>,
        now: i64,
    ) -> CdnCheck {
        let from_query = query.get("Key-Pair-Id").map(|kid| {
            (
                kid.clone(),
                query
                    .get("Expires")
                    .and_then(|e| e.parse::<i64>().ok())
                    .or_else(|| query.get("Policy").and_then(|p| policy_expiry(p))),
                query.get("Signature").cloned().unwrap_or_default(),
            )
        });
        let from_cookies = || {
            cookies.get("CloudFront-Key-Pair-Id").map(|kid| {
                (
                    kid.clone(),
                    cookies
                        .get("CloudFront-Policy")
                        .and_then(|p| policy_expiry(p)),
                    cookies
                        .get("CloudFront-Signature")
                        .cloned()
                        .unwrap_or_default(),
                )
            })
        };
        let Some((kid, expires, signature)) = from_query.or_else(from_cookies) else {
            return CdnCheck::Missing;
        };
        let Some(expires) = expires else {
            return CdnCheck::Denied("missing expiry");
        };
        if kid != KEY_PAIR_ID || sign(&self.vault.secret, path, expires) != signature {
            return CdnCheck::Denied("invalid signature");
        }
        if now.div_euclid(1000) >= expires {
            return CdnCheck::Denied("expired");
        }
        let Some(media_id) = path
            .rsplit('/')
            .next()
            .and_then(|file| file.split('.').next())
        else {
            return CdnCheck::NotFound;
        };
        match (self.media(media_id), self.vault.blobs.get(media_id)) {
            (Some(media), Some(blob)) if media.location() == path => CdnCheck::Serve(blob.clone()),
            _ => CdnCheck::NotFound,
        }
    }
}
