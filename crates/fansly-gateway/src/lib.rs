//! fansly-gateway: a self-hostable, ApiFansly-compatible REST gateway for Fansly creator
//! accounts. See docs/ARCHITECTURE.md for how a request flows through these modules.

pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod events;
pub mod http;
pub mod media_access;
pub mod routes;
pub mod uploads;
pub mod upstream;
pub mod validate;
pub mod webhooks;
