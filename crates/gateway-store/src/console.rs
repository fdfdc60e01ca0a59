//! Web console (issue 13): operator credentials and console sessions, the only rows the
//! console adds. Everything else the console shows goes through the tenant-scoped [`Store`]
//! calls the REST routes use.
//!
//! [`Store`]: crate::Store

use rand::{Rng, distributions::Alphanumeric, rngs::OsRng};
use secrecy::SecretString;
use sha2::{Digest, Sha256};

use crate::TenantId;

/// Every operator secret starts with this.
pub const OPERATOR_SECRET_PREFIX: &str = "fgo_";

/// A new operator secret: `fgo_` + 40 base62 characters from the OS CSPRNG (~238 bits).
pub fn generate_operator_secret() -> SecretString {
    let mut s = String::from(OPERATOR_SECRET_PREFIX);
    s.extend(OsRng.sample_iter(&Alphanumeric).take(40).map(char::from));
    SecretString::from(s)
}

/// SHA-256 of a presented secret or session token: all the store keeps of either.
pub fn hash_console_secret(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// An operator credential as listed (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRecord {
    pub id: i64,
    pub name: String,
    /// The secret's first 12 characters, for telling credentials apart.
    pub prefix: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// Who a console session signed in as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsolePrincipal {
    /// A tenant, by its API key: sees only what the key owns.
    Tenant(TenantId),
    /// An operator: manages API keys.
    Operator { id: i64, name: String },
}

/// A live console session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleSession {
    pub principal: ConsolePrincipal,
    pub created_at: i64,
    pub expires_at: i64,
}
