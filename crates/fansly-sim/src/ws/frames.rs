//! Frame encoding: `{"t":<type>,"d":"<JSON string>"}` (fansly-native §6.1).

use serde_json::{Value, json};

use crate::world::{Event, Session};

/// Top-level frame types.
pub(super) const T_ERROR: u32 = 0;
pub(super) const T_SESSION: u32 = 1;
pub(super) const T_PING: u32 = 2;
pub(super) const T_SERVICE: u32 = 10000;

fn frame(t: u32, d: &Value) -> String {
    json!({ "t": t, "d": d.to_string() }).to_string()
}

/// `{"t":0,"d":"{\"code\":401}"}`.
pub(super) fn unauthorized() -> String {
    frame(T_ERROR, &json!({ "code": 401 }))
}

/// `{"t":2,"d":"{\"lastPing\":<ms>}"}`.
pub(super) fn pong(now: i64) -> String {
    frame(T_PING, &json!({ "lastPing": now }))
}

/// `{"t":1,"d":"{\"session\":{…}}"}`.
pub(super) fn session(session: &Session, websocket_session_id: &str) -> String {
    let s = json!({
        "id": session.id,
        "token": session.token,
        "accountId": session.account_id,
        "deviceId": session.device_id,
        "status": session.status,
        "ip": Value::Null,
        "lastUsed": session.last_used,
        "twofa_at": session.twofa_at,
        "metadata": Value::Null,
        "createdAt": session.created_at,
        "checkToken": Value::Null,
        "websocketSessionId": websocket_session_id,
    });
    frame(T_SESSION, &json!({ "session": s }))
}

/// `{"t":10000,"d":"{\"serviceId\":S,\"event\":\"{\\\"type\\\":T,…}\"}"}`.
pub(super) fn service(event: &Event) -> String {
    frame(
        T_SERVICE,
        &json!({ "serviceId": event.service_id, "event": event.event_json() }),
    )
}

/// The token of an auth frame `{"t":1,"d":"{\"token\":…,\"v\":3}"}` (`d` may also be
/// an object); `None` for anything else.
pub(super) fn auth_token(text: &str) -> Option<Option<String>> {
    let frame: Value = serde_json::from_str(text).ok()?;
    if frame.get("t").and_then(Value::as_u64) != Some(u64::from(T_SESSION)) {
        return None;
    }
    let d = match frame.get("d") {
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::Null),
        Some(other) => other.clone(),
        None => Value::Null,
    };
    Some(d.get("token").and_then(Value::as_str).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_double_encoded() {
        assert_eq!(unauthorized(), r#"{"d":"{\"code\":401}","t":0}"#);
        assert_eq!(pong(5), r#"{"d":"{\"lastPing\":5}","t":2}"#);
        let event = Event {
            seq: 1,
            account_id: "1".into(),
            service_id: 3,
            kind: 2,
            key: "follow".into(),
            payload: json!({"id": "9"}),
            at: 0,
        };
        let outer: Value = serde_json::from_str(&service(&event)).unwrap();
        assert_eq!(outer["t"], 10000);
        let d: Value = serde_json::from_str(outer["d"].as_str().unwrap()).unwrap();
        assert_eq!(d["serviceId"], 3);
        let inner: Value = serde_json::from_str(d["event"].as_str().unwrap()).unwrap();
        assert_eq!(inner, json!({"type": 2, "follow": {"id": "9"}}));
    }

    #[test]
    fn auth_frames_carry_a_token() {
        let frame = r#"{"t":1,"d":"{\"token\":\"abc\",\"v\":3}"}"#;
        assert_eq!(auth_token(frame), Some(Some("abc".into())));
        assert_eq!(
            auth_token(r#"{"t":1,"d":{"token":"x"}}"#),
            Some(Some("x".into()))
        );
        assert_eq!(auth_token(r#"{"t":1,"d":"{}"}"#), Some(None));
        assert_eq!(auth_token(r#"{"t":46001,"d":"{}"}"#), None);
        assert_eq!(auth_token("p"), None);
    }
}
