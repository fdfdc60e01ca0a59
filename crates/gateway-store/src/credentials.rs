//! Opt-in kept Fansly credentials and the re-login state of an account (issue 14).

use secrecy::SecretString;

/// Which second factor a kept login needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TwofaKind {
    /// No second factor.
    None,
    /// An authenticator app; the TOTP secret is kept with the password.
    Authenticator,
    /// A code the gateway cannot produce (e-mailed): a re-login needs a person.
    Email,
}

impl TwofaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TwofaKind::None => "none",
            TwofaKind::Authenticator => "authenticator",
            TwofaKind::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(TwofaKind::None),
            "authenticator" => Some(TwofaKind::Authenticator),
            "email" => Some(TwofaKind::Email),
            _ => None,
        }
    }
}

/// What the gateway keeps to log an account in again. `Debug` redacts the secrets.
#[derive(Debug, Clone)]
pub struct KeptCredentials {
    pub password: SecretString,
    /// Base32 TOTP secret; `Some` exactly when `twofa` is [`TwofaKind::Authenticator`].
    pub totp_secret: Option<SecretString>,
    pub twofa: TwofaKind,
}

/// Why an expired account is not being re-logged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReauthState {
    /// The login needs a code only a person can give.
    Required,
    /// The last automatic login failed.
    Failed,
}

impl ReauthState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReauthState::Required => "reauth_required",
            ReauthState::Failed => "reauth_failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "reauth_required" => Some(ReauthState::Required),
            "reauth_failed" => Some(ReauthState::Failed),
            _ => None,
        }
    }
}

/// One row of an account listing (`Store::account_listing`): the account with the kind of
/// credentials kept for it and its re-login state, read together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountListing {
    pub account: crate::Account,
    /// `Some` when the account keeps credentials for re-login.
    pub credentials: Option<TwofaKind>,
    pub reauth: Option<Reauth>,
}

/// The re-login state of an account, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reauth {
    pub state: ReauthState,
    /// A short machine word (`email_code`, `bad_credentials`, `refused`, `rate_limited`, …).
    pub reason: String,
    /// Consecutive failed automatic logins.
    pub failures: i64,
    /// The earliest time (Unix ms) of the next automatic attempt; `None`: none until a person
    /// acts.
    pub retry_at: Option<i64>,
}
