//! End-to-end tests: the real gateway on 127.0.0.1:0 against the real simulator on
//! 127.0.0.1:0 and a fresh SQLite database per test, spoken to over HTTP like a client would.
//! One test binary (modules below) keeps link time down.

mod common;

mod accounts;
mod api_keys;
mod boundary;
mod cli;
mod connect;
mod otp;
mod secrets;
