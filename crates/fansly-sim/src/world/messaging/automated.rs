//! Automated-message rules (`GET/POST /message/automated`, `…/delete`) and their firing:
//! the audience side reports a trigger with [`World::fire_automation`]; the message goes
//! out at trigger time + `delay` (from [`World::tick_messaging`]), respecting `cooldown`.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::id_num;
use super::messages::{AttachmentInput, NewMessage};
use crate::world::{Rejection, World};

/// triggerType numbers (route-map AM2; only 3 is attested).
pub(crate) const TRIGGER_DISABLED: i64 = 0;
pub(crate) const TRIGGER_NEW_FOLLOWER: i64 = 1;
pub(crate) const TRIGGER_NEW_SUBSCRIBER: i64 = 3;
pub(crate) const TRIGGER_SUBSCRIBER_RENEW: i64 = 4;
pub(crate) const TRIGGER_NEW_TIP: i64 = 5;
pub(crate) const TRIGGER_GIFT_SUBSCRIBER: i64 = 6;
pub(crate) const TRIGGER_GIFT_SUBSCRIBER_RENEW: i64 = 7;
const KNOWN_TRIGGERS: [i64; 7] = [0, 1, 3, 4, 5, 6, 7];

/// What happened on the audience side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AutomationTrigger {
    /// triggerType 1.
    NewFollower,
    /// triggerType 3: a subscription became active.
    NewSubscriber,
    /// triggerType 4: a renewal; `streak` = consecutive paid periods so far (≥ 2).
    SubscriberRenew { streak: u32 },
    /// triggerType 5: a tip of `amount_mills` with its `message` (for keyword matching).
    NewTip { amount_mills: i64, message: String },
    /// triggerType 6 (no gift-link driver exists yet).
    #[allow(dead_code)]
    NewGiftLinkSubscriber,
    /// triggerType 7 (no gift-link driver exists yet).
    #[allow(dead_code)]
    NewGiftLinkSubscriberRenew { streak: u32 },
}

impl AutomationTrigger {
    fn trigger_type(&self) -> i64 {
        match self {
            Self::NewFollower => TRIGGER_NEW_FOLLOWER,
            Self::NewSubscriber => TRIGGER_NEW_SUBSCRIBER,
            Self::SubscriberRenew { .. } => TRIGGER_SUBSCRIBER_RENEW,
            Self::NewTip { .. } => TRIGGER_NEW_TIP,
            Self::NewGiftLinkSubscriber => TRIGGER_GIFT_SUBSCRIBER,
            Self::NewGiftLinkSubscriberRenew { .. } => TRIGGER_GIFT_SUBSCRIBER_RENEW,
        }
    }

