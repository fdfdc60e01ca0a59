//! Devices: minting device ids (rate limited per IP) and remembering which
//! `(account, deviceId, ip)` triples completed a login (the new-device check).

use std::collections::{HashMap, HashSet, VecDeque};

use super::{Rejection, World};

const WINDOW_MS: i64 = 60_000;

/// A minted device id.
#[derive(Clone, Debug)]
#[allow(dead_code)] // read by later resources (sessions listing, WebSocket)
pub(crate) struct Device {
    pub ip: String,
    pub created_at: i64,
}

#[derive(Debug, Default)]
pub(super) struct Devices {
    minted: HashMap<String, Device>,
    /// Accepted `GET /device/id` calls per IP within the last minute.
    calls: HashMap<String, VecDeque<i64>>,
    /// `(accountId, deviceId, ip)` that completed a login.
    known: HashSet<(String, String, String)>,
}

impl World {
    /// Mints a device id for `ip`, or refuses when `limit` calls already happened within
    /// the last simulated minute (`limit == 0` disables the check).
    pub(crate) fn mint_device(
        &mut self,
        ip: &str,
        limit: u32,
        now: i64,
    ) -> Result<String, Rejection> {
        let calls = self.devices.calls.entry(ip.to_owned()).or_default();
        while calls.front().is_some_and(|&t| t <= now - WINDOW_MS) {
            calls.pop_front();
        }
        if limit > 0 && calls.len() >= limit as usize {
            let oldest = calls.front().copied().unwrap_or(now);
            let wait_ms = (oldest + WINDOW_MS - now).max(1);
            let retry_after_secs = u64::try_from((wait_ms + 999) / 1000).unwrap_or(1);
            return Err(Rejection::RateLimited { retry_after_secs });
        }
        calls.push_back(now);
        let id = self.next_id(now);
        self.devices.minted.insert(
            id.clone(),
            Device {
                ip: ip.to_owned(),
                created_at: now,
            },
        );
        Ok(id)
    }

    /// The device minted under `id`, if the simulator minted it.
    #[allow(dead_code)] // read by later resources (sessions listing, WebSocket)
    pub(crate) fn device(&self, id: &str) -> Option<&Device> {
        self.devices.minted.get(id)
    }

    pub(super) fn remember_login_device(
        &mut self,
        account_id: &str,
        device_id: Option<&str>,
        ip: &str,
    ) {
        self.devices.known.insert(key(account_id, device_id, ip));
    }

    pub(super) fn knows_login_device(
        &self,
        account_id: &str,
        device_id: Option<&str>,
        ip: &str,
    ) -> bool {
        device_id.is_some() && self.devices.known.contains(&key(account_id, device_id, ip))
    }
}

fn key(account_id: &str, device_id: Option<&str>, ip: &str) -> (String, String, String) {
    (
        account_id.to_owned(),
        device_id.unwrap_or_default().to_owned(),
        ip.to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_ip_within_a_minute() {
        let mut world = World::default();
        let now = 1_800_000_000_000;
        for i in 0..5 {
            world.mint_device("10.0.0.1", 5, now + i * 1000).unwrap();
        }
        assert_eq!(
            world.mint_device("10.0.0.1", 5, now + 10_000),
            Err(Rejection::RateLimited {
                retry_after_secs: 50
            })
        );
        assert!(world.mint_device("10.0.0.2", 5, now + 10_000).is_ok());
        assert!(world.mint_device("10.0.0.1", 5, now + 60_000).is_ok());
        let unlimited = world.mint_device("10.0.0.3", 0, now).unwrap();
        assert_eq!(world.device(&unlimited).unwrap().ip, "10.0.0.3");
    }
}
