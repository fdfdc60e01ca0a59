//! Mass messages (`POST /message/broadcast`): stored per broadcast group, fanned out at
//! `scheduledFor` into one DM per recipient (§0.8 audience, §4.5 fan-out), with stats
//! derived from the copies' interactions; listing, scheduled edits and deletion.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{Value, json};

use super::messages::{AttachmentInput, NewMessage};
use super::{GROUP_BROADCAST, id_num};
use crate::json::opt_string;
use crate::world::{Rejection, World};

/// Status values.
pub(crate) const SCHEDULED: u8 = 1;
pub(crate) const SENT: u8 = 2;
pub(crate) const DELETED: u8 = 3;
/// `scheduledFor` may lie at most this far ahead.
const MAX_AHEAD_MS: i64 = 180 * 24 * 60 * 60 * 1000;
/// Pending scheduled broadcasts allowed per creator.
const MAX_PENDING: usize = 100;
/// Include-list / exclude-list recipient types.
const INCLUDE_LIST: i64 = 30000;
const EXCLUDE_LIST: i64 = 30001;

#[derive(Clone, Debug)]
pub(crate) struct Broadcast {
    pub id: String,
    pub group_id: String,
    pub account_id: String,
    pub content: String,
    pub attachments: Vec<AttachmentInput>,
    /// Unix ms; 0 = immediate.
    pub scheduled_for: i64,
    pub created_at: i64,
    pub status: u8,
    pub deleted_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub recipient_message_ids: Vec<String>,
}

/// The body of `POST /message/broadcast` (the `/message` body with a broadcast group).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewBroadcast {
    #[serde(deserialize_with = "super::groups::string_id")]
    pub group_id: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub attachments: Vec<AttachmentInput>,
    #[serde(default)]
    pub scheduled_for: Option<i64>,
}

/// The body of `POST /message/broadcast/scheduled/{id}/edit`: absent fields are kept.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BroadcastEdit {
    #[serde(default, deserialize_with = "opt_string")]
    pub content: Option<String>,
    #[serde(default)]
    pub scheduled_for: Option<i64>,
    #[serde(default)]
    pub attachments: Option<Vec<AttachmentInput>>,
}

/// Stats of a sent broadcast: recipients, and those with `deliveredAt` / `readAt`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct BroadcastStats {
    pub total: usize,
    pub delivered: usize,
    pub read: usize,
}

impl World {
    pub(crate) fn broadcast(&self, id: &str) -> Option<&Broadcast> {
        self.messaging.broadcasts.get(id)
    }

    /// `POST /message/broadcast`: stores the broadcast (status 1) and fans it out now when
    /// `scheduledFor` is 0 or past. Returns the broadcast id.
    pub(crate) fn create_broadcast(
        &mut self,
        viewer: &str,
        new: NewBroadcast,
        now: i64,
    ) -> Result<String, Rejection> {
        if !self.is_creator(viewer) {
            return Err(Rejection::Forbidden);
        }
        let group = self.member_group(viewer, &new.group_id)?;
        if group.kind != GROUP_BROADCAST || group.created_by != viewer {
            return Err(Rejection::BadRequest(
                "groupId: not a broadcast group of this account".into(),
            ));
        }
        let includes = group.group_flags & (2 | 4 | 8 | 16) != 0
            || group.recipients.iter().any(|r| r.kind == INCLUDE_LIST);
        if !includes {
            return Err(Rejection::BadRequest("empty audience".into()));
        }
        if new.content.trim().is_empty() && new.attachments.is_empty() {
            return Err(Rejection::BadRequest(
                "content: a broadcast needs content or attachments".into(),
            ));
        }
        self.check_attachments(viewer, &new.attachments, false)?;
        let scheduled_for = new.scheduled_for.unwrap_or(0).max(0);
        self.check_schedule(viewer, scheduled_for, None, now)?;
        let id = self.next_id(now);
        let broadcast = Broadcast {
            id: id.clone(),
            group_id: new.group_id,
            account_id: viewer.to_owned(),
            content: new.content,
            attachments: new.attachments,
            scheduled_for,
            created_at: now,
            status: SCHEDULED,
            deleted_at: None,
            sent_at: None,
            recipient_message_ids: Vec::new(),
        };
        self.messaging.broadcasts.insert(id.clone(), broadcast);
        if scheduled_for <= now {
            self.fan_out(&id, now);
        }
        Ok(id)
    }

    /// ≤ 180 days ahead; a future schedule must not be the creator's 101st pending one.
    fn check_schedule(
        &self,
        creator: &str,
        scheduled_for: i64,
        editing: Option<&str>,
        now: i64,
    ) -> Result<(), Rejection> {
        if scheduled_for > now + MAX_AHEAD_MS {
            return Err(Rejection::BadRequest(
                "scheduledFor: at most 180 days ahead".into(),
            ));
        }
        if scheduled_for > now {
            let pending = self
                .messaging
                .broadcasts
                .values()
                .filter(|b| b.account_id == creator && b.status == SCHEDULED)
                .filter(|b| Some(b.id.as_str()) != editing)
                .count();
            if pending >= MAX_PENDING {
                return Err(Rejection::BadRequest(
                    "scheduledFor: at most 100 pending scheduled broadcasts".into(),
                ));
            }
        }
        Ok(())
    }

