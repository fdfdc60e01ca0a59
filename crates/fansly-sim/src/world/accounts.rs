//! Accounts (creators for now; fans later) and creator seeding.

use serde::{Deserialize, Serialize};

use super::World;
use crate::error::SimError;
use crate::totp::{base32_decode, generate_secret};

/// Account flag bits (route-map §4.3).
pub(crate) const FLAG_CREATOR: u32 = 2;
pub(crate) const FLAG_EMAIL_VERIFIED: u32 = 16;
pub(crate) const FLAG_TWOFA: u32 = 32;

/// How a creator proves the second factor at login.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TwofaMode {
    /// No 2FA: a session straight away (unless the new-device check asks for a code).
    #[default]
    None,
    /// A type-2 challenge: a 6-digit code goes to the outbox.
    Email,
    /// A type-1 challenge: an RFC 6238 code from the authenticator secret.
    Totp,
}

/// Input for seeding a creator (`POST /_sim/creators`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCreator {
    pub username: String,
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub twofa: TwofaMode,
    #[serde(default)]
    pub totp_secret: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// A seeded creator as the control API reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatorInfo {
    pub id: String,
    pub username: String,
    pub email: String,
    pub display_name: String,
    pub twofa: TwofaMode,
    pub totp_secret: Option<String>,
}

/// One account with its profile and counters (native names in the JSON views).
#[derive(Clone, Debug)]
pub(crate) struct Account {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub twofa: TwofaMode,
    pub totp_secret: Option<String>,
    pub flags: u32,
    pub version: u32,
    pub created_at: i64,
    pub about: String,
    pub location: String,
    pub status_id: u8,
    pub last_seen_at: i64,
    pub follow_count: u64,
    pub subscriber_count: u64,
    pub post_likes: u64,
    pub account_media_likes: u64,
    /// Profile pictures ([`World::give_profile_pictures`]).
    pub avatar: Option<super::media::Media>,
    pub banner: Option<super::media::Media>,
    pub socials: Vec<super::profile::Social>,
}

impl Account {
    /// A fan: an account without the creator flag (input validated by the caller).
    pub(crate) fn fan(id: String, new: NewCreator, now: i64) -> Self {
        Self {
            id,
            display_name: new.display_name.unwrap_or_else(|| new.username.clone()),
            username: new.username,
            email: new.email,
            password: new.password,
            twofa: TwofaMode::None,
            totp_secret: None,
            flags: FLAG_EMAIL_VERIFIED,
            version: 1,
            created_at: now,
            about: String::new(),
            location: String::new(),
            status_id: 2,
            last_seen_at: now,
            follow_count: 0,
            subscriber_count: 0,
            post_likes: 0,
            account_media_likes: 0,
            avatar: None,
            banner: None,
            socials: Vec::new(),
        }
    }

    pub(crate) fn info(&self) -> CreatorInfo {
        CreatorInfo {
            id: self.id.clone(),
            username: self.username.clone(),
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            twofa: self.twofa,
            totp_secret: self.totp_secret.clone(),
        }
    }
}

impl World {
    /// Validates and stores a creator; usernames and e-mails are unique, case-insensitive.
    pub(crate) fn create_creator(
        &mut self,
        new: NewCreator,
        now: i64,
    ) -> Result<CreatorInfo, SimError> {
        let new = validate(new)?;
        if self.account_by_username(&new.username).is_some() {
            return Err(SimError::Conflict(format!(
                "username {} is taken",
                new.username
            )));
        }
        if self
            .accounts
            .values()
            .any(|a| a.email.eq_ignore_ascii_case(&new.email))
        {
            return Err(SimError::Conflict(format!("email {} is taken", new.email)));
        }
        let totp_secret = match new.twofa {
            TwofaMode::Totp => Some(new.totp_secret.unwrap_or_else(generate_secret)),
            TwofaMode::None | TwofaMode::Email => None,
        };
        let twofa_flag = if new.twofa == TwofaMode::None {
            0
        } else {
            FLAG_TWOFA
        };
        let id = self.next_id(now);
        let account = Account {
            id: id.clone(),
            display_name: new.display_name.unwrap_or_else(|| new.username.clone()),
            username: new.username,
            email: new.email,
            password: new.password,
            twofa: new.twofa,
            totp_secret,
            flags: FLAG_CREATOR | FLAG_EMAIL_VERIFIED | twofa_flag,
            version: 1,
            created_at: now,
            about: String::new(),
            location: String::new(),
            status_id: 2,
            last_seen_at: now,
            follow_count: 0,
            subscriber_count: 0,
            post_likes: 0,
            account_media_likes: 0,
            avatar: None,
            banner: None,
            socials: Vec::new(),
        };
        let info = account.info();
        self.accounts.insert(id, account);
        self.give_profile_pictures(&info.id, now);
        self.seed_creator_audience(&info.id, now);
        self.seed_creator_content(&info.id, now);
        Ok(info)
    }

