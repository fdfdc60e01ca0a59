//! The event WebSocket client against a scripted local server on 127.0.0.1: handshake
//! headers, the `t:1` auth, batches, pings, a 401 frame, a plain close and a silent server.

use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use fansly_client::SecretString;
use fansly_client::ws::{EventSocket, Frame, WsConnect, WsError};
use serde_json::{Value, json};
use tokio::sync::mpsc;

/// How the scripted server behaves after receiving the auth frame.
#[derive(Clone, Copy)]
enum Script {
    /// Session, one batch of two events, then answers pings until the client leaves.
    Events,
    /// `t:0 {code:401}` and close.
    Reject,
    /// Session, then close.
    Drop,
    /// Session, then never answers anything.
    Silent,
    /// Session, three events in three messages back to back, a second later a fourth and
    /// then `t:0 {code:401}`.
    Burst,
}

async fn serve(script: Script) -> (String, mpsc::UnboundedReceiver<String>) {
    let (tx, rx) = mpsc::unbounded_channel::<String>();
    let app = Router::new().route(
        "/",
        get(move |headers: HeaderMap, ws: WebSocketUpgrade| {
            let tx = tx.clone();
            async move {
                let origin = headers
                    .get("origin")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let ua = headers
                    .get("user-agent")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let _ = tx.send(format!("origin={origin}"));
                let _ = tx.send(format!("ua={ua}"));
                let r: Response = ws.on_upgrade(move |s| run(s, script, tx));
                r
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("ws://{addr}/?v=3"), rx)
}

fn frame(t: i64, d: &Value) -> String {
    json!({"t": t, "d": d.to_string()}).to_string()
}

async fn run(mut s: WebSocket, script: Script, tx: mpsc::UnboundedSender<String>) {
    let Some(Ok(Message::Text(auth))) = s.recv().await else {
        return;
    };
    let _ = tx.send(auth.to_string());
    if let Script::Reject = script {
        let _ = s.send(Message::text(frame(0, &json!({"code": 401})))).await;
        let _ = s.send(Message::Close(None)).await;
        return;
    }
    let session = frame(1, &json!({"session": {"id": "1", "accountId": "7"}}));
    let _ = s.send(Message::text(session)).await;
    match script {
        Script::Drop => {
            let _ = s.send(Message::Close(None)).await;
        }
        Script::Silent => while s.recv().await.is_some() {},
        Script::Burst => {
            let event = |id: &str| {
                let inner = json!({"type": 1, "message": {"id": id}}).to_string();
                frame(10000, &json!({"serviceId": 5, "event": inner}))
            };
            for id in ["a", "b", "c"] {
                let _ = s.send(Message::text(event(id))).await;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
            let _ = s.send(Message::text(event("d"))).await;
            let _ = s.send(Message::text(frame(0, &json!({"code": 401})))).await;
            while s.recv().await.is_some() {}
        }
        Script::Events => {
            let event = |kind: i64, id: &str| {
                let inner = json!({"type": kind, "message": {"id": id}}).to_string();
                frame(10000, &json!({"serviceId": 5, "event": inner}))
            };
            let batch = json!({"t": 10001, "d": [event(1, "a"), event(10, "b")]}).to_string();
            let _ = s.send(Message::text(batch)).await;
            while let Some(Ok(m)) = s.recv().await {
                if let Message::Text(t) = m {
                    let _ = tx.send(t.to_string());
                    if t.as_str() == "p" {
                        let _ = s
                            .send(Message::text(frame(2, &json!({"lastPing": 1}))))
                            .await;
                    }
                }
            }
        }
        Script::Reject => {}
    }
}

async fn connect(url: &str) -> Result<(EventSocket, Value), WsError> {
    let url = url::Url::parse(url).unwrap();
    let token = SecretString::from("tok-123");
    EventSocket::connect(WsConnect {
        url: &url,
        user_agent: "test-agent/1",
        cookies: Some("f-d=1"),
        token: &token,
    })
    .await
}

#[tokio::test]
async fn authenticates_decodes_batches_and_pings() {
    let (url, mut seen) = serve(Script::Events).await;
    let (mut socket, session) = connect(&url).await.expect("connect");
    assert_eq!(session["accountId"], "7");
    assert_eq!(seen.recv().await.unwrap(), "origin=https://fansly.com");
    assert_eq!(seen.recv().await.unwrap(), "ua=test-agent/1");
    let auth: Value = serde_json::from_str(&seen.recv().await.unwrap()).unwrap();
    assert_eq!(auth["t"], 1);
    let d: Value = serde_json::from_str(auth["d"].as_str().unwrap()).unwrap();
    assert_eq!(d, json!({"token": "tok-123", "v": 3}));

    let frames = socket.next().await.unwrap();
    let kinds: Vec<(i64, i64)> = frames
        .iter()
        .filter_map(|f| match f {
            Frame::Service(e) => Some((e.service_id, e.kind)),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, [(5, 1), (5, 10)]);

    socket.set_ping_interval(Duration::from_millis(50));
    let pong = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(pong, vec![Frame::Pong]);
    assert_eq!(seen.recv().await.unwrap(), "p");
    socket.close().await;
}

/// The message ids of the service events among frames.
fn ids(frames: &[Frame]) -> Vec<String> {
    frames
        .iter()
        .filter_map(|f| match f {
            Frame::Service(e) => e.payload["id"].as_str().map(str::to_owned),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn ready_takes_what_has_arrived_without_waiting() {
    let (url, _seen) = serve(Script::Burst).await;
    let (mut socket, _) = connect(&url).await.unwrap();
    assert_eq!(ids(&socket.next().await.unwrap()), ["a"]);
    // The rest of the burst arrives on loopback at once.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(ids(&socket.ready().unwrap().unwrap()), ["b"]);
    assert_eq!(ids(&socket.ready().unwrap().unwrap()), ["c"]);
    assert!(socket.ready().is_none(), "nothing more has arrived");
    let d = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .unwrap();
    assert_eq!(ids(&d.unwrap()), ["d"]);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(socket.ready(), Some(Err(WsError::Unauthorized)));
}

#[tokio::test]
async fn a_401_frame_is_unauthorized() {
    let (url, _seen) = serve(Script::Reject).await;
    assert_eq!(connect(&url).await.unwrap_err(), WsError::Unauthorized);
}

#[tokio::test]
async fn a_close_or_a_silent_server_ends_the_socket() {
    let (url, _seen) = serve(Script::Drop).await;
    let (mut socket, _) = connect(&url).await.unwrap();
    assert!(matches!(socket.next().await, Err(WsError::Closed(_))));

    let (url, _seen) = serve(Script::Silent).await;
    let (mut socket, _) = connect(&url).await.unwrap();
    socket.set_ping_interval(Duration::from_millis(30));
    let ended = tokio::time::timeout(Duration::from_secs(5), socket.next())
        .await
        .unwrap();
    assert_eq!(ended, Err(WsError::Closed("no answer to ping".into())));

    let refused = connect("ws://127.0.0.1:9/?v=3").await.unwrap_err();
    assert!(matches!(refused, WsError::Connect(_)), "{refused:?}");
}

#[tokio::test]
async fn wss_builds_its_tls_client_and_fails_cleanly_against_a_non_tls_peer() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            drop(stream);
        }
    });
    let err = connect(&format!("wss://{addr}/?v=3")).await.unwrap_err();
    assert!(matches!(err, WsError::Connect(_)), "{err:?}");
}
