//! Sensitive-action OTP state: one row per account, token and code sealed separately and bound
//! to the account (`otp_verifications.token:<id>`, `otp_verifications.code:<id>`). Tenant
//! scoping goes through the owning account row.

use sqlx::{PgPool, Row as _};

use crate::crypto::associated_data;
use crate::{Keyring, OtpVerification, StoreError, TenantId};

const TOKEN: &str = "otp_verifications.token";
const CODE: &str = "otp_verifications.code";

pub(super) async fn put(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    account_id: &str,
    v: &OtpVerification,
) -> Result<(), StoreError> {
    let token = keyring.seal_secret(&v.token, &associated_data(TOKEN, account_id))?;
    let code = keyring.seal_secret(&v.code, &associated_data(CODE, account_id))?;
    // Inserts only if the tenant owns the account, in one statement.
    let done = sqlx::query(
        "INSERT INTO otp_verifications \
         (account_id, token_enc, token_kid, code_enc, code_kid, verified_at) \
         SELECT id, $1, $2, $3, $4, $5 FROM accounts WHERE id = $6 AND tenant_id = $7 \
         ON CONFLICT (account_id) DO UPDATE SET \
         token_enc = excluded.token_enc, token_kid = excluded.token_kid, \
         code_enc = excluded.code_enc, code_kid = excluded.code_kid, \
         verified_at = excluded.verified_at",
    )
    .bind(&token.blob)
    .bind(&token.key_id)
    .bind(&code.blob)
    .bind(&code.key_id)
    .bind(v.verified_at)
    .bind(account_id)
    .bind(tenant.0)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("account".into()));
    }
    Ok(())
}

pub(super) async fn get(
    pool: &PgPool,
    keyring: &Keyring,
    tenant: TenantId,
    account_id: &str,
) -> Result<Option<OtpVerification>, StoreError> {
    let row = sqlx::query(
        "SELECT o.token_enc, o.token_kid, o.code_enc, o.code_kid, o.verified_at \
         FROM otp_verifications o JOIN accounts a ON a.id = o.account_id \
         WHERE o.account_id = $1 AND a.tenant_id = $2",
    )
    .bind(account_id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let token_enc: Vec<u8> = row.try_get("token_enc")?;
    let token_kid: String = row.try_get("token_kid")?;
    let code_enc: Vec<u8> = row.try_get("code_enc")?;
    let code_kid: String = row.try_get("code_kid")?;
    Ok(Some(OtpVerification {
        token: keyring.open_secret(&token_kid, &token_enc, &associated_data(TOKEN, account_id))?,
        code: keyring.open_secret(&code_kid, &code_enc, &associated_data(CODE, account_id))?,
        verified_at: row.try_get("verified_at")?,
    }))
}
