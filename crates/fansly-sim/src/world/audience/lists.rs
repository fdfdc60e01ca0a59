//! Lists and list items (route-map §1.13, §4.3): `GET /lists/account`,
//! `GET /lists/itemsnew`, `POST /lists`, `/lists/items/add`, `/lists/items/remove`,
//! `/lists/commands`. An item of type 1 is an account and its `id` is that account's id;
//! `sortId` is minted at insert, and items page by `after=<sortId>` in insert order.

use std::collections::HashMap;

use serde::Serialize;

use crate::world::{Rejection, World};

/// At most this many items per `/lists/items/add` call.
pub(crate) const MAX_ITEMS_PER_ADD: usize = 25;

/// One list (`type` 0 = a custom list).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct List {
    pub id: String,
    pub account_id: String,
    pub pos: u32,
    #[serde(rename = "type")]
    pub kind: u32,
    pub label: String,
    pub item_count: usize,
    pub created_at: i64,
}

/// One member of a list.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListItem {
    /// The member account's id.
    pub id: String,
    pub sort_id: String,
    pub list_id: String,
    /// 1 = account.
    #[serde(rename = "type")]
    pub kind: u32,
    pub metadata: String,
    pub created_at: i64,
}

/// Every list and its items (in `sortId` order).
#[derive(Debug, Default)]
pub(crate) struct Lists {
    lists: Vec<List>,
    items: HashMap<String, Vec<ListItem>>,
}

impl Lists {
    /// True when `account` is in the list.
    pub(crate) fn contains(&self, list_id: &str, account: &str) -> bool {
        self.items
            .get(list_id)
            .is_some_and(|items| items.iter().any(|i| i.id == account))
    }

    /// The members of a list, in insert order.
    pub(crate) fn members(&self, list_id: &str) -> Vec<String> {
        self.items
            .get(list_id)
            .map(|items| items.iter().map(|i| i.id.clone()).collect())
            .unwrap_or_default()
    }

    fn owned(&self, owner: &str, list_id: &str) -> Result<usize, Rejection> {
        self.lists
            .iter()
            .position(|l| l.id == list_id && l.account_id == owner)
            .ok_or(Rejection::NotFound("list not found"))
    }
}

impl World {
    /// `POST /lists {label}`: a new custom list at the next `pos`.
    pub(crate) fn create_list(
        &mut self,
        owner: &str,
        label: &str,
        now: i64,
    ) -> Result<List, Rejection> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 100 {
            return Err(Rejection::BadRequest("label: 1 to 100 characters".into()));
        }
        let pos = self
            .audience
            .lists
            .lists
            .iter()
            .filter(|l| l.account_id == owner)
            .count();
        let list = List {
            id: self.next_id(now),
            account_id: owner.to_owned(),
            pos: u32::try_from(pos).unwrap_or(u32::MAX),
            kind: 0,
            label: label.to_owned(),
            item_count: 0,
            created_at: now,
        };
        self.audience.lists.lists.push(list.clone());
        Ok(list)
    }

    /// The owner's lists by `pos`; with `item`, only those holding that account.
    pub(crate) fn lists_of(&self, owner: &str, item: Option<&str>) -> Vec<List> {
        let lists = &self.audience.lists;
        let mut out: Vec<List> = lists
            .lists
            .iter()
            .filter(|l| l.account_id == owner)
            .filter(|l| item.is_none_or(|a| lists.contains(&l.id, a)))
            .cloned()
            .collect();
        out.sort_by_key(|l| l.pos);
        out
    }

    /// Adds accounts to the owner's lists; members already there stay as they are.
    /// Everything is checked before anything changes. Returns the items, in input order.
    pub(crate) fn add_list_items(
        &mut self,
        owner: &str,
        items: &[(String, String)],
        now: i64,
    ) -> Result<Vec<ListItem>, Rejection> {
        for (list_id, account) in items {
            self.audience.lists.owned(owner, list_id)?;
            if self.account(account).is_none() {
                return Err(Rejection::NotFound("account not found"));
            }
        }
        let mut out = Vec::with_capacity(items.len());
        for (list_id, account) in items {
            if let Some(existing) = self
                .audience
                .lists
                .items
                .get(list_id)
                .and_then(|v| v.iter().find(|i| &i.id == account))
            {
                out.push(existing.clone());
                continue;
            }
            let item = ListItem {
                id: account.clone(),
                sort_id: self.next_id(now),
                list_id: list_id.clone(),
                kind: 1,
                metadata: String::new(),
                created_at: now,
            };
            let lists = &mut self.audience.lists;
            lists
                .items
                .entry(list_id.clone())
                .or_default()
                .push(item.clone());
            if let Ok(i) = lists.owned(owner, list_id) {
                lists.lists[i].item_count += 1;
            }
            out.push(item);
        }
        Ok(out)
    }

    /// Removes accounts from one of the owner's lists; absent members are ignored.
    /// Returns how many were removed.
    pub(crate) fn remove_list_items(
        &mut self,
        owner: &str,
        list_id: &str,
        accounts: &[String],
    ) -> Result<usize, Rejection> {
        let lists = &mut self.audience.lists;
        let i = lists.owned(owner, list_id)?;
        let items = lists.items.entry(list_id.to_owned()).or_default();
        let before = items.len();
        items.retain(|item| !accounts.contains(&item.id));
        let removed = before - items.len();
        lists.lists[i].item_count = items.len();
        Ok(removed)
    }

    /// Items of one of the owner's lists in `sortId` order, after `after` (a sortId).
    pub(crate) fn list_items(
        &self,
        owner: &str,
        list_id: &str,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<ListItem>, Rejection> {
        let lists = &self.audience.lists;
        lists.owned(owner, list_id)?;
        Ok(lists
            .items
            .get(list_id)
            .map(|items| {
                items
                    .iter()
                    .filter(|i| after.is_none_or(|a| i.sort_id.parse::<u64>().unwrap_or(0) > a))
                    .take(limit)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default())
    }
}
