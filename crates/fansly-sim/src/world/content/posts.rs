//! Posts (route-map §4.3 Post / ScheduledPost / PostLike, §4.5, §4.7): the stored types and
//! the reads (timelines, reads by id). Writes are in `post_writes.rs`; scheduled posts, pins
//! and likes in `post_extras.rs`.

use serde::Deserialize;
use serde_json::Value;

use super::TIMELINE_PAGE;
use crate::json::opt_string;
use crate::world::messaging::id_num;
use crate::world::{Rejection, World};

/// Attachment type 8: a quoted post.
pub(super) const CONTENT_POST: i64 = 8;

/// One post attachment as the native body carries it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AttachmentIn {
    pub content_type: i64,
    #[serde(deserialize_with = "string_id")]
    pub content_id: String,
    #[serde(default)]
    pub pos: Option<i64>,
}

/// The body of `POST /post` (the full body is kept on a scheduled post).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct NewPost {
    pub content: String,
    pub fyp_flags: i64,
    #[serde(deserialize_with = "opt_string")]
    pub in_reply_to: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub quoted_post_id: Option<String>,
    pub attachments: Vec<AttachmentIn>,
    /// Unix ms; 0 = now.
    pub scheduled_for: i64,
    /// Unix ms; 0 = never.
    pub expires_at: i64,
    pub post_reply_permission_flags: Vec<Value>,
    pub pinned: i64,
    pub wall_ids: Vec<Value>,
    pub pin_wall_ids: Vec<Value>,
    /// Who may read the post: `[{type, flags, metadata}]` (rendered as Fansly's
    /// `timelineReadPermissionFlags`; the simulator shows them but does not enforce them).
    pub timeline_read_permission_flags: Vec<ReadPermissionIn>,
}

/// One read-permission entry of a new post.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct ReadPermissionIn {
    #[serde(rename = "type")]
    pub kind: i64,
    pub flags: i64,
    pub metadata: String,
}

/// A stored read-permission entry (`timelineReadPermissionFlags[]`).
#[derive(Clone, Debug)]
pub(crate) struct ReadPermission {
    pub id: String,
    pub kind: i64,
    pub flags: i64,
    pub metadata: String,
}

/// The body of `POST /post/edit`: fields left out are cleared (except `wallIds`, which stay
/// when absent, so a post never leaves every wall).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct PostEdit {
    #[serde(deserialize_with = "opt_string")]
    pub id: Option<String>,
    pub content: String,
    pub attachments: Vec<AttachmentIn>,
    pub fyp_flags: i64,
    pub expires_at: i64,
    pub pinned: i64,
    pub post_reply_permission_flags: Vec<Value>,
    pub wall_ids: Option<Vec<Value>>,
}

/// Filters of `GET /timelinenew/{accountId}`.
#[derive(Clone, Debug, Default)]
pub(crate) struct TimelineQuery {
    pub before: u64,
    pub wall_id: Option<String>,
    pub content_search: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Attachment {
    pub pos: i64,
    pub content_type: i64,
    pub content_id: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Post {
    pub id: String,
    pub account_id: String,
    pub content: String,
    pub fyp_flags: i64,
    pub in_reply_to: Option<String>,
    pub in_reply_to_root: Option<String>,
    pub quoted_post_id: Option<String>,
    /// Unix ms (rendered in seconds).
    pub created_at: i64,
    /// Unix ms; None = never.
    pub expires_at: Option<i64>,
    pub attachments: Vec<Attachment>,
    pub reply_count: u64,
    pub total_tip_amount: i64,
    pub wall_ids: Vec<String>,
    pub pinned: bool,
    pub post_reply_permission_flags: Vec<Value>,
    pub read_permissions: Vec<ReadPermission>,
    pub deleted_at: Option<i64>,
}

/// A post waiting for its `scheduledFor` (status 1 scheduled, 2 published, 3 cancelled).
#[derive(Clone, Debug)]
pub(crate) struct ScheduledPost {
    pub id: String,
    pub account_id: String,
    pub status: u8,
    pub scheduled_for: i64,
    pub created_at: i64,
    pub body: NewPost,
    pub wall_ids: Vec<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct PostLike {
    pub id: String,
    pub account_id: String,
    pub created_at: i64,
}

/// An id sent as a string or a number.
pub(super) fn string_id<'de, D: serde::Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    opt_string(de)?.ok_or_else(|| serde::de::Error::custom("expected an id"))
}

/// An id in a JSON list (string or integer).
pub(super) fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl World {
    pub(crate) fn post(&self, id: &str) -> Option<&Post> {
        self.content.posts.get(id)
    }

    /// A post `viewer` may see: undeleted, and unexpired unless the viewer is the author.
    pub(super) fn visible_post(&self, viewer: &str, id: &str, now: i64) -> Option<&Post> {
        self.post(id).filter(|p| {
            p.deleted_at.is_none()
                && (p.account_id == viewer || p.expires_at.is_none_or(|e| e > now))
        })
    }

    /// The creator's own undeleted post, else 404.
    pub(super) fn own_post(&self, owner: &str, id: &str) -> Result<&Post, Rejection> {
        self.post(id)
            .filter(|p| p.account_id == owner && p.deleted_at.is_none())
            .ok_or(Rejection::NotFound("post not found"))
    }

    /// `GET /timelinenew/{accountId}`: one page of 15, newest first.
    pub(crate) fn timeline(
        &self,
        viewer: &str,
        account_id: &str,
        q: &TimelineQuery,
        now: i64,
    ) -> Vec<&Post> {
        let search = q.content_search.as_ref().map(|s| s.to_lowercase());
        let mut posts: Vec<&Post> = self
            .content
            .posts
            .values()
            .filter(|p| p.account_id == account_id)
            .filter(|p| self.visible_post(viewer, &p.id, now).is_some())
            .filter(|p| q.before == 0 || id_num(&p.id) < q.before)
            .filter(|p| q.wall_id.as_ref().is_none_or(|w| p.wall_ids.contains(w)))
            .filter(|p| {
                search
                    .as_ref()
                    .is_none_or(|s| p.content.to_lowercase().contains(s))
            })
            .collect();
        posts.sort_by_key(|p| std::cmp::Reverse(id_num(&p.id)));
        posts.truncate(TIMELINE_PAGE);
        posts
    }

    /// `GET /post?ids=`: the visible posts, in request order.
    pub(crate) fn posts_by_ids(&self, viewer: &str, ids: &[&str], now: i64) -> Vec<&Post> {
        let mut seen = std::collections::HashSet::new();
        ids.iter()
            .filter(|id| seen.insert(**id))
            .filter_map(|id| self.visible_post(viewer, id, now))
            .collect()
    }
}
