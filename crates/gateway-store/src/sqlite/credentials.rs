//! Kept credentials (`account_credentials`, sealed and bound to the account id) and the
//! re-login state (`account_reauth`), every query scoped by tenant.

use sqlx::{Row as _, SqlitePool};

use crate::crypto::associated_data;
use crate::{
    KeptCredentials, Keyring, Reauth, ReauthState, StoreError, TenantId, TwofaKind, now_ms,
};

const PASSWORD: &str = "account_credentials.password";
const TOTP_SECRET: &str = "account_credentials.totp_secret";

async fn owned(
    tx: &mut sqlx::SqliteConnection,
    tenant: TenantId,
    id: &str,
) -> Result<(), StoreError> {
    let owned: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM accounts WHERE id = ? AND tenant_id = ?")
            .bind(id)
            .bind(tenant.0)
            .fetch_optional(&mut *tx)
            .await?;
    owned
        .map(|_| ())
        .ok_or_else(|| StoreError::NotFound("account".into()))
}

/// Keeps (replaces) the account's credentials and clears its re-login state: new credentials
/// deserve a new attempt.
pub(super) async fn set(
    pool: &SqlitePool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
    creds: &KeptCredentials,
) -> Result<(), StoreError> {
    let password = keyring.seal_secret(&creds.password, &associated_data(PASSWORD, id))?;
    let totp = creds
        .totp_secret
        .as_ref()
        .map(|s| keyring.seal_secret(s, &associated_data(TOTP_SECRET, id)))
        .transpose()?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    owned(&mut tx, tenant, id).await?;
    sqlx::query(
        "INSERT INTO account_credentials (account_id, tenant_id, password_enc, password_kid, \
         totp_enc, totp_kid, twofa_kind, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET password_enc = excluded.password_enc, \
         password_kid = excluded.password_kid, totp_enc = excluded.totp_enc, \
         totp_kid = excluded.totp_kid, twofa_kind = excluded.twofa_kind, \
         updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(tenant.0)
    .bind(&password.blob)
    .bind(&password.key_id)
    .bind(totp.as_ref().map(|t| t.blob.clone()))
    .bind(totp.as_ref().map(|t| t.key_id.clone()))
    .bind(creds.twofa.as_str())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM account_reauth WHERE account_id = ? AND tenant_id = ?")
        .bind(id)
        .bind(tenant.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn get(
    pool: &SqlitePool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
) -> Result<Option<KeptCredentials>, StoreError> {
    let row = sqlx::query(
        "SELECT password_enc, password_kid, totp_enc, totp_kid, twofa_kind \
         FROM account_credentials WHERE account_id = ? AND tenant_id = ?",
    )
    .bind(id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let kind: String = row.try_get("twofa_kind")?;
    let twofa = TwofaKind::parse(&kind).ok_or_else(|| {
        StoreError::Database(format!("account_credentials.twofa_kind holds {kind:?}"))
    })?;
    let password = keyring.open_secret(
        &row.try_get::<String, _>("password_kid")?,
        &row.try_get::<Vec<u8>, _>("password_enc")?,
        &associated_data(PASSWORD, id),
    )?;
    let totp_enc: Option<Vec<u8>> = row.try_get("totp_enc")?;
    let totp_kid: Option<String> = row.try_get("totp_kid")?;
    let totp_secret = match (totp_enc, totp_kid) {
        (Some(blob), Some(kid)) => {
            Some(keyring.open_secret(&kid, &blob, &associated_data(TOTP_SECRET, id))?)
        }
        _ => None,
    };
    Ok(Some(KeptCredentials {
        password,
        totp_secret,
        twofa,
    }))
}

/// `(account id, 2FA kind)` of every account of the tenant that keeps credentials.
pub(super) async fn kinds(
    pool: &SqlitePool,
    tenant: TenantId,
) -> Result<Vec<(String, TwofaKind)>, StoreError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT account_id, twofa_kind FROM account_credentials WHERE tenant_id = ?",
    )
    .bind(tenant.0)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind)| TwofaKind::parse(&kind).map(|k| (id, k)))
        .collect())
}

