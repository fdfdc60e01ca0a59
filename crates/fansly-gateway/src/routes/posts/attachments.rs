//! Post attachments that name their media (client-compat §5.4). Fansly's attachment is
//! `{contentId, contentType, pos}`: `contentId` is an accountMedia id for `contentType` 1 and
//! a bundle id for 2. Clients resolve an attachment with `mediaId ?? accountMediaId ?? id ??
//! attachmentId` and look that up among `accountMedia[]` by `id`, so every post answer adds:
//! - `contentType` 1: `accountMediaId` (= `contentId`);
//! - `contentType` 2: `accountMediaBundleId` (= `contentId`) and `accountMediaIds`, the
//!   bundle's media in bundle order (from the answer's `accountMediaBundles[]`), each of which
//!   a client looks up among `accountMedia[]` the same way.
//!
//! Fansly's own keys are left as they are.

use std::collections::HashMap;

use serde_json::Value;

use crate::fans::native_id;

/// Adds the media names to every attachment of every post in a post answer's `response`
/// (`posts[]`, `aggregatedPosts[]`, `post`, or a post itself).
pub(super) fn name_media(body: &mut Value) {
    let Some(response) = body.get_mut("response") else {
        return;
    };
    let bundles: HashMap<String, Value> = response
        .get("accountMediaBundles")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|b| Some((native_id(b, "id")?, b.get("accountMediaIds")?.clone())))
                .collect()
        })
        .unwrap_or_default();
    if response.get("attachments").is_some() {
        name_post(response, &bundles);
    }
    if let Some(post) = response.get_mut("post") {
        name_post(post, &bundles);
    }
    for key in ["posts", "aggregatedPosts"] {
        if let Some(Value::Array(posts)) = response.get_mut(key) {
            for post in posts {
                name_post(post, &bundles);
            }
        }
    }
}

fn name_post(post: &mut Value, bundles: &HashMap<String, Value>) {
    let Some(Value::Array(attachments)) = post.get_mut("attachments") else {
        return;
    };
    for a in attachments {
        let Some(content_id) = native_id(a, "contentId") else {
            continue;
        };
        let kind = a.get("contentType").and_then(Value::as_i64);
        let Some(obj) = a.as_object_mut() else {
            continue;
        };
        match kind {
            Some(1) => {
                obj.insert("accountMediaId".into(), Value::String(content_id));
            }
            Some(2) => {
                if let Some(ids) = bundles.get(&content_id) {
                    obj.insert("accountMediaIds".into(), ids.clone());
                }
                obj.insert("accountMediaBundleId".into(), Value::String(content_id));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn media_and_bundle_attachments_name_their_media() {
        let mut body = json!({"success": true, "response": {
            "posts": [{"id": "1", "attachments": [
                {"contentId": "10", "contentType": 1, "pos": 0},
                {"contentId": "20", "contentType": 2, "pos": 1},
                {"contentId": "30", "contentType": 7, "pos": 2},
            ]}],
            "accountMediaBundles": [{"id": "20", "accountMediaIds": ["11", "12"]}],
        }});
        name_media(&mut body);
        let a = &body["response"]["posts"][0]["attachments"];
        assert_eq!(a[0]["accountMediaId"], "10");
        assert_eq!(a[0]["contentId"], "10");
        assert_eq!(a[1]["accountMediaBundleId"], "20");
        assert_eq!(a[1]["accountMediaIds"], json!(["11", "12"]));
        assert!(a[1].get("accountMediaId").is_none());
        assert!(a[2].get("accountMediaId").is_none());

        let mut created = json!({"response": {"id": "5", "attachments": [
            {"contentId": 99, "contentType": 1}]}});
        name_media(&mut created);
        assert_eq!(
            created["response"]["attachments"][0]["accountMediaId"],
            "99"
        );
    }
}
