//! Laying a generated world down: the creator and its tiers, then the [`Plan`] run in
//! time order (so ids stay time-ordered) straight on the world, then read state, lists
//! and presence.

use std::collections::{HashMap, HashSet};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use super::plan::{Act, ChatPlan, DAY, MINUTE, Plan, SubPlan, between, percent, plan};
use super::{Spec, WORLD_PASSWORD, WorldSummary};
use crate::error::SimError;
use crate::world::audience::{DEFAULT_FAN_PASSWORD, SeedSubscription};
use crate::world::money::TxKind;
use crate::world::{NewCreator, NewPromo, NewTier, TwofaMode, World, rejection_error};

/// `/message/ack` type 3: delivered and read.
const ACK_BOTH: i64 = 3;

impl World {
    pub(super) fn build_world(
        &mut self,
        spec: Spec,
        seed: u64,
        now: i64,
    ) -> Result<WorldSummary, SimError> {
        let mut rng = StdRng::seed_from_u64(seed);
        let t0 = now - spec.window_days * DAY;
        let end = now - MINUTE;
        let creator = self
            .create_creator(
                NewCreator {
                    username: spec.creator.to_owned(),
                    email: format!("{}@world.example", spec.creator),
                    password: WORLD_PASSWORD.to_owned(),
                    twofa: TwofaMode::None,
                    totp_secret: None,
                    display_name: Some(spec.display_name.to_owned()),
                },
                t0,
            )?
            .id;
        // Generated creators link their socials, as most Fansly creators do.
        if let Some(account) = self.accounts.get_mut(&creator) {
            account.about = format!("Welcome to {}'s page", spec.display_name);
            account.location = "Somewhere nice".into();
            account.socials = ["1", "2"]
                .iter()
                .map(|provider| crate::world::profile::Social {
                    provider_id: (*provider).to_owned(),
                    handle: spec.creator.to_owned(),
                })
                .collect();
        }
        for (i, (name, price)) in spec.extra_tiers.iter().enumerate() {
            let promo = (i == 0).then(|| NewPromo {
                price: price / 2 / 10 * 10,
                duration: 30,
                description: "Launch discount".into(),
                starts_at: Some(t0),
                ends_at: Some(now + 30 * DAY),
                max_uses: 100,
                new_subscribers_only: true,
            });
            let tier = NewTier {
                name: (*name).to_owned(),
                color: None,
                price: *price,
                billing_cycle: None,
                promo,
            };
            self.add_tier(&creator, tier, t0);
        }
        let tiers: Vec<(i64, i64)> = self
            .tiers_of(&creator)
            .iter()
            .map(|t| (t.plans[0].price, i64::from(t.plans[0].billing_cycle) * DAY))
            .collect();
        let taken = self.taken_names();
        let Plan {
            mut fans,
            mut subs,
            mut chats,
            mut acts,
        } = plan(&spec, &mut rng, &tiers, taken, (t0, end, now));

        // Run, oldest first (a stable sort keeps plan order within one millisecond).
        acts.sort_by_key(|(at, _)| *at);
        let mut summary = WorldSummary {
            name: String::new(),
            seed,
            creator_id: creator.clone(),
            creator_username: spec.creator.to_owned(),
            creator_password: WORLD_PASSWORD.to_owned(),
            fans: fans.len(),
            chats: 0,
            messages: 0,
            followers: 0,
            subscribers: 0,
            subscriptions: subs.len(),
            tips: 0,
            lists: spec.lists.len(),
        };
        let mut tipped: HashMap<usize, i64> = HashMap::new();
        for (at, act) in acts {
            match act {
                Act::Fan(i) => {
                    let fan = &fans[i];
                    let input = NewCreator {
                        username: fan.username.clone(),
                        email: format!("{}@fans.example", fan.username),
                        password: DEFAULT_FAN_PASSWORD.to_owned(),
                        twofa: TwofaMode::None,
                        totp_secret: None,
                        display_name: Some(fan.display.clone()),
                    };
                    fans[i].id = self.insert_fan(input, fan.balance, at).id;
                }
                Act::Follow(i) => {
                    self.insert_follow(&fans[i].id, &creator, at);
                    summary.followers += 1;
                }
                Act::Subscribe(s) => {
                    let plan = &subs[s];
                    let laid = SeedSubscription {
                        fan_id: &fans[plan.fan].id,
                        creator_id: &creator,
                        tier_index: plan.tier,
                        status: plan.status,
                        auto_renew: plan.auto_renew,
                        created_at: plan.created,
                        ends_at: plan.ends,
                        renewals: plan.periods - 1,
                    };
                    subs[s].id = self.seed_subscription(laid, at).id;
                }
                Act::Pay(s) => {
                    let plan = &subs[s];
                    let fan = fans[plan.fan].id.clone();
                    let (price, id) = (plan.price, plan.id.clone());
                    self.pay_creator(&fan, &creator, TxKind::Subscription, price, &id, at);
                }
                Act::Tip {
                    fan,
                    amount,
                    chat,
                    line,
                } => {
                    let fan_id = fans[fan].id.clone();
                    let group = chat.map(|c| self.chat_group(&mut chats[c], &fan_id, &creator, at));
                    let tip = self.seed_tip(&fan_id, &creator, amount, line, group.as_deref(), at);
                    if let (Some(c), Some(group)) = (chat, group) {
                        let id = self
                            .send_tip_message(&fan_id, &group, line, &tip.id, amount, at)
                            .map_err(|r| rejection_error("tip", r))?;
                        chats[c].messages.push((id, true));
                    }
                    *tipped.entry(fan).or_default() += amount;
                    summary.tips += 1;
                }
                Act::Message {
                    chat,
                    from_fan,
                    line,
                } => {
                    let fan_id = fans[chats[chat].fan].id.clone();
                    let group = self.chat_group(&mut chats[chat], &fan_id, &creator, at);
                    let sender = if from_fan { &fan_id } else { &creator };
                    let id = self
                        .send_message(sender, &group, line, Vec::new(), at)
                        .map_err(|r| rejection_error("message", r))?;
                    chats[chat].messages.push((id, from_fan));
                }
            }
        }

        // Read state: each side has read all but (sometimes) the other's trailing messages.
        for chat in &chats {
            let fan_id = &fans[chat.fan].id;
            for (reader, reads_fan_messages) in [(creator.as_str(), true), (fan_id.as_str(), false)]
            {
                let mut ids: Vec<String> = chat
                    .messages
                    .iter()
                    .filter(|(_, from_fan)| *from_fan == reads_fan_messages)
                    .map(|(id, _)| id.clone())
                    .collect();
                let trailing_from_other = chat
                    .messages
                    .iter()
                    .rev()
                    .take_while(|(_, from_fan)| *from_fan == reads_fan_messages)
                    .count();
                if trailing_from_other > 0 && percent(&mut rng, 50) {
                    ids.truncate(ids.len() - trailing_from_other);
                }
                if !ids.is_empty() {
                    self.ack_messages(reader, &ids, ACK_BOTH, end)
                        .map_err(|r| rejection_error("ack", r))?;
                }
            }
            summary.messages += chat.messages.len();
            summary.chats += usize::from(chat.group.is_some());
        }

        // Lists.
        let mut by_tips: Vec<(usize, i64)> = tipped.into_iter().collect();
        by_tips.sort_by_key(|&(fan, total)| (std::cmp::Reverse(total), fan));
        let mut by_periods: Vec<&SubPlan> = subs.iter().collect();
        by_periods.sort_by_key(|s| (std::cmp::Reverse(s.periods), s.fan));
        for (j, label) in spec.lists.iter().enumerate() {
            let members: Vec<usize> = match j {
                0 => {
                    let mut all: Vec<usize> = (0..fans.len()).collect();
                    all.shuffle(&mut rng);
                    all.into_iter().take(spec.list_size).collect()
                }
                1 => by_tips
                    .iter()
                    .take(spec.list_size)
                    .map(|&(fan, _)| fan)
                    .collect(),
                2 => (0..fans.len()).rev().take(spec.list_size).collect(),
                3 => chats.iter().take(spec.list_size).map(|c| c.fan).collect(),
                _ => by_periods
                    .iter()
                    .take(spec.list_size)
                    .map(|s| s.fan)
                    .collect(),
            };
            let list = self
                .create_list(&creator, label, end)
                .map_err(|r| rejection_error("list", r))?;
            let mut seen = HashSet::new();
            let pairs: Vec<(String, String)> = members
                .into_iter()
                .filter(|m| seen.insert(*m))
                .map(|m| (list.id.clone(), fans[m].id.clone()))
                .collect();
            self.add_list_items(&creator, &pairs, end)
                .map_err(|r| rejection_error("list", r))?;
        }

        // Presence: some fans pinned online, everyone seen recently.
        for fan in &fans {
            let online = percent(&mut rng, spec.online_pct);
            let seen = between(&mut rng, now - 14 * DAY, now);
            if let Some(account) = self.accounts.get_mut(&fan.id) {
                account.status_id = if online { 1 } else { 2 };
                account.last_seen_at = if online { now } else { seen };
            }
        }
        summary.subscribers = self
            .audience
            .subscriptions_to(&creator)
            .iter()
            .filter(|s| s.has_access())
            .count();
        Ok(summary)
    }

    /// The chat's DM group, created by the first sender at `at`.
    fn chat_group(&mut self, chat: &mut ChatPlan, fan: &str, creator: &str, at: i64) -> String {
        if let Some(group) = &chat.group {
            return group.clone();
        }
        let group = self.dm_group(fan, creator, at);
        chat.group = Some(group.clone());
        group
    }
}
