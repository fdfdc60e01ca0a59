//! Account search and FYP discovery by tag (route-map §4.1 `GET /account/search`,
//! `GET /contentdiscovery/media/suggestionsnew`, §4.3 Tag).

use serde_json::{Value, json};

use crate::world::World;
use crate::world::messaging::id_num;

/// A discovery tag.
#[derive(Clone, Debug)]
pub(crate) struct Tag {
    pub id: String,
    pub name: String,
}

/// The tag id a stored offer tag stands for (an id string, a number or `{id}`).
fn tag_id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("id").and_then(tag_id),
        _ => None,
    }
}

impl World {
    /// Creates a tag (or returns the one with that name, case-insensitive).
    pub(crate) fn create_tag(&mut self, name: &str, now: i64) -> String {
        if let Some(t) = self
            .content
            .tags
            .values()
            .find(|t| t.name.eq_ignore_ascii_case(name))
        {
            return t.id.clone();
        }
        let id = self.next_id(now);
        self.content.tags.insert(
            id.clone(),
            Tag {
                id: id.clone(),
                name: name.to_owned(),
            },
        );
        id
    }

    fn tags_json<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<Value> {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(*id))
            .filter_map(|id| self.content.tags.get(id))
            .map(|t| json!({ "id": t.id, "name": t.name }))
            .collect()
    }

    /// `GET /account/search?query&limit&offset`: accounts whose username or display name
    /// contains `query` (case-insensitive); exact username matches first, then by username.
    pub(crate) fn search_accounts(&self, query: &str, limit: usize, offset: usize) -> Vec<String> {
        let q = query.to_lowercase();
        let mut hits: Vec<(bool, String, String)> = self
            .accounts
            .values()
            .filter(|a| {
                a.username.to_lowercase().contains(&q) || a.display_name.to_lowercase().contains(&q)
            })
            .map(|a| {
                (
                    a.username.to_lowercase() != q,
                    a.username.to_lowercase(),
                    a.id.clone(),
                )
            })
            .collect();
        hits.sort();
        hits.into_iter()
            .skip(offset)
            .take(limit)
            .map(|(_, _, id)| id)
            .collect()
    }

    /// `GET /contentdiscovery/media/suggestionsnew`: the free (public) live offers carrying
    /// one of `tag_ids`, newest first, offset paging.
    pub(crate) fn discover_by_tags(
        &self,
        viewer: &str,
        tag_ids: &[String],
        limit: usize,
        offset: usize,
        now: i64,
    ) -> Value {
        let mut offers: Vec<_> = self
            .messaging
            .media
            .offers
            .values()
            .filter(|o| o.deleted_at.is_none() && o.permissions.is_empty())
            .filter(|o| {
                o.tags
                    .iter()
                    .filter_map(tag_id)
                    .any(|t| tag_ids.contains(&t))
            })
            .collect();
        offers.sort_by_key(|o| std::cmp::Reverse(id_num(&o.id)));
        let page: Vec<_> = offers.into_iter().skip(offset).take(limit).collect();
        let suggestions: Vec<Value> = page
            .iter()
            .map(|o| {
                json!({
                    "id": o.id,
                    "accountMediaId": o.id,
                    "accountId": o.account_id,
                    "tagIds": o.tags.iter().filter_map(tag_id).collect::<Vec<_>>(),
                    "createdAt": o.created_at,
                })
            })
            .collect();
        let tag_list: Vec<String> = page
            .iter()
            .flat_map(|o| o.tags.iter().filter_map(tag_id))
            .collect();
        let mut account_ids: Vec<&str> = Vec::new();
        for o in &page {
            if !account_ids.contains(&o.account_id.as_str()) {
                account_ids.push(&o.account_id);
            }
        }
        json!({
            "mediaOfferSuggestions": suggestions,
            "aggregationData": {
                "accountMedia": self.render_offers(viewer, page.iter().map(|o| o.id.as_str()), now),
                "accounts": account_ids.iter().filter_map(|id| self.account_json_for(id, Some(viewer), crate::world::profile::Times::Millis, now)).collect::<Vec<_>>(),
                "tags": self.tags_json(tag_list.iter().map(String::as_str)),
            },
        })
    }

    /// Adds a tag to an offer (seeding and tests).
    pub(crate) fn tag_offer(&mut self, offer_id: &str, tag: &str) -> bool {
        match self.messaging.media.offers.get_mut(offer_id) {
            Some(o) => {
                o.tags.push(json!({ "id": tag }));
                true
            }
            None => false,
        }
    }
}
