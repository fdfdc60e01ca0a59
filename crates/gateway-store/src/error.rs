//! `StoreError`: the one error type of the storage layer.
//!
//! Messages describe what failed (a table, a rule, a key id) and never carry a secret value:
//! no plaintext, no ciphertext, no key material, no database password.

/// Everything a [`crate::Store`] call or a [`crate::Keyring`] constructor can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or answered something unexpected (a driver or SQL error, a bad row).
    #[error("database error: {0}")]
    Database(String),
    /// Encrypting or decrypting a stored secret failed: unknown key id, truncated or tampered
    /// value, wrong associated data.
    #[error("crypto error: {0}")]
    Crypto(String),
    /// A master key could not be parsed; the message names the rule it broke.
    #[error("invalid master key: {0}")]
    InvalidKey(String),
    /// The master key file could not be read or created.
    #[error("master key file: {0}")]
    KeyFile(String),
    /// A backend or URL scheme this build does not support.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// A uniqueness rule would be broken (e.g. an API key hash or `(tenant, native_id)` twice).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A write aimed at a row that does not exist under the caller's tenant.
    #[error("not found: {0}")]
    NotFound(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        // SQLite and Postgres constraint messages name tables and columns, never bound values.
        if let sqlx::Error::Database(db) = &err
            && db.is_unique_violation()
        {
            return StoreError::Conflict(db.message().to_owned());
        }
        StoreError::Database(err.to_string())
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        StoreError::Database(format!("migration failed: {err}"))
    }
}
