//! Messages: sending (`POST /message`, and the same path for broadcast copies, automated
//! and tip messages), reading (`GET /message`), deleting, and their native JSON.

use serde::Deserialize;
use serde_json::{Value, json};

use super::groups::Group;
use super::{GROUP_DM, float_secs, id_num};
use crate::world::media::{CONTENT_BUNDLE, CONTENT_OFFER, CONTENT_TIP};
use crate::world::{Rejection, World};

/// One attachment of a message being sent.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AttachmentInput {
    /// 1 offer, 2 bundle, 7 tip.
    pub content_type: i64,
    #[serde(deserialize_with = "super::groups::string_id")]
    pub content_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attachment {
    pub content_type: i64,
    pub content_id: String,
    pub pos: usize,
    /// The media-offer location row id (`/mediaoffers/location`), for offers and bundles.
    pub location_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Interaction {
    pub user_id: String,
    /// Unix ms; 0 = not yet.
    pub read_at: i64,
    pub delivered_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Like {
    pub id: String,
    pub account_id: String,
    pub kind: i64,
}

#[derive(Clone, Debug)]
pub(crate) struct Message {
    pub id: String,
    /// 1 normal, 2 automated.
    pub kind: i64,
    pub content: String,
    pub group_id: String,
    pub sender_id: String,
    /// `"0"` organic, else the broadcast or automation id.
    pub correlation_id: String,
    pub in_reply_to: Option<String>,
    /// Unix ms (rendered as float seconds).
    pub created_at: i64,
    pub deleted_at: Option<i64>,
    pub attachments: Vec<Attachment>,
    pub interactions: Vec<Interaction>,
    pub likes: Vec<Like>,
    /// Mills.
    pub total_tip_amount: i64,
}

/// Everything a new message may carry; [`NewMessage::organic`] is what `POST /message` sends.
#[derive(Clone, Debug)]
pub(crate) struct NewMessage {
    pub sender: String,
    pub group_id: String,
    pub content: String,
    pub attachments: Vec<AttachmentInput>,
    pub kind: i64,
    pub correlation_id: String,
    pub in_reply_to: Option<String>,
    pub total_tip_amount: i64,
    /// Allow a `contentType 7` (tip) attachment: only the tip flow sets it.
    pub allow_tip: bool,
}

impl NewMessage {
    pub(crate) fn organic(
        sender: &str,
        group_id: &str,
        content: &str,
        attachments: Vec<AttachmentInput>,
    ) -> Self {
        Self {
            sender: sender.to_owned(),
            group_id: group_id.to_owned(),
            content: content.to_owned(),
            attachments,
            kind: 1,
            correlation_id: "0".to_owned(),
            in_reply_to: None,
            total_tip_amount: 0,
            allow_tip: false,
        }
    }
}

impl World {
    pub(crate) fn message(&self, id: &str) -> Option<&Message> {
        self.messaging.messages.get(id)
    }

    /// `POST /message`: exactly what the route does (validation, interactions, events).
    pub(crate) fn send_message(
        &mut self,
        sender: &str,
        group_id: &str,
        content: &str,
        attachments: Vec<AttachmentInput>,
        now: i64,
    ) -> Result<String, Rejection> {
        self.post_message(
            NewMessage::organic(sender, group_id, content, attachments),
            now,
        )
    }

    /// A chat tip's DM from the fan: one `contentType 7` attachment and `totalTipAmount`.
    pub(crate) fn send_tip_message(
        &mut self,
        sender: &str,
        group_id: &str,
        content: &str,
        tip_id: &str,
        amount_mills: i64,
        now: i64,
    ) -> Result<String, Rejection> {
        let mut new = NewMessage::organic(
            sender,
            group_id,
            content,
            vec![AttachmentInput {
                content_type: CONTENT_TIP,
                content_id: tip_id.to_owned(),
            }],
        );
        new.total_tip_amount = amount_mills;
        new.allow_tip = true;
        self.post_message(new, now)
    }

    /// True when either side of a DM blocked the other.
    pub(crate) fn dm_blocked(&self, a: &str, b: &str) -> bool {
        self.is_partner_blocked(a, b) || self.is_partner_blocked(b, a)
    }

    /// Validates and stores a message, then emits (5,1) to every member and the (4,2)
    /// delivery acks to the sender.
    pub(crate) fn post_message(&mut self, new: NewMessage, now: i64) -> Result<String, Rejection> {
        let group = self.member_group(&new.sender, &new.group_id)?;
        if group.kind != GROUP_DM {
            return Err(Rejection::BadRequest(
                "groupId: messages go to DM groups (broadcasts use /message/broadcast)".into(),
            ));
        }
        let others: Vec<String> = group
            .member_ids()
            .into_iter()
            .filter(|m| *m != new.sender)
            .collect();
        if others.iter().any(|o| self.dm_blocked(&new.sender, o)) {
            return Err(Rejection::NotPermitted);
        }
        if new.content.trim().is_empty() && new.attachments.is_empty() {
            return Err(Rejection::BadRequest(
                "content: a message needs content or attachments".into(),
            ));
        }
        self.check_attachments(&new.sender, &new.attachments, new.allow_tip)?;
        if let Some(reply) = &new.in_reply_to
            && self
                .message(reply)
                .is_none_or(|m| m.group_id != new.group_id)
        {
            return Err(Rejection::BadRequest(format!(
                "inReplyTo: unknown message {reply}"
            )));
        }

        let id = self.next_id(now);
        let attachments: Vec<Attachment> = new
            .attachments
            .into_iter()
            .enumerate()
            .map(|(pos, a)| Attachment {
                location_id: matches!(a.content_type, CONTENT_OFFER | CONTENT_BUNDLE)
                    .then(|| self.next_id(now)),
                content_type: a.content_type,
                content_id: a.content_id,
                pos,
            })
            .collect();
        let interactions: Vec<Interaction> = others
            .iter()
            .map(|user| Interaction {
                user_id: user.clone(),
                read_at: 0,
                delivered_at: if self.has_live_socket(user) { now } else { 0 },
            })
            .collect();
        let message = Message {
            id: id.clone(),
            kind: new.kind,
            content: new.content,
            group_id: new.group_id.clone(),
            sender_id: new.sender.clone(),
            correlation_id: new.correlation_id,
            in_reply_to: new.in_reply_to,
            created_at: now,
            deleted_at: None,
            attachments,
            interactions,
            likes: Vec::new(),
            total_tip_amount: new.total_tip_amount,
        };
        let delivered: Vec<String> = message
            .interactions
            .iter()
            .filter(|i| i.delivered_at > 0)
            .map(|i| i.user_id.clone())
            .collect();
        let rendered = self.render_message(&message, true);
        self.messaging.messages.insert(id.clone(), message);
        if let Some(group) = self.messaging.groups.get_mut(&new.group_id) {
            group.last_message_id = Some(id.clone());
            group.message_ids.push(id.clone());
            // A new message brings a hidden chat back for its recipients.
            for member in group.users.iter_mut().filter(|m| m.user_id != new.sender) {
                member.settings.hidden = false;
            }
        }
        let members = self.group_members(&new.group_id);
        self.emit(&refs(&members), (5, 1, "message"), &rendered, now);
        for user in delivered {
            let ack = self.ack_payload(&new.group_id, std::slice::from_ref(&id), &user, 1);
            self.emit(&[new.sender.as_str()], (4, 2, "ackCommand"), &ack, now);
        }
        Ok(id)
    }

    /// Attachments must be the sender's own live offers (1) or bundles (2); 7 only for tips.
    pub(super) fn check_attachments(
        &self,
        sender: &str,
        attachments: &[AttachmentInput],
        allow_tip: bool,
    ) -> Result<(), Rejection> {
        for (i, a) in attachments.iter().enumerate() {
            let ok = match a.content_type {
                CONTENT_OFFER => self
                    .offer(&a.content_id)
                    .is_some_and(|o| o.account_id == sender && o.deleted_at.is_none()),
                CONTENT_BUNDLE => self
                    .bundle(&a.content_id)
                    .is_some_and(|b| b.account_id == sender && b.deleted_at.is_none()),
                CONTENT_TIP => allow_tip,
                _ => false,
            };
            if !ok {
                return Err(Rejection::BadRequest(format!(
                    "attachments[{i}]: unknown content {} of type {}",
                    a.content_id, a.content_type
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn group_members(&self, group_id: &str) -> Vec<String> {
        self.group(group_id)
            .map(Group::member_ids)
            .unwrap_or_default()
    }

    /// `GET /message`: undeleted messages of a group the viewer is in, newest first,
    /// strictly older than `before` (0 = from the newest).
    pub(crate) fn list_messages(
        &self,
        viewer: &str,
        group_id: &str,
        before: u64,
        limit: usize,
    ) -> Result<Vec<&Message>, Rejection> {
        let group = self.member_group(viewer, group_id)?;
        Ok(group
            .message_ids
            .iter()
            .rev()
            .filter(|id| before == 0 || id_num(id) < before)
            .filter_map(|id| self.message(id))
            .filter(|m| m.deleted_at.is_none())
            .take(limit)
            .collect())
    }

    /// `POST /message/delete` by the sender: sets `deletedAt` and emits (5,10) to members.
    /// A broadcast id deletes the broadcast (status 3) and its recipient copies.
    pub(crate) fn delete_message(
        &mut self,
        viewer: &str,
        id: &str,
        now: i64,
    ) -> Result<Value, Rejection> {
        if self.messaging.broadcasts.contains_key(id) {
            return self.delete_broadcast(viewer, id, now);
        }
        let message = self
            .message(id)
            .filter(|m| self.group(&m.group_id).is_some_and(|g| g.is_member(viewer)))
            .ok_or(Rejection::NotFound("message not found"))?;
        if message.sender_id != viewer {
            return Err(Rejection::Forbidden);
        }
        if message.deleted_at.is_none() {
            self.remove_message(id, now);
        }
        let message = self
            .message(id)
            .ok_or(Rejection::NotFound("message not found"))?;
        Ok(self.render_message(message, false))
    }

    /// Marks a message deleted and emits (5,10) with the full body to its group.
    pub(crate) fn remove_message(&mut self, id: &str, now: i64) {
        let Some(message) = self.messaging.messages.get_mut(id) else {
            return;
        };
        message.deleted_at = Some(now);
        let group_id = message.group_id.clone();
        let message = self.messaging.messages[id].clone();
        let rendered = self.render_message(&message, true);
        if let Some(group) = self.messaging.groups.get_mut(&group_id)
            && group.last_message_id.as_deref() == Some(id)
        {
            group.last_message_id = group
                .message_ids
                .iter()
                .rev()
                .find(|m| {
                    self.messaging
                        .messages
                        .get(*m)
                        .is_some_and(|m| m.deleted_at.is_none())
                })
                .cloned();
        }
        let members = self.group_members(&group_id);
        self.emit(&refs(&members), (5, 10, "message"), &rendered, now);
    }

    /// The native Message. REST: times in whole seconds, `inReplyTo` / `inReplyToRoot` null
    /// when none. Events ((5,1), (5,10)): times in fractional seconds, `""` for a missing
    /// `inReplyTo` / `inReplyToRoot`, and the replied-to message embedded as
    /// `inReplyToMessage` (null when none), as Fansly's socket sends them.
    pub(crate) fn render_message(&self, m: &Message, for_event: bool) -> Value {
        let reply_ref = |id: &Option<String>| match (id, for_event) {
            (Some(id), _) => Value::from(id.as_str()),
            (None, true) => Value::from(""),
            (None, false) => Value::Null,
        };
        let in_reply_to = reply_ref(&m.in_reply_to);
        let time = |ms: i64| {
            if for_event {
                json!(float_secs(ms))
            } else {
                json!(ms.div_euclid(1000))
            }
        };
        let attachments: Vec<Value> = m
            .attachments
            .iter()
            .map(|a| {
                json!({
                    "messageId": m.id,
                    "contentType": a.content_type,
                    "contentId": a.content_id,
                    "pos": a.pos,
                })
            })
            .collect();
        let interactions: Vec<Value> = m
            .interactions
            .iter()
            .map(|i| {
                json!({
                    "userId": i.user_id,
                    "groupId": m.group_id,
                    "messageId": m.id,
                    "readAt": i.read_at,
                    "deliveredAt": i.delivered_at,
                })
            })
            .collect();
        let likes: Vec<Value> = m.likes.iter().map(|l| like_json(l, m)).collect();
        let mut v = json!({
            "id": m.id,
            "type": m.kind,
            "dataVersion": 1,
            "content": m.content,
            "groupId": m.group_id,
            "senderId": m.sender_id,
            "correlationId": m.correlation_id,
            "inReplyTo": in_reply_to,
            "inReplyToRoot": reply_ref(&m.in_reply_to),
            "createdAt": time(m.created_at),
            "deletedAt": m.deleted_at.map(time),
            "attachments": attachments,
            "embeds": [],
            "interactions": interactions,
            "likes": likes,
            "totalTipAmount": m.total_tip_amount,
        });
        if for_event {
            v["inReplyToMessage"] = m
                .in_reply_to
                .as_deref()
                .and_then(|id| self.messaging.messages.get(id))
                .map_or(Value::Null, |parent| self.render_message(parent, false));
        }
        v
    }

    /// The offers and bundles the messages attach, rendered for `viewer`.
    pub(crate) fn attached_media(
        &self,
        viewer: &str,
        messages: &[&Message],
        now: i64,
    ) -> (Vec<Value>, Vec<Value>) {
        let of_type = |t: i64| {
            messages
                .iter()
                .flat_map(|m| m.attachments.iter())
                .filter(move |a| a.content_type == t)
                .map(|a| a.content_id.as_str())
                .collect::<Vec<_>>()
        };
        let bundles = of_type(CONTENT_BUNDLE);
        let mut offers = of_type(CONTENT_OFFER);
        for bundle in bundles.iter().filter_map(|id| self.bundle(id)) {
            offers.extend(bundle.account_media_ids.iter().map(String::as_str));
        }
        (
            self.render_offers(viewer, offers, now),
            self.render_bundles(viewer, bundles, now),
        )
    }
}

pub(crate) fn like_json(like: &Like, m: &Message) -> Value {
    json!({
        "id": like.id,
        "accountId": like.account_id,
        "messageId": m.id,
        "groupId": m.group_id,
        "type": like.kind,
    })
}

/// `&[String]` → `Vec<&str>` for [`World::emit`].
pub(crate) fn refs(ids: &[String]) -> Vec<&str> {
    ids.iter().map(String::as_str).collect()
}