/// Erases the credentials and the re-login state; false when none were kept.
pub(super) async fn delete(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
) -> Result<bool, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let done =
        sqlx::query("DELETE FROM account_credentials WHERE account_id = ? AND tenant_id = ?")
            .bind(id)
            .bind(tenant.0)
            .execute(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM account_reauth WHERE account_id = ? AND tenant_id = ?")
        .bind(id)
        .bind(tenant.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() > 0)
}

pub(super) fn reauth_row(row: &sqlx::sqlite::SqliteRow) -> Result<Reauth, StoreError> {
    let state: String = row.try_get("state")?;
    Ok(Reauth {
        state: ReauthState::parse(&state)
            .ok_or_else(|| StoreError::Database(format!("account_reauth.state holds {state:?}")))?,
        reason: row.try_get("reason")?,
        failures: row.try_get("failures")?,
        retry_at: row.try_get("retry_at")?,
    })
}

pub(super) async fn reauth(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
) -> Result<Option<Reauth>, StoreError> {
    let row = sqlx::query(
        "SELECT state, reason, failures, retry_at FROM account_reauth \
         WHERE account_id = ? AND tenant_id = ?",
    )
    .bind(id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(reauth_row).transpose()
}

pub(super) async fn reauths(
    pool: &SqlitePool,
    tenant: TenantId,
) -> Result<Vec<(String, Reauth)>, StoreError> {
    let rows = sqlx::query(
        "SELECT account_id, state, reason, failures, retry_at FROM account_reauth \
         WHERE tenant_id = ?",
    )
    .bind(tenant.0)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("account_id")?, reauth_row(r)?)))
        .collect()
}

/// Records (`Some`) or clears (`None`) the re-login state; recording marks the account
/// expired in the same transaction.
pub(super) async fn set_reauth(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
    state: Option<&Reauth>,
) -> Result<(), StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    owned(&mut tx, tenant, id).await?;
    let now = now_ms();
    match state {
        Some(r) => {
            sqlx::query(
                "INSERT INTO account_reauth (account_id, tenant_id, state, reason, failures, \
                 retry_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) \
                 ON CONFLICT (account_id) DO UPDATE SET state = excluded.state, \
                 reason = excluded.reason, failures = excluded.failures, \
                 retry_at = excluded.retry_at, updated_at = excluded.updated_at",
            )
            .bind(id)
            .bind(tenant.0)
            .bind(r.state.as_str())
            .bind(&r.reason)
            .bind(r.failures)
            .bind(r.retry_at)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE accounts SET status = 'expired', updated_at = ? \
                 WHERE id = ? AND tenant_id = ?",
            )
            .bind(now)
            .bind(id)
            .bind(tenant.0)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM account_reauth WHERE account_id = ? AND tenant_id = ?")
                .bind(id)
                .bind(tenant.0)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Stores the session of an automatic re-login: new session id and sealed token, status
/// active, re-login state cleared — one transaction. The caller passes the token sealed by
/// `accounts::seal_token`.
pub(super) async fn replace_session(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
    session_id: &str,
    token: &crate::crypto::Sealed,
) -> Result<(), StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let done = sqlx::query(
        "UPDATE accounts SET session_id = ?, session_token_enc = ?, session_token_kid = ?, \
         status = 'active', updated_at = ? WHERE id = ? AND tenant_id = ?",
    )
    .bind(session_id)
    .bind(&token.blob)
    .bind(&token.key_id)
    .bind(now_ms())
    .bind(id)
    .bind(tenant.0)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("account".into()));
    }
    // The OTP state belonged to the replaced session.
    sqlx::query("DELETE FROM otp_verifications WHERE account_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM account_reauth WHERE account_id = ? AND tenant_id = ?")
        .bind(id)
        .bind(tenant.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `(tenant, account id)` of every account, any tenant, that keeps credentials (the health
/// check looks after these even while expired).
pub(super) async fn kept_all(pool: &SqlitePool) -> Result<Vec<(TenantId, String)>, StoreError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT tenant_id, account_id FROM account_credentials")
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(t, id)| (TenantId(t), id)).collect())
}
