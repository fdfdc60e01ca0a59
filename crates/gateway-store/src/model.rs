//! The storage model: tenants, API key records, connected accounts, pending 2FA connects and
//! sensitive-action OTP state, as the [`crate::Store`] trait takes and returns them.
//!
//! Timestamps are `i64` Unix milliseconds. Secrets are [`SecretString`]s; [`Account`] carries
//! none (the session token is read separately through [`crate::Store::session_token`]).

use std::fmt;

use rand::{Rng, distributions::Alphanumeric, rngs::OsRng};
use secrecy::SecretString;

/// A tenant: the id of the API key that owns the data. Every call on tenant data takes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TenantId(pub i64);

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An API key as listed to an administrator. The key itself is never stored, only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    pub id: i64,
    pub name: String,
    /// The first characters of the key, for display (see [`crate::api_key_prefix`]).
    pub prefix: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

impl ApiKeyRecord {
    /// The tenant this key stands for.
    pub fn tenant(&self) -> TenantId {
        TenantId(self.id)
    }
}

/// What the gateway knows after a successful Fansly login, handed to
/// [`crate::Store::upsert_account`].
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Fansly's own account id.
    pub native_id: String,
    /// The username or email given at connect.
    pub login: String,
    /// The dashboard label.
    pub name: String,
    pub country: String,
    pub device_id: String,
    pub session_id: String,
    pub session_token: SecretString,
    /// The native username from `/account/me`, when known.
    pub username: Option<String>,
}

/// A connected Fansly account, without its secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// `fansly_` + 24 base62 characters, minted by the store on first insert.
    pub id: String,
    pub tenant: TenantId,
    pub native_id: String,
    pub login: String,
    pub name: String,
    pub country: String,
    pub username: Option<String>,
    pub device_id: String,
    pub session_id: String,
    pub status: AccountStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_used_at: Option<i64>,
}

/// Whether the stored Fansly session is believed to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountStatus {
    Active,
    /// Fansly answered 401 for the stored session; the account needs a reconnect.
    Expired,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Expired => "expired",
        }
    }

    /// The inverse of [`AccountStatus::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(AccountStatus::Active),
            "expired" => Some(AccountStatus::Expired),
            _ => None,
        }
    }
}

impl fmt::Display for AccountStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The answer to "may this tenant use account `id`?".
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived return value; callers match on Owned(Account) directly"
)]
pub enum AccountAccess {
    Owned(Account),
    /// The account exists under another tenant; nothing of it is revealed.
    Foreign,
    Missing,
}

/// A login that stopped at Fansly's 2FA step, waiting for `/verify-2fa`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPendingConnect {
    pub device_id: String,
    pub login: String,
    pub name: String,
    pub country: String,
    pub expires_at: i64,
}

/// A stored pending connect, with its failed-attempt count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingConnect {
    pub device_id: String,
    pub login: String,
    pub name: String,
    pub country: String,
    pub tries: i64,
    pub expires_at: i64,
    pub created_at: i64,
}

/// The last successful sensitive-action OTP verification of an account.
#[derive(Debug, Clone)]
pub struct OtpVerification {
    pub token: SecretString,
    pub code: SecretString,
    pub verified_at: i64,
}

/// Mints an account id: `fansly_` + 24 base62 characters from the operating system's CSPRNG.
pub fn new_account_id() -> String {
    let mut id = String::with_capacity(31);
    id.push_str("fansly_");
    id.extend(OsRng.sample_iter(&Alphanumeric).take(24).map(char::from));
    id
}

/// The current time as Unix milliseconds.
pub fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_have_the_documented_shape_and_differ() {
        let a = new_account_id();
        let b = new_account_id();
        assert_eq!(a.len(), 31);
        assert!(a.starts_with("fansly_"));
        assert!(a[7..].bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }

    #[test]
    fn status_round_trips() {
        for s in [AccountStatus::Active, AccountStatus::Expired] {
            assert_eq!(AccountStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(AccountStatus::parse("ACTIVE"), None);
    }

    #[test]
    fn now_is_in_milliseconds() {
        // 2020-01-01 in ms; a seconds value would be far smaller.
        assert!(now_ms() > 1_577_836_800_000);
    }
}
