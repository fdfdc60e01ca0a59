//! Login (`POST /login`) and its second factor (`POST /login/twofa`), route-map §5.2–5.3.

use super::accounts::TwofaMode;
use super::outbox::LOGIN_CODE;
use super::secrets::{challenge_token, mask_email};
use super::{CODE_TTL_MS, MAX_TRIES, Rejection, Session, World};
use crate::totp::totp_matches;

/// Challenge type 2: a code was e-mailed.
pub(crate) const TYPE_EMAIL: u8 = 2;
/// Challenge type 1: use the authenticator app.
pub(crate) const TYPE_AUTHENTICATOR: u8 = 1;

/// A pending login second factor.
#[derive(Clone, Debug)]
pub(super) struct LoginChallenge {
    account_id: String,
    device_id: Option<String>,
    ip: String,
    kind: u8,
    /// The e-mailed code, when one was sent.
    code: Option<String>,
    tries: u32,
    expires_at: i64,
    used_at: Option<i64>,
}

/// What a login attempt carries.
#[derive(Clone, Debug)]
pub(crate) struct LoginAttempt<'a> {
    pub login: &'a str,
    pub password: &'a str,
    pub device_id: Option<String>,
    pub ip: &'a str,
    pub new_device_check: bool,
}

/// A session straight away, or a challenge to answer on `POST /login/twofa`.
#[derive(Clone, Debug)]
pub(crate) enum LoginOutcome {
    Session(Session),
    Challenge {
        token: String,
        kind: u8,
        email: String,
    },
}

impl World {
    pub(crate) fn login(
        &mut self,
        attempt: LoginAttempt<'_>,
        now: i64,
    ) -> Result<LoginOutcome, Rejection> {
        self.admit_login(attempt.login, now)?;
        let account = self
            .account_by_login(attempt.login)
            .filter(|a| a.password == attempt.password)
            .ok_or(Rejection::InvalidCredentials)?;
        let (account_id, email, mode) = (account.id.clone(), account.email.clone(), account.twofa);
        let kind = match mode {
            TwofaMode::Totp => TYPE_AUTHENTICATOR,
            TwofaMode::Email => TYPE_EMAIL,
            TwofaMode::None
                if attempt.new_device_check
                    && !self.knows_login_device(
                        &account_id,
                        attempt.device_id.as_deref(),
                        attempt.ip,
                    ) =>
            {
                TYPE_EMAIL
            }
            TwofaMode::None => {
                let session =
                    self.open_session(&account_id, attempt.device_id, attempt.ip, None, now);
                return Ok(LoginOutcome::Session(session));
            }
        };
        let token = challenge_token(&account_id);
        let code = (kind == TYPE_EMAIL).then(|| self.send_code(&email, &token, LOGIN_CODE, now));
        self.challenges.insert(
            token.clone(),
            LoginChallenge {
                account_id,
                device_id: attempt.device_id,
                ip: attempt.ip.to_owned(),
                kind,
                code,
                tries: 0,
                expires_at: now + CODE_TTL_MS,
                used_at: None,
            },
        );
        Ok(LoginOutcome::Challenge {
            token,
            kind,
            email: mask_email(&email),
        })
    }

    /// Answers a challenge; a right code consumes it and opens a session with `twofa_at`.
    pub(crate) fn complete_login(
        &mut self,
        token: &str,
        code: &str,
        now: i64,
    ) -> Result<Session, Rejection> {
        let challenge = self
            .challenges
            .get(token)
            .filter(|c| c.used_at.is_none() && c.tries < MAX_TRIES && now < c.expires_at)
            .ok_or(Rejection::VerifyFailed)?;
        let secret = self
            .account(&challenge.account_id)
            .and_then(|a| a.totp_secret.clone());
        let emailed_ok = challenge.code.as_deref() == Some(code);
        let totp_ok = challenge.kind == TYPE_AUTHENTICATOR
            && secret.is_some_and(|s| totp_matches(&s, now.div_euclid(1000), code));
        let Some(challenge) = self.challenges.get_mut(token) else {
            return Err(Rejection::VerifyFailed);
        };
        if !(emailed_ok || totp_ok) {
            challenge.tries += 1;
            return Err(Rejection::VerifyFailed);
        }
        challenge.used_at = Some(now);
        let (account_id, device_id, ip) = (
            challenge.account_id.clone(),
            challenge.device_id.clone(),
            challenge.ip.clone(),
        );
        Ok(self.open_session(&account_id, device_id, &ip, Some(now), now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::NewCreator;

    fn world_with(mode: TwofaMode) -> World {
        let mut world = World::default();
        world
            .create_creator(
                NewCreator {
                    username: "maria".into(),
                    email: "maria@example.com".into(),
                    password: "pw".into(),
                    twofa: mode,
                    totp_secret: None,
                    display_name: None,
                },
                1,
            )
            .unwrap();
        world
    }

    fn attempt(new_device_check: bool) -> LoginAttempt<'static> {
        LoginAttempt {
            login: "MARIA",
            password: "pw",
            device_id: Some("d1".into()),
            ip: "127.0.0.1",
            new_device_check,
        }
    }

    #[test]
    fn new_device_check_asks_once_per_device_and_ip() {
        let mut world = world_with(TwofaMode::None);
        let LoginOutcome::Challenge { token, kind, .. } = world.login(attempt(true), 10).unwrap()
        else {
            panic!("expected a challenge");
        };
        assert_eq!(kind, TYPE_EMAIL);
        let code = world.outbox().last().unwrap().code.clone();
        let session = world.complete_login(&token, &code, 20).unwrap();
        assert_eq!(session.twofa_at, Some(20));
        assert!(matches!(
            world.login(attempt(true), 30).unwrap(),
            LoginOutcome::Session(_)
        ));
        assert_eq!(
            world.complete_login(&token, &code, 40).unwrap_err(),
            Rejection::VerifyFailed
        );
    }

    #[test]
    fn wrong_password_is_invalid_credentials() {
        let mut world = world_with(TwofaMode::None);
        let bad = LoginAttempt {
            password: "nope",
            ..attempt(false)
        };
        assert_eq!(
            world.login(bad, 10).unwrap_err(),
            Rejection::InvalidCredentials
        );
    }
}
