//! Media orders: the ⚙ purchase driver (route-map §4.5). The buyer pays the offer's or
//! bundle's PPV price (after a card top-up when short); the seller gets a 2110 (offer) or
//! 2116 (bundle) credit; a bundle order also covers the bundle's offers (child orders,
//! `type 1`).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{TxKind, WALLET_MAIN};
use crate::json::opt_string;
use crate::world::World;
use crate::world::audience::{
    DriverError, NOTIFY_BUNDLE_PURCHASE, NOTIFY_MEDIA_PURCHASE, required_id,
};

/// `locationType` of a DM group and of a wall.
pub(crate) const LOCATION_DM: u32 = 4001;
pub(crate) const LOCATION_WALL: u32 = 1002;

/// One order, serialized with Fansly's field names.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MediaOrder {
    pub id: String,
    /// The buyer.
    pub account_id: String,
    /// The seller.
    pub correlation_account_id: String,
    pub account_media_id: Option<String>,
    pub account_media_bundle_id: Option<String>,
    /// 1 = a child of a bundle, 2 = a bundle or a single offer.
    #[serde(rename = "type")]
    pub kind: u8,
    /// Mills.
    pub price: i64,
    pub created_at: i64,
    pub location_type: u32,
    pub location_id: Option<String>,
    /// The message (or post) the offer was bought from.
    pub correlation_id: Option<String>,
}

/// Input of the ⚙ purchase driver (`POST /_sim/purchase`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Purchase {
    #[serde(deserialize_with = "required_id")]
    pub buyer_id: String,
    #[serde(default, deserialize_with = "opt_string")]
    pub account_media_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub account_media_bundle_id: Option<String>,
    /// The DM message carrying the offer, when bought from a chat.
    #[serde(default, deserialize_with = "opt_string")]
    pub message_id: Option<String>,
}

impl World {
    /// ⚙ purchase: the order, the ledger rows and their events (buyer: order, wallet,
    /// debit; seller: order, credit, wallet, notification 2007 / 2008).
    pub(crate) fn purchase_media(
        &mut self,
        p: Purchase,
        now: i64,
    ) -> Result<MediaOrder, DriverError> {
        let id = match (&p.account_media_id, &p.account_media_bundle_id) {
            (Some(id), None) | (None, Some(id)) => id.clone(),
            _ => {
                return Err(DriverError::Invalid(
                    "accountMediaId: give exactly one of accountMediaId and accountMediaBundleId"
                        .into(),
                ));
            }
        };
        let buyer = p.buyer_id.as_str();
        if self.account(buyer).is_none() {
            return Err(DriverError::NotFound(format!(
                "buyerId: unknown account {buyer}"
            )));
        }
        let offer = self
            .offer_for_order(&id)
            .ok_or_else(|| DriverError::NotFound(format!("accountMediaId: unknown offer {id}")))?;
        if offer.owner_id == buyer {
            return Err(DriverError::Invalid(
                "buyerId: the owner cannot buy its own media".into(),
            ));
        }
        if offer.price_mills <= 0 {
            return Err(DriverError::Invalid(format!(
                "accountMediaId: {id} is not for sale"
            )));
        }
        if self.money.has_purchased(buyer, &id) {
            return Err(DriverError::Conflict(format!(
                "{buyer} already bought {id}"
            )));
        }
        let (location_type, location_id, correlation_id) = match &p.message_id {
            Some(message_id) => {
                let message = self.message(message_id).ok_or_else(|| {
                    DriverError::NotFound(format!("messageId: unknown message {message_id}"))
                })?;
                (
                    LOCATION_DM,
                    Some(message.group_id.clone()),
                    Some(message_id.clone()),
                )
            }
            None => (LOCATION_WALL, None, None),
        };
        let seller = offer.owner_id.clone();
        let order_id = self.next_id(now);
        let kind = if offer.is_bundle {
            TxKind::Bundle
        } else {
            TxKind::Media
        };
        let (top_up, debit, credit) =
            self.pay_creator(buyer, &seller, kind, offer.price_mills, &order_id, now);
        let order = MediaOrder {
            id: order_id.clone(),
            account_id: buyer.to_owned(),
            correlation_account_id: seller.clone(),
            account_media_id: (!offer.is_bundle).then(|| id.clone()),
            account_media_bundle_id: offer.is_bundle.then(|| id.clone()),
            kind: 2,
            price: offer.price_mills,
            created_at: now,
            location_type,
            location_id,
            correlation_id,
        };
        self.store_order(order.clone());
        let mut children = Vec::new();
        if offer.is_bundle {
            let items = self
                .bundle(&id)
                .map(|b| b.account_media_ids.clone())
                .unwrap_or_default();
            for child in items {
                let child_order = MediaOrder {
                    id: self.next_id(now),
                    account_media_id: Some(child),
                    account_media_bundle_id: Some(id.clone()),
                    kind: 1,
                    price: 0,
                    ..order.clone()
                };
                self.store_order(child_order.clone());
                children.push(child_order);
            }
        }

        if let Some(top_up) = top_up {
            self.emit_top_up(&top_up, now);
        }
        let notification = if offer.is_bundle {
            NOTIFY_BUNDLE_PURCHASE
        } else {
            NOTIFY_MEDIA_PURCHASE
        };
        // The bundle's own order (type 2, `accountMediaId` = the bundle id) and a single
        // offer's order look alike: the bundle is told apart only by the lookup.
        let payload = order_event(&order, &id);
        let child_payloads: Vec<Value> = children
            .iter()
            .map(|c| order_event(c, c.account_media_id.as_deref().unwrap_or_default()))
            .collect();
        let emit_orders = |world: &mut Self, to: &str| {
            world.emit(&[to], (2, 7, "order"), &payload, now);
            if offer.is_bundle {
                for child in &child_payloads {
                    world.emit(&[to], (2, 7, "order"), child, now);
                }
                world.emit(&[to], (2, 8, "order"), &payload, now);
            }
        };
        emit_orders(self, buyer);
        self.emit_wallet(buyer, WALLET_MAIN, now);
        let debit_json = serde_json::to_value(&debit).unwrap_or(Value::Null);
        self.emit(&[buyer], (6, 3, "transaction"), &debit_json, now);
        emit_orders(self, &seller);
        self.emit_transaction(&credit, now);
        let group = order.location_id.clone();
        self.record_notification(&seller, notification, &order.id, group.as_deref(), now);
        Ok(order)
    }

    fn store_order(&mut self, order: MediaOrder) {
        // A single offer or a bundle child is bought by offer id; a bundle by its id.
        let bought = order
            .account_media_id
            .as_ref()
            .or(order.account_media_bundle_id.as_ref());
        if let Some(bought) = bought.cloned() {
            self.money
                .purchased
                .insert((order.account_id.clone(), bought));
        }
        self.money.orders.push(order);
    }
}

/// The `order` payload of a (2,7)/(2,8) event (fansly-native §6.6): `accountMediaId` is the
/// bought offer, or the bundle for a bundle's own order.
fn order_event(order: &MediaOrder, bought: &str) -> Value {
    json!({
        "orderId": order.id,
        "accountMediaId": bought,
        "accountMediaBundleId": order.account_media_bundle_id,
        "correlationAccountId": order.correlation_account_id,
        "accountId": order.account_id,
        "type": order.kind,
    })
}
