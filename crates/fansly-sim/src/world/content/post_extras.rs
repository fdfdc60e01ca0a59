//! Scheduled posts (list, cancel), pins and likes (route-map §4.3 ScheduledPost / PostLike,
//! §4.5).

use serde_json::{Value, json};

use super::Pin;
use super::posts::{PostLike, ScheduledPost};
use crate::world::{Rejection, World};

impl World {
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

    pub(super) fn upsert_pin(
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

    pub(super) fn post_updates(&self, post_id: &str) -> Value {
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
}

pub(super) fn scheduled_json(s: &ScheduledPost) -> Value {
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
