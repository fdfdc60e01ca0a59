//! What the control API sets about logins and sessions, for tests of session recovery: a
//! session lifetime on the simulated clock, a per-account login rate limit, and a count of
//! login attempts per creator (`/_sim/logins/…`, `/_sim/sessions/ttl`, `/_sim/login-limit`,
//! `/_sim/creators/{id}/password`).

use std::collections::HashMap;

use super::{Rejection, World};

/// Login controls and counters.
#[derive(Debug, Default)]
pub(crate) struct LoginGuard {
    /// Sessions older than this (simulated ms) answer 401; `None`: sessions never expire.
    session_ttl_ms: Option<i64>,
    /// At most `max` login attempts per account within `window_ms`; `None`: no limit.
    limit: Option<LoginLimit>,
    /// Attempt times per account, for the limit.
    recent: HashMap<String, Vec<i64>>,
    /// Every `POST /login` naming the account (refused ones included).
    attempts: HashMap<String, u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LoginLimit {
    pub max: u32,
    pub window_ms: i64,
}

impl LoginGuard {
    pub(crate) fn session_ttl_ms(&self) -> Option<i64> {
        self.session_ttl_ms
    }

    /// Counts a login attempt for `account_id` at `now`; a rate-limited one is refused with
    /// the seconds until the oldest attempt in the window leaves it.
    fn admit(&mut self, account_id: &str, now: i64) -> Result<(), Rejection> {
        *self.attempts.entry(account_id.to_owned()).or_default() += 1;
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let recent = self.recent.entry(account_id.to_owned()).or_default();
        recent.retain(|t| now - *t < limit.window_ms);
        if recent.len() >= limit.max as usize {
            let oldest = recent.first().copied().unwrap_or(now);
            let wait_ms = (oldest + limit.window_ms - now).max(1000);
            return Err(Rejection::RateLimited {
                retry_after_secs: u64::try_from(
                    wait_ms.div_euclid(1000) + i64::from(wait_ms % 1000 != 0),
                )
                .unwrap_or(1),
            });
        }
        recent.push(now);
        Ok(())
    }
}

impl World {
    /// Sets the session lifetime (`None`: unlimited).
    pub(crate) fn set_session_ttl(&mut self, ttl_ms: Option<i64>) {
        self.login_guard.session_ttl_ms = ttl_ms.filter(|t| *t > 0);
    }

    /// Sets the login rate limit (`None` or `max == 0`: none) and forgets earlier attempts.
    pub(crate) fn set_login_limit(&mut self, limit: Option<LoginLimit>) {
        self.login_guard.limit = limit.filter(|l| l.max > 0 && l.window_ms > 0);
        self.login_guard.recent.clear();
    }

    /// How many times `POST /login` named the account so far.
    pub(crate) fn login_attempts(&self, account_id: &str) -> u64 {
        self.login_guard
            .attempts
            .get(account_id)
            .copied()
            .unwrap_or(0)
    }

    /// Counts (and maybe refuses) a login attempt for the account behind `login`.
    pub(super) fn admit_login(&mut self, login: &str, now: i64) -> Result<(), Rejection> {
        let Some(id) = self.account_by_login(login).map(|a| a.id.clone()) else {
            return Ok(());
        };
        self.login_guard.admit(&id, now)
    }

    /// Changes a creator's password and, as Fansly does, ends every session of the account.
    /// False when there is no such account.
    pub(crate) fn change_password(&mut self, account_id: &str, password: &str, now: i64) -> bool {
        let Some(account) = self.accounts.get_mut(account_id) else {
            return false;
        };
        password.clone_into(&mut account.password);
        self.expire_sessions(account_id, now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{LoginAttempt, NewCreator, TwofaMode};

    fn world() -> (World, String) {
        let mut world = World::default();
        let info = world
            .create_creator(
                NewCreator {
                    username: "maria".into(),
                    email: "maria@example.com".into(),
                    password: "pw".into(),
                    twofa: TwofaMode::None,
                    totp_secret: None,
                    display_name: None,
                },
                1,
            )
            .unwrap();
        (world, info.id)
    }

    fn attempt(password: &str) -> LoginAttempt<'_> {
        LoginAttempt {
            login: "maria",
            password,
            device_id: None,
            ip: "127.0.0.1",
            new_device_check: false,
        }
    }

    #[test]
    fn limit_counts_and_refuses_until_the_window_moves() {
        let (mut world, id) = world();
        world.set_login_limit(Some(LoginLimit {
            max: 2,
            window_ms: 60_000,
        }));
        assert!(world.login(attempt("nope"), 1_000).is_err());
        assert!(world.login(attempt("pw"), 2_000).is_ok());
        assert_eq!(
            world.login(attempt("pw"), 3_000).unwrap_err(),
            Rejection::RateLimited {
                retry_after_secs: 58
            }
        );
        assert!(world.login(attempt("pw"), 61_001).is_ok());
        assert_eq!(world.login_attempts(&id), 4);
    }

    #[test]
    fn sessions_expire_on_the_clock_and_on_a_password_change() {
        let (mut world, id) = world();
        world.set_session_ttl(Some(1_000));
        let s = world.open_session(&id, None, "127.0.0.1", None, 10);
        assert!(world.authenticate(&s.token, 1_009).is_ok());
        assert_eq!(
            world.authenticate(&s.token, 1_010),
            Err(Rejection::Unauthorized)
        );
        world.set_session_ttl(None);
        let s = world.open_session(&id, None, "127.0.0.1", None, 2_000);
        assert!(world.change_password(&id, "new", 2_001));
        assert_eq!(
            world.authenticate(&s.token, 2_002),
            Err(Rejection::Unauthorized)
        );
        assert_eq!(
            world.login(attempt("pw"), 2_003).unwrap_err(),
            Rejection::InvalidCredentials
        );
        assert!(world.login(attempt("new"), 2_004).is_ok());
    }
}