    /// Fans out every scheduled broadcast whose time has come, oldest schedule first.
    pub(crate) fn run_due_broadcasts(&mut self, now: i64) {
        let mut due: Vec<(i64, u64, String)> = self
            .messaging
            .broadcasts
            .values()
            .filter(|b| b.status == SCHEDULED && b.scheduled_for <= now)
            .map(|b| (b.scheduled_for, id_num(&b.id), b.id.clone()))
            .collect();
        due.sort();
        for (_, _, id) in due {
            self.fan_out(&id, now);
        }
    }

    /// The recipients of a broadcast group, per §0.8 / §4.5.
    pub(crate) fn broadcast_audience(&self, group_id: &str) -> Vec<String> {
        let Some(group) = self.group(group_id) else {
            return Vec::new();
        };
        let creator = group.created_by.as_str();
        let flags = group.group_flags;
        let tier = tier_of(&group.group_flags_metadata);
        let mut add: BTreeSet<String> = BTreeSet::new();
        if flags & 2 != 0 {
            add.extend(self.followers_of(creator));
        }
        for (fan, sub) in self.subscriptions_to(creator) {
            let tier_ok = tier.as_deref().is_none_or(|t| t == sub.tier_id);
            // Bit 4 takes auto-renewing current subscribers, bit 8 the others.
            let renew_bit = if sub.auto_renew { 4 } else { 8 };
            let current = sub.has_access() && tier_ok && flags & renew_bit != 0;
            if current || (sub.status == 5 && flags & 16 != 0) {
                add.insert(fan);
            }
        }
        for r in group.recipients.iter().filter(|r| r.kind == INCLUDE_LIST) {
            add.extend(self.list_members(&r.recipient_id));
        }
        let mut remove: BTreeSet<String> = group.users.iter().map(|m| m.user_id.clone()).collect();
        for r in group.recipients.iter().filter(|r| r.kind == EXCLUDE_LIST) {
            remove.extend(self.list_members(&r.recipient_id));
        }
        add.into_iter()
            .filter(|a| !remove.contains(a) && a != creator)
            .filter(|a| self.account(a).is_some())
            .filter(|a| flags & 32 == 0 || !self.is_creator(a))
            .filter(|a| flags & 64 == 0 || self.account(a).is_some_and(|acc| acc.status_id == 1))
            .filter(|a| !self.is_partner_blocked(a, creator))
            .collect()
    }

    /// One DM copy per recipient (`correlationId` = the broadcast id); status 2.
    fn fan_out(&mut self, id: &str, now: i64) {
        let Some(b) = self.broadcast(id).cloned() else {
            return;
        };
        let mut copies = Vec::new();
        for fan in self.broadcast_audience(&b.group_id) {
            let group = self.dm_group(&b.account_id, &fan, now);
            let message = NewMessage {
                correlation_id: b.id.clone(),
                ..NewMessage::organic(&b.account_id, &group, &b.content, b.attachments.clone())
            };
            // A copy that cannot be sent (e.g. the creator blocked the fan) is skipped.
            if let Ok(message_id) = self.post_message(message, now) {
                copies.push(message_id);
            }
        }
        if let Some(b) = self.messaging.broadcasts.get_mut(id) {
            b.status = SENT;
            b.sent_at = Some(now);
            b.recipient_message_ids = copies;
        }
    }

    pub(crate) fn broadcast_stats(&self, b: &Broadcast) -> BroadcastStats {
        let mut stats = BroadcastStats {
            total: b.recipient_message_ids.len(),
            ..BroadcastStats::default()
        };
        for message in b
            .recipient_message_ids
            .iter()
            .filter_map(|id| self.message(id))
        {
            if message.interactions.iter().any(|i| i.delivered_at > 0) {
                stats.delivered += 1;
            }
            if message.interactions.iter().any(|i| i.read_at > 0) {
                stats.read += 1;
            }
        }
        stats
    }

    /// Deletes (status 3) a broadcast of the viewer and unsends its copies.
    pub(crate) fn delete_broadcast(
        &mut self,
        viewer: &str,
        id: &str,
        now: i64,
    ) -> Result<Value, Rejection> {
        let b = self
            .broadcast(id)
            .filter(|b| b.account_id == viewer)
            .cloned()
            .ok_or(Rejection::NotFound("message not found"))?;
        if b.status != DELETED {
            for copy in &b.recipient_message_ids {
                if self.message(copy).is_some_and(|m| m.deleted_at.is_none()) {
                    self.remove_message(copy, now);
                }
            }
            if let Some(b) = self.messaging.broadcasts.get_mut(id) {
                b.status = DELETED;
                b.deleted_at = Some(now);
            }
        }
        let b = self
            .broadcast(id)
            .ok_or(Rejection::NotFound("message not found"))?;
        Ok(self.render_broadcast(b))
    }

