//! fansly-gateway: a self-hostable, ApiFansly-compatible REST gateway for Fansly creator
//! accounts. See docs/ARCHITECTURE.md for how a request flows through these modules.

pub mod app;
pub mod cli;
pub mod clock;
pub mod cluster;
pub mod commands;
pub mod config;
pub mod console;
pub mod demo;
pub mod events;
pub mod fans;
pub mod heal;
pub mod http;
pub mod limits;
pub mod mcp;
pub mod media_access;
pub mod migrate_data;
pub mod observe;
pub mod openapi;
pub mod routes;
pub mod serving;
pub mod state;
pub mod tls;
pub mod uploads;
pub mod upstream;
pub mod upstream_care;
pub mod validate;
pub mod webhooks;
