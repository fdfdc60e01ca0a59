//! One WebSocket connection: authenticate, then forward the account's events in commit
//! order, answer pings, and close with a 401 frame once the session is gone.
//!
//! The broadcast receiver is subscribed under the same world lock that authenticates, so
//! nothing committed after the `t:1` answer is missed; if the receiver lags, the missing
//! events are replayed from the world's history.

use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use tokio::sync::broadcast::error::RecvError;

use super::frames;
use crate::sim::Simulator;

/// How often a connection checks that its session is still live.
const SESSION_CHECK: Duration = Duration::from_millis(100);
/// How long a client may take to send its auth frame.
const AUTH_TIMEOUT: Duration = Duration::from_secs(60);

/// Keeps the account's live-socket count while the connection is authenticated.
struct Registration {
    sim: Simulator,
    account_id: String,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let now = self.sim.now_ms();
        self.sim.world().socket_closed(&self.account_id, now);
    }
}

pub(super) async fn run(sim: Simulator, mut socket: WebSocket) {
    if let Some((registration, subscription)) = authenticate(&sim, &mut socket).await {
        forward(&sim, socket, registration, subscription).await;
    }
}

/// Waits for the `t:1` frame (answering pings meanwhile). On a live token: registers the
/// socket, subscribes to events and answers the session; otherwise sends the 401 frame.
async fn authenticate(
    sim: &Simulator,
    socket: &mut WebSocket,
) -> Option<(Registration, Subscription)> {
    let deadline = tokio::time::Instant::now() + AUTH_TIMEOUT;
    loop {
        let message = tokio::time::timeout_at(deadline, socket.recv())
            .await
            .ok()??
            .ok()?;
        let text = match message {
            Message::Text(text) => text,
            Message::Close(_) => return None,
            _ => continue,
        };
        if text.as_str() == "p" {
            socket
                .send(Message::text(frames::pong(sim.now_ms())))
                .await
                .ok()?;
            continue;
        }
        let Some(token) = frames::auth_token(text.as_str()) else {
            continue;
        };
        let accepted = token.as_deref().and_then(|token| accept(sim, token));
        let Some((session_frame, registration, subscription)) = accepted else {
            let _ = socket.send(Message::text(frames::unauthorized())).await;
            let _ = socket.send(Message::Close(None)).await;
            return None;
        };
        socket.send(Message::text(session_frame)).await.ok()?;
        return Some((registration, subscription));
    }
}

/// What an authenticated connection listens to.
struct Subscription {
    session_id: String,
    rx: tokio::sync::broadcast::Receiver<std::sync::Arc<crate::world::Event>>,
    /// The newest event seq sent (or known to predate the subscription).
    last_seq: u64,
}

fn accept(sim: &Simulator, token: &str) -> Option<(String, Registration, Subscription)> {
    let now = sim.now_ms();
    let mut world = sim.world();
    let caller = world.authenticate(token, now).ok()?;
    let websocket_session_id = world.next_id(now);
    let session = world.session(&caller.session_id)?.clone();
    let rx = world.events.subscribe();
    // Under the same lock: everything for this account so far predates the receiver.
    let last_seq = world
        .events
        .since(&caller.account_id, 0)
        .last()
        .map_or(0, |e| e.seq);
    world.socket_opened(&caller.account_id);
    drop(world);
    let registration = Registration {
        sim: sim.clone(),
        account_id: caller.account_id,
    };
    let subscription = Subscription {
        session_id: caller.session_id,
        rx,
        last_seq,
    };
    Some((
        frames::session(&session, &websocket_session_id),
        registration,
        subscription,
    ))
}

async fn forward(
    sim: &Simulator,
    mut socket: WebSocket,
    registration: Registration,
    mut sub: Subscription,
) {
    let account = registration.account_id.clone();
    let mut check = tokio::time::interval(SESSION_CHECK);
    loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) if text.as_str() == "p" => {
                    if socket.send(Message::text(frames::pong(sim.now_ms()))).await.is_err() {
                        break;
                    }
                }
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            event = sub.rx.recv() => {
                let events = match event {
                    Ok(event) if event.account_id == account => vec![event],
                    Ok(_) => continue,
                    Err(RecvError::Lagged(_)) => sim.world().events.since(&account, sub.last_seq),
                    Err(RecvError::Closed) => break,
                };
                let mut failed = false;
                for event in events {
                    if event.seq <= sub.last_seq {
                        continue;
                    }
                    sub.last_seq = event.seq;
                    if socket.send(Message::text(frames::service(&event))).await.is_err() {
                        failed = true;
                        break;
                    }
                }
                if failed {
                    break;
                }
            },
            _ = check.tick() => {
                let live = sim.world().session(&sub.session_id).is_some_and(|s| s.is_live());
                if !live {
                    let _ = socket.send(Message::text(frames::unauthorized())).await;
                    let _ = socket.send(Message::Close(None)).await;
                    break;
                }
            },
        }
    }
    drop(registration);
}
