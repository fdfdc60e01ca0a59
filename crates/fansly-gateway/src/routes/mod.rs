//! Every route under `/api/fansly`, one file per resource. Each file's `//!` names the
//! route ids of spec/route-map.md it serves and the native Fansly calls behind them.

use axum::Router;

use crate::app::AppState;

pub mod accounts;
pub mod automated;
pub mod chats;
pub mod connect;
pub mod followers;
pub mod likes;
pub mod lists;
pub mod mass_messaging;
pub mod messages;
pub mod subscribers;
pub mod tiers;
pub mod twofa;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(connect::router())
        .merge(accounts::router())
        .merge(twofa::router())
        .merge(subscribers::router())
        .merge(tiers::router())
        .merge(followers::router())
        .merge(lists::router())
        .merge(chats::router())
        .merge(messages::router())
        .merge(likes::router())
        .merge(mass_messaging::router())
        .merge(automated::router())
}
