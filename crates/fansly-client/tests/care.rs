//! Care for the Fansly side at the client level: the cache and its invalidation by writes,
//! `bypass`, pacing of `pace_session`, and proxy routing whose failures never show the proxy
//! credentials.

mod common;

use std::time::{Duration, Instant};

use common::{Reply, Stub, creds};
use fansly_client::{CareConfig, FanslyClient, FanslyError, ProxyUrl, care, proxy};
use serde_json::json;

fn client(stub: &Stub, care: CareConfig) -> FanslyClient {
    FanslyClient::new(stub.config())
        .expect("client")
        .with_care(care)
}

#[tokio::test]
async fn cached_reads_bypass_and_invalidation_by_a_write() {
    let stub = Stub::start(|_| Reply::ok(json!({"account": {"id": "1"}}))).await;
    let c = client(
        &stub,
        CareConfig {
            cache_ttl: Duration::from_secs(60),
            ..CareConfig::off()
        },
    );
    let s = creds();
    c.account_me(&s).await.unwrap();
    c.account_me(&s).await.unwrap();
    assert_eq!(stub.requests().len(), 1, "the second read is cached");
    care::bypass(c.account_me(&s)).await.unwrap();
    assert_eq!(stub.requests().len(), 2, "bypass reads upstream");
    c.session_close(&s).await.unwrap();
    c.account_me(&s).await.unwrap();
    assert_eq!(stub.requests().len(), 4, "a write drops the cache");
    // Not on the cached list: never cached.
    c.vault_albums(&s).await.unwrap();
    c.vault_albums(&s).await.unwrap();
    assert_eq!(stub.requests().len(), 6);
}

#[tokio::test]
async fn pace_session_waits_for_a_slot_instead_of_failing() {
    let stub = Stub::start(|_| Reply::ok(json!({}))).await;
    let c = client(
        &stub,
        CareConfig {
            rate_per_sec: 5,
            burst: 1,
            max_wait: Duration::ZERO,
            ..CareConfig::off()
        },
    );
    let s = creds();
    c.account_me(&s).await.unwrap();
    // The bucket is empty and the deadline zero: an API call is refused at once…
    let err = c.account_me(&s).await.unwrap_err();
    assert!(matches!(err, FanslyError::Paced { .. }), "{err:?}");
    // …while a WebSocket reconnect just waits for its turn.
    let started = Instant::now();
    c.pace_session(&s.session_id).await;
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(150) && waited < Duration::from_millis(900),
        "{waited:?}"
    );
    assert_eq!(stub.requests().len(), 1);
}

#[tokio::test]
async fn a_dead_proxy_fails_as_transport_without_its_credentials() {
    let stub = Stub::start(|_| Reply::ok(json!({}))).await;
    let c = client(&stub, CareConfig::off());
    // Nothing listens on port 9 of loopback.
    let dead = ProxyUrl::parse("socks5://user:hunter2-pw@127.0.0.1:9").unwrap();
    let s = creds();
    c.route_session(&s.session_id, Some(dead.clone()));
    let err = c.account_me(&s).await.unwrap_err();
    assert!(
        matches!(err, FanslyError::Transport(_) | FanslyError::Timeout),
        "{err:?}"
    );
    assert!(!err.to_string().contains("hunter2"), "{err}");
    assert!(!format!("{err:?}").contains("hunter2"), "{err:?}");
    assert!(stub.requests().is_empty());
    // `via` overrides the session route (here: direct).
    proxy::via(None, c.account_me(&s)).await.unwrap();
    assert_eq!(stub.requests().len(), 1);
    // Removing the route goes direct again.
    c.route_session(&s.session_id, None);
    c.account_me(&s).await.unwrap();
    assert_eq!(stub.requests().len(), 2);
    let http_dead = ProxyUrl::parse("http://user:hunter2-pw@127.0.0.1:9").unwrap();
    let err = proxy::via(Some(http_dead), c.account_me(&s))
        .await
        .unwrap_err();
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err}");
}
