//! Web console rows (migration 0014): operators and sessions; a session ends at expiry, at
//! deletion, and when its API key or operator is revoked; only hashes are stored.

use gateway_store::Store;
use gateway_store::console::{
    ConsolePrincipal, OPERATOR_SECRET_PREFIX, generate_operator_secret, hash_console_secret,
};
use secrecy::ExposeSecret;

use crate::common::{both, tenant};

both! {
    async fn operators_are_found_by_hash_until_revoked(db) {
        let store: &dyn Store = &*db.store;
        let secret = generate_operator_secret();
        let secret = secret.expose_secret();
        assert!(secret.starts_with(OPERATOR_SECRET_PREFIX) && secret.len() == 44);
        let hash = hash_console_secret(secret);
        let op = store
            .create_console_operator("ops", &secret[..12], &hash)
            .await
            .unwrap();
        assert_eq!(
            store.find_console_operator(&hash).await.unwrap(),
            Some(op.clone())
        );
        assert_eq!(store.find_console_operator(&[1; 32]).await.unwrap(), None);
        assert_eq!(store.console_operators().await.unwrap(), vec![op.clone()]);
        assert!(store.revoke_console_operator(op.id).await.unwrap());
        assert!(!store.revoke_console_operator(op.id).await.unwrap());
        assert_eq!(store.find_console_operator(&hash).await.unwrap(), None);

        // Only the hash is on disk (the SQLite file; on PostgreSQL the column is the same
        // 32-byte hash, checked by the migration's length rule).
        let Some(path) = db.path.clone() else {
            return;
        };
        let raw = std::fs::read(&path).unwrap();
        let wal = std::fs::read(path.with_extension("db-wal")).unwrap_or_default();
        for bytes in [&raw, &wal] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "the operator secret is stored in plain text"
            );
        }
    }
}

both! {
    async fn sessions_end_at_expiry_deletion_and_revocation(db) {
        let store: &dyn Store = &*db.store;
        let t = tenant(store, "tenant-a").await;
        let tenant_session = hash_console_secret("token-a");
        store
            .create_console_session(&tenant_session, &ConsolePrincipal::Tenant(t), 1_000, 5_000)
            .await
            .unwrap();
        let s = store
            .console_session(&tenant_session, 4_999)
            .await
            .unwrap()
            .expect("live");
        assert_eq!(s.principal, ConsolePrincipal::Tenant(t));
        assert_eq!((s.created_at, s.expires_at), (1_000, 5_000));
        assert_eq!(
            store.console_session(&tenant_session, 5_000).await.unwrap(),
            None
        );
        assert_eq!(
            store
                .console_session(&hash_console_secret("other"), 2_000)
                .await
                .unwrap(),
            None
        );

        // Revoking the key ends its sessions.
        assert!(store.revoke_api_key(t.0).await.unwrap());
        assert_eq!(
            store.console_session(&tenant_session, 2_000).await.unwrap(),
            None
        );

        // Operator sessions: deleted at sign-out, ended by revoking the operator.
        let op = store
            .create_console_operator("ops", "fgo_12345678", &hash_console_secret("fgo_x"))
            .await
            .unwrap();
        let principal = ConsolePrincipal::Operator {
            id: op.id,
            name: "ops".into(),
        };
        for token in ["op-1", "op-2"] {
            store
                .create_console_session(&hash_console_secret(token), &principal, 1_000, 9_000)
                .await
                .unwrap();
        }
        let op1 = hash_console_secret("op-1");
        assert_eq!(
            store
                .console_session(&op1, 2_000)
                .await
                .unwrap()
                .unwrap()
                .principal,
            principal
        );
        store.delete_console_session(&op1).await.unwrap();
        assert_eq!(store.console_session(&op1, 2_000).await.unwrap(), None);
        let op2 = hash_console_secret("op-2");
        assert!(store.console_session(&op2, 2_000).await.unwrap().is_some());
        assert!(store.revoke_console_operator(op.id).await.unwrap());
        assert_eq!(store.console_session(&op2, 2_000).await.unwrap(), None);
    }
}
