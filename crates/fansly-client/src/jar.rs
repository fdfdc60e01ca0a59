//! Per-account browser identity (route-map §5.5): one cookie jar and one user agent per
//! account, keyed by the account's device id (an account keeps its device id for its whole
//! life in the gateway, from `/login` on).
//!
//! - The jar always holds `f-d=<deviceId>`, and every cookie Fansly sets on a call made for
//!   that device (`Set-Cookie`, e.g. `f-s-c` at login; Fansly may rotate them). It is sent
//!   as `Cookie` on that account's REST calls and on its event socket. Values are secrets:
//!   the header is marked sensitive and the jar never appears in logs or `Debug`.
//! - The user agent is picked from the configured pool by a hash of the device id, so an
//!   account presents the same browser on every call, socket and restart.
//!
//! The jar lives in memory: after a gateway restart an account sends `f-d` until Fansly
//! sets its cookies again.

use std::collections::BTreeMap;
use std::sync::Mutex;

// foldhash: read on every signed call, keyed by the gateway's own device ids.
use foldhash::HashMap;

/// Cookies per device id.
#[derive(Default)]
pub(crate) struct Jars {
    inner: Mutex<HashMap<String, BTreeMap<String, String>>>,
}

impl std::fmt::Debug for Jars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jars").finish_non_exhaustive()
    }
}

impl Jars {
    /// The `Cookie` header value of `device_id`'s jar: `f-d` first, then the cookies Fansly
    /// set, by name.
    pub(crate) fn header(&self, device_id: &str) -> String {
        let jars = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut header = ["f-d=", device_id].concat();
        if let Some(jar) = jars.get(device_id) {
            for (name, value) in jar.iter().filter(|(name, _)| name.as_str() != "f-d") {
                header.extend(["; ", name, "=", value]);
            }
        }
        header
    }

    /// Stores the cookies of `Set-Cookie` headers for `device_id`; an empty value or
    /// `Max-Age=0` removes the cookie.
    pub(crate) fn store<'a>(&self, device_id: &str, set_cookies: impl Iterator<Item = &'a str>) {
        let mut jars = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        for header in set_cookies {
            let Some((name, value, removed)) = parse_set_cookie(header) else {
                continue;
            };
            let jar = jars.entry(device_id.to_owned()).or_default();
            if removed {
                jar.remove(&name);
            } else {
                jar.insert(name, value);
            }
        }
    }
}

/// `name=value; attr…` → (name, value, whether it deletes the cookie).
fn parse_set_cookie(header: &str) -> Option<(String, String, bool)> {
    let mut parts = header.split(';');
    let (name, value) = parts.next()?.split_once('=')?;
    let (name, value) = (name.trim(), value.trim().trim_matches('"'));
    let valid = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\'))
    };
    if name.is_empty() || !valid(name) || !valid(value) {
        return None;
    }
    let expired = parts.any(|attr| {
        let attr = attr.trim().to_ascii_lowercase();
        attr == "max-age=0" || attr.starts_with("max-age=-")
    });
    Some((
        name.to_owned(),
        value.to_owned(),
        expired || value.is_empty(),
    ))
}

/// The user agent of `device_id`: the pool's entry at a stable hash of the device id
/// (FNV-1a, so it never changes between runs or builds), or `fallback` when the pool is empty.
pub(crate) fn user_agent_for<'a>(
    pool: &'a [String],
    fallback: &'a str,
    device_id: &str,
) -> &'a str {
    if pool.is_empty() {
        return fallback;
    }
    let hash = device_id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let index = usize::try_from(hash % pool.len() as u64).unwrap_or(0);
    &pool[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jar_keeps_f_d_and_what_fansly_sets() {
        let jars = Jars::default();
        assert_eq!(jars.header("42"), "f-d=42");
        jars.store(
            "42",
            ["f-s-c=abc==; Path=/; HttpOnly; SameSite=Lax", "x=1"].into_iter(),
        );
        assert_eq!(jars.header("42"), "f-d=42; f-s-c=abc==; x=1");
        // Rotated, then removed; another device's jar is its own.
        jars.store("42", ["f-s-c=def", "x=; Max-Age=0"].into_iter());
        assert_eq!(jars.header("42"), "f-d=42; f-s-c=def");
        assert_eq!(jars.header("7"), "f-d=7");
        // Junk is ignored; f-d cannot be overridden.
        jars.store("42", ["no-equals", "bad name=1", "f-d=99"].into_iter());
        assert_eq!(jars.header("42"), "f-d=42; f-s-c=def");
        assert!(!format!("{jars:?}").contains("def"));
    }

    #[test]
    fn a_device_keeps_one_user_agent() {
        let pool: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let first = user_agent_for(&pool, "z", "697497185943564288");
        for _ in 0..3 {
            assert_eq!(user_agent_for(&pool, "z", "697497185943564288"), first);
        }
        let picked: std::collections::HashSet<&str> = (0..40)
            .map(|i| user_agent_for(&pool, "z", &format!("69749718594356{i:04}")))
            .collect();
        assert!(picked.len() > 1, "accounts do not all look alike");
        assert_eq!(user_agent_for(&[], "z", "1"), "z");
    }
}
