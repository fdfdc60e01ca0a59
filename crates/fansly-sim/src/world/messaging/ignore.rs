//! Ignore rows (owner → ignored, flags 1 mute, 2 block, 4 VIP, 8 suggestion-mute,
//! 16 DM-permission bypass): `GET /ignore` and `POST /account/ignore`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::IGNORE_BLOCK;
use crate::world::{Rejection, World};

#[derive(Clone, Debug)]
pub(crate) struct Ignore {
    pub flags: i64,
    /// Unix ms.
    pub created_at: i64,
}

/// `(owner, ignored)` → row; at most one per pair, flags 0 means no row.
pub(crate) type Ignores = BTreeMap<(String, String), Ignore>;

/// Every bit an ignore row may carry.
const KNOWN_FLAGS: i64 = 1 | 2 | 4 | 8 | 16;

impl World {
    /// True when `owner` has blocked (ignore flag 2) `other`.
    pub(crate) fn is_partner_blocked(&self, owner: &str, other: &str) -> bool {
        self.ignore_flags(owner, other) & IGNORE_BLOCK != 0
    }

    /// The flags `owner` holds on `ignored` (0 when no row).
    pub(crate) fn ignore_flags(&self, owner: &str, ignored: &str) -> i64 {
        self.messaging
            .ignores
            .get(&(owner.to_owned(), ignored.to_owned()))
            .map_or(0, |row| row.flags)
    }

    /// `POST /account/ignore`: upserts the row (flags 0 deletes it); emits (11,1) → owner.
    pub(crate) fn set_ignore(
        &mut self,
        owner: &str,
        ignored: &str,
        flags: i64,
        now: i64,
    ) -> Result<Value, Rejection> {
        if ignored == owner {
            return Err(Rejection::BadRequest(
                "ignoredId: cannot ignore yourself".into(),
            ));
        }
        if self.account(ignored).is_none() {
            return Err(Rejection::NotFound("account not found"));
        }
        if flags < 0 || flags & !KNOWN_FLAGS != 0 {
            return Err(Rejection::BadRequest(format!(
                "ignoreFlags: unknown bits in {flags}"
            )));
        }
        let key = (owner.to_owned(), ignored.to_owned());
        if flags == 0 {
            self.messaging.ignores.remove(&key);
        } else {
            let row = self.messaging.ignores.entry(key).or_insert(Ignore {
                flags,
                created_at: now,
            });
            row.flags = flags;
        }
        let payload = json!({ "accountId": owner, "ignoredId": ignored, "ignoreFlags": flags });
        self.emit(&[owner], (11, 1, "data"), &payload, now);
        Ok(payload)
    }

    /// The owner's rows, oldest first.
    pub(crate) fn ignoring(&self, owner: &str) -> Vec<Value> {
        let mut rows: Vec<(&(String, String), &Ignore)> = self
            .messaging
            .ignores
            .iter()
            .filter(|((o, _), _)| o == owner)
            .collect();
        rows.sort_by_key(|(_, row)| row.created_at);
        rows.into_iter()
            .map(|((o, ignored), row)| {
                json!({
                    "accountId": o,
                    "ignoredId": ignored,
                    "ignoreFlags": row.flags,
                    "createdAt": row.created_at,
                })
            })
            .collect()
    }
}
