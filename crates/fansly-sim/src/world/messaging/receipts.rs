//! Delivery and read receipts (`POST /message/ack`, `/message/ack/all`), the unread list
//! (`GET /message/unread`, §4.4) and typing announcements.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::id_num;
use super::messages::refs;
use crate::world::{Rejection, World};

/// Ack types: 1 delivered, 2 read, 3 both.
const ACK_DELIVERED: i64 = 1;
const ACK_READ: i64 = 2;
const ACK_BOTH: i64 = 3;

impl World {
    /// The `ackCommand` payload for `user`'s receipts of `message_ids`.
    pub(crate) fn ack_payload(
        &self,
        group_id: &str,
        message_ids: &[String],
        user: &str,
        kind: i64,
    ) -> Value {
        let group = self.group(group_id);
        let enabled = group.is_none_or(|g| g.read_receipts(user));
        let recipients: Vec<Value> = group
            .map(|g| {
                g.users
                    .iter()
                    .filter(|m| m.user_id != user)
                    .map(|m| {
                        json!({
                            "userId": m.user_id,
                            "readReceiptsEnabled": m.settings.read_receipts_enabled,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        json!({
            "groupId": group_id,
            "messageIds": message_ids,
            "userId": user,
            "userReadReceiptsEnabled": enabled,
            "recipients": recipients,
            "type": kind,
        })
    }

    /// `POST /message/ack`: marks the viewer's interactions delivered (1, 3) and/or read
    /// (2, 3); unknown or foreign ids are skipped. Returns the ids that changed.
    pub(crate) fn ack_messages(
        &mut self,
        viewer: &str,
        ids: &[String],
        kind: i64,
        now: i64,
    ) -> Result<Vec<String>, Rejection> {
        if !matches!(kind, ACK_DELIVERED | ACK_READ | ACK_BOTH) {
            return Err(Rejection::BadRequest(format!(
                "type: unknown ack type {kind}"
            )));
        }
        let mut changed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for id in ids {
            let Some(message) = self.messaging.messages.get_mut(id) else {
                continue;
            };
            if message.deleted_at.is_some() {
                continue;
            }
            let Some(interaction) = message
                .interactions
                .iter_mut()
                .find(|i| i.user_id == viewer)
            else {
                continue;
            };
            let mut touched = false;
            if interaction.delivered_at == 0 {
                interaction.delivered_at = now;
                touched = true;
            }
            if kind != ACK_DELIVERED && interaction.read_at == 0 {
                interaction.read_at = now;
                touched = true;
            }
            if touched {
                changed
                    .entry(message.group_id.clone())
                    .or_default()
                    .push(id.clone());
            }
        }
        let mut all = Vec::new();
        for (group_id, message_ids) in changed {
            let receipts = self
                .group(&group_id)
                .is_none_or(|g| g.read_receipts(viewer));
            let announced = match kind {
                ACK_READ if !receipts => None,
                ACK_BOTH if !receipts => Some(ACK_DELIVERED),
                other => Some(other),
            };
            if let Some(announced) = announced {
                let others: Vec<String> = self
                    .group_members(&group_id)
                    .into_iter()
                    .filter(|m| m != viewer)
                    .collect();
                let payload = self.ack_payload(&group_id, &message_ids, viewer, announced);
                self.emit(&refs(&others), (4, 2, "ackCommand"), &payload, now);
            }
            let own = json!({
                "groupId": group_id,
                "messageIds": message_ids,
                "userId": viewer,
                "type": kind,
            });
            self.emit(&[viewer], (5, 2, "messageAckEvent"), &own, now);
            all.extend(message_ids);
        }
        Ok(all)
    }

    /// `POST /message/ack/all`: the same over every message waiting in the viewer's groups.
    pub(crate) fn ack_all(
        &mut self,
        viewer: &str,
        kind: i64,
        now: i64,
    ) -> Result<Vec<String>, Rejection> {
        let mut pending: Vec<&String> = self
            .messaging
            .messages
            .values()
            .filter(|m| m.deleted_at.is_none())
            .filter(|m| {
                m.interactions.iter().any(|i| {
                    i.user_id == viewer
                        && (i.delivered_at == 0 || (kind != ACK_DELIVERED && i.read_at == 0))
                })
            })
            .map(|m| &m.id)
            .collect();
        pending.sort_by_key(|id| id_num(id));
        let pending: Vec<String> = pending.into_iter().cloned().collect();
        self.ack_messages(viewer, &pending, kind, now)
    }

    /// `GET /message/unread`: the viewer's unread interactions on undeleted messages from
    /// others, newest first, older than `before` (0 = all); and the total unread.
    pub(crate) fn unread(
        &self,
        viewer: &str,
        before: u64,
        offset: usize,
        limit: usize,
    ) -> (Vec<Value>, usize) {
        let mut rows: Vec<(&super::messages::Message, &super::messages::Interaction)> = self
            .messaging
            .messages
            .values()
            .filter(|m| m.deleted_at.is_none() && m.sender_id != viewer)
            .filter_map(|m| {
                m.interactions
                    .iter()
                    .find(|i| i.user_id == viewer && i.read_at == 0)
                    .map(|i| (m, i))
            })
            .collect();
        rows.sort_by_key(|(m, _)| std::cmp::Reverse(id_num(&m.id)));
        let total = rows.len();
        let page = rows
            .into_iter()
            .filter(|(m, _)| before == 0 || id_num(&m.id) < before)
            .skip(offset)
            .take(limit)
            .map(|(m, i)| {
                json!({
                    "userId": i.user_id,
                    "groupId": m.group_id,
                    "messageId": m.id,
                    "readAt": i.read_at,
                    "deliveredAt": i.delivered_at,
                    "validMessage": true,
                })
            })
            .collect();
        (page, total)
    }

    /// Unread messages from others for `viewer` in a group: (count, newest id).
    pub(crate) fn unread_in_group(&self, viewer: &str, group_id: &str) -> (usize, Option<String>) {
        let Some(group) = self.group(group_id) else {
            return (0, None);
        };
        let unread: Vec<&String> = group
            .message_ids
            .iter()
            .filter(|id| {
                self.message(id).is_some_and(|m| {
                    m.deleted_at.is_none()
                        && m.sender_id != viewer
                        && m.interactions
                            .iter()
                            .any(|i| i.user_id == viewer && i.read_at == 0)
                })
            })
            .collect();
        (unread.len(), unread.last().map(|id| (*id).clone()))
    }

    /// `POST /message/typing`: (5,22) to the other members.
    pub(crate) fn announce_typing(
        &mut self,
        viewer: &str,
        group_id: &str,
        now: i64,
    ) -> Result<Value, Rejection> {
        let others: Vec<String> = self
            .member_group(viewer, group_id)?
            .member_ids()
            .into_iter()
            .filter(|m| m != viewer)
            .collect();
        let payload = json!({ "accountId": viewer, "groupId": group_id, "lastAnnounce": now });
        self.emit(
            &refs(&others),
            (5, 22, "typingAnnounceEvent"),
            &payload,
            now,
        );
        Ok(payload)
    }
}
