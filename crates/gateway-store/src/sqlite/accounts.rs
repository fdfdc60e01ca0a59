//! Connected account rows, every query scoped by tenant. The session token is sealed with the
//! keyring, bound to the account id (`accounts.session_token:<id>`).

use secrecy::SecretString;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row as _, SqlitePool};

use crate::crypto::associated_data;
use crate::{
    Account, AccountAccess, AccountListing, AccountStatus, Keyring, NewAccount, StoreError,
    TenantId, TwofaKind, new_account_id, now_ms,
};

pub(super) const SESSION_TOKEN: &str = "accounts.session_token";
/// The account columns every read returns, as a literal for `concat!`.
macro_rules! columns {
    () => {
        "id, tenant_id, native_id, login, name, country, username, device_id, session_id, \
         status, created_at, updated_at, last_used_at"
    };
}

fn account(row: &SqliteRow) -> Result<Account, StoreError> {
    let status: String = row.try_get("status")?;
    Ok(Account {
        id: row.try_get("id")?,
        tenant: TenantId(row.try_get("tenant_id")?),
        native_id: row.try_get("native_id")?,
        login: row.try_get("login")?,
        name: row.try_get("name")?,
        country: row.try_get("country")?,
        username: row.try_get("username")?,
        device_id: row.try_get("device_id")?,
        session_id: row.try_get("session_id")?,
        status: AccountStatus::parse(&status).ok_or_else(|| {
            StoreError::Database(format!("accounts.status holds unknown value {status:?}"))
        })?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

fn not_found() -> StoreError {
    StoreError::NotFound("account".into())
}

pub(super) async fn upsert(
    pool: &SqlitePool,
    keyring: &Keyring,
    tenant: TenantId,
    new: NewAccount,
) -> Result<(Account, bool), StoreError> {
    let now = now_ms();
    // IMMEDIATE takes the write lock up front, so the read below cannot go stale.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let existing: Option<String> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE tenant_id = ? AND native_id = ?")
            .bind(tenant.0)
            .bind(&new.native_id)
            .fetch_optional(&mut *tx)
            .await?;
    let created = existing.is_none();
    let id = existing.unwrap_or_else(new_account_id);
    let token = keyring.seal_secret(&new.session_token, &associated_data(SESSION_TOKEN, &id))?;
    let row = if created {
        sqlx::query(concat!(
            "INSERT INTO accounts (id, tenant_id, native_id, login, name, country, username, \
             device_id, session_id, session_token_enc, session_token_kid, status, created_at, \
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) \
             RETURNING ",
            columns!()
        ))
        .bind(&id)
        .bind(tenant.0)
        .bind(&new.native_id)
        .bind(&new.login)
        .bind(&new.name)
        .bind(&new.country)
        .bind(&new.username)
        .bind(&new.device_id)
        .bind(&new.session_id)
        .bind(&token.blob)
        .bind(&token.key_id)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
    } else {
        // The OTP state belonged to the replaced session.
        sqlx::query("DELETE FROM otp_verifications WHERE account_id = ?")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        // A person's reconnect ends any automatic re-login state (issue 14).
        sqlx::query("DELETE FROM account_reauth WHERE account_id = ?")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(concat!(
            "UPDATE accounts SET login = ?, name = ?, country = ?, \
             username = COALESCE(?, username), device_id = ?, session_id = ?, \
             session_token_enc = ?, session_token_kid = ?, status = 'active', updated_at = ? \
             WHERE id = ? RETURNING ",
            columns!()
        ))
        .bind(&new.login)
        .bind(&new.name)
        .bind(&new.country)
        .bind(&new.username)
        .bind(&new.device_id)
        .bind(&new.session_id)
        .bind(&token.blob)
        .bind(&token.key_id)
        .bind(now)
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?
    };
    let account = account(&row)?;
    tx.commit().await?;
    Ok((account, created))
}

/// `tenant`'s access to the account, and the row itself (whoever owns it) for the cache.
pub(super) async fn access_row(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
) -> Result<(AccountAccess, Option<Account>), StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM accounts WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        None => (AccountAccess::Missing, None),
        Some(row) => {
            let a = account(&row)?;
            if a.tenant == tenant {
                (AccountAccess::Owned(a.clone()), Some(a))
            } else {
                (AccountAccess::Foreign, Some(a))
            }
        }
    })
}

pub(super) async fn list(pool: &SqlitePool, tenant: TenantId) -> Result<Vec<Account>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM accounts WHERE tenant_id = ? ORDER BY created_at, rowid"
    ))
    .bind(tenant.0)
    .fetch_all(pool)
    .await?;
    rows.iter().map(account).collect()
}

