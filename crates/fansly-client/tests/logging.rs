//! The debug log of a call names it but carries no secret. Alone in its own test binary:
//! a thread-scoped tracing subscriber is unreliable while other tests in the same process
//! hit the same callsites on other threads (tracing caches callsite interest globally).

mod common;

use common::{Reply, Stub, TOKEN, creds};
use fansly_client::FanslyError;
use serde_json::json;

fn session_json() -> serde_json::Value {
    json!({
        "id": "700000000000000001", "token": TOKEN, "accountId": "600000000000000001",
        "deviceId": "697497185943564288", "status": 2, "ip": "127.0.0.1",
        "lastUsed": 1790000000000u64, "twofa_at": null, "metadata": null,
        "createdAt": 1790000000000u64, "checkToken": null, "websocketSessionId": null
    })
}

/// Collects formatted log lines.
#[derive(Clone, Default)]
struct LogBuf(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn debug_logs_name_the_call_but_no_secret() {
    let logs = LogBuf::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let stub = Stub::start(|req| match req.path.as_str() {
        "/api/v1/login" => Reply::ok(json!({ "session": session_json() })),
        _ => Reply::fail(401, 1, "unauthorized"),
    })
    .await;
    let client = stub.client();
    client
        .login("697497185943564288", "alice", &"hunter2".into())
        .await
        .expect("login");
    let err = client.account_me(&creds()).await.unwrap_err();
    assert!(matches!(err, FanslyError::SessionExpired));

    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("path=\"/login\"") || text.contains("path=/login"),
        "{text}"
    );
    assert!(text.contains("status=200"), "{text}");
    assert!(text.contains("status=401"), "{text}");
    assert!(text.contains("latency_ms="), "{text}");
    for secret in ["hunter2", TOKEN, "1c4c4b2e21a302"] {
        assert!(!text.contains(secret), "log leaks {secret}: {text}");
    }
}