    /// Whether a rule's `triggerMetadata` accepts this trigger: renewals need
    /// `streak ≥ subscriptionStreak`; tips need `amount ≥ tipAmount` and, when keywords are
    /// set, one of them in the tip message (case-insensitive).
    fn matches(&self, metadata: &Value) -> bool {
        let int = |key: &str| {
            metadata
                .get(key)
                .and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
                .unwrap_or(0)
        };
        match self {
            Self::SubscriberRenew { streak } | Self::NewGiftLinkSubscriberRenew { streak } => {
                i64::from(*streak) >= int("subscriptionStreak")
            }
            Self::NewTip {
                amount_mills,
                message,
            } => {
                let message = message.to_lowercase();
                let keywords: Vec<String> = metadata
                    .get("keywords")
                    .and_then(Value::as_array)
                    .map(|k| {
                        k.iter()
                            .filter_map(Value::as_str)
                            .map(|s| s.trim().to_lowercase())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                *amount_mills >= int("tipAmount")
                    && (keywords.is_empty() || keywords.iter().any(|k| message.contains(k)))
            }
            _ => true,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub id: String,
    pub account_id: String,
    pub trigger_type: i64,
    /// A JSON string (`""` or an object).
    pub trigger_metadata: String,
    /// Seconds.
    pub delay: i64,
    pub cooldown: i64,
    pub template_type: i64,
    pub content: String,
    pub attachments: Vec<AttachmentInput>,
    pub created_at: i64,
}

#[derive(Clone, Debug)]
struct Pending {
    rule_id: String,
    fan_id: String,
    due: i64,
}

#[derive(Debug, Default)]
pub(crate) struct Automation {
    rules: HashMap<String, Rule>,
    pending: Vec<Pending>,
    /// `(rule, fan)` → Unix ms of the last message sent.
    last_fired: HashMap<(String, String), i64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Template {
    #[serde(rename = "type", default = "one")]
    pub kind: i64,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub attachments: Vec<AttachmentInput>,
}

fn one() -> i64 {
    1
}

/// The body of `POST /message/automated`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewAutomation {
    pub trigger_type: i64,
    #[serde(default)]
    pub trigger_metadata: Option<Value>,
    #[serde(default)]
    pub delay: i64,
    #[serde(default)]
    pub cooldown: i64,
    pub message_template: Template,
}

impl World {
    /// `POST /message/automated` (creators only). Returns the rule id.
    pub(crate) fn create_automation(
        &mut self,
        viewer: &str,
        new: NewAutomation,
        now: i64,
    ) -> Result<String, Rejection> {
        if !self.is_creator(viewer) {
            return Err(Rejection::Forbidden);
        }
        if !KNOWN_TRIGGERS.contains(&new.trigger_type) {
            return Err(Rejection::BadRequest(format!(
                "triggerType: unknown trigger {}",
                new.trigger_type
            )));
        }
        if new.delay < 0 || new.cooldown < 0 {
            return Err(Rejection::BadRequest(
                "delay, cooldown: must not be negative".into(),
            ));
        }
        let metadata = match new.trigger_metadata {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) if s.trim().is_empty() => String::new(),
            Some(Value::String(s)) => match serde_json::from_str::<Value>(&s) {
                Ok(Value::Object(_)) => s,
                _ => {
                    return Err(Rejection::BadRequest(
                        "triggerMetadata: must be a JSON object string".into(),
                    ));
                }
            },
            Some(object @ Value::Object(_)) => object.to_string(),
            Some(_) => {
                return Err(Rejection::BadRequest(
                    "triggerMetadata: must be a JSON object string".into(),
                ));
            }
        };
        let template = new.message_template;
        if template.content.trim().is_empty() && template.attachments.is_empty() {
            return Err(Rejection::BadRequest(
                "messageTemplate.content: needs content or attachments".into(),
            ));
        }
        self.check_attachments(viewer, &template.attachments, false)?;
        let id = self.next_id(now);
        let rule = Rule {
            id: id.clone(),
            account_id: viewer.to_owned(),
            trigger_type: new.trigger_type,
            trigger_metadata: metadata,
            delay: new.delay,
            cooldown: new.cooldown,
            template_type: template.kind,
            content: template.content,
            attachments: template.attachments,
            created_at: now,
        };
        self.messaging.automation.rules.insert(id.clone(), rule);
        Ok(id)
    }

    /// `POST /message/automated/delete`: unknown or foreign → 404; pending firings go too.
    pub(crate) fn delete_automation(&mut self, viewer: &str, id: &str) -> Result<Value, Rejection> {
        let automation = &mut self.messaging.automation;
        let rule = automation
            .rules
            .get(id)
            .filter(|r| r.account_id == viewer)
            .cloned()
            .ok_or(Rejection::NotFound("automated message not found"))?;
        automation.rules.remove(id);
        automation.pending.retain(|p| p.rule_id != id);
        automation.last_fired.retain(|(rule, _), _| rule != id);
        Ok(render_rule(&rule))
    }

    /// The creator's rules, oldest first.
    pub(crate) fn automations_of(&self, viewer: &str) -> Vec<Value> {
        let mut rules: Vec<&Rule> = self
            .messaging
            .automation
            .rules
            .values()
            .filter(|r| r.account_id == viewer)
            .collect();
        rules.sort_by_key(|r| id_num(&r.id));
        rules.into_iter().map(render_rule).collect()
    }

    pub(crate) fn automation(&self, id: &str) -> Option<Value> {
        self.messaging.automation.rules.get(id).map(render_rule)
    }

    /// A trigger happened for `fan` at `creator`: every matching rule schedules its message
    /// for `now + delay` (a rule still in cooldown for this fan, or already pending with a
    /// cooldown, does not). Messages due now go out at once — call this after emitting the
    /// trigger's own events.
    pub(crate) fn fire_automation(
        &mut self,
        creator_id: &str,
        fan_id: &str,
        trigger: AutomationTrigger,
        now: i64,
    ) {
        let automation = &self.messaging.automation;
        let mut rules: Vec<&Rule> = automation
            .rules
            .values()
            .filter(|r| r.account_id == creator_id)
            .filter(|r| r.trigger_type != TRIGGER_DISABLED)
            .filter(|r| r.trigger_type == trigger.trigger_type())
            .filter(|r| {
                let metadata = serde_json::from_str(&r.trigger_metadata).unwrap_or(Value::Null);
                trigger.matches(&metadata)
            })
            .filter(|r| {
                r.cooldown == 0
                    || !(in_cooldown(automation, r, fan_id, now)
                        || automation
                            .pending
                            .iter()
                            .any(|p| p.rule_id == r.id && p.fan_id == fan_id))
            })
            .collect();
        rules.sort_by_key(|r| id_num(&r.id));
        let scheduled: Vec<Pending> = rules
            .into_iter()
            .map(|r| Pending {
                rule_id: r.id.clone(),
                fan_id: fan_id.to_owned(),
                due: now.saturating_add(r.delay.saturating_mul(1000)),
            })
            .collect();
        self.messaging.automation.pending.extend(scheduled);
        self.run_due_automations(now);
    }

    /// Sends every pending automation message due at `now`, in due order.
    pub(crate) fn run_due_automations(&mut self, now: i64) {
        let automation = &mut self.messaging.automation;
        if !automation.pending.iter().any(|p| p.due <= now) {
            return;
        }
        let (mut due, later): (Vec<Pending>, Vec<Pending>) =
            automation.pending.drain(..).partition(|p| p.due <= now);
        automation.pending = later;
        due.sort_by_key(|p| p.due);
        for pending in due {
            let Some(rule) = self
                .messaging
                .automation
                .rules
                .get(&pending.rule_id)
                .cloned()
            else {
                continue;
            };
            if rule.cooldown > 0
                && in_cooldown(&self.messaging.automation, &rule, &pending.fan_id, now)
            {
                continue;
            }
            let group = self.dm_group(&rule.account_id, &pending.fan_id, now);
            let message = NewMessage {
                kind: 2,
                correlation_id: rule.id.clone(),
                ..NewMessage::organic(
                    &rule.account_id,
                    &group,
                    &rule.content,
                    rule.attachments.clone(),
                )
            };
            // A message that can no longer be sent (blocked, attachment gone) is dropped.
            if self.post_message(message, now).is_ok() {
                self.messaging
                    .automation
                    .last_fired
                    .insert((rule.id.clone(), pending.fan_id.clone()), now);
            }
        }
    }
}

fn in_cooldown(automation: &Automation, rule: &Rule, fan: &str, now: i64) -> bool {
    automation
        .last_fired
        .get(&(rule.id.clone(), fan.to_owned()))
        .is_some_and(|last| now < last.saturating_add(rule.cooldown.saturating_mul(1000)))
}

fn render_rule(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "accountId": rule.account_id,
        "triggerType": rule.trigger_type,
        "triggerMetadata": rule.trigger_metadata,
        "delay": rule.delay,
        "cooldown": rule.cooldown,
        "messageTemplate": {
            "type": rule.template_type,
            "content": rule.content,
            "attachments": super::broadcast::attachments_json("", &rule.attachments),
            "senderId": rule.account_id,
        },
        "createdAt": rule.created_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tip_triggers_match_amount_and_keywords() {
        let meta = json!({ "tipAmount": 5000, "keywords": ["Hello", "hey"] });
        let tip = |amount, message: &str| AutomationTrigger::NewTip {
            amount_mills: amount,
            message: message.into(),
        };
        assert!(tip(5000, "well HELLO there").matches(&meta));
        assert!(!tip(4999, "hello").matches(&meta));
        assert!(!tip(9000, "bye").matches(&meta));
        assert!(tip(1, "").matches(&json!({})));
    }

    #[test]
    fn renew_triggers_need_the_streak() {
        let meta = json!({ "subscriptionStreak": 3 });
        assert!(!AutomationTrigger::SubscriberRenew { streak: 2 }.matches(&meta));
        assert!(AutomationTrigger::SubscriberRenew { streak: 3 }.matches(&meta));
    }
}