    /// `POST /message/broadcast/scheduled/{id}/edit` (status 1 only, else 404).
    pub(crate) fn edit_broadcast(
        &mut self,
        viewer: &str,
        id: &str,
        edit: BroadcastEdit,
        now: i64,
    ) -> Result<String, Rejection> {
        let b = self
            .broadcast(id)
            .filter(|b| b.account_id == viewer && b.status == SCHEDULED)
            .cloned()
            .ok_or(Rejection::NotFound("scheduled broadcast not found"))?;
        let content = edit.content.unwrap_or(b.content);
        let attachments = edit.attachments.unwrap_or(b.attachments);
        let scheduled_for = edit.scheduled_for.unwrap_or(b.scheduled_for).max(0);
        if content.trim().is_empty() && attachments.is_empty() {
            return Err(Rejection::BadRequest(
                "content: a broadcast needs content or attachments".into(),
            ));
        }
        self.check_attachments(viewer, &attachments, false)?;
        self.check_schedule(viewer, scheduled_for, Some(id), now)?;
        if let Some(b) = self.messaging.broadcasts.get_mut(id) {
            b.content = content;
            b.attachments = attachments;
            b.scheduled_for = scheduled_for;
        }
        self.run_due_broadcasts(now);
        Ok(id.to_owned())
    }

    /// The viewer's broadcasts with `status`, newest first, older than `before`.
    pub(crate) fn broadcasts_of(
        &self,
        viewer: &str,
        status: u8,
        before: u64,
        limit: usize,
    ) -> Vec<&Broadcast> {
        let mut list: Vec<&Broadcast> = self
            .messaging
            .broadcasts
            .values()
            .filter(|b| b.account_id == viewer && b.status == status)
            .filter(|b| before == 0 || id_num(&b.id) < before)
            .collect();
        list.sort_by_key(|b| std::cmp::Reverse(id_num(&b.id)));
        list.truncate(limit);
        list
    }

    /// The broadcast Message, with `stats`.
    pub(crate) fn render_broadcast(&self, b: &Broadcast) -> Value {
        let stats = self.broadcast_stats(b);
        json!({
            "id": b.id,
            "type": 1,
            "dataVersion": 1,
            "content": b.content,
            "groupId": b.group_id,
            "senderId": b.account_id,
            "accountId": b.account_id,
            "correlationId": "0",
            "inReplyTo": null,
            "inReplyToRoot": null,
            // REST times are whole seconds (fansly-real-shapes).
            "createdAt": b.created_at.div_euclid(1000),
            "deletedAt": b.deleted_at.map(|ms| ms.div_euclid(1000)),
            "scheduledFor": b.scheduled_for,
            "status": b.status,
            "attachments": attachments_json(&b.id, &b.attachments),
            "embeds": [],
            "interactions": [],
            "likes": [],
            "totalTipAmount": 0,
            "stats": { "total": stats.total, "delivered": stats.delivered, "read": stats.read },
        })
    }

    /// A scheduled broadcast as `/message/broadcast/scheduled` lists it: `messageTemplate`
    /// (and `metadata`) are JSON strings.
    pub(crate) fn render_scheduled(&self, b: &Broadcast) -> Value {
        let template = json!({
            "type": 1,
            "content": b.content,
            "groupId": b.group_id,
            "attachments": attachments_json(&b.id, &b.attachments),
        });
        json!({
            "id": b.id,
            "accountId": b.account_id,
            "groupId": b.group_id,
            "scheduledFor": b.scheduled_for,
            "status": b.status,
            "createdAt": b.created_at,
            "messageTemplate": template.to_string(),
            "metadata": "{}",
        })
    }
}

pub(crate) fn attachments_json(message_id: &str, attachments: &[AttachmentInput]) -> Vec<Value> {
    attachments
        .iter()
        .enumerate()
        .map(|(pos, a)| {
            json!({
                "messageId": message_id,
                "contentType": a.content_type,
                "contentId": a.content_id,
                "pos": pos,
            })
        })
        .collect()
}

/// The tier in `{"4":"{\"subscriptionTierId\":\"…\"}"}`, if any.
fn tier_of(metadata: &str) -> Option<String> {
    let outer: Value = serde_json::from_str(metadata).ok()?;
    let inner = outer.get("4")?;
    let inner: Value = match inner {
        Value::String(s) => serde_json::from_str(s).ok()?,
        other => other.clone(),
    };
    match inner.get("subscriptionTierId")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_metadata_is_double_encoded() {
        let meta = r#"{"4":"{\"subscriptionTierId\":\"123\"}"}"#;
        assert_eq!(tier_of(meta).as_deref(), Some("123"));
        assert_eq!(tier_of(""), None);
        assert_eq!(tier_of("{}"), None);
    }
}
