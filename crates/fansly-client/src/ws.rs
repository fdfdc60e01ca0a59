//! Fansly's event WebSocket (fansly-native §6; route-map §5.5): connect with the browser
//! origin, user agent and cookies, authenticate with `{"t":1,"d":"{\"token\":…,\"v\":3}"}`,
//! keep alive with the text frame `p` every 20–25 s (jittered), and decode the
//! double-encoded frames, `t:10001` batches included. `{"t":0,"d":"{\"code\":401}"}` is
//! reported as [`WsError::Unauthorized`].
//!
//! The session token is never logged.

use std::time::Duration;

use futures_util::{FutureExt as _, SinkExt, StreamExt};
use rand::Rng;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Read buffer of an event socket (tungstenite's default is 128 KiB per socket).
const WS_READ_BUFFER: usize = 8 * 1024;

/// Fansly's event WebSocket.
pub const DEFAULT_EVENTS_URL: &str = "wss://wsv3.fansly.com/?v=3";
const WEB_ORIGIN: &str = "https://fansly.com";
/// How long connecting plus authenticating may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// One decoded frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// `t:0`: an error; `code` 401 means the session is dead.
    Error { code: i64 },
    /// `t:1`: the session object the server answers auth with.
    Session(Value),
    /// `t:2` (or the bare `pong`): the answer to a ping.
    Pong,
    /// `t:10000`: one service event.
    Service(ServiceEvent),
    /// Any other frame type, kept for logging.
    Other { t: i64 },
}

/// A service event `{"serviceId":S,"event":"{\"type\":T,\"<key>\":{…}}"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceEvent {
    pub service_id: i64,
    /// The event `type` within the service.
    pub kind: i64,
    /// The payload key (the first key of the event object other than `type`), e.g. `message`.
    pub key: String,
    /// The payload under `key`.
    pub payload: Value,
}

/// Why the socket ended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WsError {
    /// `t:0 {code:401}`: the session is dead; do not reconnect.
    #[error("the session was rejected (401)")]
    Unauthorized,
    /// The server closed the socket, or stopped answering pings.
    #[error("the socket closed: {0}")]
    Closed(String),
    /// Connecting failed.
    #[error("cannot connect: {0}")]
    Connect(String),
}

/// Parses a JSON value that may be double-encoded (a JSON string holding JSON).
fn decode_layer(v: &Value) -> Value {
    match v {
        Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// Decodes one text frame into its frames (a `t:10001` batch gives several; `p`-answers and
/// unparseable text give what they can, possibly nothing).
pub fn decode(text: &str) -> Vec<Frame> {
    if text == "pong" {
        return vec![Frame::Pong];
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v) => decode_value(&v),
        Err(_) => Vec::new(),
    }
}

fn decode_value(frame: &Value) -> Vec<Frame> {
    let Some(t) = frame.get("t").and_then(Value::as_i64) else {
        return Vec::new();
    };
    let d = frame.get("d").map(decode_layer).unwrap_or(Value::Null);
    match t {
        0 => vec![Frame::Error {
            code: d.get("code").and_then(Value::as_i64).unwrap_or(0),
        }],
        1 => vec![Frame::Session(d.get("session").cloned().unwrap_or(d))],
        2 => vec![Frame::Pong],
        10000 => service(&d).map(Frame::Service).into_iter().collect(),
        10001 => match d {
            Value::Array(items) => items
                .iter()
                .flat_map(|item| decode_value(&decode_layer(item)))
                .collect(),
            _ => Vec::new(),
        },
        t => vec![Frame::Other { t }],
    }
}

fn service(d: &Value) -> Option<ServiceEvent> {
    let service_id = d.get("serviceId").and_then(Value::as_i64)?;
    let event = decode_layer(d.get("event")?);
    let obj = event.as_object()?;
    let kind = obj.get("type").and_then(Value::as_i64)?;
    let (key, payload) = obj
        .iter()
        .find(|(k, _)| k.as_str() != "type")
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap_or_default();
    Some(ServiceEvent {
        service_id,
        kind,
        key,
        payload,
    })
}

/// The auth frame: `{"t":1,"d":"{\"token\":\"…\",\"v\":3}"}`.
fn auth_frame(token: &SecretString) -> String {
    let d = json!({ "token": token.expose_secret(), "v": 3 }).to_string();
    json!({ "t": 1, "d": d }).to_string()
}

/// The next ping delay: 20–25 s, jittered.
pub fn ping_interval() -> Duration {
    Duration::from_millis(rand::thread_rng().gen_range(20_000..=25_000))
}

/// `t:0 {code:401}` among the frames is [`WsError::Unauthorized`].
fn refuse_401(frames: Vec<Frame>) -> Result<Vec<Frame>, WsError> {
    if frames.contains(&Frame::Error { code: 401 }) {
        return Err(WsError::Unauthorized);
    }
    Ok(frames)
}

/// Reconnect delay after `attempt` consecutive failures (0-based): 1.5 s × 2ⁿ capped at 15 s,
/// with ±20 % jitter.
pub fn reconnect_delay(attempt: u32) -> Duration {
    let base = 1500u64.saturating_mul(1u64 << attempt.min(10)).min(15_000);
    let jitter = rand::thread_rng().gen_range(0.8..=1.2);
    Duration::from_millis((base as f64 * jitter) as u64)
}

/// What identifies the connection: where, and the browser identity.
#[derive(Debug, Clone)]
pub struct WsConnect<'a> {
    pub url: &'a url::Url,
    pub user_agent: &'a str,
    /// The `cookie` header (`f-s-c=…; f-d=…`), when the account has cookies.
    pub cookies: Option<&'a str>,
    pub token: &'a SecretString,
}

