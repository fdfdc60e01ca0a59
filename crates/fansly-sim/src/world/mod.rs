//! The simulated world: every entity the simulator holds (accounts, devices, sessions,
//! login challenges, 2FA sessions, the e-mail outbox) and the rules that change them.
//!
//! It lives behind one `Mutex<World>` in [`crate::Simulator`]; operations take the
//! simulated time as `now` (Unix ms) and never block. Later resources (chats, posts,
//! money…) add their own submodule and fields here.

mod accounts;
pub(crate) mod audience;
pub(crate) mod content;
mod devices;
pub(crate) mod events;
mod generate;
mod login;
pub(crate) mod login_guard;
pub(crate) mod media;
pub(crate) mod messaging;
pub(crate) mod money;
mod outbox;
pub(crate) mod payouts;
pub(crate) mod profile;
mod secrets;
mod sessions;
mod twofa;
pub(crate) mod vault;

use std::collections::HashMap;

use crate::ids::IdGen;

pub(crate) use accounts::Account;
pub use accounts::{CreatorInfo, NewCreator, TwofaMode};
pub use audience::{DEFAULT_FAN_PASSWORD, FanInfo, NewFan, NewPromo, NewSubscription, NewTier};
pub use content::{NewTrackingEvent, NewView, TrackingKind};
pub use events::Event;
pub use generate::{WORLD_PASSWORD, WorldSummary};
pub(crate) use login::{LoginAttempt, LoginOutcome};
pub(crate) use messaging::rejection_error;
pub use outbox::OutboxEntry;
pub(crate) use sessions::Session;
pub(crate) use twofa::TwofaSession;

/// Lifetime of login challenges and 2FA sessions, and of a verified 2FA session's
/// authority for sensitive actions.
pub(crate) const CODE_TTL_MS: i64 = 10 * 60 * 1000;
/// Wrong codes allowed before a challenge or 2FA session is dead.
pub(crate) const MAX_TRIES: u32 = 5;

/// Why the world refused a native action; mapped to the native envelope by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Rejection {
    InvalidCredentials,
    VerifyFailed,
    Unauthorized,
    NotFound(&'static str),
    RateLimited {
        retry_after_secs: u64,
    },
    /// 400 code 2: a body or reference the world cannot use.
    BadRequest(String),
    /// 400 code 99: a DM that is not permitted (e.g. one side blocked the other).
    NotPermitted,
    /// 403: the viewer may not do this (e.g. a creator-only action by a fan).
    Forbidden,
}

/// All simulator state.
#[derive(Debug, Default)]
pub(crate) struct World {
    ids: IdGen,
    accounts: HashMap<String, Account>,
    devices: devices::Devices,
    sessions: HashMap<String, Session>,
    challenges: HashMap<String, login::LoginChallenge>,
    login_guard: login_guard::LoginGuard,
    twofa_sessions: HashMap<String, TwofaSession>,
    outbox: Vec<OutboxEntry>,
    pub(crate) events: events::Events,
    pub(crate) messaging: messaging::Messaging,
    pub(crate) audience: audience::Audience,
    pub(crate) money: money::Money,
    pub(crate) payouts: payouts::Payouts,
    pub(crate) content: content::Content,
    pub(crate) vault: vault::Vault,
}

impl World {
    /// Records the WebSocket events of a state change (§4.5) for each recipient.
    pub(crate) fn emit(
        &mut self,
        recipients: &[&str],
        (service_id, kind, key): (u32, u32, &str),
        payload: &serde_json::Value,
        now: i64,
    ) {
        self.events
            .emit(recipients, service_id, kind, key, payload, now);
    }

    /// Runs every time-driven transition (§4.7) that is due at `now`. Called before each
    /// native request and after the clock is advanced, so effects appear in order.
    pub(crate) fn tick(&mut self, now: i64) {
        self.tick_messaging(now);
        self.tick_audience(now);
        self.tick_content(now);
    }

    /// A fresh snowflake id at `now`.
    pub(crate) fn next_id(&mut self, now: i64) -> String {
        self.ids.next(now)
    }
}
