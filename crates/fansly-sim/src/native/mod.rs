//! Fansly's native REST surface under `/api/v1`: the route table, the gate every native
//! request passes (request log, faults, strict client check) and the fallback.

mod account;
mod audience;
mod auth;
mod automated;
mod broadcast;
pub(crate) mod cdn;
mod discovery;
mod earnings;
mod earnings_stats;
mod extract;
mod gate;
mod ignore;
mod lists;
mod media;
mod messaging;
mod notifications;
mod payouts;
mod posts;
mod stats;
mod status;
mod tips;
mod tracking;
mod twofa;
mod upload;
mod vault;
mod views;
mod wallet;

use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::control::ControlError;
use crate::envelope::NativeError;
use crate::sim::Simulator;

pub(crate) use cdn::CDN_PREFIX;
pub(crate) use gate::gate;

/// Path prefix of every native route.
pub(crate) const API_PREFIX: &str = "/api/v1";

pub(crate) fn router() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/device/id", get(auth::device_id))
        .route("/api/v1/login", post(auth::login))
        .route("/api/v1/login/twofa", post(auth::login_twofa))
        .route("/api/v1/session/close", post(auth::close_session))
        .route("/api/v1/twofa/session", post(twofa::send))
        .route("/api/v1/twofa/session/verify", post(twofa::verify))
        .route("/api/v1/account/me", get(account::me))
        .route("/api/v1/account", get(account::by_ids_or_usernames))
        .merge(messaging_routes())
        .merge(audience::routes())
        .merge(earnings_stats::routes())
        .merge(payouts::routes())
        .merge(wallet::routes())
        .merge(posts::routes())
        .merge(discovery::routes())
        .merge(tracking::routes())
        .merge(notifications::routes())
        .merge(stats::routes())
        .merge(vault::routes())
        .merge(upload::routes())
        .merge(cdn::routes())
}

/// Chats, messages, offers, mass and automated messages, ignores.
fn messaging_routes() -> Router<Simulator> {
    Router::new()
        .route("/api/v1/messaging/groups", get(messaging::groups))
        .route("/api/v1/group/{id}", get(messaging::group))
        .route("/api/v1/group", post(messaging::create_group))
        .route(
            "/api/v1/groups/users/settings",
            post(messaging::user_settings),
        )
        .route(
            "/api/v1/message",
            get(messaging::messages).post(messaging::send),
        )
        .route("/api/v1/message/unread", get(messaging::unread))
        .route("/api/v1/message/typing", post(messaging::typing))
        .route("/api/v1/message/ack", post(messaging::ack))
        .route("/api/v1/message/ack/all", post(messaging::ack_all))
        .route("/api/v1/message/delete", post(messaging::delete))
        .route("/api/v1/message/like", post(messaging::like))
        .route("/api/v1/message/like/remove", post(messaging::unlike))
        .route("/api/v1/mediaoffers/location", get(messaging::media_offers))
        .route(
            "/api/v1/account/media",
            get(media::offers).post(media::create_offers),
        )
        .route(
            "/api/v1/account/media/bundle",
            get(media::bundles).post(media::create_bundle),
        )
        .route("/api/v1/message/broadcast", post(broadcast::create))
        .route("/api/v1/message/broadcast/stats", get(broadcast::stats))
        .route(
            "/api/v1/message/broadcast/stats/deleted",
            get(broadcast::stats_deleted),
        )
        .route(
            "/api/v1/message/broadcast/scheduled",
            get(broadcast::scheduled),
        )
        .route(
            "/api/v1/message/broadcast/scheduled/{id}/edit",
            post(broadcast::edit_scheduled),
        )
        .route(
            "/api/v1/message/automated",
            get(automated::list).post(automated::create),
        )
        .route("/api/v1/message/automated/delete", post(automated::delete))
        .route("/api/v1/ignore", get(ignore::list))
        .route("/api/v1/account/ignore", post(ignore::set))
}

/// Unknown paths: under `/api/v1` a 401 without a live session, else a native 404;
/// elsewhere the control API's 404.
pub(crate) async fn fallback(uri: Uri, caller: Result<extract::Viewer, NativeError>) -> Response {
    if !is_native(uri.path()) {
        return ControlError::not_found("no such route").into_response();
    }
    match caller {
        Ok(_) => NativeError::not_found("not found").into_response(),
        Err(error) => error.into_response(),
    }
}

/// A known path with the wrong method: a native 405 under `/api/v1`, else the control one.
pub(crate) async fn method_not_allowed(uri: Uri) -> Response {
    if is_native(uri.path()) {
        NativeError::new(StatusCode::METHOD_NOT_ALLOWED, 405, "method not allowed").into_response()
    } else {
        ControlError::method_not_allowed().into_response()
    }
}

pub(crate) fn is_native(path: &str) -> bool {
    path.strip_prefix(API_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
