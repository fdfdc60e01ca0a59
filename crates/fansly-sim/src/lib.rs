//! Fansly simulator: a stateful, offline stand-in for Fansly's own web API
//! (`apiv3.fansly.com/api/v1`), used by the gateway's end-to-end tests and its demo mode.
//!
//! - Native routes live under `/api/v1/…` and answer Fansly's envelope
//!   (`{"success":true,"response":…}` or `{"success":false,"error":{code,details}}`).
//! - A control API under `/_sim/…` (plain JSON) seeds creators, reads the e-mail outbox,
//!   moves the simulated clock, expires sessions, injects faults and exposes the request log.
//!
//! Everything time-related runs on the simulated clock ([`ClockMode`]); nothing leaves
//! the process.

mod check;
mod clock;
mod config;
mod control;
mod envelope;
mod error;
mod faults;
mod ids;
mod json;
mod native;
mod reqlog;
mod sim;
mod totp;
mod world;
mod ws;

pub use check::{client_check, cyrb53};
pub use config::{ClockMode, DEFAULT_CHECK_KEY, SimConfig};
pub use error::SimError;
pub use faults::FaultSpec;
pub use reqlog::LoggedRequest;
pub use sim::Simulator;
pub use totp::totp;
pub use world::{
    CreatorInfo, DEFAULT_FAN_PASSWORD, Event, FanInfo, NewCreator, NewFan, NewPromo,
    NewSubscription, NewTier, OutboxEntry, TwofaMode, WORLD_PASSWORD, WorldSummary,
};
pub use world::{NewTrackingEvent, NewView, TrackingKind};
