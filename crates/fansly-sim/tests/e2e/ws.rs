//! The event WebSocket: auth, ping, events in commit order, 401 on a dead session.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

use crate::audience_support::Actor;
use crate::common::Harness;

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens `ws://<simulator>/?v=3`.
async fn connect(h: &Harness) -> Socket {
    let http = h.request(reqwest::Method::GET, "/").build().unwrap();
    let url = http.url();
    let ws = format!(
        "ws://{}:{}/?v=3",
        url.host_str().unwrap(),
        url.port().unwrap()
    );
    connect_async(ws).await.expect("websocket handshake").0
}

/// The next text frame as `(t, decoded d)`; `None` when the socket closes.
async fn next(socket: &mut Socket) -> Option<(u64, Value)> {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("a frame within 5 s")?
            .ok()?;
        match message {
            Message::Text(text) => {
                let frame: Value = serde_json::from_str(text.as_str()).expect("JSON frame");
                let d = frame["d"].as_str().expect("d is a JSON string");
                return Some((
                    frame["t"].as_u64().unwrap(),
                    serde_json::from_str(d).unwrap(),
                ));
            }
            Message::Close(_) => return None,
            _ => {}
        }
    }
}

async fn send(socket: &mut Socket, text: String) {
    socket.send(Message::text(text)).await.expect("send");
}

fn auth_frame(token: &str) -> String {
    json!({ "t": 1, "d": json!({ "token": token, "v": 3 }).to_string() }).to_string()
}

/// Connects and authenticates `who`; returns the socket after the session frame.
async fn open(h: &Harness, who: &Actor) -> (Socket, Value) {
    let mut socket = connect(h).await;
    send(&mut socket, auth_frame(&who.token)).await;
    let (t, d) = next(&mut socket).await.expect("session frame");
    assert_eq!(t, 1, "{d}");
    (socket, d["session"].clone())
}

/// Decodes a service frame into `(serviceId, type, payload)`.
fn service(d: &Value) -> (u64, u64, Value) {
    let event: Value = serde_json::from_str(d["event"].as_str().unwrap()).unwrap();
    let kind = event["type"].as_u64().unwrap();
    let payload = event
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, _)| *k != "type")
        .map(|(_, v)| v.clone())
        .unwrap_or(Value::Null);
    (d["serviceId"].as_u64().unwrap(), kind, payload)
}

async fn wait_until(mut check: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !check() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "condition not reached in 5 s"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_socket_authenticates_pings_and_receives_events_in_order() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 0);
    let mut socket = connect(&h).await;
    send(&mut socket, "p".into()).await;
    let (t, d) = next(&mut socket).await.unwrap();
    assert_eq!(
        (t, d),
        (2, json!({ "lastPing": h.sim.now_ms() })),
        "pings work before auth"
    );

    send(&mut socket, auth_frame(&creator.token)).await;
    let (t, d) = next(&mut socket).await.unwrap();
    assert_eq!(t, 1);
    let session = &d["session"];
    assert_eq!(session["accountId"], creator.id.as_str());
    assert_eq!(session["token"], creator.token.as_str());
    assert_eq!(session["status"], 2);
    for key in ["id", "lastUsed", "createdAt", "websocketSessionId"] {
        assert!(!session[key].is_null(), "{key}");
    }
    assert!(h.sim.has_live_socket(&creator.id));
    assert!(!h.sim.has_live_socket(&fan.id));

    let seq = h.last_seq(&creator.id).await;
    assert_eq!(h.follow(&fan, &creator.id).await.status, 200);
    let tip = h
        .post(
            "/api/v1/tips",
            Some(&fan.token),
            json!({ "receiverId": creator.id, "amount": 2500, "message": "hi" }),
        )
        .await;
    assert_eq!(tip.status, 200, "{}", tip.body);
    h.sim
        .subscribe(fansly_sim::NewSubscription {
            fan_id: fan.id.clone(),
            creator_id: creator.id.clone(),
            ..Default::default()
        })
        .unwrap();

    let logged = h.events(&creator.id, seq).await;
    assert!(logged.len() >= 10, "{logged:?}");
    for expected in &logged {
        let (t, d) = next(&mut socket).await.expect("event frame");
        assert_eq!(t, 10000);
        let (service_id, kind, payload) = service(&d);
        assert_eq!(
            (service_id, kind, payload),
            (
                expected["serviceId"].as_u64().unwrap(),
                expected["kind"].as_u64().unwrap(),
                expected["payload"].clone()
            )
        );
    }
    send(&mut socket, "p".into()).await;
    assert_eq!(
        next(&mut socket).await.unwrap().0,
        2,
        "no event leaked to this socket"
    );

    drop(socket);
    let sim = h.sim.clone();
    let id = creator.id.clone();
    wait_until(move || !sim.has_live_socket(&id)).await;
}

