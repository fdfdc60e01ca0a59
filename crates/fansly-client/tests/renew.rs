//! Session renewal (`fansly_client::renew`): a 401 asks the renewer in scope for a new
//! session and the call is sent exactly once more with it — writes too — and never loops.

mod common;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Reply, Stub, creds};
use fansly_client::renew::{Renew, scope};
use fansly_client::{FanslyError, SecretString, SessionCreds};

/// Hands out a session with `token`, counting how often it was asked.
struct Fixed {
    token: &'static str,
    asked: AtomicUsize,
}

impl Renew for Fixed {
    fn renew<'a>(
        &'a self,
        dead: &'a SessionCreds,
    ) -> Pin<Box<dyn Future<Output = Option<SessionCreds>> + Send + 'a>> {
        Box::pin(async move {
            self.asked.fetch_add(1, Ordering::SeqCst);
            Some(SessionCreds {
                device_id: dead.device_id.clone(),
                session_id: "renewed".into(),
                token: SecretString::from(self.token),
            })
        })
    }
}

/// 401 unless the request carries the `fresh` token.
async fn stub() -> Stub {
    Stub::start(|req| {
        if req.header("authorization") == Some("fresh") {
            Reply::ok(serde_json::json!({"ok": true}))
        } else {
            Reply::fail(401, 1, "unauthorized")
        }
    })
    .await
}

#[tokio::test]
async fn a_dead_session_is_renewed_and_the_call_sent_once_more() {
    let stub = stub().await;
    let renewer = Arc::new(Fixed {
        token: "fresh",
        asked: AtomicUsize::new(0),
    });
    let client = stub.client();
    let r = scope(renewer.clone(), client.account_me(&creds())).await;
    assert!(r.is_ok(), "{r:?}");
    // A write as well.
    let r = scope(renewer.clone(), client.list_create(&creds(), "x")).await;
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(renewer.asked.load(Ordering::SeqCst), 2);
    let seen = stub.requests();
    assert_eq!(seen.len(), 4, "each call: the 401, then one retry");
    assert_eq!(seen[1].header("fansly-session-id"), Some("renewed"));
    assert_eq!(seen[3].method, "POST");
}

#[tokio::test]
async fn without_a_renewer_or_with_a_dead_renewal_the_401_surfaces_without_a_loop() {
    let stub = stub().await;
    let client = stub.client();
    let err = client.account_me(&creds()).await.unwrap_err();
    assert!(matches!(err, FanslyError::SessionExpired), "{err:?}");
    assert_eq!(stub.requests().len(), 1);

    let still_dead = Arc::new(Fixed {
        token: "also-dead",
        asked: AtomicUsize::new(0),
    });
    let err = scope(still_dead.clone(), client.account_me(&creds()))
        .await
        .unwrap_err();
    assert!(matches!(err, FanslyError::SessionExpired), "{err:?}");
    assert_eq!(still_dead.asked.load(Ordering::SeqCst), 1);
    assert_eq!(stub.requests().len(), 3, "one retry, no more");
}
