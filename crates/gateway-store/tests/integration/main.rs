//! Integration tests of gateway-store against a temp-dir SQLite file, one binary for all.

mod accounts;
mod at_rest;
mod common;
mod crypto;
mod event_cursors;
mod isolation;
mod keys;
mod open;
mod otp;
mod pending;
