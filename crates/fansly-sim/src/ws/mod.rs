//! The event WebSocket (`GET /`, `/?v=3`; fansly-native §6): `t`/`d` frames with
//! double-encoded payloads. The client authenticates with `{"t":1,"d":"{\"token\":…}"}`,
//! pings with the text `p`, and receives every event (§4.5) addressed to its account as a
//! `t:10000` service frame, in commit order. A bad token, or the session closing later,
//! gets `{"t":0,"d":"{\"code\":401}"}` and the socket is closed.

mod connection;
mod frames;

use axum::Router;
use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::routing::get;

use crate::reqlog::LoggedRequest;
use crate::sim::Simulator;

pub(crate) fn router() -> Router<Simulator> {
    Router::new().route("/", get(upgrade))
}

/// The handshake is logged with the native requests (path `/`), so tests can see the
/// origin, user agent and cookies a client presents.
async fn upgrade(
    State(sim): State<Simulator>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    sim.log_request(LoggedRequest::capture(&method, &uri, &headers));
    ws.on_upgrade(move |socket| connection::run(sim, socket))
}
