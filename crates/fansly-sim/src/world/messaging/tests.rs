//! World-level tests of the parts no public route drives directly: subscription-based
//! broadcast audiences, automation triggers from the audience side, and access rules
//! that read follows, subscriptions, lists and purchases.

use serde_json::json;

use super::automated::AutomationTrigger;
use super::groups::NewGroup;
use super::messages::NewMessage;
use crate::world::audience::{NewFan, NewTier, SeedSubscription};
use crate::world::media::{PermissionEntry, WhitelistEntry};
use crate::world::money::Purchase;
use crate::world::{NewCreator, TwofaMode, World};

const NOW: i64 = 1_790_000_000_000;

fn creator(world: &mut World, name: &str) -> String {
    world
        .create_creator(
            NewCreator {
                username: name.into(),
                email: format!("{name}@example.com"),
                password: "pw".into(),
                twofa: TwofaMode::None,
                totp_secret: None,
                display_name: None,
            },
            NOW,
        )
        .unwrap()
        .id
}

fn fan(world: &mut World, name: &str) -> String {
    world
        .create_fan(
            NewFan {
                username: name.into(),
                ..NewFan::default()
            },
            NOW,
        )
        .unwrap()
        .id
}

fn subscribe(
    world: &mut World,
    fan: &str,
    creator: &str,
    tier: usize,
    status: u8,
    auto_renew: bool,
) {
    world.seed_subscription(
        SeedSubscription {
            fan_id: fan,
            creator_id: creator,
            tier_index: tier,
            status,
            auto_renew,
            created_at: NOW,
            ends_at: NOW + 30 * 86_400_000,
            renewals: 0,
        },
        NOW,
    );
}

fn broadcast_group(world: &mut World, creator: &str, flags: i64, metadata: &str) -> String {
    let new: NewGroup = serde_json::from_value(json!({
        "users": [{ "userId": creator, "permissionFlags": 65535 }],
        "type": 3, "groupFlags": flags, "groupFlagsMetadata": metadata,
    }))
    .unwrap();
    world.create_group(creator, new, NOW).unwrap()
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn subscription_bits_and_tiers_select_the_audience() {
    let mut world = World::default();
    let maria = creator(&mut world, "maria");
    world.add_tier(
        &maria,
        NewTier {
            name: "Gold".into(),
            color: None,
            price: 20_000,
            billing_cycle: None,
            promo: None,
        },
        NOW,
    );
    let gold = world.tiers_of(&maria)[1].id.clone();
    let (on, off, expired, gold_fan) = (
        fan(&mut world, "on"),
        fan(&mut world, "off"),
        fan(&mut world, "expired"),
        fan(&mut world, "goldfan"),
    );
    subscribe(&mut world, &on, &maria, 0, 3, true);
    subscribe(&mut world, &off, &maria, 0, 4, false);
    subscribe(&mut world, &expired, &maria, 0, 5, true);
    subscribe(&mut world, &gold_fan, &maria, 1, 3, true);

    let audience = |world: &mut World, flags, metadata: &str| {
        let group = broadcast_group(world, &maria, flags, metadata);
        sorted(world.broadcast_audience(&group))
    };
    assert_eq!(
        audience(&mut world, 4, ""),
        sorted(vec![on.clone(), gold_fan.clone()])
    );
    assert_eq!(audience(&mut world, 8, ""), [off.as_str()]);
    assert_eq!(audience(&mut world, 16, ""), [expired.as_str()]);
    let gold_only = json!({ "4": json!({ "subscriptionTierId": gold }).to_string() }).to_string();
    assert_eq!(audience(&mut world, 4 | 8, &gold_only), [gold_fan.as_str()]);

    // Creators among followers are dropped with bit 32.
    let other = creator(&mut world, "other");
    world.follow_account(&other, &maria, NOW).unwrap();
    world.follow_account(&on, &maria, NOW).unwrap();
    assert_eq!(
        audience(&mut world, 2, ""),
        sorted(vec![on.clone(), other.clone()])
    );
    assert_eq!(audience(&mut world, 2 | 32, ""), [on.as_str()]);

    // The chat list's subscriber filters read the same subscriptions.
    for f in [&on, &gold_fan, &expired] {
        let group = world.dm_group(&maria, f, NOW);
        world
            .send_message(f, &group, "hi", Vec::new(), NOW)
            .unwrap();
    }
    let query = super::GroupQuery {
        sort_order: 1,
        flags: 4,
        limit: 25,
        ..super::GroupQuery::default()
    };
    let page = world.messaging_groups(&maria, &query);
    assert_eq!(
        sorted(page.partner_ids),
        sorted(vec![on.clone(), gold_fan.clone()])
    );
    let query = super::GroupQuery {
        subscription_tier_id: Some(gold.clone()),
        ..query
    };
    let page = world.messaging_groups(&maria, &query);
    assert_eq!(page.partner_ids, [gold_fan.as_str()]);
    assert_eq!(page.rows[0]["subscriptionTierId"], gold.as_str());
    let query = super::GroupQuery {
        flags: 2,
        limit: 25,
        ..super::GroupQuery::default()
    };
    assert_eq!(
        world.messaging_groups(&maria, &query).partner_ids,
        [on.as_str()]
    );
}

fn rule(
    world: &mut World,
    creator: &str,
    trigger: i64,
    metadata: &str,
    delay: i64,
    cooldown: i64,
) -> String {
    let new = serde_json::from_value(json!({
        "triggerType": trigger, "triggerMetadata": metadata, "delay": delay, "cooldown": cooldown,
        "messageTemplate": { "type": 1, "content": format!("rule {trigger}"), "attachments": [] },
    }))
    .unwrap();
    world.create_automation(creator, new, NOW).unwrap()
}

/// Automated messages `fan` has received from the creator.
fn automated(world: &World, creator: &str, fan: &str) -> Vec<String> {
    let Some(group) = world
        .messaging
        .dm_pairs
        .get(&super::groups_pair(creator, fan))
    else {
        return Vec::new();
    };
    world
        .list_messages(fan, group, 0, 100)
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == 2)
        .map(|m| m.correlation_id.clone())
        .collect()
}