#[tokio::test]
async fn a_bad_token_gets_the_401_frame_and_a_close() {
    let h = Harness::start().await;
    let mut socket = connect(&h).await;
    send(&mut socket, auth_frame("bm9wZToxOjI6YWJj")).await;
    assert_eq!(next(&mut socket).await, Some((0, json!({ "code": 401 }))));
    assert_eq!(next(&mut socket).await, None, "closed");

    let mut socket = connect(&h).await;
    send(&mut socket, json!({ "t": 1, "d": "{}" }).to_string()).await;
    assert_eq!(next(&mut socket).await, Some((0, json!({ "code": 401 }))));
}

#[tokio::test]
async fn closing_the_session_closes_its_socket_with_401() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let (mut socket, session) = open(&h, &creator).await;
    let close = h
        .post(
            "/api/v1/session/close",
            Some(&creator.token),
            json!({ "id": session["id"] }),
        )
        .await;
    assert_eq!(close.status, 200, "{}", close.body);
    assert_eq!(next(&mut socket).await, Some((0, json!({ "code": 401 }))));
    assert_eq!(next(&mut socket).await, None);
    let sim = h.sim.clone();
    let id = creator.id.clone();
    wait_until(move || !sim.has_live_socket(&id)).await;

    // Control-side expiry does the same.
    let fan = h.fan("fan1", 0);
    let (mut socket, _) = open(&h, &fan).await;
    h.sim.expire_sessions(&fan.id);
    assert_eq!(next(&mut socket).await, Some((0, json!({ "code": 401 }))));
}

#[tokio::test]
async fn status_changes_reach_followers_with_live_sockets() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let watcher = h.fan("watcher", 0);
    let offline = h.fan("offline", 0);
    assert_eq!(h.follow(&watcher, &creator.id).await.status, 200);
    assert_eq!(h.follow(&offline, &creator.id).await.status, 200);
    let (mut socket, _) = open(&h, &watcher).await;
    let offline_seq = h.last_seq(&offline.id).await;

    let beat = h
        .post(
            "/api/v1/status",
            Some(&creator.token),
            json!({ "statusId": 1 }),
        )
        .await;
    assert_eq!(beat.status, 200, "{}", beat.body);
    let (t, d) = next(&mut socket).await.unwrap();
    assert_eq!(t, 10000);
    assert_eq!(
        service(&d),
        (8, 1, json!({ "accountId": creator.id, "statusId": 1 }))
    );
    assert!(h.events(&offline.id, offline_seq).await.is_empty());

    // Another heartbeat changes nothing, so no event.
    h.post(
        "/api/v1/status",
        Some(&creator.token),
        json!({ "statusId": 1 }),
    )
    .await;
    send(&mut socket, "p".into()).await;
    assert_eq!(next(&mut socket).await.unwrap().0, 2);

    // A DM partner who does not follow hears about it too.
    let partner = h.fan("partner", 0);
    h.sim.dm_group(&creator.id, &partner.id);
    let (mut partner_socket, _) = open(&h, &partner).await;
    h.sim.set_presence(&creator.id, false).unwrap();
    let (_, d) = next(&mut partner_socket).await.unwrap();
    assert_eq!(
        service(&d),
        (8, 1, json!({ "accountId": creator.id, "statusId": 2 }))
    );
    let (_, d) = next(&mut socket).await.unwrap();
    assert_eq!(service(&d).2["statusId"], 2);
}

#[tokio::test]
async fn a_live_socket_makes_messages_delivered() {
    let h = Harness::start().await;
    let creator = h.creator_actor("maria");
    let fan = h.fan("fan1", 0);
    let away = h.fan("away", 0);
    let (mut socket, _) = open(&h, &fan).await;
    let group = h.sim.dm_group(&creator.id, &fan.id);
    let other_group = h.sim.dm_group(&creator.id, &away.id);
    let (t, _) = next(&mut socket).await.unwrap();
    assert_eq!(t, 10000, "the (4,8) group event");

    let id = h.sim.send_message(&creator.id, &group, "hello").unwrap();
    let (t, d) = next(&mut socket).await.unwrap();
    assert_eq!(t, 10000);
    let (service_id, kind, message) = service(&d);
    assert_eq!((service_id, kind), (5, 1));
    assert_eq!(message["id"], id.as_str());
    let interaction = &message["interactions"][0];
    assert_eq!(interaction["userId"], fan.id.as_str());
    assert_eq!(interaction["deliveredAt"], h.sim.now_ms());

    h.sim
        .send_message(&creator.id, &other_group, "hello?")
        .unwrap();
    let events = h.events(&away.id, 0).await;
    let message = &events.last().unwrap()["payload"];
    assert_eq!(
        message["interactions"][0]["deliveredAt"], 0,
        "no socket, not delivered"
    );
}
