//! The content part of a generated world (`small` / `large`): extra walls, posts spread over
//! the window (some with free offers), scheduled posts, post likes, tags on offers, a custom
//! tracking link with events, and view events behind the profile stats. Deterministic for a
//! seed (a small LCG, so no generator state is shared with the other parts).

use super::tracking::{NewTrackingEvent, TrackingKind};
use super::{NewPost, NewView};
use crate::world::World;

const DAY: i64 = 86_400_000;

/// A tiny deterministic generator (PCG-style LCG step).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound.max(1)
    }
}

/// Sizes per world.
struct Sizes {
    walls: &'static [&'static str],
    posts: usize,
    scheduled: usize,
    likers: usize,
    views: usize,
    window_days: i64,
}

impl World {
    /// Seeds the content of the generated world `name` for `creator`, ending at `now`.
    pub(crate) fn seed_content(&mut self, name: &str, creator: &str, seed: u64, now: i64) {
        let sizes = if name == "large" {
            Sizes {
                walls: &["Extras", "Behind the scenes", "Archive"],
                posts: 300,
                scheduled: 20,
                likers: 200,
                views: 20_000,
                window_days: 180,
            }
        } else {
            Sizes {
                walls: &["Extras"],
                posts: 30,
                scheduled: 2,
                likers: 12,
                views: 400,
                window_days: 90,
            }
        };
        let mut rng = Lcg(seed ^ 0x00c0_ffee);
        let creator_name = self
            .account(creator)
            .map(|a| a.username.clone())
            .unwrap_or_default();
        self.seed_creator_content(creator, now);
        for wall in sizes.walls {
            self.add_wall(creator, wall, "", now);
        }
        let walls: Vec<String> = self
            .walls_of(creator)
            .iter()
            .map(|w| w.id.clone())
            .collect();
        let tags: Vec<String> = ["cosplay", "fitness", "travel"]
            .iter()
            .map(|t| self.create_tag(t, now))
            .collect();

        let t0 = now - sizes.window_days * DAY;
        let step = (now - t0) / i64::try_from(sizes.posts + 1).unwrap_or(1);
        let mut posts = Vec::new();
        let mut offers: Vec<String> = Vec::new();
        // Posts reuse the creator's free offers (seeded with the vault) rather than adding
        // media, so the vault's counts stay the media slice's own.
        let mut free: Vec<String> = self
            .messaging
            .media
            .offers
            .values()
            .filter(|o| {
                o.account_id == creator && o.permissions.is_empty() && o.deleted_at.is_none()
            })
            .map(|o| o.id.clone())
            .collect();
        free.sort();
        for i in 0..sizes.posts {
            let at = t0 + step * i64::try_from(i + 1).unwrap_or(0);
            let wall = walls[usize::try_from(rng.next(walls.len() as u64)).unwrap_or(0)].clone();
            let mut attachments = Vec::new();
            if !free.is_empty() && rng.next(3) == 0 {
                let offer = free[usize::try_from(rng.next(free.len() as u64)).unwrap_or(0)].clone();
                let tag = &tags[usize::try_from(rng.next(3)).unwrap_or(0)];
                self.tag_offer(&offer, tag);
                attachments.push(super::posts::Attachment {
                    pos: 0,
                    content_type: crate::world::media::CONTENT_OFFER,
                    content_id: offer.clone(),
                });
                if !offers.contains(&offer) {
                    offers.push(offer);
                }
            }
            let id = self.next_id(now);
            // Some posts carry a hashtag, a mention of the creator or a read permission, as
            // real timelines do (fansly-real-shapes `example_timeline`).
            let mut content = format!("Post {} of {}", i + 1, sizes.posts);
            if i % 3 == 0 {
                content.push_str(&format!(
                    " #{}",
                    ["cosplay", "fitness", "travel"][i % 9 / 3]
                ));
            }
            if i % 5 == 0 {
                content.push_str(&format!(" @{creator_name}"));
            }
            let timeline_read_permission_flags = if i % 4 == 0 {
                vec![super::posts::ReadPermissionIn {
                    kind: 0,
                    flags: 2,
                    metadata: String::new(),
                }]
            } else {
                Vec::new()
            };
            let new = NewPost {
                content,
                timeline_read_permission_flags,
                ..NewPost::default()
            };
            self.publish(id.clone(), creator, new, attachments, vec![wall], at, now);
            posts.push(id);
        }
        for i in 0..sizes.scheduled {
            let new = NewPost {
                content: format!("Coming soon {}", i + 1),
                scheduled_for: now + DAY * i64::try_from(i + 1).unwrap_or(1),
                ..NewPost::default()
            };
            let _ = self.create_post(creator, new, now);
        }

        // Likes from other accounts (sorted by username for determinism).
        let mut others: Vec<(String, String)> = self
            .accounts
            .values()
            .filter(|a| a.id != creator && a.flags & 2 == 0)
            .map(|a| (a.username.clone(), a.id.clone()))
            .collect();
        others.sort();
        for (_, fan) in others.iter().take(sizes.likers) {
            for _ in 0..3 {
                if posts.is_empty() {
                    break;
                }
                let post = &posts[usize::try_from(rng.next(posts.len() as u64)).unwrap_or(0)];
                let _ = self.like_post(fan, post, now);
            }
        }

        // A custom tracking link with some traffic.
        let link = self.create_custom_link(creator, "Instagram bio", t0);
        for _ in 0..sizes.views / 10 {
            let at =
                t0 + i64::try_from(rng.next(u64::try_from(now - t0).unwrap_or(1))).unwrap_or(0);
            let (kind, amount) = match rng.next(10) {
                0 => (TrackingKind::Subscription, 0),
                1 | 2 => (TrackingKind::Follow, 0),
                3 => (TrackingKind::Revenue, 9_990),
                _ => (TrackingKind::Click, 0),
            };
            let _ = self.record_tracking_event(
                NewTrackingEvent {
                    tracking_link_id: Some(link.clone()),
                    kind,
                    amount,
                    at: Some(at),
                },
                now,
            );
        }

        // Views over the last 30 days.
        let from = now - 30 * DAY;
        const SURFACES: [i64; 6] = [0, 1, 10_000, 10_001, 44_000, 44_030];
        for _ in 0..sizes.views {
            let surface = SURFACES[usize::try_from(rng.next(6)).unwrap_or(0)];
            let offer = (surface < 10_000 && !offers.is_empty()).then(|| {
                offers[usize::try_from(rng.next(offers.len() as u64)).unwrap_or(0)].clone()
            });
            let viewer = others
                .get(usize::try_from(rng.next(others.len().max(1) as u64)).unwrap_or(0))
                .map(|(_, id)| id.clone());
            let _ = self.record_view(
                NewView {
                    account_id: Some(creator.to_owned()),
                    at: Some(from + i64::try_from(rng.next(30 * DAY as u64)).unwrap_or(0)),
                    surface,
                    media_offer_id: offer,
                    tag_ids: vec![tags[usize::try_from(rng.next(3)).unwrap_or(0)].clone()],
                    viewer_id: viewer,
                    interaction_time: i64::try_from(rng.next(20_000)).unwrap_or(0),
                    video_view: false,
                    percent_watched: 0,
                },
                now,
            );
        }
    }
}
