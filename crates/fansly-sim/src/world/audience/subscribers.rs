//! The creator's `/subscribers` read (route-map §4.4): filtered by status list, tier and
//! subscriber name prefix, newest first, offset paging, with the overall stats.

use super::Subscription;
use crate::world::World;

/// The filters of `GET /subscribers`.
#[derive(Clone, Debug, Default)]
pub(crate) struct SubscriberQuery {
    /// Empty = 3,4 (the native default).
    pub statuses: Vec<u32>,
    /// Empty = every tier.
    pub tier_ids: Vec<String>,
    /// Case-insensitive prefix of the subscriber's username or display name.
    pub search: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// `{totalActive (3 or 4), totalExpired (5), total}` over all of the creator's rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct SubscriberStats {
    pub total_active: usize,
    pub total_expired: usize,
    pub total: usize,
}

impl World {
    /// One page of the creator's subscriptions and the overall stats.
    pub(crate) fn subscribers_page(
        &self,
        creator: &str,
        query: &SubscriberQuery,
    ) -> (Vec<&Subscription>, SubscriberStats) {
        let subs = &self.audience.subscriptions;
        let mut stats = SubscriberStats::default();
        for sub in subs.of_creator(creator) {
            match sub.status {
                3 | 4 => stats.total_active += 1,
                5 => stats.total_expired += 1,
                _ => {}
            }
        }
        stats.total = stats.total_active + stats.total_expired;
        let statuses: &[u32] = if query.statuses.is_empty() {
            &[3, 4]
        } else {
            &query.statuses
        };
        let search = query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase);
        let page = subs
            .of_creator(creator)
            .filter(|s| statuses.contains(&u32::from(s.status)))
            .filter(|s| query.tier_ids.is_empty() || query.tier_ids.contains(&s.tier_id))
            .filter(|s| {
                search.as_deref().is_none_or(|prefix| {
                    self.account(&s.subscriber_id).is_some_and(|a| {
                        a.username.to_lowercase().starts_with(prefix)
                            || a.display_name.to_lowercase().starts_with(prefix)
                    })
                })
            })
            .skip(query.offset)
            .take(query.limit)
            .collect();
        (page, stats)
    }

    /// The fan's own subscriptions (`GET /subscriptions`), newest first, with their stats.
    pub(crate) fn subscriptions_of_fan(&self, fan: &str) -> (Vec<&Subscription>, SubscriberStats) {
        let mut rows: Vec<&Subscription> = self
            .audience
            .subscriptions
            .rows
            .iter()
            .filter(|s| s.subscriber_id == fan)
            .collect();
        rows.reverse();
        let mut stats = SubscriberStats::default();
        for sub in &rows {
            match sub.status {
                3 | 4 => stats.total_active += 1,
                5 => stats.total_expired += 1,
                _ => {}
            }
        }
        stats.total = stats.total_active + stats.total_expired;
        (rows, stats)
    }
}
