//! `migrate_data::copy_sqlite_to_postgres` (PostgreSQL only): a SQLite installation copied
//! into an empty PostgreSQL schema works there unchanged — same ids, secrets that open,
//! pending deliveries still due, usage kept — and copying twice is refused.

use gateway_store::migrate_data::copy_sqlite_to_postgres;
use gateway_store::{
    DeliveryAttempt, DeliveryStatus, KeptCredentials, KeyUsage, Keyring, NewPendingConnect,
    NewWebhookEndpoint, NewWebhookEvent, OtpVerification, PayloadStyle, PgStore, Store, StoreError,
    TwofaKind,
};
use secrecy::{ExposeSecret, SecretString};

use crate::common::*;

fn endpoint(url: &str) -> NewWebhookEndpoint {
    NewWebhookEndpoint {
        url: url.into(),
        events: vec!["messages.received".into()],
        payload_style: PayloadStyle::Envelope,
        account_ids: None,
        description: "d".into(),
        secret: SecretString::from("whsec_abc"),
        now: 1_000,
    }
}

fn event<'a>(
    id: &'a str,
    tenant: gateway_store::TenantId,
    account: &'a str,
) -> NewWebhookEvent<'a> {
    NewWebhookEvent {
        id,
        tenant,
        account_id: account,
        event: "messages.received",
        dedupe_key: id,
        body: "{\"x\":1}",
        event_type_body: None,
        occurred_at: 1_000,
        now: 1_000,
        only_endpoint: None,
    }
}

