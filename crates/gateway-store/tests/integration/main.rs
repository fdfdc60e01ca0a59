//! Integration tests of gateway-store against a temp-dir SQLite file, one binary for all.

mod account_cache;
mod account_proxies;
mod accounts;
mod at_rest;
mod common;
mod console;
mod credentials;
mod crypto;
mod event_cursors;
mod isolation;
mod key_usage;
mod keys;
mod open;
mod otp;
mod pending;
mod request_log;
mod webhook_styles;
mod webhook_urls;
