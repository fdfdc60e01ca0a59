//! Every route under `/api/fansly`, one file per resource. Each file's `//!` names the
//! route ids of spec/route-map.md it serves and the native Fansly calls behind them.

use axum::Router;

use crate::app::AppState;

pub mod accounts;
pub mod connect;
pub mod twofa;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(connect::router())
        .merge(accounts::router())
        .merge(twofa::router())
}
