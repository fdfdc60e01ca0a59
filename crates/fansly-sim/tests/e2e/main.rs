//! End-to-end tests: each test starts a simulator on 127.0.0.1:0 and speaks HTTP to it.

mod common;

mod accounts;
mod control;
mod device;
mod login;
mod sessions;
mod strict;
mod twofa_session;
