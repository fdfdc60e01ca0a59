//! End-to-end tests: the real gateway on 127.0.0.1:0 against the real simulator on
//! 127.0.0.1:0 and a fresh SQLite database per test, spoken to over HTTP like a client would.
//! One test binary (modules below) keeps link time down.

mod common;

mod accounts;
mod analytics;
mod api_keys;
mod audience_support;
mod automated;
mod boundary;
mod chats;
mod cli;
mod client_compat;
mod connect;
mod console;
mod discover;
mod document_rules;
mod events_fidelity;
mod events_ingest;
mod followers;
mod hardening;
mod heal;
mod heal_states;
mod heal_support;
mod idempotency;
mod likes;
mod limits;
mod lists;
mod mass;
mod mcp;
mod media;
mod messages;
mod messaging_support;
mod money;
mod notifications;
mod observe;
mod openapi;
mod openapi_conformance;
mod otp;
mod payouts;
mod postgres;
mod posts;
mod secrets;
mod several_gateways;
mod shutdown;
mod subscribers;
mod tiers;
mod tls;
mod tracking_links;
mod upstream_care;
mod vault;
mod webhook_receiver;
mod webhooks_api;
mod webhooks_crash;
mod webhooks_delivery;
mod webhooks_events;