    pub(crate) fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.get(id)
    }

    pub(crate) fn account_by_username(&self, username: &str) -> Option<&Account> {
        self.accounts
            .values()
            .find(|a| a.username.eq_ignore_ascii_case(username))
    }

    /// The account a login name (username or e-mail, any case) refers to.
    pub(super) fn account_by_login(&self, login: &str) -> Option<&Account> {
        let login = login.trim();
        self.account_by_username(login).or_else(|| {
            self.accounts
                .values()
                .find(|a| a.email.eq_ignore_ascii_case(login))
        })
    }
}

pub(super) fn validate(mut new: NewCreator) -> Result<NewCreator, SimError> {
    new.username = new.username.trim().to_owned();
    new.email = new.email.trim().to_owned();
    let username_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    if new.username.is_empty() || new.username.len() > 64 || !new.username.chars().all(username_ok)
    {
        return Err(SimError::invalid(
            "username",
            "1 to 64 characters from A-Z, a-z, 0-9, '_', '.', '-'",
        ));
    }
    let email_ok = new.email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    }) && !new.email.contains(char::is_whitespace);
    if !email_ok {
        return Err(SimError::invalid("email", "must look like name@domain"));
    }
    if new.password.is_empty() {
        return Err(SimError::invalid("password", "must not be empty"));
    }
    if new
        .display_name
        .as_ref()
        .is_some_and(|n| n.trim().is_empty())
    {
        return Err(SimError::invalid("displayName", "must not be blank"));
    }
    if let Some(secret) = &new.totp_secret {
        if new.twofa != TwofaMode::Totp {
            return Err(SimError::invalid(
                "totpSecret",
                "only allowed with twofa \"totp\"",
            ));
        }
        if base32_decode(secret).is_none() {
            return Err(SimError::invalid("totpSecret", "must be non-empty base32"));
        }
    }
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creator(username: &str, email: &str) -> NewCreator {
        NewCreator {
            username: username.into(),
            email: email.into(),
            password: "pw".into(),
            twofa: TwofaMode::None,
            totp_secret: None,
            display_name: None,
        }
    }

    #[test]
    fn duplicates_conflict_case_insensitively() {
        let mut world = World::default();
        world
            .create_creator(creator("Maria", "maria@example.com"), 1)
            .unwrap();
        let err = world
            .create_creator(creator("maria", "other@example.com"), 2)
            .unwrap_err();
        assert!(matches!(err, SimError::Conflict(_)));
        let err = world
            .create_creator(creator("other", "MARIA@example.com"), 3)
            .unwrap_err();
        assert!(matches!(err, SimError::Conflict(_)));
    }

    #[test]
    fn bad_input_names_the_field() {
        let mut world = World::default();
        let cases = [
            (creator("", "a@b.c"), "username"),
            (creator("a b", "a@b.c"), "username"),
            (creator("ok", "nope"), "email"),
            (
                NewCreator {
                    password: String::new(),
                    ..creator("ok", "a@b.c")
                },
                "password",
            ),
            (
                NewCreator {
                    totp_secret: Some("GEZDGNBV".into()),
                    ..creator("ok", "a@b.c")
                },
                "totpSecret",
            ),
            (
                NewCreator {
                    twofa: TwofaMode::Totp,
                    totp_secret: Some("!!".into()),
                    ..creator("ok", "a@b.c")
                },
                "totpSecret",
            ),
        ];
        for (input, field) in cases {
            match world.create_creator(input, 1) {
                Err(SimError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("expected invalid {field}, got {other:?}"),
            }
        }
    }

    #[test]
    fn flags_and_generated_secret() {
        let mut world = World::default();
        let plain = world.create_creator(creator("plain", "p@x.io"), 1).unwrap();
        assert_eq!(world.account(&plain.id).unwrap().flags, 18);
        let totp = world
            .create_creator(
                NewCreator {
                    twofa: TwofaMode::Totp,
                    ..creator("t", "t@x.io")
                },
                1,
            )
            .unwrap();
        assert_eq!(world.account(&totp.id).unwrap().flags, 50);
        assert_eq!(totp.totp_secret.unwrap().len(), 32);
        assert!(world.account_by_login("T@X.IO").is_some());
    }
}
