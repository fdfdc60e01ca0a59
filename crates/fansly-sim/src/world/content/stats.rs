//! Profile and media view statistics (route-map §4.3 ViewEvent, `/it/amoie/stats`): raw view
//! events recorded through the control API, aggregated into buckets of `period` ms counted
//! from `afterDate`. Buckets without any view are left out.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use serde_json::{Value, json};

use crate::json::opt_string;
use crate::world::{Rejection, World};

/// Media surfaces are below this; profile surfaces (10000/10001, 44000…) at or above it.
const PROFILE_SURFACES: i64 = 10_000;
/// Surface 0: the For You feed.
const SURFACE_FYP: i64 = 0;
/// How many rows the top lists keep.
const TOP: usize = 10;

/// `POST /_sim/views` body: one view.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewView {
    #[serde(deserialize_with = "opt_string")]
    pub account_id: Option<String>,
    /// Unix ms; absent = now.
    #[serde(default)]
    pub at: Option<i64>,
    #[serde(default)]
    pub surface: i64,
    #[serde(default, deserialize_with = "opt_string")]
    pub media_offer_id: Option<String>,
    #[serde(default)]
    pub tag_ids: Vec<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub viewer_id: Option<String>,
    #[serde(default)]
    pub interaction_time: i64,
    #[serde(default)]
    pub video_view: bool,
    #[serde(default)]
    pub percent_watched: i64,
}

#[derive(Clone, Debug)]
pub(crate) struct ViewEvent {
    pub account_id: String,
    pub at: i64,
    pub surface: i64,
    pub media_offer_id: Option<String>,
    pub tag_ids: Vec<String>,
    pub viewer_id: Option<String>,
    pub interaction_time: i64,
    pub video_view: bool,
    pub percent_watched: i64,
}

#[derive(Default)]
struct Agg {
    views: i64,
    interaction: i64,
    viewers: HashSet<String>,
    video_views: i64,
    percent: i64,
}

impl Agg {
    fn add(&mut self, e: &ViewEvent) {
        self.views += 1;
        self.interaction += e.interaction_time;
        if let Some(v) = &e.viewer_id {
            self.viewers.insert(v.clone());
        }
        if e.video_view {
            self.video_views += 1;
            self.percent += e.percent_watched;
        }
    }
}

/// Rows of `stats[]` per surface type.
fn buckets<'a>(events: impl Iterator<Item = &'a ViewEvent>, after: i64, period: i64) -> Vec<Value> {
    let mut by: BTreeMap<i64, BTreeMap<i64, Agg>> = BTreeMap::new();
    for e in events {
        let ts = after + (e.at - after) / period * period;
        by.entry(ts)
            .or_default()
            .entry(e.surface)
            .or_default()
            .add(e);
    }
    by.into_iter()
        .map(|(ts, types)| {
            let stats: Vec<Value> = types
                .into_iter()
                .map(|(t, a)| {
                    json!({
                        "type": t,
                        "views": a.views,
                        "interactionTime": a.interaction,
                        "uniqueViewers": a.viewers.len(),
                        "videoViews": a.video_views,
                        "totalVideoPercentWatched": a.percent,
                    })
                })
                .collect();
            json!({ "timestamp": ts, "stats": stats })
        })
        .collect()
}

fn top_offers<'a>(events: impl Iterator<Item = &'a ViewEvent>) -> Vec<Value> {
    let mut by: HashMap<String, (Agg, Vec<String>)> = HashMap::new();
    for e in events {
        if let Some(id) = &e.media_offer_id {
            let entry = by.entry(id.clone()).or_default();
            entry.0.add(e);
            for t in &e.tag_ids {
                if !entry.1.contains(t) {
                    entry.1.push(t.clone());
                }
            }
        }
    }
    let mut rows: Vec<(String, Agg, Vec<String>)> =
        by.into_iter().map(|(k, (a, t))| (k, a, t)).collect();
    rows.sort_by(|a, b| b.1.views.cmp(&a.1.views).then_with(|| a.0.cmp(&b.0)));
    rows.into_iter()
        .take(TOP)
        .map(|(id, a, tags)| {
            json!({
                "mediaOfferId": id,
                "views": a.views,
                "uniqueViewers": a.viewers.len(),
                "interactionTime": a.interaction,
                "tagIds": tags,
            })
        })
        .collect()
}

impl World {
    /// Records a view event (control API).
    pub(crate) fn record_view(&mut self, view: NewView, now: i64) -> Result<(), Rejection> {
        let account_id = view
            .account_id
            .ok_or_else(|| Rejection::BadRequest("accountId: required".into()))?;
        if self.account(&account_id).is_none() {
            return Err(Rejection::NotFound("account not found"));
        }
        self.content.views.push(ViewEvent {
            account_id,
            at: view.at.unwrap_or(now),
            surface: view.surface,
            media_offer_id: view.media_offer_id,
            tag_ids: view.tag_ids,
            viewer_id: view.viewer_id,
            interaction_time: view.interaction_time.max(0),
            video_view: view.video_view,
            percent_watched: view.percent_watched.clamp(0, 100),
        });
        Ok(())
    }

    /// `GET /it/amoie/stats`: the creator's views in `after ≤ at < before`.
    pub(crate) fn profile_stats(
        &self,
        creator: &str,
        after: i64,
        before: i64,
        period: i64,
        now: i64,
    ) -> Value {
        let before = if before <= 0 { now } else { before };
        let period = period.max(1);
        let in_window: Vec<&ViewEvent> = self
            .content
            .views
            .iter()
            .filter(|e| e.account_id == creator && e.at >= after && e.at < before)
            .collect();
        let media = || {
            in_window
                .iter()
                .copied()
                .filter(|e| e.surface < PROFILE_SURFACES)
        };
        let fyp = || media().filter(|e| e.surface == SURFACE_FYP);
        let mut tag_views: HashMap<&str, i64> = HashMap::new();
        for e in fyp() {
            for t in &e.tag_ids {
                *tag_views.entry(t).or_default() += 1;
            }
        }
        let mut top_tags: Vec<(&str, i64)> = tag_views.into_iter().collect();
        top_tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        top_tags.truncate(TOP);
        let offer_ids: Vec<String> = media().filter_map(|e| e.media_offer_id.clone()).collect();
        let locations: Vec<Value> = offer_ids
            .iter()
            .collect::<HashSet<_>>()
            .into_iter()
            .filter(|id| self.offer(id).is_some())
            .map(|id| json!({ "mediaOfferId": id, "accountMediaId": id }))
            .collect();
        let tag_json: Vec<Value> = top_tags
            .iter()
            .map(|(id, _)| {
                let name = self.content.tags.get(*id).map(|t| t.name.clone());
                json!({ "id": id, "name": name })
            })
            .collect();
        json!({
            "dataset": {
                "datapoints": buckets(media(), after, period),
                "profileDatapoints": buckets(
                    in_window.iter().copied().filter(|e| e.surface >= PROFILE_SURFACES),
                    after,
                    period,
                ),
                "topMediaOffers": top_offers(media()),
                "topFypMediaOffers": top_offers(fyp()),
                "topFypTags": top_tags.iter().map(|(t, v)| json!({ "tagId": t, "views": v })).collect::<Vec<_>>(),
            },
            "aggregationData": {
                "accountMedia": self.render_offers(creator, offer_ids.iter().map(String::as_str), now),
                "accountMediaBundles": [],
                "tags": tag_json,
                "creatorMediaOfferLocations": locations,
            },
        })
    }
}
