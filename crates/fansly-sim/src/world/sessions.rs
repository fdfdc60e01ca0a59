//! Sessions: opened by a completed login, found by their token, closed by
//! `POST /session/close` or the control API.

use super::secrets::{session_cookie, session_id_of, session_token};
use super::{Rejection, World};

/// Session status 2 = active (the only status a live session has).
pub(crate) const SESSION_ACTIVE: u8 = 2;

/// One login session (route-map §4.3).
#[derive(Clone, Debug)]
pub(crate) struct Session {
    pub id: String,
    pub token: String,
    pub cookie: String,
    pub account_id: String,
    pub device_id: Option<String>,
    pub ip: String,
    pub status: u8,
    pub last_used: i64,
    pub twofa_at: Option<i64>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

impl Session {
    pub(crate) fn is_live(&self) -> bool {
        self.closed_at.is_none()
    }
}

/// The caller behind a live session token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Caller {
    pub session_id: String,
    pub account_id: String,
}

impl World {
    /// Opens a session and remembers `(deviceId, ip)` as a completed login for the account.
    pub(super) fn open_session(
        &mut self,
        account_id: &str,
        device_id: Option<String>,
        ip: &str,
        twofa_at: Option<i64>,
        now: i64,
    ) -> Session {
        let id = self.next_id(now);
        let session = Session {
            token: session_token(&id),
            cookie: session_cookie(&id),
            id: id.clone(),
            account_id: account_id.to_owned(),
            device_id,
            ip: ip.to_owned(),
            status: SESSION_ACTIVE,
            last_used: now,
            twofa_at,
            created_at: now,
            closed_at: None,
        };
        self.remember_login_device(account_id, session.device_id.as_deref(), ip);
        self.sessions.insert(id, session.clone());
        session
    }

    /// The caller behind `token` if it is a live session's token; marks the session used.
    pub(crate) fn authenticate(&mut self, token: &str, now: i64) -> Result<Caller, Rejection> {
        let id = session_id_of(token).ok_or(Rejection::Unauthorized)?;
        let ttl = self.login_guard.session_ttl_ms();
        let session = self
            .sessions
            .get_mut(&id)
            .filter(|s| s.is_live() && s.token == token.trim())
            .ok_or(Rejection::Unauthorized)?;
        // A session past the lifetime set by the control API ends now.
        if ttl.is_some_and(|ttl| now - session.created_at >= ttl) {
            session.closed_at = Some(now);
            return Err(Rejection::Unauthorized);
        }
        session.last_used = now;
        Ok(Caller {
            session_id: session.id.clone(),
            account_id: session.account_id.clone(),
        })
    }

    pub(crate) fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.get(id)
    }

    /// Closes one live session of `account_id`.
    pub(crate) fn close_session(
        &mut self,
        account_id: &str,
        session_id: &str,
        now: i64,
    ) -> Result<(), Rejection> {
        let session = self
            .sessions
            .get_mut(session_id)
            .filter(|s| s.account_id == account_id && s.is_live())
            .ok_or(Rejection::NotFound("session not found"))?;
        session.closed_at = Some(now);
        Ok(())
    }

    /// Closes every live session of `account_id`; returns how many there were.
    pub(crate) fn expire_sessions(&mut self, account_id: &str, now: i64) -> usize {
        let mut closed = 0;
        for session in self.sessions.values_mut() {
            if session.account_id == account_id && session.is_live() {
                session.closed_at = Some(now);
                closed += 1;
            }
        }
        closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_authenticate_until_closed() {
        let mut world = World::default();
        let a = world.open_session("1", Some("dev".into()), "127.0.0.1", None, 10);
        let b = world.open_session("1", None, "127.0.0.1", None, 10);
        assert_eq!(world.authenticate(&a.token, 20).unwrap().session_id, a.id);
        assert_eq!(world.session(&a.id).unwrap().last_used, 20);
        assert_eq!(
            world.authenticate("garbage", 20),
            Err(Rejection::Unauthorized)
        );

        assert!(world.close_session("2", &a.id, 30).is_err());
        world.close_session("1", &a.id, 30).unwrap();
        assert_eq!(
            world.authenticate(&a.token, 40),
            Err(Rejection::Unauthorized)
        );
        assert_eq!(world.expire_sessions("1", 50), 1);
        assert_eq!(
            world.authenticate(&b.token, 60),
            Err(Rejection::Unauthorized)
        );
    }
}
