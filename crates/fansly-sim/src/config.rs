//! Simulator configuration: the client-check key, strict mode, the clock and the
//! auth knobs (device-id rate limit, new-device e-mail check).

use std::time::{SystemTime, UNIX_EPOCH};

/// The `checkKey` the simulator expects by default (fansly-native §1.4).
pub const DEFAULT_CHECK_KEY: &str = "oybZy8-fySzis-bubayf";

/// How the simulated clock runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClockMode {
    /// Frozen at `start_ms` (Unix ms); moves only when advanced. Tests use this.
    Manual { start_ms: i64 },
    /// Real time plus an offset that advancing adds to. The `sim` command and demo use this.
    Wall,
}

/// Everything a [`crate::Simulator`] can be configured with.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The key mixed into `fansly-client-check` (strict mode only).
    pub check_key: String,
    /// When true, every native route except `/device/id` requires a correct
    /// `fansly-client-check` header.
    pub strict_client_check: bool,
    /// The simulated clock.
    pub clock: ClockMode,
    /// Calls of `GET /device/id` allowed per IP within one simulated minute; `0` disables
    /// the limit.
    pub device_id_limit_per_minute: u32,
    /// When true, a login without 2FA from a `(deviceId, ip)` pair that never completed a
    /// login for the account gets a type-2 (e-mail) challenge.
    pub new_device_check: bool,
}

impl Default for SimConfig {
    /// A manual clock starting at the real current time, strict mode off, a device-id limit
    /// of 5 per minute and no new-device check.
    fn default() -> Self {
        Self {
            check_key: DEFAULT_CHECK_KEY.to_owned(),
            strict_client_check: false,
            clock: ClockMode::Manual {
                start_ms: wall_now_ms(),
            },
            device_id_limit_per_minute: 5,
            new_device_check: false,
        }
    }
}

/// The real current time in Unix milliseconds.
pub(crate) fn wall_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
