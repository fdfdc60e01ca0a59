//! Per-account outbound proxy URLs (issue 6). A proxy URL may carry credentials, so it is
//! sealed with the keyring, bound to the account id (`account_proxies.proxy_url:<id>`).

use secrecy::SecretString;
use sqlx::PgPool;

use crate::crypto::associated_data;
use crate::{Keyring, StoreError, TenantId, now_ms};

const PROXY_URL: &str = "account_proxies.proxy_url";

pub(super) async fn get(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    account_id: &str,
) -> Result<Option<SecretString>, StoreError> {
    let row: Option<(Vec<u8>, String)> = sqlx::query_as(
        "SELECT proxy_url_enc, proxy_url_kid FROM account_proxies \
         WHERE account_id = $1 AND tenant_id = $2",
    )
    .bind(account_id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    row.map(|(blob, key_id)| {
        keyring.open_secret(&key_id, &blob, &associated_data(PROXY_URL, account_id))
    })
    .transpose()
}

/// Sets (`Some`) or removes (`None`) the account's proxy. [`StoreError::NotFound`] when the
/// tenant has no such account.
pub(super) async fn set(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    account_id: &str,
    proxy: Option<&SecretString>,
) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    let owned: Option<i64> = sqlx::query_scalar(
        "SELECT 1::BIGINT FROM accounts WHERE id = $1 AND tenant_id = $2 FOR SHARE",
    )
    .bind(account_id)
    .bind(tenant.0)
    .fetch_optional(&mut *tx)
    .await?;
    if owned.is_none() {
        return Err(StoreError::NotFound("account".into()));
    }
    match proxy {
        Some(url) => {
            let sealed = keyring.seal_secret(url, &associated_data(PROXY_URL, account_id))?;
            sqlx::query(
                "INSERT INTO account_proxies \
                 (account_id, tenant_id, proxy_url_enc, proxy_url_kid, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (account_id) DO UPDATE SET proxy_url_enc = excluded.proxy_url_enc, \
                 proxy_url_kid = excluded.proxy_url_kid, updated_at = excluded.updated_at",
            )
            .bind(account_id)
            .bind(tenant.0)
            .bind(&sealed.blob)
            .bind(&sealed.key_id)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM account_proxies WHERE account_id = $1 AND tenant_id = $2")
                .bind(account_id)
                .bind(tenant.0)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
