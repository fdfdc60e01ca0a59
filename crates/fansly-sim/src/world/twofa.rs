//! Sensitive-action 2FA sessions (`POST /twofa/session` and `…/verify`, route-map §5.6)
//! and the check later payout routes use.

use super::outbox::TWOFA_CODE;
use super::secrets::{challenge_token, mask_email};
use super::{CODE_TTL_MS, MAX_TRIES, Rejection, World};

pub(crate) const STATUS_PENDING: u8 = 1;
pub(crate) const STATUS_VERIFIED: u8 = 3;
pub(crate) const STATUS_DEAD: u8 = 4;

/// One e-mailed code for a sensitive action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TwofaSession {
    pub id: String,
    pub account_id: String,
    pub device_id: Option<String>,
    pub ip: String,
    pub email: String,
    pub code: String,
    pub token: String,
    pub status: u8,
    pub tries: u32,
    pub version: u32,
    pub created_at: i64,
    pub verified_at: Option<i64>,
    /// Always 2 (e-mail); TOTP-based sensitive 2FA is out of scope.
    pub kind: u8,
}

impl World {
    /// Starts a 2FA session for the caller's session: the code goes to the outbox and older
    /// pending 2FA sessions of the account die (status 4).
    pub(crate) fn start_twofa_session(
        &mut self,
        session_id: &str,
        now: i64,
    ) -> Result<TwofaSession, Rejection> {
        let session = self.session(session_id).ok_or(Rejection::Unauthorized)?;
        let (account_id, device_id, ip) = (
            session.account_id.clone(),
            session.device_id.clone(),
            session.ip.clone(),
        );
        let email = self
            .account(&account_id)
            .map(|a| a.email.clone())
            .ok_or(Rejection::Unauthorized)?;
        for older in self.twofa_sessions.values_mut() {
            if older.account_id == account_id && older.status == STATUS_PENDING {
                older.status = STATUS_DEAD;
            }
        }
        let token = challenge_token(&account_id);
        let code = self.send_code(&email, &token, TWOFA_CODE, now);
        let twofa = TwofaSession {
            id: self.next_id(now),
            account_id,
            device_id,
            ip,
            email: mask_email(&email),
            code,
            token: token.clone(),
            status: STATUS_PENDING,
            tries: 0,
            version: 1,
            created_at: now,
            verified_at: None,
            kind: 2,
        };
        self.twofa_sessions.insert(token, twofa.clone());
        Ok(twofa)
    }

    /// Verifies `code` for the caller's 2FA session `token`. Every call on a pending session
    /// counts (`tries`+1, `version`+1); the 5th wrong code kills it. Re-verifying a verified
    /// session with its code returns it unchanged.
    pub(crate) fn verify_twofa_session(
        &mut self,
        account_id: &str,
        token: &str,
        code: &str,
        now: i64,
    ) -> Result<TwofaSession, Rejection> {
        let twofa = self
            .twofa_sessions
            .get_mut(token)
            .filter(|t| t.account_id == account_id)
            .ok_or(Rejection::VerifyFailed)?;
        match twofa.status {
            STATUS_VERIFIED if twofa.code == code => return Ok(twofa.clone()),
            STATUS_PENDING => {}
            _ => return Err(Rejection::VerifyFailed),
        }
        if now >= twofa.created_at + CODE_TTL_MS {
            twofa.status = STATUS_DEAD;
            return Err(Rejection::VerifyFailed);
        }
        twofa.tries += 1;
        twofa.version += 1;
        if twofa.code == code {
            twofa.status = STATUS_VERIFIED;
            twofa.verified_at = Some(now);
            return Ok(twofa.clone());
        }
        if twofa.tries >= MAX_TRIES {
            twofa.status = STATUS_DEAD;
        }
        Err(Rejection::VerifyFailed)
    }

    /// True when `token` is a 2FA session of `account_id` in status 3, verified at most
    /// 10 min before `now`, whose code is `code` (what payout routes require).
    pub(crate) fn twofa_session_valid(
        &self,
        account_id: &str,
        token: &str,
        code: &str,
        now: i64,
    ) -> bool {
        self.twofa_sessions.get(token).is_some_and(|t| {
            t.account_id == account_id
                && t.status == STATUS_VERIFIED
                && t.code == code
                && t.verified_at.is_some_and(|at| now - at <= CODE_TTL_MS)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{NewCreator, TwofaMode};

    fn setup() -> (World, String, String) {
        let mut world = World::default();
        let creator = world
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
        let session = world.open_session(&creator.id, Some("dev".into()), "10.1.1.1", None, 1);
        (world, creator.id, session.id)
    }

    #[test]
    fn verified_sessions_authorise_for_ten_minutes() {
        let (mut world, account, session) = setup();
        let twofa = world.start_twofa_session(&session, 100).unwrap();
        assert!(!world.twofa_session_valid(&account, &twofa.token, &twofa.code, 100));
        let verified = world
            .verify_twofa_session(&account, &twofa.token, &twofa.code, 200)
            .unwrap();
        assert_eq!(
            (verified.status, verified.tries, verified.version),
            (3, 1, 2)
        );
        assert!(world.twofa_session_valid(&account, &twofa.token, &twofa.code, 200 + CODE_TTL_MS));
        assert!(!world.twofa_session_valid(&account, &twofa.token, &twofa.code, 201 + CODE_TTL_MS));
        assert!(!world.twofa_session_valid("other", &twofa.token, &twofa.code, 300));
        assert!(!world.twofa_session_valid(&account, &twofa.token, "000000x", 300));
    }

    #[test]
    fn a_new_session_kills_older_pending_ones() {
        let (mut world, account, session) = setup();
        let first = world.start_twofa_session(&session, 100).unwrap();
        let _second = world.start_twofa_session(&session, 200).unwrap();
        assert_eq!(
            world.verify_twofa_session(&account, &first.token, &first.code, 300),
            Err(Rejection::VerifyFailed)
        );
        assert_eq!(world.twofa_sessions[&first.token].status, STATUS_DEAD);
    }
}
