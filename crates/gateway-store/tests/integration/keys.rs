//! API keys: create, list, revoke, find, active.

use gateway_store::{Store, StoreError, TenantId, api_key_prefix, generate_api_key, hash_api_key};
use secrecy::ExposeSecret;

use crate::common::*;

both! {
    async fn create_list_find_and_revoke(db) {
        let store: &dyn Store = &*db.store;
        let key = generate_api_key();
        let key = key.expose_secret();
        let hash = hash_api_key(key);

        let a = store
            .create_api_key("ci", &api_key_prefix(key), &hash)
            .await
            .unwrap();
        let b = store
            .create_api_key("other", "fgw_other000", &[9; 32])
            .await
            .unwrap();
        assert_eq!(a.name, "ci");
        assert_eq!(a.prefix, &key[..12]);
        assert_eq!(a.revoked_at, None);
        assert!(b.id > a.id);
        assert_eq!(
            store.list_api_keys().await.unwrap(),
            vec![a.clone(), b.clone()]
        );

        assert_eq!(
            store.find_active_api_key(&hash).await.unwrap(),
            Some(TenantId(a.id))
        );
        assert_eq!(store.find_active_api_key(&[0; 32]).await.unwrap(), None);
        assert_eq!(
            store.active_api_keys().await.unwrap(),
            vec![(TenantId(a.id), hash), (TenantId(b.id), [9; 32])]
        );

        assert!(store.revoke_api_key(a.id).await.unwrap());
        assert!(
            !store.revoke_api_key(a.id).await.unwrap(),
            "already revoked"
        );
        assert!(!store.revoke_api_key(9_999).await.unwrap(), "unknown");

        assert_eq!(store.find_active_api_key(&hash).await.unwrap(), None);
        assert_eq!(
            store.active_api_keys().await.unwrap(),
            vec![(TenantId(b.id), [9; 32])]
        );
        let listed = store.list_api_keys().await.unwrap();
        assert!(listed[0].revoked_at.is_some());
        assert_eq!(listed[1].revoked_at, None);
    }
}

both! {
    async fn duplicate_hash_is_a_conflict(db) {
        db.store.create_api_key("a", "p", &[1; 32]).await.unwrap();
        let err = db
            .store
            .create_api_key("b", "p", &[1; 32])
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    }
}

both! {
    async fn revoking_a_key_keeps_its_accounts(db) {
        let store: &dyn Store = &*db.store;
        let key = store.create_api_key("a", "p", &[1; 32]).await.unwrap();
        let (acct, _) = store
            .upsert_account(key.tenant(), new_account("1", "a@x", "tok"))
            .await
            .unwrap();
        assert!(store.revoke_api_key(key.id).await.unwrap());
        let left = store.accounts(key.tenant()).await.unwrap();
        assert_eq!(left, vec![acct]);
    }
}

both! {
    async fn accounts_need_an_existing_tenant(db) {
        let err = db
            .store
            .upsert_account(TenantId(42), new_account("1", "a", "t"))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Database(_)), "{err}");
    }
}
