//! The §0.8 audience of a broadcast group, read from a mass message body (or the alias's
//! `filter`), with the group body and recipients it becomes.

use serde_json::{Map, Value, json};

use crate::http::{ApiError, ApiResult};
use crate::routes::messages::id_value;

use super::{CREATOR_MEMBER_FLAGS, EXCLUDE_LIST, GROUP_BROADCAST, INCLUDE_LIST};

/// The §0.8 audience of a broadcast group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audience {
    pub group_flags: u64,
    pub tier_id: Option<String>,
    pub include_lists: Vec<String>,
    pub exclude_lists: Vec<String>,
    pub exclude_users: Vec<String>,
}

/// Boolean audience fields and their `groupFlags` bits.
const AUDIENCE_BITS: [(&str, u64); 6] = [
    ("includeFollowers", 2),
    ("includeSubscribersAutoRenewOn", 4),
    ("includeSubscribersAutoRenewOff", 8),
    ("includeExpiredSubscribers", 16),
    ("excludeCreators", 32),
    ("excludeOfflineUsers", 64),
];
/// The include bits (followers and subscribers of every kind).
const INCLUDE_BITS: u64 = 2 | 4 | 8 | 16;

impl Audience {
    /// Reads the MM2 audience fields; no include bit and no include list → 400.
    pub fn parse(body: &Map<String, Value>) -> ApiResult<Self> {
        let mut a = Audience::default();
        for (field, bit) in AUDIENCE_BITS {
            match body.get(field) {
                None | Some(Value::Null) | Some(Value::Bool(false)) => {}
                Some(Value::Bool(true)) => a.group_flags |= bit,
                Some(_) => {
                    return Err(ApiError::bad_request(format!("{field} must be a boolean")));
                }
            }
        }
        a.tier_id = id_value(
            body.get("includeSubscriptionTierId"),
            "includeSubscriptionTierId",
        )?;
        a.include_lists = id_list(body, "includeListIds")?;
        a.exclude_lists = id_list(body, "excludeListIds")?;
        a.exclude_users = id_list(body, "excludeUserIds")?;
        a.require_recipients()?;
        Ok(a)
    }

    /// AL2's `filter`: `all` 14, `active` 12, `expired` 16, `renewing` 4.
    pub fn from_filter(filter: &str) -> ApiResult<Self> {
        let group_flags = match filter.trim().to_ascii_lowercase().as_str() {
            "all" => 2 | 4 | 8,
            "active" => 4 | 8,
            "expired" => 16,
            "renewing" => 4,
            other => {
                return Err(ApiError::bad_request(format!(
                    "filter must be one of all, active, expired, renewing (got `{other}`)"
                )));
            }
        };
        Ok(Audience {
            group_flags,
            ..Audience::default()
        })
    }

    fn require_recipients(&self) -> ApiResult<()> {
        if self.group_flags & INCLUDE_BITS == 0 && self.include_lists.is_empty() {
            return Err(ApiError::bad_request(
                "empty audience: set at least one of includeFollowers, includeSubscribersAutoRenewOn, includeSubscribersAutoRenewOff, includeExpiredSubscribers or includeListIds",
            ));
        }
        Ok(())
    }

    /// The `POST /group` body of the broadcast group (route-map MM2 step 2).
    pub fn group_body(&self, creator: &str) -> Value {
        let mut users = vec![json!({ "userId": creator, "permissionFlags": CREATOR_MEMBER_FLAGS })];
        users.extend(
            self.exclude_users
                .iter()
                .filter(|u| *u != creator)
                .map(|u| json!({ "userId": u, "permissionFlags": 0 })),
        );
        let mut recipients: Vec<Value> = self
            .include_lists
            .iter()
            .map(|l| json!({ "recipientId": l, "type": INCLUDE_LIST }))
            .collect();
        recipients.extend(
            self.exclude_lists
                .iter()
                .map(|l| json!({ "recipientId": l, "type": EXCLUDE_LIST })),
        );
        let metadata = match &self.tier_id {
            Some(tier) => {
                json!({ "4": json!({ "subscriptionTierId": tier }).to_string() }).to_string()
            }
            None => String::new(),
        };
        json!({
            "type": GROUP_BROADCAST,
            "users": users,
            "recipients": recipients,
            "lastMessage": null,
            "userSettings": null,
            "groupFlags": self.group_flags,
            "groupFlagsMetadata": metadata,
        })
    }
}

pub(super) fn id_list(body: &Map<String, Value>, field: &str) -> ApiResult<Vec<String>> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, v) in items.iter().enumerate() {
                let id = id_value(Some(v), &format!("{field}[{i}]"))?.ok_or_else(|| {
                    ApiError::bad_request(format!("{field}[{i}] must be an id string"))
                })?;
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            Ok(out)
        }
        Some(_) => Err(ApiError::bad_request(format!(
            "{field} must be an array of id strings"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn audience(v: Value) -> ApiResult<Audience> {
        Audience::parse(v.as_object().unwrap())
    }

    #[test]
    fn audience_fields_become_group_flags_and_recipients() {
        let a = audience(json!({
            "includeFollowers": true, "includeSubscribersAutoRenewOn": true,
            "excludeCreators": true, "excludeOfflineUsers": false,
            "includeSubscriptionTierId": "9",
            "includeListIds": ["1"], "excludeListIds": ["2"], "excludeUserIds": ["3", "3"],
        }))
        .unwrap();
        assert_eq!(a.group_flags, 2 | 4 | 32);
        let g = a.group_body("100");
        assert_eq!(g["type"], 3);
        assert_eq!(g["groupFlags"], 38);
        assert_eq!(
            g["groupFlagsMetadata"],
            "{\"4\":\"{\\\"subscriptionTierId\\\":\\\"9\\\"}\"}"
        );
        assert_eq!(
            g["users"],
            json!([{"userId": "100", "permissionFlags": 65535}, {"userId": "3", "permissionFlags": 0}])
        );
        assert_eq!(
            g["recipients"],
            json!([{"recipientId": "1", "type": 30000}, {"recipientId": "2", "type": 30001}])
        );
    }

    #[test]
    fn an_empty_audience_is_refused() {
        let m = audience(json!({"excludeCreators": true}))
            .unwrap_err()
            .message;
        assert!(m.contains("empty audience"), "{m}");
        assert!(audience(json!({"includeListIds": ["5"]})).is_ok());
        assert!(
            audience(json!({"includeFollowers": "yes"}))
                .unwrap_err()
                .message
                .contains("boolean")
        );
        assert!(audience(json!({"includeFollowers": true, "excludeUserIds": "1"})).is_err());
        assert_eq!(
            audience(json!({"includeExpiredSubscribers": true}))
                .unwrap()
                .group_body("1")["groupFlagsMetadata"],
            ""
        );
    }

    #[test]
    fn alias_filters() {
        assert_eq!(Audience::from_filter("all").unwrap().group_flags, 14);
        assert_eq!(Audience::from_filter("active").unwrap().group_flags, 12);
        assert_eq!(Audience::from_filter("expired").unwrap().group_flags, 16);
        assert_eq!(Audience::from_filter("renewing").unwrap().group_flags, 4);
        assert!(Audience::from_filter("vip").is_err());
    }
}
