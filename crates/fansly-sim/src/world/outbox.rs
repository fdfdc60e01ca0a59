//! The e-mail outbox (test-only): every 2FA code the simulator "sends", in send order.

use serde::Serialize;

use super::World;
use super::secrets::six_digit_code;

/// One e-mail the simulator sent: the full address, the code, the token it belongs to,
/// its kind (`login_code` or `twofa_code`) and when it was sent (ms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntry {
    pub email: String,
    pub code: String,
    pub token: String,
    pub kind: String,
    pub sent_at: i64,
}

pub(super) const LOGIN_CODE: &str = "login_code";
pub(super) const TWOFA_CODE: &str = "twofa_code";

impl World {
    /// Mints a 6-digit code, "e-mails" it to `email` and returns it.
    pub(super) fn send_code(&mut self, email: &str, token: &str, kind: &str, now: i64) -> String {
        let code = six_digit_code();
        self.outbox.push(OutboxEntry {
            email: email.to_owned(),
            code: code.clone(),
            token: token.to_owned(),
            kind: kind.to_owned(),
            sent_at: now,
        });
        code
    }

    pub(crate) fn outbox(&self) -> &[OutboxEntry] {
        &self.outbox
    }
}
