//! Error mapping (route-map §0.4): every upstream failure becomes the right
//! [`FanslyError`] variant, and no message carries a secret.

mod common;

use std::time::Duration;

use common::{Reply, Stub, creds};
use fansly_client::{Auth, FanslyClient, FanslyError, NativeRequest};
use serde_json::json;

async fn session_call(reply: Reply) -> FanslyError {
    let stub = Stub::start(move |_| reply.clone()).await;
    stub.client().account_me(&creds()).await.unwrap_err()
}

#[tokio::test]
async fn unauthorized_with_a_session_is_session_expired() {
    let err = session_call(Reply::fail(401, 1, "unauthorized")).await;
    assert!(matches!(err, FanslyError::SessionExpired), "{err:?}");
}

#[tokio::test]
async fn unauthorized_on_login_is_bad_credentials() {
    let stub = Stub::start(|_| Reply::fail(401, 1, "invalid credentials")).await;
    let err = stub
        .client()
        .login("1", "alice", &"hunter2".into())
        .await
        .unwrap_err();
    match &err {
        FanslyError::BadCredentials { details } => assert_eq!(details, "invalid credentials"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(!err.to_string().contains("hunter2"));
}

#[tokio::test]
async fn login_success_false_is_bad_credentials() {
    let stub = Stub::start(|_| Reply::fail(200, 1, "wrong credentials")).await;
    let err = stub
        .client()
        .login("1", "alice", &"pw".into())
        .await
        .unwrap_err();
    assert!(
        matches!(err, FanslyError::BadCredentials { ref details } if details == "wrong credentials"),
        "{err:?}"
    );
}

#[tokio::test]
async fn unauthorized_on_a_device_call_other_than_login_is_rejected() {
    let stub = Stub::start(|_| Reply::fail(401, 1, "nope")).await;
    let err = stub
        .client()
        .login_twofa("1", "t", "123456")
        .await
        .unwrap_err();
    assert!(
        matches!(err, FanslyError::Rejected { status: 401, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn bad_twofa_code_on_both_verify_routes() {
    let stub = Stub::start(|_| Reply::fail(400, 3, "error verifying session")).await;
    let client = stub.client();
    let err = client.login_twofa("1", "t", "000000").await.unwrap_err();
    assert!(
        matches!(err, FanslyError::BadTwofaCode { ref details } if details == "error verifying session"),
        "{err:?}"
    );
    let err = client
        .twofa_session_verify(&creds(), "t", "000000", 1)
        .await
        .unwrap_err();
    assert!(matches!(err, FanslyError::BadTwofaCode { .. }), "{err:?}");
    // The same answer on an ordinary call stays a plain rejection.
    let err = client.account_me(&creds()).await.unwrap_err();
    assert!(
        matches!(
            err,
            FanslyError::Rejected {
                status: 400,
                code: Some(3),
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn too_many_requests_with_and_without_retry_after() {
    let err = session_call(Reply::fail(429, 0, "slow down").with_header("retry-after", "12")).await;
    assert!(
        matches!(err, FanslyError::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(12)),
        "{err:?}"
    );
    let err = session_call(Reply::text(429, "Too Many Requests")).await;
    assert!(
        matches!(err, FanslyError::RateLimited { retry_after: None }),
        "{err:?}"
    );
    let err = session_call(
        Reply::text(429, "").with_header("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"),
    )
    .await;
    assert!(
        matches!(
            err,
            FanslyError::RateLimited {
                retry_after: Some(Duration::ZERO)
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn teapot_is_rate_limited() {
    let err = session_call(Reply::text(418, "I'm a teapot")).await;
    assert!(
        matches!(err, FanslyError::RateLimited { retry_after: None }),
        "{err:?}"
    );
}

#[tokio::test]
async fn unprocessable_is_rejected_with_code_and_details() {
    let err = session_call(Reply::fail(422, 5, "you can not follow")).await;
    match &err {
        FanslyError::Rejected {
            status,
            code,
            details,
        } => assert_eq!(
            (*status, *code, details.as_str()),
            (422, Some(5), "you can not follow")
        ),
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("you can not follow"));
}

#[tokio::test]
async fn error_message_is_the_fallback_for_details() {
    let body = json!({"success": false, "error": {"code": 99, "message": "group exists"}});
    let err = session_call(Reply::json(403, body)).await;
    assert!(
        matches!(err, FanslyError::Rejected { status: 403, code: Some(99), ref details } if details == "group exists"),
        "{err:?}"
    );
}

#[tokio::test]
async fn ok_status_with_success_false_is_rejected() {
    let err = session_call(Reply::fail(200, 5, "Payment Method Required")).await;
    assert!(
        matches!(err, FanslyError::Rejected { status: 200, code: Some(5), ref details } if details == "Payment Method Required"),
        "{err:?}"
    );
}

#[tokio::test]
async fn server_errors() {
    for status in [500, 502, 503] {
        let err = session_call(Reply::text(status, "<html>oops</html>")).await;
        assert!(
            matches!(err, FanslyError::Server { status: s } if s == status),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn non_json_or_envelope_less_bodies_are_malformed() {
    let err = session_call(Reply::text(200, "<html>maintenance</html>")).await;
    assert!(matches!(err, FanslyError::Malformed(_)), "{err:?}");
    let err = session_call(Reply::json(200, json!({"response": {}}))).await;
    assert!(matches!(err, FanslyError::Malformed(_)), "{err:?}");
}

#[tokio::test]
async fn slow_upstream_times_out() {
    let stub = Stub::start(|_| Reply::ok(json!({})).after(Duration::from_secs(5))).await;
    let mut config = stub.config();
    config.request_timeout = Duration::from_millis(200);
    let client = FanslyClient::new(config).expect("client");
    let started = std::time::Instant::now();
    let err = client.account_me(&creds()).await.unwrap_err();
    assert!(matches!(err, FanslyError::Timeout), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn refused_connection_is_transport() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let config = fansly_client::FanslyConfig {
        api_base: format!("http://{addr}").parse().expect("url"),
        ..Default::default()
    };
    let client = FanslyClient::new(config).expect("client");
    let s = creds();
    let err = client
        .call(NativeRequest::get("/account/me", Auth::Session(&s)))
        .await
        .unwrap_err();
    assert!(matches!(err, FanslyError::Transport(_)), "{err:?}");
    assert!(!err.to_string().contains(common::TOKEN));
}

/// An `https` base goes through TLS on the direct path: a peer that answers in plain HTTP is
/// a transport failure that names TLS, never a session header or the token.
#[tokio::test]
async fn an_https_base_speaks_tls_and_fails_cleanly_against_a_plain_peer() {
    let stub = Stub::start(|_| Reply::ok(json!({}))).await;
    let mut config = stub.config();
    let plain = config.api_base.to_string();
    config.api_base = plain
        .replacen("http://", "https://", 1)
        .parse()
        .expect("url");
    let client = FanslyClient::new(config).expect("client");
    let s = creds();
    let err = client
        .call(NativeRequest::get("/account/me", Auth::Session(&s)))
        .await
        .unwrap_err();
    let FanslyError::Transport(msg) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert!(
        msg.to_lowercase().contains("tls") || msg.contains("InvalidContentType"),
        "{msg}"
    );
    assert!(!err.to_string().contains(common::TOKEN));
}