/// An authenticated event socket.
pub struct EventSocket {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_ping: tokio::time::Instant,
    /// When a ping is unanswered past this, the socket is considered dead.
    pong_deadline: Option<tokio::time::Instant>,
    ping_every: Duration,
    /// Set by [`EventSocket::set_ping_interval`]: no re-jitter.
    fixed_ping: bool,
}

impl std::fmt::Debug for EventSocket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventSocket").finish_non_exhaustive()
    }
}

impl EventSocket {
    /// Connects and authenticates; answers the server's session object.
    pub async fn connect(c: WsConnect<'_>) -> Result<(Self, Value), WsError> {
        tokio::time::timeout(CONNECT_TIMEOUT, Self::connect_inner(c))
            .await
            .map_err(|_| WsError::Connect("timed out".into()))?
    }

    async fn connect_inner(c: WsConnect<'_>) -> Result<(Self, Value), WsError> {
        let mut request = c
            .url
            .as_str()
            .into_client_request()
            .map_err(|e| WsError::Connect(e.to_string()))?;
        let headers = request.headers_mut();
        headers.insert("origin", HeaderValue::from_static(WEB_ORIGIN));
        if let Ok(ua) = HeaderValue::from_str(c.user_agent) {
            headers.insert("user-agent", ua);
        }
        if let Some(cookies) = c.cookies
            && let Ok(mut v) = HeaderValue::from_str(cookies)
        {
            v.set_sensitive(true);
            headers.insert("cookie", v);
        }
        // Through the account's proxy when the caller runs this in `proxy::via` (issue 6).
        // One socket per connected account stays open: tungstenite's default 128 KiB read
        // buffer per socket was most of the gateway's memory with 1,000 accounts. Event
        // frames are small; larger ones are still read whole, over several reads.
        let config = Some(
            tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
                .read_buffer_size(WS_READ_BUFFER),
        );
        let (stream, _) = match crate::proxy::current_via() {
            None => tokio_tungstenite::connect_async_with_config(request, config, true).await,
            Some(proxy) => {
                let host = c.url.host_str().unwrap_or_default();
                let port = c.url.port_or_known_default().unwrap_or(443);
                let tcp = crate::proxy::tunnel(&proxy, host, port)
                    .await
                    .map_err(WsError::Connect)?;
                tokio_tungstenite::client_async_tls_with_config(request, tcp, config, None).await
            }
        }
        .map_err(|e| WsError::Connect(e.to_string()))?;
        let ping_every = ping_interval();
        let mut socket = Self {
            stream,
            next_ping: tokio::time::Instant::now() + ping_every,
            pong_deadline: None,
            ping_every,
            fixed_ping: false,
        };
        socket
            .stream
            .send(Message::text(auth_frame(c.token)))
            .await
            .map_err(|e| WsError::Connect(e.to_string()))?;
        loop {
            for frame in socket.read().await? {
                match frame {
                    Frame::Session(session) => return Ok((socket, session)),
                    Frame::Error { code: 401 } => return Err(WsError::Unauthorized),
                    Frame::Error { code } => {
                        return Err(WsError::Connect(format!("error frame code {code}")));
                    }
                    _ => {}
                }
            }
        }
    }

    /// Overrides the ping interval (tests).
    pub fn set_ping_interval(&mut self, every: Duration) {
        self.ping_every = every;
        self.fixed_ping = true;
        self.next_ping = tokio::time::Instant::now() + every;
    }

    /// The next frames: service events, pongs, errors. Pings are sent as they fall due; a
    /// ping unanswered within 1.2 × the interval ends the socket. `t:0 {code:401}` is
    /// [`WsError::Unauthorized`].
    pub async fn next(&mut self) -> Result<Vec<Frame>, WsError> {
        refuse_401(self.read().await?)
    }

