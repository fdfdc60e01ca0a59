//! The messaging world (route-map §4.3 Messaging): DM and broadcast groups, messages with
//! their interactions and likes, ignore rows, broadcasts and automated-message rules, and
//! the media store their attachments point at.
//!
//! Every mutation emits its §4.5 WebSocket events through [`World::emit`]; the time-driven
//! parts (§4.7: scheduled broadcasts, automation firings) run from [`World::tick_messaging`].

mod audience;
mod automated;
mod broadcast;
mod groups;
mod ignore;
mod likes;
mod listing;
mod messages;
mod offers_location;
mod receipts;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use super::World;
use super::media::MediaStore;

pub(crate) use audience::SubInfo;
pub(crate) use automated::{AutomationTrigger, NewAutomation};
pub(crate) use broadcast::{BroadcastEdit, NewBroadcast};
pub(crate) use groups::{NewGroup, UserSettings};
pub(crate) use listing::GroupQuery;
pub(crate) use messages::{AttachmentInput, NewMessage};
pub(crate) use offers_location::{LOCATION_DM, OfferQuery};

/// Member `permissionFlags` of a creator in a DM and of the owner of a broadcast group.
pub(crate) const OWNER_PERMISSIONS: i64 = 65535;
/// Group types.
pub(crate) const GROUP_DM: i64 = 1;
pub(crate) const GROUP_BROADCAST: i64 = 3;
/// Ignore flag bit 2: block (1 mute and 4 VIP only matter to readers of `GET /ignore`).
pub(crate) const IGNORE_BLOCK: i64 = 2;

/// All messaging state (one field of [`World`]).
#[derive(Debug, Default)]
pub(crate) struct Messaging {
    /// Vault media, offers and bundles.
    pub(crate) media: MediaStore,
    groups: HashMap<String, groups::Group>,
    /// Sorted account pair → its one DM group.
    dm_pairs: HashMap<(String, String), String>,
    messages: HashMap<String, messages::Message>,
    ignores: ignore::Ignores,
    broadcasts: HashMap<String, broadcast::Broadcast>,
    automation: automated::Automation,
}

/// A world refusal as a Rust-API error naming `field`.
pub(crate) fn rejection_error(field: &str, rejection: super::Rejection) -> crate::error::SimError {
    use super::Rejection as R;
    let reason = match rejection {
        R::BadRequest(details) => details,
        R::NotPermitted => "DM not permitted".to_owned(),
        R::NotFound(what) => what.to_owned(),
        R::Forbidden => "forbidden".to_owned(),
        other => format!("{other:?}"),
    };
    crate::error::SimError::invalid(field, reason)
}

/// The `dm_pairs` key of two accounts (sorted).
pub(crate) fn groups_pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

/// Unix ms → float seconds (message `createdAt` / `deletedAt`).
pub(crate) fn float_secs(ms: i64) -> f64 {
    // Exact for any realistic time: ms < 2^53.
    #[allow(clippy::cast_precision_loss)]
    let ms = ms as f64;
    ms / 1000.0
}

/// Snowflake ids compare as numbers (`0` for anything unparsable).
pub(crate) fn id_num(id: &str) -> u64 {
    id.parse().unwrap_or(0)
}

impl World {
    /// Every time-driven messaging transition due at `now`: scheduled broadcasts reaching
    /// `scheduledFor`, automation messages reaching trigger time + delay.
    pub(crate) fn tick_messaging(&mut self, now: i64) {
        self.run_due_broadcasts(now);
        self.run_due_automations(now);
    }
}
