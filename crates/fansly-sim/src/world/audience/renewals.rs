//! The subscription clock (route-map §4.7): at `endsAt` a subscription renews (autoRenew 1
//! and the fan's main wallet holds the renew price; no card top-up), lapses to status 4
//! for the grace period (autoRenew 1 without funds, or a ⚙ forced failure) and then
//! expires (status 5), or expires at once (autoRenew 0). Each step emits its events.

use super::subscriptions::{GRACE_MS, Subscription};
use super::{DAY_MS, DriverError, NOTIFY_EXPIRED, NOTIFY_SUBSCRIBED};
use crate::world::World;
use crate::world::messaging::AutomationTrigger;
use crate::world::money::TxKind;

impl World {
    /// ⚙ fail-renewal: the subscription's next renewal fails whatever the balance.
    pub(crate) fn fail_next_renewal(&mut self, id: &str) -> Result<Subscription, DriverError> {
        let subs = &mut self.audience.subscriptions;
        let i = *subs
            .index
            .get(id)
            .ok_or_else(|| DriverError::NotFound(format!("unknown subscription {id}")))?;
        let sub = &mut subs.rows[i];
        if sub.status != 3 {
            return Err(DriverError::Invalid(format!(
                "subscription {id} is not active (status {})",
                sub.status
            )));
        }
        sub.fail_next_renewal = true;
        Ok(sub.clone())
    }

    /// §4.7: renewals, lapses and expiries due at `now`, oldest subscription first.
    pub(crate) fn tick_subscriptions(&mut self, now: i64) {
        let due: Vec<usize> = self
            .audience
            .subscriptions
            .rows
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                (s.status == 3 && s.ends_at <= now) || (s.status == 4 && s.grace_ends_at <= now)
            })
            .map(|(i, _)| i)
            .collect();
        for i in due {
            self.advance_subscription(i, now);
        }
    }

    fn advance_subscription(&mut self, i: usize, now: i64) {
        loop {
            let sub = &self.audience.subscriptions.rows[i];
            match sub.status {
                3 if sub.ends_at <= now => {
                    if sub.auto_renew == 0 {
                        self.expire_subscription(i, now);
                        return;
                    }
                    let funded = self.main_balance(&sub.subscriber_id) >= sub.renew_price;
                    if funded && !sub.fail_next_renewal {
                        self.renew_subscription(i, now);
                    } else {
                        self.change_status(i, 4, now);
                    }
                }
                4 if sub.grace_ends_at <= now => {
                    self.expire_subscription(i, now);
                    return;
                }
                _ => return,
            }
        }
    }

    fn renew_subscription(&mut self, i: usize, now: i64) {
        let history_id = self.next_id(now);
        let sub = &mut self.audience.subscriptions.rows[i];
        sub.ends_at += i64::from(sub.billing_cycle) * DAY_MS;
        sub.renew_date = sub.ends_at;
        sub.history_id = history_id;
        sub.price = sub.renew_price;
        sub.duration = sub.billing_cycle;
        sub.version += 1;
        sub.updated_at = now;
        sub.renewals += 1;
        let sub = sub.clone();
        let (fan, creator) = (sub.subscriber_id.as_str(), sub.account_id.as_str());
        self.emit(&[fan, creator], (15, 5, "subscription"), &sub.json(), now);
        let debit = self.debit_fan(fan, sub.price, &sub.id, creator, now);
        self.emit_transaction(&debit, now);
        let credit =
            self.credit_creator(creator, TxKind::Subscription, sub.price, &sub.id, fan, now);
        self.emit_transaction(&credit, now);
        self.record_notification(creator, NOTIFY_SUBSCRIBED, &sub.id, None, now);
        // The streak counts paid periods: the first renewal makes it 2.
        let streak = sub.renewals + 1;
        self.fire_automation(
            creator,
            fan,
            AutomationTrigger::SubscriberRenew { streak },
            now,
        );
    }

    fn expire_subscription(&mut self, i: usize, now: i64) {
        let sub = self.change_status(i, 5, now);
        self.bump_subscriber_count(&sub.account_id, -1);
        self.record_notification(&sub.account_id, NOTIFY_EXPIRED, &sub.id, None, now);
    }

    /// Sets the status (+1 version), emits (15,5) → both; a lapse starts the grace period.
    fn change_status(&mut self, i: usize, status: u8, now: i64) -> Subscription {
        let sub = &mut self.audience.subscriptions.rows[i];
        sub.status = status;
        sub.version += 1;
        sub.updated_at = now;
        if status == 4 {
            sub.grace_ends_at = sub.ends_at + GRACE_MS;
            sub.fail_next_renewal = false;
        }
        let sub = sub.clone();
        let recipients = [sub.subscriber_id.as_str(), sub.account_id.as_str()];
        self.emit(&recipients, (15, 5, "subscription"), &sub.json(), now);
        sub
    }
}
