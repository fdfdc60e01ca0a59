//! Walls, posts, scheduled posts, post likes and pinned posts (route-map §4.3 Content, §4.5
//! post rows, §4.7 scheduled posts).
//!
//! Seed invariant: every creator gets one wall, `pos 0`, named "Posts", and three built-in tracking links
//! ([`World::seed_creator_content`]). Post attachments point at the offers and bundles of
//! [`crate::world::media`]. Every mutation emits its §4.5 events through [`World::emit`];
//! scheduled posts are materialised by [`World::tick_content`].

mod discovery;
mod notifications;
mod post_extras;
mod post_render;
mod post_writes;
mod posts;
mod seed;
mod stats;
#[cfg(test)]
mod tests;
mod tracking;

use std::collections::HashMap;

use serde_json::{Value, json};

use super::World;

pub(crate) use notifications::{NOTIFY_POST_LIKE, NotificationQuery};
pub(crate) use posts::{NewPost, PostEdit, TimelineQuery};
pub use stats::NewView;
pub use tracking::{NewTrackingEvent, TrackingKind};

/// Native `timelinenew` page size (route-map §4.2).
pub(crate) const TIMELINE_PAGE: usize = 15;

/// A creator's wall.
#[derive(Clone, Debug)]
pub(crate) struct Wall {
    pub id: String,
    pub account_id: String,
    pub pos: i64,
    pub name: String,
    pub description: String,
    /// Unix ms.
    pub created_at: i64,
}

impl Wall {
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id,
            "accountId": self.account_id,
            "pos": self.pos,
            "name": self.name,
            "description": self.description,
            "createdAt": self.created_at,
        })
    }
}

/// A pinned post of a creator's profile.
#[derive(Clone, Debug)]
pub(crate) struct Pin {
    pub post_id: String,
    pub pos: i64,
    pub wall_id: Option<String>,
    pub created_at: i64,
}

/// All content state (one field of [`World`]).
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub(crate) walls: HashMap<String, Wall>,
    pub(crate) posts: HashMap<String, posts::Post>,
    pub(crate) scheduled: HashMap<String, posts::ScheduledPost>,
    /// Post id → likes.
    pub(crate) likes: HashMap<String, Vec<posts::PostLike>>,
    /// Creator id → pins.
    pub(crate) pins: HashMap<String, Vec<Pin>>,
    pub(crate) tags: HashMap<String, discovery::Tag>,
    pub(crate) tracking_links: Vec<tracking::TrackingLink>,
    pub(crate) tracking_events: Vec<tracking::TrackingEvent>,
    pub(crate) views: Vec<stats::ViewEvent>,
    /// Account → notification type (0 = every type) → read up to this id.
    pub(crate) acked: HashMap<String, HashMap<i64, u64>>,
}

impl World {
    /// The seed invariant of every creator: one "Posts" wall at `pos 0`.
    pub(crate) fn seed_creator_content(&mut self, creator: &str, now: i64) {
        if self.walls_of(creator).is_empty() {
            self.add_wall(creator, "Posts", "", now);
            self.seed_tracking_links(creator, now);
        }
    }

    /// Adds a wall after the creator's others and returns its id.
    pub(crate) fn add_wall(
        &mut self,
        creator: &str,
        name: &str,
        description: &str,
        now: i64,
    ) -> String {
        let pos = i64::try_from(self.walls_of(creator).len()).unwrap_or(0);
        let id = self.next_id(now);
        self.content.walls.insert(
            id.clone(),
            Wall {
                id: id.clone(),
                account_id: creator.to_owned(),
                pos,
                name: name.to_owned(),
                description: description.to_owned(),
                created_at: now,
            },
        );
        id
    }

    /// The creator's walls, sorted by `pos`.
    pub(crate) fn walls_of(&self, creator: &str) -> Vec<&Wall> {
        let mut walls: Vec<&Wall> = self
            .content
            .walls
            .values()
            .filter(|w| w.account_id == creator)
            .collect();
        walls.sort_by(|a, b| a.pos.cmp(&b.pos).then_with(|| a.id.cmp(&b.id)));
        walls
    }

    /// `account.walls` of `/account/me` (and public account reads).
    pub(crate) fn walls_json(&self, creator: &str) -> Vec<Value> {
        self.walls_of(creator).into_iter().map(Wall::json).collect()
    }

    /// `account.pinnedPosts`, by `pos`.
    pub(crate) fn pinned_json(&self, creator: &str) -> Vec<Value> {
        let mut pins: Vec<&Pin> = self
            .content
            .pins
            .get(creator)
            .map(|p| p.iter().collect())
            .unwrap_or_default();
        pins.sort_by_key(|p| p.pos);
        pins.iter()
            .map(|p| {
                json!({
                    "postId": p.post_id,
                    "accountId": creator,
                    "pos": p.pos,
                    "createdAt": p.created_at,
                    "wallId": p.wall_id,
                })
            })
            .collect()
    }

    /// `timelineStats`, derived from the creator's live posts: images and videos attached
    /// as single offers, bundles, and the images and videos inside those bundles.
    pub(crate) fn timeline_stats(&self, creator: &str) -> Value {
        let (mut images, mut videos, mut bundles, mut b_images, mut b_videos) = (0, 0, 0, 0, 0);
        let kind_of = |offer_id: &str| {
            self.offer(offer_id)
                .and_then(|o| self.media(&o.media_id))
                .map(|m| m.kind)
        };
        for post in self
            .content
            .posts
            .values()
            .filter(|p| p.account_id == creator && p.deleted_at.is_none())
        {
            for a in &post.attachments {
                match a.content_type {
                    crate::world::media::CONTENT_OFFER => match kind_of(&a.content_id) {
                        Some(1) => images += 1,
                        Some(2) => videos += 1,
                        _ => {}
                    },
                    crate::world::media::CONTENT_BUNDLE => {
                        bundles += 1;
                        for id in self
                            .bundle(&a.content_id)
                            .map(|b| b.account_media_ids.clone())
                            .unwrap_or_default()
                        {
                            match kind_of(&id) {
                                Some(1) => b_images += 1,
                                Some(2) => b_videos += 1,
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        json!({
            "accountId": creator,
            "imageCount": images,
            "videoCount": videos,
            "bundleCount": bundles,
            "bundleImageCount": b_images,
            "bundleVideoCount": b_videos,
            "fetchedAt": 0,
        })
    }

    /// Time-driven content transitions (§4.7): scheduled posts due at `now`.
    pub(crate) fn tick_content(&mut self, now: i64) {
        self.publish_due_posts(now);
    }
}
