//! End-to-end tests: each test starts a simulator on 127.0.0.1:0 and speaks HTTP to it.

mod common;

mod accounts;
mod audience;
mod audience_support;
mod broadcast;
mod control;
mod device;
mod drivers;
mod lists;
mod login;
mod media;
mod messaging;
mod messaging_fans;
mod money;
mod payouts_native;
mod real_shapes;
mod sessions;
mod strict;
mod twofa_session;
mod worlds;
mod ws;
