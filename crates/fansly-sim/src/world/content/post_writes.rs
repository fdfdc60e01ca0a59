//! Post writes: create (immediate or scheduled), publish, edit, wall moves and delete
//! (route-map §4.3, §4.7).

use serde_json::{Value, json};

use super::post_extras::scheduled_json;
use super::posts::{
    Attachment, AttachmentIn, CONTENT_POST, NewPost, Post, PostEdit, ReadPermission, ScheduledPost,
    id_of,
};
use crate::world::media::{CONTENT_BUNDLE, CONTENT_OFFER};
use crate::world::{Rejection, World};

impl World {
    pub(super) fn check_wall_ids(
        &self,
        owner: &str,
        given: &[Value],
    ) -> Result<Vec<String>, Rejection> {
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

    pub(super) fn check_post_attachments(
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
}
