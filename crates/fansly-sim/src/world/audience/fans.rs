//! Fans: ordinary accounts without the creator flag, each with a main wallet; plus
//! sessions minted directly (tests and world generation log accounts in this way).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::SimError;
use crate::world::accounts::{Account, validate};
use crate::world::money::DEFAULT_FAN_BALANCE;
use crate::world::{NewCreator, Rejection, Session, TwofaMode, World};

/// The password of fans created without one.
pub const DEFAULT_FAN_PASSWORD: &str = "fan-password";

/// Input for a fan (`POST /_sim/fans`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewFan {
    pub username: String,
    /// `<username>@fans.example` when absent.
    #[serde(default)]
    pub email: Option<String>,
    /// [`DEFAULT_FAN_PASSWORD`] when absent.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    /// Main-wallet balance in mills; 50 000 ($50) when absent.
    #[serde(default)]
    pub wallet_balance: Option<i64>,
}

/// A created fan as the control API reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FanInfo {
    pub id: String,
    pub username: String,
    pub email: String,
}

impl World {
    /// Validates and stores a fan (usernames and e-mails unique, case-insensitive) with
    /// its main wallet.
    pub(crate) fn create_fan(&mut self, new: NewFan, now: i64) -> Result<FanInfo, SimError> {
        if new.wallet_balance.is_some_and(|b| b < 0) {
            return Err(SimError::invalid("walletBalance", "must not be negative"));
        }
        let email = new
            .email
            .clone()
            .unwrap_or_else(|| format!("{}@fans.example", new.username.trim()));
        let input = validate(NewCreator {
            username: new.username,
            email,
            password: new
                .password
                .unwrap_or_else(|| DEFAULT_FAN_PASSWORD.to_owned()),
            twofa: TwofaMode::None,
            totp_secret: None,
            display_name: new.display_name,
        })?;
        if self.account_by_username(&input.username).is_some() {
            return Err(SimError::Conflict(format!(
                "username {} is taken",
                input.username
            )));
        }
        if self
            .accounts
            .values()
            .any(|a| a.email.eq_ignore_ascii_case(&input.email))
        {
            return Err(SimError::Conflict(format!(
                "email {} is taken",
                input.email
            )));
        }
        Ok(self.insert_fan(
            input,
            new.wallet_balance.unwrap_or(DEFAULT_FAN_BALANCE),
            now,
        ))
    }

    /// Stores an already validated, unique fan and opens its wallet.
    pub(crate) fn insert_fan(&mut self, input: NewCreator, balance: i64, now: i64) -> FanInfo {
        let id = self.next_id(now);
        let account = Account::fan(id.clone(), input, now);
        let info = FanInfo {
            id: id.clone(),
            username: account.username.clone(),
            email: account.email.clone(),
        };
        self.accounts.insert(id.clone(), account);
        self.give_profile_pictures(&id, now);
        self.open_wallets(&id, false, balance, now);
        info
    }

    /// Lowercased usernames and e-mails already taken (for bulk generation).
    pub(crate) fn taken_names(&self) -> HashSet<String> {
        self.accounts
            .values()
            .flat_map(|a| [a.username.to_lowercase(), a.email.to_lowercase()])
            .collect()
    }

    /// Opens a session for `account_id` without a login (no device, IP 127.0.0.1).
    pub(crate) fn login_as(&mut self, account_id: &str, now: i64) -> Result<Session, Rejection> {
        if self.account(account_id).is_none() {
            return Err(Rejection::NotFound("account not found"));
        }
        Ok(self.open_session(account_id, None, "127.0.0.1", None, now))
    }
}
