//! Tips (`POST /tips`, route-map §4.5): the fan's debit, the creator's 7101 credit, the
//! (7,1) event, notification 7001, the `new_tip` automation and, for a tip into a DM
//! (target = the DM group or one of its messages), the fan's tip message.

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::TxKind;
use crate::json::opt_string;
use crate::world::audience::{NOTIFY_TIP, required_id};
use crate::world::messaging::AutomationTrigger;
use crate::world::{Rejection, World};

/// Tip target `type`s (simulator choice, `serviceId × 1000 + 1`): a post, a DM group,
/// a message.
pub(crate) const TARGET_POST: u32 = 1001;
pub(crate) const TARGET_GROUP: u32 = 4001;
pub(crate) const TARGET_MESSAGE: u32 = 5001;
/// The largest tip accepted ($10 000).
const MAX_TIP_MILLS: i64 = 10_000_000;

/// What a tip was given on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TipTarget {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    /// 0 (absent) = inferred from the id.
    #[serde(rename = "type", default)]
    pub kind: u32,
}

/// One tip, serialized with Fansly's field names.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Tip {
    pub id: String,
    pub sender_id: String,
    pub receiver_id: String,
    /// Mills.
    pub amount: i64,
    pub message: String,
    pub tip_goal_id: Option<String>,
    pub target_id: Option<String>,
    pub targets: Vec<TipTarget>,
    pub sender_transaction_id: String,
    pub receiver_transaction_id: String,
    pub created_at: i64,
}

/// The body of `POST /tips`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewTip {
    #[serde(default, deserialize_with = "opt_string")]
    pub sender_id: Option<String>,
    #[serde(deserialize_with = "required_id")]
    pub receiver_id: String,
    pub amount: i64,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub tip_goal_id: Option<String>,
    /// An id, or `{id, type}`.
    #[serde(default, deserialize_with = "opt_target")]
    pub target: Option<TipTarget>,
}

fn opt_target<'de, D: Deserializer<'de>>(de: D) -> Result<Option<TipTarget>, D::Error> {
    match Option::<Value>::deserialize(de)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(id)) if id.trim().is_empty() => Ok(None),
        Some(Value::String(id)) => Ok(Some(TipTarget { id, kind: 0 })),
        Some(Value::Number(n)) => Ok(Some(TipTarget {
            id: n.to_string(),
            kind: 0,
        })),
        Some(other) => TipTarget::deserialize(other)
            .map(Some)
            .map_err(D::Error::custom),
    }
}

impl World {
    /// `POST /tips` by `sender`; returns the tip and, for a chat tip, its message id.
    pub(crate) fn send_tip(
        &mut self,
        sender: &str,
        new: NewTip,
        now: i64,
    ) -> Result<(Tip, Option<String>), Rejection> {
        if new.sender_id.as_deref().is_some_and(|s| s != sender) {
            return Err(Rejection::BadRequest("senderId: must be the caller".into()));
        }
        let receiver = new.receiver_id.as_str();
        if self.account(receiver).is_none() {
            return Err(Rejection::NotFound("account not found"));
        }
        if !self.is_creator(receiver) || receiver == sender {
            return Err(Rejection::BadRequest(
                "receiverId: tips go to another creator".into(),
            ));
        }
        if !(1..=MAX_TIP_MILLS).contains(&new.amount) {
            return Err(Rejection::BadRequest(format!(
                "amount: 1 to {MAX_TIP_MILLS} mills"
            )));
        }
        let (target, chat_group) = match new.target {
            Some(target) => {
                let (target, group) = self.resolve_tip_target(sender, receiver, target)?;
                (Some(target), group)
            }
            None => (None, None),
        };
        if chat_group.is_some() && self.dm_blocked(sender, receiver) {
            return Err(Rejection::NotPermitted);
        }
        let message = new.message.unwrap_or_default();
        let id = self.next_id(now);
        let (top_up, debit, credit) =
            self.pay_creator(sender, receiver, TxKind::Tip, new.amount, &id, now);
        let tip = Tip {
            id: id.clone(),
            sender_id: sender.to_owned(),
            receiver_id: receiver.to_owned(),
            amount: new.amount,
            message: message.clone(),
            tip_goal_id: new.tip_goal_id,
            target_id: target.as_ref().map(|t| t.id.clone()),
            targets: target.into_iter().collect(),
            sender_transaction_id: debit.transaction_id.clone(),
            receiver_transaction_id: credit.transaction_id.clone(),
            created_at: now,
        };
        self.money
            .tip_index
            .insert(id.clone(), self.money.tips.len());
        self.money.tips.push(tip.clone());

        if let Some(top_up) = top_up {
            self.emit_top_up(&top_up, now);
        }
        let payload = serde_json::to_value(&tip).unwrap_or(Value::Null);
        self.emit(&[sender, receiver], (7, 1, "tip"), &payload, now);
        self.emit_transaction(&debit, now);
        self.emit_transaction(&credit, now);
        self.record_notification(receiver, NOTIFY_TIP, &id, chat_group.as_deref(), now);
        let message_id = match &chat_group {
            Some(group) => {
                Some(self.send_tip_message(sender, group, &message, &id, new.amount, now)?)
            }
            None => None,
        };
        let trigger = AutomationTrigger::NewTip {
            amount_mills: new.amount,
            message,
        };
        self.fire_automation(receiver, sender, trigger, now);
        Ok((tip, message_id))
    }

