//! Idempotency-Key records, keyed by `(tenant, scope, SHA-256 of the key)`. Claiming is one
//! `INSERT … ON CONFLICT DO NOTHING`, so two concurrent requests with the same key cannot
//! both win; the loser reads the winner's row.

use sha2::{Digest, Sha256};
use sqlx::{Row as _, SqlitePool};

use crate::{IdempotencyClaim, IdempotencyClaimRequest, StoreError, StoredResponse, TenantId};

fn key_hash(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

pub(super) async fn claim(
    pool: &SqlitePool,
    tenant: TenantId,
    req: &IdempotencyClaimRequest<'_>,
) -> Result<IdempotencyClaim, StoreError> {
    let hash = key_hash(req.key);
    // Housekeeping for every tenant: an expired record counts for nobody.
    sqlx::query("DELETE FROM idempotency_keys WHERE expires_at <= ?")
        .bind(req.now)
        .execute(pool)
        .await?;
    // A concurrent release can delete the row between the insert and the read; try again.
    for _ in 0..3 {
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys \
             (tenant_id, scope, key_hash, fingerprint, state, created_at, expires_at) \
             VALUES (?, ?, ?, ?, 'pending', ?, ?) \
             ON CONFLICT (tenant_id, scope, key_hash) DO NOTHING",
        )
        .bind(tenant.0)
        .bind(req.scope)
        .bind(&hash[..])
        .bind(&req.fingerprint[..])
        .bind(req.now)
        .bind(req.expires_at)
        .execute(pool)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(IdempotencyClaim::Claimed);
        }
        let row = sqlx::query(
            "SELECT fingerprint, state, response_status, response_body, created_at \
             FROM idempotency_keys WHERE tenant_id = ? AND scope = ? AND key_hash = ?",
        )
        .bind(tenant.0)
        .bind(req.scope)
        .bind(&hash[..])
        .fetch_optional(pool)
        .await?;
        let Some(row) = row else { continue };
        let fingerprint: Vec<u8> = row.try_get("fingerprint")?;
        if fingerprint != req.fingerprint {
            return Ok(IdempotencyClaim::Mismatch);
        }
        let state: String = row.try_get("state")?;
        if state == "pending" {
            return Ok(IdempotencyClaim::InFlight {
                since: row.try_get("created_at")?,
            });
        }
        let status: Option<i64> = row.try_get("response_status")?;
        let body: Option<Vec<u8>> = row.try_get("response_body")?;
        let status = status.and_then(|s| u16::try_from(s).ok()).ok_or_else(|| {
            StoreError::Database("completed idempotency key without status".into())
        })?;
        return Ok(IdempotencyClaim::Completed(StoredResponse {
            status,
            body: body.unwrap_or_default(),
        }));
    }
    Err(StoreError::Database(
        "idempotency key kept changing while it was claimed".into(),
    ))
}

pub(super) async fn complete(
    pool: &SqlitePool,
    tenant: TenantId,
    scope: &str,
    key: &str,
    response: &StoredResponse,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_body = ? \
         WHERE tenant_id = ? AND scope = ? AND key_hash = ? AND state = 'pending'",
    )
    .bind(i64::from(response.status))
    .bind(&response.body)
    .bind(tenant.0)
    .bind(scope)
    .bind(&key_hash(key)[..])
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("pending idempotency key".into()));
    }
    Ok(())
}

pub(super) async fn release(
    pool: &SqlitePool,
    tenant: TenantId,
    scope: &str,
    key: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM idempotency_keys \
         WHERE tenant_id = ? AND scope = ? AND key_hash = ? AND state = 'pending'",
    )
    .bind(tenant.0)
    .bind(scope)
    .bind(&key_hash(key)[..])
    .execute(pool)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{
        IdempotencyClaim, IdempotencyClaimRequest, Keyring, SqliteStore, Store, StoredResponse,
        TenantId,
    };

    async fn store() -> (SqliteStore, TenantId, TenantId, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = SqliteStore::connect(&url, Keyring::from_key([7; 32]))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let a = store.create_api_key("a", "p", &[1; 32]).await.unwrap();
        let b = store.create_api_key("b", "p", &[2; 32]).await.unwrap();
        (store, a.tenant(), b.tenant(), dir)
    }

    fn req<'a>(key: &'a str, fp: u8, now: i64) -> IdempotencyClaimRequest<'a> {
        IdempotencyClaimRequest {
            scope: "messages.send",
            key,
            fingerprint: [fp; 32],
            now,
            expires_at: now + 1000,
        }
    }

    #[tokio::test]
    async fn claim_complete_replay_mismatch_and_expiry() {
        let (s, a, b, _dir) = store().await;
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 1, 0)).await.unwrap(),
            IdempotencyClaim::Claimed
        );
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 1, 5)).await.unwrap(),
            IdempotencyClaim::InFlight { since: 0 }
        );
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 2, 5)).await.unwrap(),
            IdempotencyClaim::Mismatch
        );
        // Another tenant, or another scope, has its own key space.
        assert_eq!(
            s.claim_idempotency_key(b, &req("k", 2, 5)).await.unwrap(),
            IdempotencyClaim::Claimed
        );
        let other_scope = IdempotencyClaimRequest {
            scope: "mass.send",
            ..req("k", 3, 5)
        };
        assert_eq!(
            s.claim_idempotency_key(a, &other_scope).await.unwrap(),
            IdempotencyClaim::Claimed
        );

        let resp = StoredResponse {
            status: 201,
            body: b"{\"x\":1}".to_vec(),
        };
        s.complete_idempotency_key(a, "messages.send", "k", &resp)
            .await
            .unwrap();
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 1, 10)).await.unwrap(),
            IdempotencyClaim::Completed(resp.clone())
        );
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 9, 10)).await.unwrap(),
            IdempotencyClaim::Mismatch
        );
        // Completing twice is refused; releasing a completed key keeps it.
        assert!(
            s.complete_idempotency_key(a, "messages.send", "k", &resp)
                .await
                .is_err()
        );
        s.release_idempotency_key(a, "messages.send", "k")
            .await
            .unwrap();
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 1, 10)).await.unwrap(),
            IdempotencyClaim::Completed(resp)
        );
        // At expiry the key starts afresh, whatever the request.
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 9, 1000))
                .await
                .unwrap(),
            IdempotencyClaim::Claimed
        );
    }

    #[tokio::test]
    async fn a_released_key_can_be_claimed_again() {
        let (s, a, _, _dir) = store().await;
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 1, 0)).await.unwrap(),
            IdempotencyClaim::Claimed
        );
        s.release_idempotency_key(a, "messages.send", "k")
            .await
            .unwrap();
        assert_eq!(
            s.claim_idempotency_key(a, &req("k", 2, 1)).await.unwrap(),
            IdempotencyClaim::Claimed
        );
    }

    #[tokio::test]
    async fn concurrent_claims_have_one_winner() {
        let (s, a, _, _dir) = store().await;
        let s = std::sync::Arc::new(s);
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let s = std::sync::Arc::clone(&s);
            tasks.push(tokio::spawn(async move {
                s.claim_idempotency_key(a, &req("race", 1, 0))
                    .await
                    .unwrap()
            }));
        }
        let mut claimed = 0;
        for t in tasks {
            match t.await.unwrap() {
                IdempotencyClaim::Claimed => claimed += 1,
                IdempotencyClaim::InFlight { .. } => {}
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(claimed, 1);
    }
}