#[test]
fn tip_and_renewal_triggers_respect_metadata_delay_and_cooldown() {
    let mut world = World::default();
    let maria = creator(&mut world, "maria");
    let fan_id = fan(&mut world, "fan");
    let tip_rule = rule(
        &mut world,
        &maria,
        5,
        r#"{"tipAmount":5000,"keywords":["thanks"]}"#,
        10,
        60,
    );
    let renew_rule = rule(&mut world, &maria, 4, r#"{"subscriptionStreak":3}"#, 0, 0);
    let disabled = rule(&mut world, &maria, 0, "", 0, 0);
    let tip = |amount, message: &str| AutomationTrigger::NewTip {
        amount_mills: amount,
        message: message.into(),
    };

    world.fire_automation(&maria, &fan_id, tip(4000, "thanks"), NOW);
    world.fire_automation(&maria, &fan_id, tip(9000, "hello"), NOW);
    world.tick_messaging(NOW + 60_000);
    assert!(
        automated(&world, &maria, &fan_id).is_empty(),
        "too small / no keyword"
    );

    world.fire_automation(&maria, &fan_id, tip(5000, "Many THANKS"), NOW);
    world.tick_messaging(NOW + 9_999);
    assert!(
        automated(&world, &maria, &fan_id).is_empty(),
        "before the delay"
    );
    world.tick_messaging(NOW + 10_000);
    assert_eq!(automated(&world, &maria, &fan_id), [tip_rule.as_str()]);
    // Within the 60 s cooldown a second tip does nothing; after it, it fires again.
    world.fire_automation(&maria, &fan_id, tip(6000, "thanks"), NOW + 20_000);
    world.tick_messaging(NOW + 40_000);
    assert_eq!(automated(&world, &maria, &fan_id).len(), 1);
    world.fire_automation(&maria, &fan_id, tip(6000, "thanks"), NOW + 71_000);
    world.tick_messaging(NOW + 81_000);
    assert_eq!(automated(&world, &maria, &fan_id).len(), 2);

    // Renewal: the streak must reach subscriptionStreak; delay 0 sends at once.
    world.fire_automation(
        &maria,
        &fan_id,
        AutomationTrigger::SubscriberRenew { streak: 2 },
        NOW + 90_000,
    );
    assert_eq!(automated(&world, &maria, &fan_id).len(), 2);
    world.fire_automation(
        &maria,
        &fan_id,
        AutomationTrigger::SubscriberRenew { streak: 3 },
        NOW + 90_000,
    );
    assert_eq!(automated(&world, &maria, &fan_id)[0], renew_rule);
    // A disabled rule never fires; a deleted rule's pending message is dropped.
    assert!(!automated(&world, &maria, &fan_id).contains(&disabled));
    world.fire_automation(&maria, &fan_id, tip(9000, "thanks"), NOW + 200_000);
    world.delete_automation(&maria, &tip_rule).unwrap();
    world.tick_messaging(NOW + 300_000);
    assert_eq!(automated(&world, &maria, &fan_id).len(), 3);
    // The welcome for a new subscriber goes to both sockets.
    let welcome = rule(&mut world, &maria, 3, "", 0, 0);
    let other = fan(&mut world, "other");
    world.fire_automation(
        &maria,
        &other,
        AutomationTrigger::NewSubscriber,
        NOW + 400_000,
    );
    assert_eq!(automated(&world, &maria, &other), [welcome]);
    let to_creator = world.events.since(&maria, 0);
    assert!(to_creator.iter().any(|e| e.kind == 1
        && e.service_id == 5
        && e.payload["senderId"] == maria.as_str()
        && e.payload["type"] == 2));
}

fn offer_with(world: &mut World, owner: &str, entries: Vec<PermissionEntry>) -> String {
    let media = world.create_media(owner, "image/png", NOW);
    let model = crate::world::media::NewOffer {
        media_id: media,
        whitelist: vec![WhitelistEntry {
            account_id: owner.into(),
            permission_flags: 0,
        }],
        permissions: serde_json::from_value(json!({ "permissionFlags": [] })).unwrap(),
        ..crate::world::media::NewOffer::default()
    };
    let id = world
        .create_offers(owner, vec![model], NOW)
        .unwrap()
        .remove(0);
    world
        .messaging
        .media
        .offers
        .get_mut(&id)
        .unwrap()
        .permissions = entries;
    id
}

fn can_see(world: &World, viewer: &str, offer: &str, now: i64) -> bool {
    let offer = world.offer(offer).unwrap().clone();
    world.offer_access(viewer, &offer, now).access
}

#[test]
fn access_entries_read_follows_subscriptions_lists_windows_and_purchases() {
    let mut world = World::default();
    let maria = creator(&mut world, "maria");
    let (a, b) = (fan(&mut world, "a"), fan(&mut world, "b"));
    let entry = |flags, metadata: String| PermissionEntry {
        flags,
        metadata,
        ..PermissionEntry::default()
    };
    let follow_only = offer_with(&mut world, &maria, vec![entry(2, String::new())]);
    let tier = world.tiers_of(&maria)[0].id.clone();
    let tier_meta = json!({ "4": json!({ "subscriptionTierId": tier }).to_string() }).to_string();
    let subscribers = offer_with(&mut world, &maria, vec![entry(4, tier_meta)]);
    let list = world.create_list(&maria, "close", NOW).unwrap().id;
    let list_meta =
        json!({ "128": json!({ "listId": list, "label": "close" }).to_string() }).to_string();
    let listed = offer_with(&mut world, &maria, vec![entry(128, list_meta)]);
    let window = offer_with(
        &mut world,
        &maria,
        vec![PermissionEntry {
            valid_after: Some(NOW + 1_000),
            valid_before: Some(NOW + 2_000),
            ..PermissionEntry::default()
        }],
    );
    let follow_and_sub = offer_with(&mut world, &maria, vec![entry(2 | 4, String::new())]);

    for offer in [&follow_only, &subscribers, &listed, &follow_and_sub] {
        assert!(!can_see(&world, &a, offer, NOW));
    }
    world.follow_account(&a, &maria, NOW).unwrap();
    subscribe(&mut world, &b, &maria, 0, 3, true);
    world
        .add_list_items(&maria, &[(list.clone(), b.clone())], NOW)
        .unwrap();
    assert!(can_see(&world, &a, &follow_only, NOW));
    assert!(!can_see(&world, &b, &follow_only, NOW));
    assert!(can_see(&world, &b, &subscribers, NOW));
    assert!(!can_see(&world, &a, &subscribers, NOW));
    assert!(can_see(&world, &b, &listed, NOW));
    assert!(
        !can_see(&world, &a, &follow_and_sub, NOW),
        "every bit must hold"
    );
    subscribe(&mut world, &a, &maria, 0, 4, false);
    assert!(can_see(&world, &a, &follow_and_sub, NOW));
    assert!(!can_see(&world, &a, &window, NOW));
    assert!(can_see(&world, &a, &window, NOW + 1_500));
    assert!(!can_see(&world, &a, &window, NOW + 2_000));

    // A purchase unlocks a PPV offer; a bundle purchase unlocks its offers too.
    let media = world.create_media(&maria, "video/mp4", NOW);
    let ppv = world.create_offer(&maria, &media, 3000, NOW).unwrap();
    assert!(!can_see(&world, &a, &ppv, NOW));
    assert_eq!(world.offer_for_order(&ppv).unwrap().price_mills, 3000);
    world
        .purchase_media(
            Purchase {
                buyer_id: a.clone(),
                account_media_id: Some(ppv.clone()),
                ..Purchase::default()
            },
            NOW,
        )
        .unwrap();
    assert!(can_see(&world, &a, &ppv, NOW));
    let rendered = world.render_offer(&a, world.offer(&ppv).unwrap(), NOW);
    assert_eq!(rendered["purchased"], true);
    let inner = world.create_offer(&maria, &media, 0, NOW).unwrap();
    let new_bundle = serde_json::from_value(json!({
        "accountMediaIds": [inner], "price": 8000,
        "permissions": { "permissionFlags": [{ "flags": 1, "price": 8000 }] },
    }))
    .unwrap();
    let (bundle, _) = world.create_bundle(&maria, new_bundle, NOW).unwrap();
    let info = world.offer_for_order(&bundle).unwrap();
    assert!(info.is_bundle && info.price_mills == 8000 && info.owner_id == maria);
    let locked = world.render_bundle(&b, world.bundle(&bundle).unwrap(), NOW);
    assert_eq!(locked["access"], false);
    world
        .purchase_media(
            Purchase {
                buyer_id: b.clone(),
                account_media_bundle_id: Some(bundle.clone()),
                ..Purchase::default()
            },
            NOW,
        )
        .unwrap();
    let unlocked = world.render_bundle(&b, world.bundle(&bundle).unwrap(), NOW);
    assert_eq!(unlocked["purchased"], true);
    assert_eq!(unlocked["access"], true);
}

#[test]
fn tip_messages_carry_the_tip_and_only_through_the_tip_path() {
    let mut world = World::default();
    let maria = creator(&mut world, "maria");
    let fan_id = fan(&mut world, "fan");
    let group = world.dm_group(&maria, &fan_id, NOW);
    let id = world
        .send_tip_message(&fan_id, &group, "for you", "123", 5000, NOW)
        .unwrap();
    let message = world.message(&id).unwrap();
    assert_eq!(message.total_tip_amount, 5000);
    assert_eq!(message.attachments[0].content_type, 7);
    let plain = NewMessage::organic(
        &fan_id,
        &group,
        "x",
        vec![super::AttachmentInput {
            content_type: 7,
            content_id: "123".into(),
        }],
    );
    assert!(world.post_message(plain, NOW).is_err());
    assert!(!world.is_partner_blocked(&fan_id, &maria));
}

#[test]
fn a_live_socket_marks_delivery_and_acks_the_sender() {
    let mut world = World::default();
    let maria = creator(&mut world, "maria");
    let fan_id = fan(&mut world, "fan");
    let group = world.dm_group(&maria, &fan_id, NOW);
    world.socket_opened(&fan_id);
    let id = world
        .send_message(&maria, &group, "are you there?", Vec::new(), NOW + 5)
        .unwrap();
    assert_eq!(
        world.message(&id).unwrap().interactions[0].delivered_at,
        NOW + 5
    );
    let acks: Vec<_> = world
        .events
        .since(&maria, 0)
        .into_iter()
        .filter(|e| e.service_id == 4 && e.kind == 2)
        .collect();
    assert_eq!(acks.len(), 1);
    assert_eq!(acks[0].payload["type"], 1);
    assert_eq!(acks[0].payload["userId"], fan_id.as_str());
    assert_eq!(acks[0].payload["messageIds"], json!([id]));
    // Without a socket nothing is delivered and no ack goes out.
    world.socket_closed(&fan_id, NOW + 6);
    let id = world
        .send_message(&maria, &group, "hello?", Vec::new(), NOW + 7)
        .unwrap();
    assert_eq!(world.message(&id).unwrap().interactions[0].delivered_at, 0);
    assert_eq!(
        world
            .events
            .since(&maria, 0)
            .iter()
            .filter(|e| e.service_id == 4 && e.kind == 2)
            .count(),
        1
    );
}

#[test]
fn fans_cannot_use_creator_only_messaging() {
    let mut world = World::default();
    let maria = creator(&mut world, "maria");
    let fan_id = fan(&mut world, "fan");
    let new: NewGroup =
        serde_json::from_value(json!({ "users": [], "type": 3, "groupFlags": 2 })).unwrap();
    assert_eq!(
        world.create_group(&fan_id, new, NOW),
        Err(crate::world::Rejection::Forbidden)
    );
    let group = broadcast_group(&mut world, &maria, 2, "");
    let new = serde_json::from_value(json!({ "groupId": group, "content": "x" })).unwrap();
    assert!(world.create_broadcast(&fan_id, new, NOW).is_err());
    let new =
        serde_json::from_value(json!({ "triggerType": 1, "messageTemplate": { "content": "x" } }))
            .unwrap();
    assert_eq!(
        world.create_automation(&fan_id, new, NOW),
        Err(crate::world::Rejection::Forbidden)
    );
    // DM members: the creator gets 65535, the fan 0.
    let dm = world.dm_group(&fan_id, &maria, NOW);
    let rendered = world.render_group(&fan_id, world.group(&dm).unwrap());
    assert_eq!(rendered["users"][0]["permissionFlags"], 0);
    assert_eq!(rendered["users"][1]["permissionFlags"], 65535);
}
