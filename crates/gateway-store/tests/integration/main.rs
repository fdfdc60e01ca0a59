//! Integration tests of gateway-store, one binary for all: each shared body runs on a temp-dir
//! SQLite file and on PostgreSQL (`common.rs`, `GATEWAY_TEST_DATABASE_URL`).

mod account_cache;
mod account_proxies;
mod accounts;
mod at_rest;
mod common;
mod console;
mod credentials;
mod crypto;
mod event_cursors;
mod event_leases;
mod isolation;
mod key_usage;
mod keys;
mod migrate_data;
mod open;
mod otp;
mod pending;
mod request_log;
mod several_processes;
mod shared_limits;
mod upload_jobs;
mod webhook_batches;
mod webhook_claims;
mod webhook_event_batches;
mod webhook_styles;
mod webhook_urls;
