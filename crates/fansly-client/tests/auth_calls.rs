//! The typed auth calls: method, path and body of each, both login outcomes,
//! both `/login/twofa` response shapes, and token redaction in `Debug`.

mod common;

use common::{Reply, Stub, TOKEN, creds};
use fansly_client::{FanslyError, LoginOutcome, NativeSession, SecretString};
use secrecy::ExposeSecret;
use serde_json::json;

fn session_json() -> serde_json::Value {
    json!({
        "id": "700000000000000001", "token": TOKEN, "accountId": "600000000000000001",
        "deviceId": "697497185943564288", "status": 2, "ip": "127.0.0.1",
        "lastUsed": 1790000000000u64, "twofa_at": null, "metadata": null,
        "createdAt": 1790000000000u64, "checkToken": null, "websocketSessionId": null
    })
}

fn assert_session(s: &NativeSession) {
    assert_eq!(s.id, "700000000000000001");
    assert_eq!(s.token.expose_secret(), TOKEN);
    assert_eq!(s.account_id, "600000000000000001");
}

#[tokio::test]
async fn login_sends_credentials_and_returns_a_session() {
    let stub = Stub::start(|_| Reply::ok(json!({ "session": session_json() }))).await;
    let password = SecretString::from("hunter2");
    let outcome = stub
        .client()
        .login("697497185943564288", "alice@example.com", &password)
        .await
        .expect("login");
    let LoginOutcome::Session(session) = outcome else {
        panic!("expected a session, got {outcome:?}");
    };
    assert_session(&session);
    assert_eq!(session.device_id.as_deref(), Some("697497185943564288"));

    let creds = session.into_creds("697497185943564288".into());
    assert_eq!(creds.session_id, "700000000000000001");

    let req = stub.single();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/api/v1/login")
    );
    assert_eq!(
        req.json(),
        json!({"username": "alice@example.com", "password": "hunter2", "deviceId": "697497185943564288"})
    );
}

#[tokio::test]
async fn login_returns_a_twofa_challenge() {
    let stub = Stub::start(|_| {
        Reply::ok(json!({"twofa": {"token": "600000000000000001:1:1:abcd", "type": 2, "email": "a***@example.com"}}))
    })
    .await;
    let outcome = stub
        .client()
        .login("1", "alice", &"pw".into())
        .await
        .expect("login");
    let LoginOutcome::TwoFactor(challenge) = outcome else {
        panic!("expected a challenge, got {outcome:?}");
    };
    assert_eq!(challenge.token, "600000000000000001:1:1:abcd");
    assert_eq!(challenge.kind, 2);
    assert_eq!(challenge.email, "a***@example.com");
}

#[tokio::test]
async fn login_without_session_or_twofa_is_malformed() {
    let stub = Stub::start(|_| Reply::ok(json!({"something": "else"}))).await;
    let err = stub
        .client()
        .login("1", "alice", &"pw".into())
        .await
        .unwrap_err();
    assert!(matches!(err, FanslyError::Malformed(_)), "{err:?}");

    let stub = Stub::start(|_| Reply::ok(json!({"session": {"id": "1", "accountId": "2"}}))).await;
    let err = stub
        .client()
        .login("1", "alice", &"pw".into())
        .await
        .unwrap_err();
    assert!(
        matches!(err, FanslyError::Malformed(ref m) if m.contains("session.token")),
        "{err:?}"
    );
}

#[tokio::test]
async fn login_twofa_accepts_the_direct_session_shape() {
    let stub = Stub::start(|_| Reply::ok(session_json())).await;
    let session = stub
        .client()
        .login_twofa(
            "697497185943564288",
            "600000000000000001:1:1:abcd",
            "123456",
        )
        .await
        .expect("twofa");
    assert_session(&session);

    let req = stub.single();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/api/v1/login/twofa")
    );
    assert_eq!(
        req.json(),
        json!({"token": "600000000000000001:1:1:abcd", "code": "123456"})
    );
    assert_eq!(req.header("authorization"), None);
    assert_eq!(req.header("fansly-client-id"), Some("697497185943564288"));
}

#[tokio::test]
async fn login_twofa_accepts_the_wrapped_session_shape() {
    let mut session = session_json();
    session["deviceId"] = serde_json::Value::Null;
    let stub = Stub::start(move |_| Reply::ok(json!({ "session": session.clone() }))).await;
    let session = stub
        .client()
        .login_twofa("1", "t", "123456")
        .await
        .expect("twofa");
    assert_session(&session);
    assert_eq!(session.device_id, None);
}

#[tokio::test]
async fn device_id_reads_the_bare_string() {
    let stub = Stub::start(|_| Reply::ok(json!("697497185943564288"))).await;
    assert_eq!(
        stub.client().device_id().await.unwrap(),
        "697497185943564288"
    );

    let stub = Stub::start(|_| Reply::ok(json!({"id": "x"}))).await;
    let err = stub.client().device_id().await.unwrap_err();
    assert!(matches!(err, FanslyError::Malformed(_)), "{err:?}");
}

#[tokio::test]
async fn session_calls_send_their_bodies() {
    let stub = Stub::start(|req| match req.path.as_str() {
        "/api/v1/twofa/session" => {
            Reply::ok(json!({"emailTwofa": {"id": "9", "token": "t", "type": 2}}))
        }
        "/api/v1/twofa/session/verify" => Reply::ok(json!({"id": "9", "status": 3})),
        _ => Reply::ok(json!(true)),
    })
    .await;
    let client = stub.client();
    let s = creds();

    let sent = client.twofa_session_send(&s, true).await.expect("send");
    assert_eq!(sent.response()["emailTwofa"]["token"], "t");
    let verified = client
        .twofa_session_verify(&s, "600:1:1:ab", "654321", 1)
        .await
        .expect("verify");
    assert_eq!(verified.response()["status"], 3);
    client.session_close(&s).await.expect("close");

    let reqs = stub.requests();
    let seen: Vec<(&str, &str, serde_json::Value)> = reqs
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str(), r.json()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "POST",
                "/api/v1/twofa/session",
                json!({"useEmailTwoFAFallback": true})
            ),
            (
                "POST",
                "/api/v1/twofa/session/verify",
                json!({"token": "600:1:1:ab", "code": "654321", "mode": 1})
            ),
            (
                "POST",
                "/api/v1/session/close",
                json!({"id": "700000000000000001"})
            ),
        ]
    );
    for r in &reqs {
        assert_eq!(r.header("authorization"), Some(TOKEN));
        assert_eq!(r.header("fansly-session-id"), Some("700000000000000001"));
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
}

#[tokio::test]
async fn accounts_by_ids_with_no_ids_makes_no_call() {
    let stub = Stub::start(|_| Reply::ok(json!([{"id": "1"}]))).await;
    let resp = stub
        .client()
        .accounts_by_ids(&creds(), &[])
        .await
        .expect("empty");
    assert_eq!(resp.response(), &json!([]));
    assert!(stub.requests().is_empty());
}

#[test]
fn debug_never_prints_the_token() {
    let s = creds();
    let dbg = format!("{s:?} {s:#?}");
    assert!(!dbg.contains(TOKEN), "{dbg}");
    assert!(dbg.contains("700000000000000001"), "{dbg}");

    let session = NativeSession {
        id: "1".into(),
        token: TOKEN.into(),
        account_id: "2".into(),
        device_id: None,
    };
    let dbg = format!("{session:?} {:?}", LoginOutcome::Session(session.clone()));
    assert!(!dbg.contains(TOKEN), "{dbg}");
}
