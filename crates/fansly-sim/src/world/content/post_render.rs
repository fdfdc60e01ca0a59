//! Rendering posts as Fansly does (fansly-native §3.2, fansly-real-shapes `example_timeline`):
//! the post object with its read permissions, mentions and hashtags, and the timeline /
//! `/post?ids` page around it.

use serde_json::{Value, json};

use super::posts::{CONTENT_POST, Post};
use crate::world::World;
use crate::world::media::{CONTENT_BUNDLE, CONTENT_OFFER};
use crate::world::profile::Times;

impl World {
    /// `{posts, aggregatedPosts, accountMedia, accountMediaBundles, accounts, tips}`.
    pub(crate) fn render_post_page(&self, viewer: &str, posts: &[&Post], now: i64) -> Value {
        let of_type = |t: i64| -> Vec<&str> {
            posts
                .iter()
                .flat_map(|p| p.attachments.iter())
                .filter(|a| a.content_type == t)
                .map(|a| a.content_id.as_str())
                .collect()
        };
        let bundles = of_type(CONTENT_BUNDLE);
        let mut offers = of_type(CONTENT_OFFER);
        for b in bundles.iter().filter_map(|id| self.bundle(id)) {
            offers.extend(b.account_media_ids.iter().map(String::as_str));
        }
        let quoted: Vec<Value> = of_type(CONTENT_POST)
            .into_iter()
            .filter_map(|id| self.visible_post(viewer, id, now))
            .map(|p| self.render_post(p))
            .collect();
        let mut account_ids: Vec<&str> = Vec::new();
        for p in posts {
            if !account_ids.contains(&p.account_id.as_str()) {
                account_ids.push(&p.account_id);
            }
        }
        // Timelines carry account times in seconds (fansly-real-shapes `example_timeline`).
        let accounts: Vec<Value> = account_ids
            .iter()
            .filter_map(|id| self.account_json_for(id, Some(viewer), Times::Seconds, now))
            .collect();
        json!({
            "posts": posts.iter().map(|p| self.render_post_for(viewer, p)).collect::<Vec<_>>(),
            "aggregatedPosts": quoted,
            "accountMedia": self.render_offers(viewer, offers, now),
            "accountMediaBundles": self.render_bundles(viewer, bundles, now),
            "accounts": accounts,
            "tips": [],
            "tipGoals": [],
            "stories": [],
            "polls": [],
            "timelineReadPermissionFlags": [],
            "accountTimelineReadPermissionFlags": { "flags": 0, "metadata": "{}" },
        })
    }

    fn render_post_for(&self, viewer: &str, p: &Post) -> Value {
        let mut v = self.render_post(p);
        v["liked"] = Value::Bool(
            self.content
                .likes
                .get(&p.id)
                .is_some_and(|l| l.iter().any(|l| l.account_id == viewer)),
        );
        v
    }

    pub(crate) fn render_post(&self, p: &Post) -> Value {
        let read_permissions: Vec<Value> = p
            .read_permissions
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "accountId": p.account_id,
                    "type": r.kind,
                    "flags": r.flags,
                    "metadata": r.metadata,
                    "verificationFlags": 2,
                    "verificationMetadata": "{}",
                })
            })
            .collect();
        let attachments: Vec<Value> = p
            .attachments
            .iter()
            .map(|a| {
                json!({
                    "postId": p.id,
                    "pos": a.pos,
                    "contentType": a.content_type,
                    "contentId": a.content_id,
                })
            })
            .collect();
        json!({
            "id": p.id,
            "accountId": p.account_id,
            "content": p.content,
            "fypFlags": p.fyp_flags,
            "inReplyTo": p.in_reply_to,
            "inReplyToRoot": p.in_reply_to_root,
            "quotedPostId": p.quoted_post_id,
            "createdAt": p.created_at / 1000,
            "expiresAt": p.expires_at.map(|e| e / 1000),
            "attachments": attachments,
            "likeCount": self.like_count(&p.id),
            "replyCount": p.reply_count,
            "mediaLikeCount": 0,
            "totalTipAmount": p.total_tip_amount,
            "attachmentTipAmount": 0,
            "accountMentions": self.mentions(&p.content),
            "hashtags": hashtags(&p.content),
            "wallIds": p.wall_ids,
            "pinned": u8::from(p.pinned),
            "postReplyPermissionFlags": p.post_reply_permission_flags,
            "timelineReadPermissionFlags": read_permissions,
            "accountTimelineReadPermissionFlags": {
                "flags": p.read_permissions.iter().fold(0, |acc, r| acc | r.flags),
                "metadata": "{}",
            },
            "deletedAt": p.deleted_at.map(|ms| ms.div_euclid(1000)),
        })
    }

    /// `@username` mentions of existing accounts in a post's text (`accountMentions[]`).
    fn mentions(&self, content: &str) -> Vec<Value> {
        let mut seen = Vec::new();
        words_after(content, '@')
            .filter_map(|name| self.account_by_username(name))
            .filter(|a| {
                let new = !seen.contains(&a.id);
                seen.push(a.id.clone());
                new
            })
            .map(|a| {
                json!({
                    "id": a.id,
                    "accountId": a.id,
                    "username": a.username,
                    "displayName": a.display_name,
                })
            })
            .collect()
    }
}

/// The words following `sigil` (`#tag`, `@name`): letters, digits, `_`, `.`, `-`.
fn words_after(content: &str, sigil: char) -> impl Iterator<Item = &str> {
    content.split(sigil).skip(1).filter_map(|rest| {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .unwrap_or(rest.len());
        let word = rest[..end].trim_end_matches('.');
        (!word.is_empty()).then_some(word)
    })
}

/// `#tags` of a post's text, lowercased, once each (`hashtags[]`).
fn hashtags(content: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in words_after(content, '#').map(str::to_lowercase) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}
