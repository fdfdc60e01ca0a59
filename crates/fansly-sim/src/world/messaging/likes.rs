//! Message reactions (`POST /message/like`, `/message/like/remove`): type 1 ❤️ … 7 👎.

use serde_json::{Value, json};

use super::messages::{Like, like_json, refs};
use crate::world::{Rejection, World};

/// Notification code of a message like.
const NOTIFICATION_MESSAGE_LIKE: i64 = 5003;

impl World {
    /// Adds the viewer's reaction (idempotent per type); emits (5,3) → members and a
    /// (9,1) notification → the sender.
    pub(crate) fn like_message(
        &mut self,
        viewer: &str,
        message_id: &str,
        kind: i64,
        now: i64,
    ) -> Result<Value, Rejection> {
        if !(1..=7).contains(&kind) {
            return Err(Rejection::BadRequest(format!(
                "type: must be 1 to 7, got {kind}"
            )));
        }
        let message = self.visible_message(viewer, message_id)?;
        if let Some(like) = message
            .likes
            .iter()
            .find(|l| l.account_id == viewer && l.kind == kind)
        {
            return Ok(like_json(like, message));
        }
        let (group_id, sender) = (message.group_id.clone(), message.sender_id.clone());
        let like = Like {
            id: self.next_id(now),
            account_id: viewer.to_owned(),
            kind,
        };
        let message = self
            .messaging
            .messages
            .get_mut(message_id)
            .ok_or(Rejection::NotFound("message not found"))?;
        message.likes.push(like.clone());
        let payload = like_json(&like, message);
        let members = self.group_members(&group_id);
        self.emit(&refs(&members), (5, 3, "like"), &payload, now);
        if sender != viewer {
            let notification = json!({
                "id": self.next_id(now),
                "type": NOTIFICATION_MESSAGE_LIKE,
                "accountId": sender,
                "correlationId": message_id,
                "correlationGroupId": group_id,
                "createdAt": now,
            });
            self.emit(
                &[sender.as_str()],
                (9, 1, "notification"),
                &notification,
                now,
            );
        }
        Ok(payload)
    }

    /// Removes the viewer's reaction of `kind` (any type when `None`); emits (5,4).
    pub(crate) fn unlike_message(
        &mut self,
        viewer: &str,
        message_id: &str,
        kind: Option<i64>,
        now: i64,
    ) -> Result<Value, Rejection> {
        self.visible_message(viewer, message_id)?;
        let message = self
            .messaging
            .messages
            .get_mut(message_id)
            .ok_or(Rejection::NotFound("message not found"))?;
        let at = message
            .likes
            .iter()
            .position(|l| l.account_id == viewer && kind.is_none_or(|k| l.kind == k))
            .ok_or(Rejection::NotFound("like not found"))?;
        let like = message.likes.remove(at);
        let payload = like_json(&like, message);
        let group_id = message.group_id.clone();
        let members = self.group_members(&group_id);
        self.emit(&refs(&members), (5, 4, "like"), &payload, now);
        Ok(payload)
    }

    /// An undeleted message in a group the viewer belongs to.
    fn visible_message(
        &self,
        viewer: &str,
        id: &str,
    ) -> Result<&super::messages::Message, Rejection> {
        self.message(id)
            .filter(|m| m.deleted_at.is_none())
            .filter(|m| self.group(&m.group_id).is_some_and(|g| g.is_member(viewer)))
            .ok_or(Rejection::NotFound("message not found"))
    }
}
