//! Tracking links (route-map §4.3 TrackingLink / TrackingEvent): three built-ins per creator
//! (`type 1`, `internalId` 1 For You, 2 Suggestions, 3 Search) plus custom links; counters
//! derived from the events; `/trackinglinks/stats` buckets them per UTC day.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::json::opt_string;
use crate::world::{Rejection, World};

/// Stats bucket width (one UTC day).
pub(crate) const STATS_BUCKET_MS: i64 = 86_400_000;
/// Net share of tracking-link revenue (20 % platform fee, as on the ledger).
const NET_BASIS_POINTS: i64 = 8000;

#[derive(Clone, Debug)]
pub(crate) struct TrackingLink {
    pub id: String,
    pub account_id: String,
    pub internal_id: i64,
    /// 1 built-in, 2 custom.
    pub kind: i64,
    pub status: i64,
    pub label: String,
    pub description: String,
    pub created_at: i64,
}

/// What a tracking event counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackingKind {
    Click,
    Claim,
    Follow,
    Subscription,
    Revenue,
}

/// `POST /_sim/tracking-events` body.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTrackingEvent {
    #[serde(default, deserialize_with = "opt_string")]
    pub tracking_link_id: Option<String>,
    pub kind: TrackingKind,
    /// Mills (revenue only).
    #[serde(default)]
    pub amount: i64,
    /// Unix ms; absent = now.
    #[serde(default)]
    pub at: Option<i64>,
}

#[derive(Clone, Debug)]
pub(crate) struct TrackingEvent {
    pub link_id: String,
    pub kind: TrackingKind,
    pub amount: i64,
    pub at: i64,
}

impl World {
    /// The seed invariant: three built-in links.
    pub(super) fn seed_tracking_links(&mut self, creator: &str, now: i64) {
        for (internal_id, label) in [(1, "For You"), (2, "Suggestions"), (3, "Search")] {
            self.add_tracking_link(creator, internal_id, 1, label, now);
        }
    }

    /// Adds a link and returns its id (custom links: `type 2`, `internalId` 100+).
    pub(crate) fn add_tracking_link(
        &mut self,
        creator: &str,
        internal_id: i64,
        kind: i64,
        label: &str,
        now: i64,
    ) -> String {
        let id = self.next_id(now);
        self.content.tracking_links.push(TrackingLink {
            id: id.clone(),
            account_id: creator.to_owned(),
            internal_id,
            kind,
            status: 1,
            label: label.to_owned(),
            description: String::new(),
            created_at: now,
        });
        id
    }

    /// A custom link of `creator`.
    pub(crate) fn create_custom_link(&mut self, creator: &str, label: &str, now: i64) -> String {
        let next = self
            .content
            .tracking_links
            .iter()
            .filter(|l| l.account_id == creator)
            .map(|l| l.internal_id)
            .max()
            .unwrap_or(0)
            .max(99)
            + 1;
        self.add_tracking_link(creator, next, 2, label, now)
    }

    fn link_json(&self, l: &TrackingLink) -> Value {
        let events = self
            .content
            .tracking_events
            .iter()
            .filter(|e| e.link_id == l.id);
        let (mut clicks, mut claims, mut follows, mut subs, mut gross) = (0, 0, 0, 0, 0);
        for e in events {
            match e.kind {
                TrackingKind::Click => clicks += 1,
                TrackingKind::Claim => claims += 1,
                TrackingKind::Follow => follows += 1,
                TrackingKind::Subscription => subs += 1,
                TrackingKind::Revenue => gross += e.amount,
            }
        }
        json!({
            "id": l.id,
            "accountId": l.account_id,
            "internalId": l.internal_id,
            "type": l.kind,
            "status": l.status,
            "label": l.label,
            "description": l.description,
            "metadata": "{}",
            "createdAt": l.created_at,
            "clicks": clicks,
            "claims": claims,
            "follows": follows,
            "subscriptions": subs,
            "totalGross": gross,
            "totalNet": gross * NET_BASIS_POINTS / 10_000,
        })
    }

    /// `GET /trackinglinks`: the creator's links, built-ins first.
    pub(crate) fn tracking_links(&self, owner: &str) -> Vec<Value> {
        self.content
            .tracking_links
            .iter()
            .filter(|l| l.account_id == owner)
            .map(|l| self.link_json(l))
            .collect()
    }

    fn own_link(&self, owner: &str, id: &str) -> Result<usize, Rejection> {
        self.content
            .tracking_links
            .iter()
            .position(|l| l.id == id && l.account_id == owner)
            .ok_or(Rejection::NotFound("tracking link not found"))
    }

    /// `POST /trackinglinks/edit {id, label, description}`; built-ins → 400.
    pub(crate) fn edit_tracking_link(
        &mut self,
        owner: &str,
        id: &str,
        label: Option<String>,
        description: Option<String>,
    ) -> Result<Value, Rejection> {
        let i = self.own_link(owner, id)?;
        let link = &mut self.content.tracking_links[i];
        if link.kind == 1 {
            return Err(Rejection::BadRequest(
                "id: built-in tracking links cannot be edited".into(),
            ));
        }
        if let Some(label) = label {
            link.label = label;
        }
        if let Some(description) = description {
            link.description = description;
        }
        let link = link.clone();
        Ok(self.link_json(&link))
    }

    /// `GET /trackinglinks/stats?trackingLinkId&before&after`: per-day buckets of the
    /// link's events in `after ≤ at < before` (0 = unbounded), oldest first, empty days left
    /// out.
    pub(crate) fn tracking_stats(
        &self,
        owner: &str,
        id: &str,
        after: i64,
        before: i64,
    ) -> Result<Vec<Value>, Rejection> {
        let i = self.own_link(owner, id)?;
        let link_id = &self.content.tracking_links[i].id;
        let mut buckets: std::collections::BTreeMap<i64, [i64; 4]> = Default::default();
        for e in self
            .content
            .tracking_events
            .iter()
            .filter(|e| &e.link_id == link_id)
            .filter(|e| e.at >= after && (before == 0 || e.at < before))
        {
            let b = buckets
                .entry(e.at - e.at.rem_euclid(STATS_BUCKET_MS))
                .or_default();
            match e.kind {
                TrackingKind::Click => b[0] += 1,
                TrackingKind::Claim => b[1] += 1,
                TrackingKind::Follow => b[2] += 1,
                TrackingKind::Subscription => b[3] += 1,
                TrackingKind::Revenue => {}
            }
        }
        Ok(buckets
            .into_iter()
            .map(|(ts, [clicks, claims, follows, subscriptions])| {
                json!({
                    "timestamp": ts,
                    "clicks": clicks,
                    "claims": claims,
                    "follows": follows,
                    "subscriptions": subscriptions,
                })
            })
            .collect())
    }

    /// Records a tracking event (control API).
    pub(crate) fn record_tracking_event(
        &mut self,
        event: NewTrackingEvent,
        now: i64,
    ) -> Result<(), Rejection> {
        let id = event
            .tracking_link_id
            .ok_or_else(|| Rejection::BadRequest("trackingLinkId: required".into()))?;
        if !self.content.tracking_links.iter().any(|l| l.id == id) {
            return Err(Rejection::NotFound("tracking link not found"));
        }
        if event.amount < 0 {
            return Err(Rejection::BadRequest("amount: must not be negative".into()));
        }
        self.content.tracking_events.push(TrackingEvent {
            link_id: id,
            kind: event.kind,
            amount: event.amount,
            at: event.at.unwrap_or(now),
        });
        Ok(())
    }
}