    /// The frames already received, without waiting: `None` when nothing more has arrived.
    /// A caller takes a burst's frames together with it (issue 16: one store transaction for
    /// the lot). Pings are left to [`EventSocket::next`].
    pub fn ready(&mut self) -> Option<Result<Vec<Frame>, WsError>> {
        loop {
            // `next()` on the stream is cancel-safe: a message not complete yet stays buffered.
            let message = self.stream.next().now_or_never()?;
            match self.frames_of(message) {
                Ok(Some(frames)) => return Some(refuse_401(frames)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }

    async fn read(&mut self) -> Result<Vec<Frame>, WsError> {
        loop {
            let wake = match self.pong_deadline {
                Some(deadline) => deadline.min(self.next_ping),
                None => self.next_ping,
            };
            tokio::select! {
                message = self.stream.next() => {
                    if let Some(frames) = self.frames_of(message)? {
                        return Ok(frames);
                    }
                }
                () = tokio::time::sleep_until(wake) => {
                    let now = tokio::time::Instant::now();
                    if self.pong_deadline.is_some_and(|d| d <= now) {
                        return Err(WsError::Closed("no answer to ping".into()));
                    }
                    if self.next_ping <= now {
                        self.stream
                            .send(Message::text("p"))
                            .await
                            .map_err(|e| WsError::Closed(e.to_string()))?;
                        if self.pong_deadline.is_none() {
                            self.pong_deadline = Some(now + self.ping_every.mul_f64(1.2));
                        }
                        if !self.fixed_ping {
                            self.ping_every = ping_interval();
                        }
                        self.next_ping = now + self.ping_every;
                    }
                }
            }
        }
    }

    /// The frames of one received message; `None` when it holds none (read on).
    fn frames_of(
        &mut self,
        message: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
    ) -> Result<Option<Vec<Frame>>, WsError> {
        let text = match message {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Close(frame))) => {
                return Err(WsError::Closed(
                    frame.map(|f| f.reason.to_string()).unwrap_or_default(),
                ));
            }
            Some(Ok(_)) => return Ok(None),
            Some(Err(e)) => return Err(WsError::Closed(e.to_string())),
            None => return Err(WsError::Closed("end of stream".into())),
        };
        let frames = decode(text.as_str());
        if frames.contains(&Frame::Pong) {
            self.pong_deadline = None;
        }
        Ok((!frames.is_empty()).then_some(frames))
    }

    /// Closes the socket politely.
    pub async fn close(mut self) {
        let _ = self.stream.close(None).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_frames_are_triple_decoded() {
        let text = r#"{"t":10000,"d":"{\"serviceId\":5,\"event\":\"{\\\"type\\\":1,\\\"message\\\":{\\\"id\\\":\\\"9\\\"}}\"}"}"#;
        assert_eq!(
            decode(text),
            vec![Frame::Service(ServiceEvent {
                service_id: 5,
                kind: 1,
                key: "message".into(),
                payload: json!({"id": "9"}),
            })]
        );
    }

    #[test]
    fn batches_errors_pongs_and_sessions() {
        let inner =
            json!({"serviceId": 3, "event": json!({"type": 2, "follow": {"id": "1"}}).to_string()});
        let batch = json!({"t": 10001, "d": [
            json!({"t": 10000, "d": inner.to_string()}).to_string(),
            {"t": 2, "d": "{\"lastPing\":5}"},
        ]});
        let frames = decode(&batch.to_string());
        assert_eq!(frames.len(), 2);
        assert!(
            matches!(&frames[0], Frame::Service(e) if e.service_id == 3 && e.kind == 2 && e.key == "follow")
        );
        assert_eq!(frames[1], Frame::Pong);
        assert_eq!(
            decode(r#"{"t":0,"d":"{\"code\":401}"}"#),
            vec![Frame::Error { code: 401 }]
        );
        assert_eq!(decode("pong"), vec![Frame::Pong]);
        assert_eq!(
            decode(r#"{"t":1,"d":"{\"session\":{\"id\":\"7\"}}"}"#),
            vec![Frame::Session(json!({"id": "7"}))]
        );
        assert_eq!(decode(r#"{"t":1,"d":{"session":{"id":"7"}}}"#).len(), 1);
        assert!(decode("garbage").is_empty());
        assert_eq!(
            decode(r#"{"t":46001,"d":"{}"}"#),
            vec![Frame::Other { t: 46001 }]
        );
    }

    #[test]
    fn auth_frame_is_double_encoded() {
        let frame: Value = serde_json::from_str(&auth_frame(&SecretString::from("tok"))).unwrap();
        assert_eq!(frame["t"], 1);
        let d: Value = serde_json::from_str(frame["d"].as_str().unwrap()).unwrap();
        assert_eq!(d, json!({"token": "tok", "v": 3}));
    }

    #[test]
    fn backoff_doubles_to_a_cap_with_jitter() {
        for _ in 0..50 {
            let first = reconnect_delay(0).as_millis();
            assert!((1200..=1800).contains(&first), "{first}");
            let capped = reconnect_delay(9).as_millis();
            assert!((12_000..=18_000).contains(&capped), "{capped}");
            let ping = ping_interval().as_millis();
            assert!((20_000..=25_000).contains(&ping));
        }
        assert!(reconnect_delay(2) > Duration::from_millis(4000));
    }
}