#[tokio::test]
async fn an_installation_moves_to_postgres_with_its_secrets_sealed() {
    let Some(base) = pg_base_url() else {
        return;
    };
    let src = sqlite_db().await;
    let s: &dyn Store = &src.store;
    let a = tenant(s, "a").await;
    let b = tenant(s, "b").await;
    let revoked = tenant(s, "gone").await;
    assert!(s.revoke_api_key(revoked.0).await.unwrap());
    assert!(s.set_api_key_plan(a.0, Some("pro")).await.unwrap());
    let operator = s
        .create_console_operator("ops", "fgo_1234", &[5; 32])
        .await
        .unwrap();
    let (acct, _) = s
        .upsert_account(a, new_account("100", "Model@x", "session-token-1"))
        .await
        .unwrap();
    let (acct_b, _) = s
        .upsert_account(b, new_account("200", "other", "session-token-2"))
        .await
        .unwrap();
    s.set_account_proxy(
        a,
        &acct.id,
        Some(&SecretString::from("socks5://u:p@127.0.0.1:1")),
    )
    .await
    .unwrap();
    s.set_credentials(
        a,
        &acct.id,
        &KeptCredentials {
            password: SecretString::from("hunter2"),
            totp_secret: None,
            twofa: TwofaKind::None,
        },
    )
    .await
    .unwrap();
    s.put_otp_verification(
        a,
        &acct.id,
        &OtpVerification {
            token: SecretString::from("otp-tok"),
            code: SecretString::from("123456"),
            verified_at: 5,
        },
    )
    .await
    .unwrap();
    s.put_pending_connect(
        b,
        "twofa-token",
        NewPendingConnect {
            device_id: "d".into(),
            login: "l".into(),
            name: "n".into(),
            country: "US".into(),
            expires_at: i64::MAX,
        },
    )
    .await
    .unwrap();
    s.advance_event_cursor(a, &acct.id, 777).await.unwrap();
    let ep = s
        .create_webhook_endpoint(a, endpoint("https://hooks.example/in?token=URL-SECRET"))
        .await
        .unwrap();
    let first = s
        .record_webhook_event(&event("evt_1", a, &acct.id))
        .await
        .unwrap()
        .unwrap();
    s.record_webhook_attempt(&DeliveryAttempt {
        delivery_id: &first[0],
        endpoint_id: &ep.id,
        status: DeliveryStatus::Delivered,
        response_status: Some(200),
        latency_ms: 3,
        error: None,
        next_attempt_at: None,
        now: 1_001,
        disable_endpoint: None,
    })
    .await
    .unwrap();
    let pending = s
        .record_webhook_event(&event("evt_2", a, &acct.id))
        .await
        .unwrap()
        .unwrap();
    s.add_key_usage(&[KeyUsage {
        tenant: a,
        period: "2026-12".into(),
        requests: 41,
        credits: 90,
        webhook_events: 1,
    }])
    .await
    .unwrap();
    let sealed_src: Vec<u8> =
        sqlx::query_scalar("SELECT session_token_enc FROM accounts WHERE id = $1")
            .bind(&acct.id)
            .fetch_one(src.store.pool())
            .await
            .unwrap();

    let schema = TestSchema::create(&base, "gwtest").await;
    let dst = PgStore::connect(&schema.url(), Keyring::from_key(KEY_A))
        .await
        .unwrap();
    dst.migrate().await.unwrap();
    let report = copy_sqlite_to_postgres(&src.store, &dst).await.unwrap();
    assert_eq!(report.rows("api_keys"), Some(3));
    assert_eq!(report.rows("accounts"), Some(2));
    assert_eq!(report.rows("webhook_deliveries"), Some(2));
    assert_eq!(report.rows("key_usage"), Some(1));
    assert_eq!(report.rows("request_log"), None);

    // Same keys (ids are tenants), same revocation and plans.
    assert_eq!(
        dst.list_api_keys().await.unwrap(),
        src.store.list_api_keys().await.unwrap()
    );
    assert_eq!(dst.api_key_plan(a).await.unwrap().as_deref(), Some("pro"));
    assert_eq!(
        dst.find_active_api_key(&gateway_store::hash_api_key("gone"))
            .await
            .unwrap(),
        None
    );
    // Secrets were copied sealed (the very bytes) and open with the same master key.
    let sealed_dst: Vec<u8> =
        sqlx::query_scalar("SELECT session_token_enc FROM accounts WHERE id = $1")
            .bind(&acct.id)
            .fetch_one(dst.pool())
            .await
            .unwrap();
    assert_eq!(sealed_dst, sealed_src);
    let token = dst.session_token(a, &acct.id).await.unwrap().unwrap();
    assert_eq!(token.expose_secret(), "session-token-1");
    assert_eq!(
        dst.session_token(b, &acct_b.id)
            .await
            .unwrap()
            .unwrap()
            .expose_secret(),
        "session-token-2"
    );
    assert_eq!(
        dst.accounts(a).await.unwrap(),
        src.store.accounts(a).await.unwrap()
    );
    assert_eq!(
        dst.account_proxy(a, &acct.id)
            .await
            .unwrap()
            .unwrap()
            .expose_secret(),
        "socks5://u:p@127.0.0.1:1"
    );
    let creds = dst.credentials(a, &acct.id).await.unwrap().unwrap();
    assert_eq!(creds.password.expose_secret(), "hunter2");
    let otp = dst.otp_verification(a, &acct.id).await.unwrap().unwrap();
    assert_eq!(otp.code.expose_secret(), "123456");
    assert!(
        dst.pending_connect(b, "twofa-token", 0)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(dst.event_cursor(a, &acct.id).await.unwrap(), Some(777));
    // Webhooks: the endpoint with its sealed URL and secret; the pending delivery is still
    // due, the delivered one is not.
    let got = dst.webhook_endpoint(a, &ep.id).await.unwrap().unwrap();
    assert_eq!(got.url, "https://hooks.example/in?token=URL-SECRET");
    assert_eq!(
        dst.webhook_endpoints_due(2_000).await.unwrap(),
        vec![ep.id.clone()]
    );
    let due = dst
        .next_due_webhook_delivery(&ep.id, 2_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(due.id, pending[0]);
    assert_eq!(due.secret.expose_secret(), "whsec_abc");
    assert_eq!(
        dst.key_usage("2026-12").await.unwrap(),
        src.store.key_usage("2026-12").await.unwrap()
    );
    // The console's operators come along (hash only), and identities continue after the
    // copied values.
    assert_eq!(
        dst.find_console_operator(&[5; 32]).await.unwrap(),
        Some(operator.clone())
    );
    let next = dst.create_api_key("new", "p", &[9; 32]).await.unwrap();
    assert!(next.id > revoked.0, "{} after {}", next.id, revoked.0);
    let next_op = dst
        .create_console_operator("ops2", "fgo_5678", &[6; 32])
        .await
        .unwrap();
    assert!(next_op.id > operator.id);
    let newer = dst
        .record_webhook_event(&event("evt_3", a, &acct.id))
        .await
        .unwrap()
        .unwrap();
    let list = dst.webhook_deliveries(a, &ep.id, None, 10).await.unwrap();
    assert_eq!(list[0].id, newer[0], "the newest delivery lists first");
    assert_eq!(list.len(), 3);

    // A second copy into the now occupied database is refused.
    assert!(matches!(
        copy_sqlite_to_postgres(&src.store, &dst).await,
        Err(StoreError::Conflict(_))
    ));
}
