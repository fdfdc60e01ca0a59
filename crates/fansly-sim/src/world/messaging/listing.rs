//! The chat list (`GET /messaging/groups`): one derived MessagingRow per DM group of the
//! viewer (route-map §4.3), filtered, sorted and paged.

use serde_json::{Value, json};

use super::{GROUP_DM, id_num};
use crate::world::World;

/// Row flag while the chat has unread messages; also the "unread only" filter bit.
const FLAG_UNREAD: i64 = 32;
/// Filter bits: the partner follows the viewer / holds a subscription in status 3 or 4.
const FILTER_FOLLOWERS: i64 = 2;
const FILTER_SUBSCRIBERS: i64 = 4;

/// Query of `GET /messaging/groups`.
#[derive(Clone, Debug, Default)]
pub(crate) struct GroupQuery {
    /// 1 newest last message first, 2 oldest first, 3 unread first then newest.
    pub sort_order: i64,
    pub flags: i64,
    pub subscription_tier_id: Option<String>,
    pub search: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// One page of rows and what its aggregation needs.
#[derive(Clone, Debug)]
pub(crate) struct GroupPage {
    pub rows: Vec<Value>,
    pub partner_ids: Vec<String>,
    pub groups: Vec<Value>,
    pub total: usize,
}

struct Row {
    value: Value,
    partner: String,
    group_id: String,
    sort_key: u64,
    unread: bool,
}

impl World {
    pub(crate) fn messaging_groups(&self, viewer: &str, query: &GroupQuery) -> GroupPage {
        let search = query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase);
        let tier = query
            .subscription_tier_id
            .as_deref()
            .filter(|t| !t.is_empty() && *t != "0");
        let mut rows: Vec<Row> = self
            .messaging
            .groups
            .values()
            .filter(|g| g.kind == GROUP_DM)
            .filter(|g| g.member(viewer).is_some_and(|m| !m.settings.hidden))
            .filter_map(|g| {
                let partner = g.partner_of(viewer)?.to_owned();
                let account = self.account(&partner);
                let (unread, last_unread) = self.unread_in_group(viewer, &g.id);
                let subscription = self
                    .subscription_of(&partner, viewer)
                    .filter(|s| s.has_access());
                if query.flags & FLAG_UNREAD != 0 && unread == 0 {
                    return None;
                }
                if query.flags & FILTER_FOLLOWERS != 0 && !self.follows(&partner, viewer) {
                    return None;
                }
                if query.flags & FILTER_SUBSCRIBERS != 0 && subscription.is_none() {
                    return None;
                }
                if let Some(tier) = tier
                    && subscription.as_ref().is_none_or(|s| s.tier_id != tier)
                {
                    return None;
                }
                if let Some(search) = &search {
                    let hit = account.is_some_and(|a| {
                        a.username.to_lowercase().contains(search)
                            || a.display_name.to_lowercase().contains(search)
                    });
                    if !hit {
                        return None;
                    }
                }
                let flags = if unread > 0 { FLAG_UNREAD } else { 0 };
                let value = json!({
                    "account_id": viewer,
                    "groupId": g.id,
                    "partnerAccountId": partner,
                    "partnerUsername": account.map(|a| a.username.as_str()),
                    "flags": flags,
                    "unreadCount": unread,
                    "subscriptionTierId": subscription.map(|s| s.tier_id),
                    "lastMessageId": g.last_message_id,
                    "lastUnreadMessageId": last_unread,
                });
                Some(Row {
                    value,
                    partner,
                    group_id: g.id.clone(),
                    sort_key: id_num(g.last_message_id.as_deref().unwrap_or(&g.id)),
                    unread: unread > 0,
                })
            })
            .collect();
        match query.sort_order {
            2 => rows.sort_by_key(|r| r.sort_key),
            3 => rows.sort_by_key(|r| (!r.unread, std::cmp::Reverse(r.sort_key))),
            _ => rows.sort_by_key(|r| std::cmp::Reverse(r.sort_key)),
        }
        let total = rows.len();
        let page: Vec<Row> = rows
            .into_iter()
            .skip(query.offset)
            .take(query.limit)
            .collect();
        let groups = page
            .iter()
            .filter_map(|r| self.group(&r.group_id))
            .map(|g| self.render_group(viewer, g))
            .collect();
        GroupPage {
            partner_ids: page.iter().map(|r| r.partner.clone()).collect(),
            rows: page.into_iter().map(|r| r.value).collect(),
            groups,
            total,
        }
    }
}
