//! What every Fansly account object carries (fansly-real-shapes.md, fansly-native §3.1):
//! `avatar` and `banner` Media objects with `locations[]`, `profileSocials`, the creator's
//! `subscriptionTiers`, `pinnedPosts`, `walls`, `streaming`, `timelineStats`, presence
//! (`statusId`, `lastSeenAt`), `location` and `version`, and the viewer-relative
//! `following` / `subscribed`.
//!
//! Every account gets an avatar and a banner when it is created (generated fans too, as on
//! Fansly, where a new account shows a default picture). They live on the account, not in the
//! vault: they are not offers and do not count as vault media.

use serde_json::{Value, json};

use super::media::Media;
use super::{Account, World};

/// One `profileSocials[]` entry.
#[derive(Clone, Debug)]
pub(crate) struct Social {
    /// The network (`"1"` Twitter/X, `"2"` Instagram, … in the simulator).
    pub provider_id: String,
    pub handle: String,
}

/// Times in an account object: Fansly sends seconds in timelines and milliseconds elsewhere
/// (account reads, `aggregationData.accounts` of the chat list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Times {
    Seconds,
    Millis,
}

impl Times {
    fn of(self, ms: i64) -> i64 {
        match self {
            Times::Seconds => ms.div_euclid(1000),
            Times::Millis => ms,
        }
    }
}

impl World {
    /// A profile picture of `account_id` (`avatar`: 512×512, else a 1500×500 banner).
    pub(crate) fn profile_picture(&mut self, account_id: &str, avatar: bool, now: i64) -> Media {
        let id = self.next_id(now);
        let variant_id = self.next_id(now);
        let (width, height) = if avatar { (512, 512) } else { (1500, 500) };
        Media {
            filename: format!("{id}.jpeg"),
            id,
            account_id: account_id.to_owned(),
            kind: 1,
            status: 1,
            mimetype: "image/jpeg".into(),
            flags: 0,
            width,
            height,
            metadata: String::new(),
            created_at: now,
            updated_at: now,
            locations: Vec::new(),
            variant_id,
        }
    }

    /// Gives `account_id` its avatar and banner (account creation).
    pub(crate) fn give_profile_pictures(&mut self, account_id: &str, now: i64) {
        let avatar = self.profile_picture(account_id, true, now);
        let banner = self.profile_picture(account_id, false, now);
        if let Some(a) = self.accounts.get_mut(account_id) {
            a.avatar = Some(avatar);
            a.banner = Some(banner);
        }
    }

    /// The account object as `viewer` sees it (no e-mail: the owner's read adds it).
    pub(crate) fn render_account(
        &self,
        a: &Account,
        viewer: Option<&str>,
        times: Times,
        now: i64,
    ) -> Value {
        let picture = |m: &Option<Media>| {
            m.as_ref()
                .map_or(Value::Null, |m| self.render_media(m, true, now))
        };
        let socials: Vec<Value> = a
            .socials
            .iter()
            .map(|s| json!({ "providerId": s.provider_id, "handle": s.handle }))
            .collect();
        let mut stats = self.timeline_stats(&a.id);
        stats["fetchedAt"] = json!(times.of(now));
        let tiers: Vec<Value> = self
            .tiers_of(&a.id)
            .iter()
            .map(|t| serde_json::to_value(t).unwrap_or(Value::Null))
            .collect();
        let following = viewer.is_some_and(|v| self.follows(v, &a.id));
        let subscribed = viewer.is_some_and(|v| {
            self.subscription_of(v, &a.id)
                .is_some_and(|s| s.has_access())
        });
        json!({
            "id": a.id,
            "username": a.username,
            "displayName": a.display_name,
            "flags": a.flags,
            "version": a.version,
            "createdAt": times.of(a.created_at),
            "about": a.about,
            "location": a.location,
            "profileSocials": socials,
            "avatar": picture(&a.avatar),
            "banner": picture(&a.banner),
            "followCount": a.follow_count,
            "subscriberCount": a.subscriber_count,
            "postLikes": a.post_likes,
            "accountMediaLikes": a.account_media_likes,
            "statusId": a.status_id,
            "lastSeenAt": a.last_seen_at,
            "profileAccessFlags": 0,
            "profileFlags": 0,
            "permissions": { "accountPermissionFlags": { "flags": 0 } },
            "timelineStats": stats,
            "pinnedPosts": self.pinned_json(&a.id),
            "walls": self.walls_json(&a.id),
            "streaming": { "accountId": a.id, "channel": null, "enabled": false },
            "subscriptionTiers": tiers,
            "following": following,
            "subscribed": subscribed,
            "profileAccess": true,
        })
    }

    /// [`World::render_account`] by id; None for an unknown account.
    pub(crate) fn account_json_for(
        &self,
        id: &str,
        viewer: Option<&str>,
        times: Times,
        now: i64,
    ) -> Option<Value> {
        self.account(id)
            .map(|a| self.render_account(a, viewer, times, now))
    }
}
