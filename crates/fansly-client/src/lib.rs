//! Client for Fansly's own web API (`https://apiv3.fansly.com/api/v1/…`).
//!
//! Every call goes through [`FanslyClient::call`], which adds the browser
//! headers, signs with `fansly-client-id/ts/check` (and the session token when
//! there is one), appends `ngsw-bypass=true`, and reads the
//! `{success, response | error}` envelope into a [`NativeResponse`] or a
//! [`FanslyError`]. Typed calls (auth, for now) sit on top of it.
//!
//! Logging: one `debug` event per call with method, path, status and latency;
//! never headers, bodies or tokens.

mod audience;
mod auth;
mod body;
pub mod care;
pub mod check;
mod client;
mod config;
mod content;
mod envelope;
mod error;
mod jar;
mod media;
mod messaging;
mod money;
pub mod proxy;
pub mod renew;
mod request;
mod session;
pub mod tally;
#[cfg(test)]
mod test_support;
mod transport;
pub mod ws;

pub use audience::{FollowersQuery, LIST_ITEMS_PAGE, SubscribersQuery};
pub use body::NativeBody;
pub use care::CareConfig;
pub use client::FanslyClient;
pub use config::{
    BROWSER_USER_AGENTS, DEFAULT_API_BASE, DEFAULT_CHECK_KEY, DEFAULT_MEDIA_BASE,
    DEFAULT_USER_AGENT, FanslyConfig,
};
pub use content::{NOTIFICATIONS_PAGE, ProfileStatsQuery, TIMELINE_PAGE, TimelineQuery};
pub use error::FanslyError;
pub use media::{CdnResponse, UploadPart, upload_parts};
pub use messaging::{FanTransactionsQuery, GroupsQuery, MediaOffersQuery};
pub use money::{
    EarningsTransactionsQuery, PayoutMethodInput, SNOWFLAKE_EPOCH_MS, TWOFA_REQUIRED_CODE,
    TwofaProof, is_twofa_required, ms_to_snowflake,
};
pub use proxy::{ProxyPool, ProxyUrl};
pub use request::{Auth, Method, NativeRequest, NativeResponse};
pub use secrecy::SecretString;
pub use session::{LoginOutcome, NativeSession, SessionCreds, TwofaChallenge};
pub use transport::own_pools_on_this_thread;