    /// Infers or checks the target type; a DM target must be the sender–receiver DM.
    /// Returns the target and, for DM targets, the DM group id.
    fn resolve_tip_target(
        &self,
        sender: &str,
        receiver: &str,
        mut target: TipTarget,
    ) -> Result<(TipTarget, Option<String>), Rejection> {
        if target.kind == 0 {
            target.kind = if self.group(&target.id).is_some() {
                TARGET_GROUP
            } else if self.message(&target.id).is_some() {
                TARGET_MESSAGE
            } else {
                TARGET_POST
            };
        }
        let group_id = match target.kind {
            TARGET_POST => return Ok((target, None)),
            TARGET_GROUP => target.id.clone(),
            TARGET_MESSAGE => self
                .message(&target.id)
                .map(|m| m.group_id.clone())
                .ok_or(Rejection::NotFound("message not found"))?,
            other => {
                return Err(Rejection::BadRequest(format!(
                    "target.type: unknown type {other}"
                )));
            }
        };
        let is_dm = self.group(&group_id).is_some_and(|g| {
            g.kind == crate::world::messaging::GROUP_DM
                && g.is_member(sender)
                && g.is_member(receiver)
        });
        if !is_dm {
            return Err(Rejection::BadRequest(
                "target: not a DM between the sender and the receiver".into(),
            ));
        }
        Ok((target, Some(group_id)))
    }

    /// Lays down a tip for world generation (on the DM `group`, when given): ledger rows
    /// and the tip, no events.
    pub(crate) fn seed_tip(
        &mut self,
        sender: &str,
        receiver: &str,
        amount: i64,
        message: &str,
        group: Option<&str>,
        now: i64,
    ) -> Tip {
        let target = group.map(|id| TipTarget {
            id: id.to_owned(),
            kind: TARGET_GROUP,
        });
        let id = self.next_id(now);
        let (_, debit, credit) = self.pay_creator(sender, receiver, TxKind::Tip, amount, &id, now);
        let tip = Tip {
            id: id.clone(),
            sender_id: sender.to_owned(),
            receiver_id: receiver.to_owned(),
            amount,
            message: message.to_owned(),
            tip_goal_id: None,
            target_id: target.as_ref().map(|t| t.id.clone()),
            targets: target.into_iter().collect(),
            sender_transaction_id: debit.transaction_id,
            receiver_transaction_id: credit.transaction_id,
            created_at: now,
        };
        self.money.tip_index.insert(id, self.money.tips.len());
        self.money.tips.push(tip.clone());
        tip
    }
}
