//! Every route under `/api/fansly`, one file per resource. Each file's `//!` names the
//! route ids of spec/route-map.md it serves and the native Fansly calls behind them.

use axum::Router;

use crate::state::AppState;

pub mod account_proxy;
pub mod accounts;
pub mod analytics;
pub mod automated;
pub mod chats;
pub mod connect;
pub mod discover;
pub mod earnings;
pub mod followers;
pub mod likes;
pub mod lists;
pub mod logs;
pub mod mass_messaging;
pub mod media;
pub mod media_download;
pub mod messages;
pub mod notifications;
pub mod payouts;
pub mod posts;
pub mod profile;
pub mod search;
pub mod subscribers;
pub mod tiers;
pub mod tracking_links;
pub mod twofa;
pub mod usage;
pub mod vault;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(connect::router())
        .merge(accounts::router())
        .merge(account_proxy::router())
        .merge(crate::heal::credentials::router())
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
        .merge(earnings::router())
        .merge(payouts::router())
        .merge(posts::router())
        .merge(profile::router())
        .merge(search::router())
        .merge(discover::router())
        .merge(tracking_links::router())
        .merge(notifications::router())
        .merge(analytics::router())
        .merge(media::router())
        .merge(media_download::router())
        .merge(vault::router())
        .merge(logs::router())
        .merge(usage::router())
        .merge(crate::webhooks::routes::router())
}
