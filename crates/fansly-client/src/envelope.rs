//! Reading a native answer: the HTTP status plus the `{success, response | error}`
//! envelope become a [`NativeResponse`] or a [`FanslyError`] (route-map §0.2, §0.4).

use std::time::Duration;

use serde_json::Value;
use time::{OffsetDateTime, PrimitiveDateTime, macros::format_description};

use crate::{FanslyError, NativeBody, NativeResponse};

/// Turns one upstream answer into the call's result. `with_session` says whether
/// the call carried a session (a 401 then means the session is dead).
pub(crate) fn classify(
    status: u16,
    retry_after: Option<&str>,
    body: Vec<u8>,
    with_session: bool,
) -> Result<NativeResponse, FanslyError> {
    match status {
        401 if with_session => Err(FanslyError::SessionExpired),
        418 | 429 => Err(FanslyError::RateLimited {
            retry_after: retry_after.and_then(parse_retry_after),
        }),
        500..=599 => Err(FanslyError::Server { status }),
        200..=299 => {
            // Read once, without building a tree: the text is passed on as it is unless a
            // route reads it (`NativeBody`).
            let not_json = || FanslyError::Malformed(format!("HTTP {status} body is not JSON"));
            let object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            if !object {
                // JSON but no object has no `success` member.
                return Err(
                    match serde_json::from_slice::<serde::de::IgnoredAny>(&body) {
                        Ok(_) => no_success(),
                        Err(_) => not_json(),
                    },
                );
            }
            let body = NativeBody::from_json(body).map_err(|_| not_json())?;
            let success = match body.member(&["success"]).as_deref() {
                Some("true") => Some(true),
                Some("false") => Some(false),
                _ => None,
            };
            match success {
                Some(true) => Ok(NativeResponse { status, body }),
                Some(false) => Err(rejected(status, Some(&body))),
                None => Err(no_success()),
            }
        }
        400..=499 => {
            let body = serde_json::from_slice::<Value>(&body).ok();
            Err(rejected(status, body.as_ref()))
        }
        _ => Err(FanslyError::Malformed(format!(
            "unexpected HTTP status {status}"
        ))),
    }
}

/// A `Rejected` carrying `error.code` and `error.details` (else `error.message`,
/// else the status's reason phrase).
fn no_success() -> FanslyError {
    FanslyError::Malformed("the envelope has no boolean `success`".into())
}

fn rejected(status: u16, body: Option<&Value>) -> FanslyError {
    let error = body.and_then(|b| b.get("error"));
    let code = error.and_then(|e| e.get("code")).and_then(|c| {
        c.as_i64()
            .or_else(|| c.as_str().and_then(|s| s.parse().ok()))
    });
    let text = |key: &str| {
        error
            .and_then(|e| e.get(key))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let details = text("details")
        .or_else(|| text("message"))
        .unwrap_or_else(|| {
            reqwest::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .map_or_else(|| format!("HTTP {status}"), str::to_owned)
        });
    FanslyError::Rejected {
        status,
        code,
        details,
    }
}

/// `Retry-After` as delay-seconds or an IMF-fixdate HTTP-date
/// (`Sun, 06 Nov 1994 08:49:37 GMT`); a date in the past means zero.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let format = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = PrimitiveDateTime::parse(value, format).ok()?.assume_utc();
    let left = at - OffsetDateTime::now_utc();
    Some(Duration::from_secs(
        left.whole_seconds().max(0).unsigned_abs(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-3"), None);

        let later = OffsetDateTime::now_utc() + time::Duration::seconds(120);
        let format = format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        );
        let header = later.format(format).expect("formats");
        let got = parse_retry_after(&header).expect("parses").as_secs();
        assert!((110..=120).contains(&got), "got {got} from {header}");
    }

    #[test]
    fn error_details_fall_back_to_message_then_reason() {
        let body = serde_json::json!({"success": false, "error": {"code": "5", "message": "nope"}});
        match rejected(422, Some(&body)) {
            FanslyError::Rejected {
                status,
                code,
                details,
            } => {
                assert_eq!((status, code, details.as_str()), (422, Some(5), "nope"));
            }
            other => panic!("unexpected {other:?}"),
        }
        match rejected(404, None) {
            FanslyError::Rejected { code, details, .. } => {
                assert_eq!((code, details.as_str()), (None, "Not Found"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn redirects_and_missing_success_are_malformed() {
        assert!(matches!(
            classify(302, None, Vec::new(), true),
            Err(FanslyError::Malformed(_))
        ));
        assert!(matches!(
            classify(200, None, br#"{"response":1}"#.to_vec(), true),
            Err(FanslyError::Malformed(_))
        ));
        // JSON that is no object has no `success`; what is not JSON says so.
        for (body, says) in [
            (&b" [true]"[..], "success"),
            (b"true", "success"),
            (b"{\"success\":true", "not JSON"),
            (b"<html>", "not JSON"),
        ] {
            match classify(200, None, body.to_vec(), true) {
                Err(FanslyError::Malformed(m)) => assert!(m.contains(says), "{m}"),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(matches!(
            classify(
                200,
                None,
                br#"{"success":true,"response":[]}"#.to_vec(),
                true
            ),
            Ok(NativeResponse { status: 200, .. })
        ));
        assert!(matches!(
            classify(
                200,
                None,
                br#"{"success":false,"error":{"code":5}}"#.to_vec(),
                true
            ),
            Err(FanslyError::Rejected {
                status: 200,
                code: Some(5),
                ..
            })
        ));
        assert!(matches!(
            classify(401, None, Vec::new(), false),
            Err(FanslyError::Rejected { status: 401, .. })
        ));
    }
}
