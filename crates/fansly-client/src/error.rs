//! The error type of every upstream call. Messages carry Fansly's own
//! `error.details` where there is one, and never a token or a password.

use std::time::Duration;

/// Why a call to Fansly failed. The gateway maps each variant to its own
/// status (route-map §0.4).
#[derive(Debug, Clone, thiserror::Error)]
pub enum FanslyError {
    /// `POST /login` answered 401, or `success:false`.
    #[error("Fansly rejected the credentials: {details}")]
    BadCredentials { details: String },
    /// 400 with `error.code` 3 on `/login/twofa` or `/twofa/session/verify`.
    #[error("Fansly rejected the 2FA code: {details}")]
    BadTwofaCode { details: String },
    /// 401 on a call made with a session: the session is dead.
    #[error("Fansly session is no longer valid")]
    SessionExpired,
    /// 429 or 418, with the upstream `Retry-After` when it sent one.
    #[error("Fansly rate limited the request{}", fmt_retry(.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    /// The gateway's own pacing of this account (no call was made): a token would only be
    /// free after the configured maximum wait. `retry_after` is when one will be.
    #[error("too many calls to Fansly for this account; a slot frees up in {} s", .retry_after.as_secs())]
    Paced { retry_after: Duration },
    /// Any other 4xx, or a 2xx whose envelope says `success:false`.
    #[error("Fansly rejected the request (HTTP {status}{}): {details}", fmt_code(.code))]
    Rejected {
        status: u16,
        code: Option<i64>,
        details: String,
    },
    /// A 5xx answer.
    #[error("Fansly server error (HTTP {status})")]
    Server { status: u16 },
    /// The request or the connection timed out.
    #[error("Fansly did not answer in time")]
    Timeout,
    /// Connection refused, reset, TLS failure and the like.
    #[error("could not reach Fansly: {0}")]
    Transport(String),
    /// The answer was not the JSON envelope expected, or lacked a required field.
    #[error("Fansly answered something unexpected: {0}")]
    Malformed(String),
}

fn fmt_retry(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!(" (retry after {} s)", d.as_secs()),
        None => String::new(),
    }
}

fn fmt_code(code: &Option<i64>) -> String {
    match code {
        Some(c) => format!(", code {c}"),
        None => String::new(),
    }
}