/// `list` with the kept-credentials kind and re-login state of each account: one query.
pub(super) async fn listing(
    pool: &SqlitePool,
    tenant: TenantId,
) -> Result<Vec<AccountListing>, StoreError> {
    let rows = sqlx::query(
        "SELECT a.id, a.tenant_id, a.native_id, a.login, a.name, a.country, a.username, \
         a.device_id, a.session_id, a.status, a.created_at, a.updated_at, a.last_used_at, \
         c.twofa_kind, r.state, r.reason, r.failures, r.retry_at \
         FROM accounts a \
         LEFT JOIN account_credentials c ON c.account_id = a.id AND c.tenant_id = a.tenant_id \
         LEFT JOIN account_reauth r ON r.account_id = a.id AND r.tenant_id = a.tenant_id \
         WHERE a.tenant_id = ? ORDER BY a.created_at, a.rowid",
    )
    .bind(tenant.0)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let kind: Option<String> = row.try_get("twofa_kind")?;
            // No re-login row joined: its columns are NULL.
            let state: Option<String> = row.try_get("state")?;
            let reauth = state
                .map(|_| super::credentials::reauth_row(row))
                .transpose()?;
            Ok(AccountListing {
                account: account(row)?,
                // An unknown kind reads as none kept, as `credential_kinds` skips it.
                credentials: kind.as_deref().and_then(TwofaKind::parse),
                reauth,
            })
        })
        .collect()
}

pub(super) async fn by_login(
    pool: &SqlitePool,
    tenant: TenantId,
    login: &str,
) -> Result<Option<Account>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM accounts WHERE tenant_id = ? AND login = ? COLLATE NOCASE \
         ORDER BY updated_at DESC, rowid DESC LIMIT 1"
    ))
    .bind(tenant.0)
    .bind(login)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(account).transpose()
}

pub(super) async fn most_recent_active(
    pool: &SqlitePool,
    tenant: TenantId,
) -> Result<Option<Account>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM accounts WHERE tenant_id = ? AND status = 'active' \
         ORDER BY last_used_at DESC NULLS LAST, updated_at DESC, rowid DESC LIMIT 1"
    ))
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(account).transpose()
}

pub(super) async fn session_token(
    pool: &SqlitePool,
    keyring: &Keyring,
    tenant: TenantId,
    id: &str,
) -> Result<Option<SecretString>, StoreError> {
    let row: Option<(Vec<u8>, String)> = sqlx::query_as(
        "SELECT session_token_enc, session_token_kid FROM accounts \
         WHERE id = ? AND tenant_id = ?",
    )
    .bind(id)
    .bind(tenant.0)
    .fetch_optional(pool)
    .await?;
    row.map(|(blob, key_id)| {
        keyring.open_secret(&key_id, &blob, &associated_data(SESSION_TOKEN, id))
    })
    .transpose()
}

pub(super) async fn set_status(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
    status: AccountStatus,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE accounts SET status = ?, updated_at = ? WHERE id = ? AND tenant_id = ?",
    )
    .bind(status.as_str())
    .bind(now_ms())
    .bind(id)
    .bind(tenant.0)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    Ok(())
}

pub(super) async fn touch(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
    now: i64,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE accounts SET last_used_at = ? WHERE id = ? AND tenant_id = ?")
        .bind(now)
        .bind(id)
        .bind(tenant.0)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    Ok(())
}

pub(super) async fn update_profile(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
    native_id: &str,
    username: Option<&str>,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE accounts SET native_id = ?, username = ?, updated_at = ? \
         WHERE id = ? AND tenant_id = ?",
    )
    .bind(native_id)
    .bind(username)
    .bind(now_ms())
    .bind(id)
    .bind(tenant.0)
    .execute(pool)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => {
            StoreError::Conflict("another account of this tenant has that native id".into())
        }
        other => other,
    })?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    Ok(())
}

pub(super) async fn delete(
    pool: &SqlitePool,
    tenant: TenantId,
    id: &str,
) -> Result<bool, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // The foreign key cascades too; deleting explicitly does not depend on the pragma.
    sqlx::query(
        "DELETE FROM otp_verifications WHERE account_id IN \
         (SELECT id FROM accounts WHERE id = ? AND tenant_id = ?)",
    )
    .bind(id)
    .bind(tenant.0)
    .execute(&mut *tx)
    .await?;
    // Kept credentials and re-login state go with the account (issue 14).
    for table in ["account_credentials", "account_reauth"] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE account_id IN \
             (SELECT id FROM accounts WHERE id = ? AND tenant_id = ?)"
        ))
        .bind(id)
        .bind(tenant.0)
        .execute(&mut *tx)
        .await?;
    }
    let done = sqlx::query("DELETE FROM accounts WHERE id = ? AND tenant_id = ?")
        .bind(id)
        .bind(tenant.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() > 0)
}
