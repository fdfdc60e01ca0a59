//! Posts: create (immediate or scheduled), edit, wall moves, delete, timelines, reads by id,
//! likes and pins (route-map §4.3 Post / ScheduledPost / PostLike, §4.5, §4.7).

use serde::Deserialize;
use serde_json::{Value, json};

use super::{Pin, TIMELINE_PAGE};
use crate::json::opt_string;
use crate::world::media::{CONTENT_BUNDLE, CONTENT_OFFER};
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
fn string_id<'de, D: serde::Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    opt_string(de)?.ok_or_else(|| serde::de::Error::custom("expected an id"))
}

/// An id in a JSON list (string or integer).
fn id_of(v: &Value) -> Option<String> {
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
    fn own_post(&self, owner: &str, id: &str) -> Result<&Post, Rejection> {
        self.post(id)
            .filter(|p| p.account_id == owner && p.deleted_at.is_none())
            .ok_or(Rejection::NotFound("post not found"))
    }

    fn check_wall_ids(&self, owner: &str, given: &[Value]) -> Result<Vec<String>, Rejection> {
        let mut out = Vec::new();
        for (i, v) in given.iter().enumerate() {
            let id = id_of(v)
                .ok_or_else(|| Rejection::BadRequest(format!("wallIds[{i}]: not a wall id")))?;
            if self
                .content
                .walls
                .get(&id)
                .is_none_or(|w| w.account_id != owner)
            {
                return Err(Rejection::BadRequest(format!(
                    "wallIds[{i}]: unknown wall {id}"
                )));
            }
            if !out.contains(&id) {
                out.push(id);
            }
        }
        if out.is_empty() {
            // Simulator choice: a post without walls goes to the first ("Posts") wall.
            if let Some(first) = self.walls_of(owner).first() {
                out.push(first.id.clone());
            }
        }
        Ok(out)
    }

    fn check_post_attachments(
        &self,
        owner: &str,
        attachments: &[AttachmentIn],
    ) -> Result<Vec<Attachment>, Rejection> {
        attachments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let ok = match a.content_type {
                    CONTENT_OFFER => self
                        .offer(&a.content_id)
                        .is_some_and(|o| o.account_id == owner && o.deleted_at.is_none()),
                    CONTENT_BUNDLE => self
                        .bundle(&a.content_id)
                        .is_some_and(|b| b.account_id == owner && b.deleted_at.is_none()),
                    CONTENT_POST => self
                        .post(&a.content_id)
                        .is_some_and(|p| p.deleted_at.is_none()),
                    _ => false,
                };
                if !ok {
                    return Err(Rejection::BadRequest(format!(
                        "attachments[{i}]: unknown content {} of type {}",
                        a.content_id, a.content_type
                    )));
                }
                Ok(Attachment {
                    pos: a.pos.unwrap_or(i64::try_from(i).unwrap_or(0)),
                    content_type: a.content_type,
                    content_id: a.content_id.clone(),
                })
            })
            .collect()
    }

    /// `POST /post`: a Post now, or a ScheduledPost when `scheduledFor` > now. Returns the
    /// rendered post, or the scheduled record (`postId`, no `id`).
    pub(crate) fn create_post(
        &mut self,
        author: &str,
        new: NewPost,
        now: i64,
    ) -> Result<Value, Rejection> {
        if self.account(author).is_none_or(|a| a.flags & 2 == 0) {
            return Err(Rejection::Forbidden);
        }
        if new.content.trim().is_empty() && new.attachments.is_empty() {
            return Err(Rejection::BadRequest(
                "content: a post needs content or attachments".into(),
            ));
        }
        let attachments = self.check_post_attachments(author, &new.attachments)?;
        let wall_ids = self.check_wall_ids(author, &new.wall_ids)?;
        for (field, id) in [
            ("inReplyTo", &new.in_reply_to),
            ("quotedPostId", &new.quoted_post_id),
        ] {
            if let Some(id) = id
                && self.visible_post(author, id, now).is_none()
            {
                return Err(Rejection::BadRequest(format!("{field}: unknown post {id}")));
            }
        }
        if new.expires_at > 0 && new.expires_at <= now.max(new.scheduled_for) {
            return Err(Rejection::BadRequest(
                "expiresAt: must be later than the publication time".into(),
            ));
        }
        let id = self.next_id(now);
        if new.scheduled_for > now {
            let scheduled = ScheduledPost {
                id: id.clone(),
                account_id: author.to_owned(),
                status: 1,
                scheduled_for: new.scheduled_for,
                created_at: now,
                body: new,
                wall_ids,
            };
            let rendered = scheduled_json(&scheduled);
            self.content.scheduled.insert(id, scheduled);
            return Ok(rendered);
        }
        self.publish(id.clone(), author, new, attachments, wall_ids, now, now);
        Ok(self.render_post(&self.content.posts[&id]))
    }

    /// Stores a post, pins it when asked, and emits (1,1) and (1,9) per wall.
    #[allow(clippy::too_many_arguments, reason = "one internal call site each")]
    pub(super) fn publish(
        &mut self,
        id: String,
        author: &str,
        new: NewPost,
        attachments: Vec<Attachment>,
        wall_ids: Vec<String>,
        created_at: i64,
        now: i64,
    ) {
        let root = new.in_reply_to.as_ref().map(|parent| {
            self.post(parent)
                .and_then(|p| p.in_reply_to_root.clone())
                .unwrap_or_else(|| parent.clone())
        });
        if let Some(parent) = new.in_reply_to.as_ref()
            && let Some(p) = self.content.posts.get_mut(parent)
        {
            p.reply_count += 1;
        }
        let read_permissions: Vec<ReadPermission> = new
            .timeline_read_permission_flags
            .iter()
            .map(|p| ReadPermission {
                id: self.next_id(now),
                kind: p.kind,
                flags: p.flags,
                metadata: if p.metadata.is_empty() {
                    "{}".into()
                } else {
                    p.metadata.clone()
                },
            })
            .collect();
        let post = Post {
            id: id.clone(),
            account_id: author.to_owned(),
            content: new.content,
            fyp_flags: new.fyp_flags,
            in_reply_to: new.in_reply_to,
            in_reply_to_root: root,
            quoted_post_id: new.quoted_post_id,
            created_at,
            expires_at: (new.expires_at > 0).then_some(new.expires_at),
            attachments,
            reply_count: 0,
            total_tip_amount: 0,
            wall_ids: wall_ids.clone(),
            pinned: new.pinned == 1,
            post_reply_permission_flags: new.post_reply_permission_flags,
            read_permissions,
            deleted_at: None,
        };
        let rendered = self.render_post(&post);
        self.content.posts.insert(id.clone(), post);
        if new.pinned == 1 {
            let pin_walls: Vec<String> = new.pin_wall_ids.iter().filter_map(id_of).collect();
            let wall = pin_walls
                .first()
                .cloned()
                .or_else(|| wall_ids.first().cloned());
            self.upsert_pin(author, &id, 0, wall, now);
        }
        self.emit(&[author], (1, 1, "post"), &rendered, now);
        for wall in &wall_ids {
            self.emit(
                &[author],
                (1, 9, "wallPost"),
                &json!({ "wallId": wall, "postId": id }),
                now,
            );
        }
    }

    /// §4.7: scheduled posts whose `scheduledFor` has come are published with their id and
    /// `createdAt = scheduledFor`.
    pub(super) fn publish_due_posts(&mut self, now: i64) {
        let mut due: Vec<(i64, String)> = self
            .content
            .scheduled
            .values()
            .filter(|s| s.status == 1 && s.scheduled_for <= now)
            .map(|s| (s.scheduled_for, s.id.clone()))
            .collect();
        due.sort();
        for (_, id) in due {
            let Some(s) = self.content.scheduled.get_mut(&id) else {
                continue;
            };
            s.status = 2;
            let s = s.clone();
            // Attachments that vanished since scheduling are dropped rather than failing.
            let attachments: Vec<Attachment> = s
                .body
                .attachments
                .iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    self.check_post_attachments(&s.account_id, std::slice::from_ref(a))
                        .ok()
                        .and_then(|mut v| v.pop())
                        .map(|mut att| {
                            att.pos = a.pos.unwrap_or(i64::try_from(i).unwrap_or(0));
                            att
                        })
                })
                .collect();
            self.publish(
                s.id.clone(),
                &s.account_id,
                s.body.clone(),
                attachments,
                s.wall_ids.clone(),
                s.scheduled_for,
                now,
            );
        }
    }

    /// `POST /post/edit`: content, attachments and flags replaced; emits (1,8).
    pub(crate) fn edit_post(
        &mut self,
        owner: &str,
        edit: PostEdit,
        now: i64,
    ) -> Result<Value, Rejection> {
        let id = edit
            .id
            .clone()
            .ok_or_else(|| Rejection::BadRequest("id: required".into()))?;
        self.own_post(owner, &id)?;
        if edit.content.trim().is_empty() && edit.attachments.is_empty() {
            return Err(Rejection::BadRequest(
                "content: a post needs content or attachments".into(),
            ));
        }
        let attachments = self.check_post_attachments(owner, &edit.attachments)?;
        let walls = match &edit.wall_ids {
            Some(w) if !w.is_empty() => Some(self.check_wall_ids(owner, w)?),
            _ => None,
        };
        let post = self
            .content
            .posts
            .get_mut(&id)
            .ok_or(Rejection::NotFound("post not found"))?;
        post.content = edit.content;
        post.attachments = attachments;
        post.fyp_flags = edit.fyp_flags;
        post.expires_at = (edit.expires_at > 0).then_some(edit.expires_at);
        post.pinned = edit.pinned == 1;
        post.post_reply_permission_flags = edit.post_reply_permission_flags;
        if let Some(walls) = walls {
            post.wall_ids = walls;
        }
        let rendered = self.render_post(&self.content.posts[&id]);
        self.emit(&[owner], (1, 8, "post"), &rendered, now);
        Ok(rendered)
    }

    /// `POST /wall/postedit {postId, wallIds}`: emits (1,9) per wall added, (1,10) per wall
    /// removed.
    pub(crate) fn edit_post_walls(
        &mut self,
        owner: &str,
        post_id: &str,
        wall_ids: &[Value],
        now: i64,
    ) -> Result<Value, Rejection> {
        let old = self.own_post(owner, post_id)?.wall_ids.clone();
        if wall_ids.is_empty() {
            return Err(Rejection::BadRequest("wallIds: at least one wall".into()));
        }
        let new = self.check_wall_ids(owner, wall_ids)?;
        if let Some(p) = self.content.posts.get_mut(post_id) {
            p.wall_ids.clone_from(&new);
        }
        for w in new.iter().filter(|w| !old.contains(w)) {
            let payload = json!({ "wallId": w, "postId": post_id });
            self.emit(&[owner], (1, 9, "wallPost"), &payload, now);
        }
        for w in old.iter().filter(|w| !new.contains(w)) {
            let payload = json!({ "wallId": w, "postId": post_id });
            self.emit(&[owner], (1, 10, "wallPost"), &payload, now);
        }
        Ok(self.render_post(&self.content.posts[post_id]))
    }

    /// `POST /post/{id}/delete`: `deletedAt` set, pins dropped; emits (1,5).
    pub(crate) fn delete_post(&mut self, owner: &str, id: &str, now: i64) -> Result<(), Rejection> {
        self.own_post(owner, id)?;
        if let Some(p) = self.content.posts.get_mut(id) {
            p.deleted_at = Some(now);
        }
        if let Some(pins) = self.content.pins.get_mut(owner) {
            pins.retain(|p| p.post_id != id);
        }
        let rendered = self.render_post(&self.content.posts[id]);
        self.emit(&[owner], (1, 5, "post"), &rendered, now);
        Ok(())
    }

    /// `GET /post/scheduled`: the viewer's scheduled posts (every status), soonest first.
    pub(crate) fn scheduled_posts(&self, owner: &str) -> Vec<Value> {
        let mut list: Vec<&ScheduledPost> = self
            .content
            .scheduled
            .values()
            .filter(|s| s.account_id == owner)
            .collect();
        list.sort_by(|a, b| {
            a.scheduled_for
                .cmp(&b.scheduled_for)
                .then_with(|| a.id.cmp(&b.id))
        });
        list.into_iter().map(scheduled_json).collect()
    }

    /// `POST /post/scheduled/{id}/cancel`: status 1 → 3; anything else is 404.
    pub(crate) fn cancel_scheduled_post(
        &mut self,
        owner: &str,
        id: &str,
    ) -> Result<Value, Rejection> {
        let s = self
            .content
            .scheduled
            .get_mut(id)
            .filter(|s| s.account_id == owner && s.status == 1)
            .ok_or(Rejection::NotFound("scheduled post not found"))?;
        s.status = 3;
        Ok(scheduled_json(s))
    }

    /// `POST /profile/pinned {postId, pos, wallId}`; emits (10,2).
    pub(crate) fn pin_post(
        &mut self,
        owner: &str,
        post_id: &str,
        pos: i64,
        wall_id: Option<String>,
        now: i64,
    ) -> Result<Value, Rejection> {
        self.own_post(owner, post_id)?;
        if let Some(w) = &wall_id
            && self
                .content
                .walls
                .get(w)
                .is_none_or(|wall| wall.account_id != owner)
        {
            return Err(Rejection::BadRequest(format!("wallId: unknown wall {w}")));
        }
        self.upsert_pin(owner, post_id, pos, wall_id, now);
        let pin = self
            .pinned_json(owner)
            .into_iter()
            .find(|p| p["postId"] == post_id)
            .unwrap_or(Value::Null);
        Ok(pin)
    }

    fn upsert_pin(
        &mut self,
        owner: &str,
        post_id: &str,
        pos: i64,
        wall_id: Option<String>,
        now: i64,
    ) {
        let pins = self.content.pins.entry(owner.to_owned()).or_default();
        pins.retain(|p| p.post_id != post_id);
        pins.push(Pin {
            post_id: post_id.to_owned(),
            pos,
            wall_id,
            created_at: now,
        });
        if let Some(p) = self.content.posts.get_mut(post_id) {
            p.pinned = true;
        }
        let payload =
            json!({ "postId": post_id, "accountId": owner, "pos": pos, "createdAt": now });
        self.emit(&[owner], (10, 2, "pinnedPost"), &payload, now);
    }

    /// `POST /likes {postId}`: one like per account; emits (1,2) and (1,4).
    pub(crate) fn like_post(
        &mut self,
        liker: &str,
        post_id: &str,
        now: i64,
    ) -> Result<Value, Rejection> {
        let author = self
            .visible_post(liker, post_id, now)
            .map(|p| p.account_id.clone())
            .ok_or(Rejection::NotFound("post not found"))?;
        if let Some(existing) = self
            .content
            .likes
            .get(post_id)
            .and_then(|l| l.iter().find(|l| l.account_id == liker))
        {
            return Ok(like_json(existing, post_id));
        }
        let like = PostLike {
            id: self.next_id(now),
            account_id: liker.to_owned(),
            created_at: now,
        };
        self.content
            .likes
            .entry(post_id.to_owned())
            .or_default()
            .push(like.clone());
        if let Some(a) = self.accounts.get_mut(&author) {
            a.post_likes += 1;
        }
        let payload = like_json(&like, post_id);
        self.emit(&[liker, author.as_str()], (1, 2, "like"), &payload, now);
        let updates = self.post_updates(post_id);
        self.emit(&[author.as_str()], (1, 4, "updates"), &updates, now);
        if author != liker {
            self.record_notification(&author, super::NOTIFY_POST_LIKE, post_id, None, now);
        }
        Ok(payload)
    }

    /// `POST /likes/remove {postId}`: emits (1,3) and (1,4).
    pub(crate) fn unlike_post(
        &mut self,
        liker: &str,
        post_id: &str,
        now: i64,
    ) -> Result<(), Rejection> {
        let author = self
            .post(post_id)
            .map(|p| p.account_id.clone())
            .ok_or(Rejection::NotFound("post not found"))?;
        let likes = self.content.likes.entry(post_id.to_owned()).or_default();
        let Some(i) = likes.iter().position(|l| l.account_id == liker) else {
            return Err(Rejection::NotFound("like not found"));
        };
        let like = likes.remove(i);
        if let Some(a) = self.accounts.get_mut(&author) {
            a.post_likes = a.post_likes.saturating_sub(1);
        }
        let payload = like_json(&like, post_id);
        self.emit(&[liker, author.as_str()], (1, 3, "like"), &payload, now);
        let updates = self.post_updates(post_id);
        self.emit(&[author.as_str()], (1, 4, "updates"), &updates, now);
        Ok(())
    }

    fn post_updates(&self, post_id: &str) -> Value {
        let p = self.post(post_id);
        json!({
            "postId": post_id,
            "likeCount": self.like_count(post_id),
            "replyCount": p.map_or(0, |p| p.reply_count),
            "tipAmount": p.map_or(0, |p| p.total_tip_amount),
        })
    }

    pub(super) fn like_count(&self, post_id: &str) -> usize {
        self.content.likes.get(post_id).map_or(0, Vec::len)
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

fn scheduled_json(s: &ScheduledPost) -> Value {
    let attachments: Vec<Value> = s
        .body
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({
                "postId": s.id,
                "pos": a.pos.unwrap_or(i64::try_from(i).unwrap_or(0)),
                "contentType": a.content_type,
                "contentId": a.content_id,
            })
        })
        .collect();
    json!({
        "postId": s.id,
        "accountId": s.account_id,
        "status": s.status,
        "scheduledFor": s.scheduled_for,
        "createdAt": s.created_at,
        "content": s.body.content,
        "fypFlags": s.body.fyp_flags,
        "attachments": attachments,
        "wallIds": s.wall_ids,
        "expiresAt": (s.body.expires_at > 0).then_some(s.body.expires_at),
        "pinned": s.body.pinned,
    })
}

fn like_json(like: &PostLike, post_id: &str) -> Value {
    json!({
        "id": like.id,
        "postId": post_id,
        "accountId": like.account_id,
        "createdAt": like.created_at,
    })
}
