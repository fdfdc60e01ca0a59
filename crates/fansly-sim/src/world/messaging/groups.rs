//! Groups: DM groups (exactly one per unordered pair) and broadcast groups, their members
//! and each member's `userSettings` (`POST /group`, `GET /group/{id}`,
//! `POST /groups/users/settings`).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{GROUP_BROADCAST, GROUP_DM, OWNER_PERMISSIONS};
use crate::json::opt_string;
use crate::world::{Rejection, World};

/// One member's own view settings of a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct UserSettings {
    pub custom_name: Option<String>,
    pub hidden: bool,
    pub read_receipts_enabled: bool,
}

impl Default for UserSettings {
    fn default() -> Self {
        Self {
            custom_name: None,
            hidden: false,
            read_receipts_enabled: true,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub user_id: String,
    pub permission_flags: i64,
    pub settings: UserSettings,
}

/// A broadcast recipient rule: a list to include (30000) or exclude (30001).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Recipient {
    #[serde(deserialize_with = "crate::world::messaging::groups::string_id")]
    pub recipient_id: String,
    #[serde(rename = "type")]
    pub kind: i64,
}

#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub id: String,
    /// 1 DM, 3 broadcast.
    pub kind: i64,
    pub group_flags: i64,
    pub group_flags_metadata: String,
    pub created_by: String,
    /// Unix ms.
    pub created_at: i64,
    pub users: Vec<Member>,
    pub recipients: Vec<Recipient>,
    pub last_message_id: Option<String>,
    /// Every message of the group, oldest first (ids are monotonic).
    pub message_ids: Vec<String>,
}

impl Group {
    pub(crate) fn member(&self, account: &str) -> Option<&Member> {
        self.users.iter().find(|m| m.user_id == account)
    }

    pub(crate) fn is_member(&self, account: &str) -> bool {
        self.member(account).is_some()
    }

    /// Member ids, in join order.
    pub(crate) fn member_ids(&self) -> Vec<String> {
        self.users.iter().map(|m| m.user_id.clone()).collect()
    }

    /// The other member of a DM.
    pub(crate) fn partner_of(&self, account: &str) -> Option<&str> {
        self.users
            .iter()
            .map(|m| m.user_id.as_str())
            .find(|id| *id != account)
    }

    pub(crate) fn read_receipts(&self, account: &str) -> bool {
        self.member(account)
            .is_none_or(|m| m.settings.read_receipts_enabled)
    }
}

/// A `users[]` entry of `POST /group`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewMember {
    #[serde(deserialize_with = "string_id")]
    pub user_id: String,
    #[serde(default)]
    pub permission_flags: i64,
}

/// The body of `POST /group`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewGroup {
    #[serde(default)]
    pub users: Vec<NewMember>,
    #[serde(rename = "type", default = "dm_type")]
    pub kind: i64,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    #[serde(default)]
    pub group_flags: i64,
    #[serde(default, deserialize_with = "opt_string")]
    pub group_flags_metadata: Option<String>,
}

fn dm_type() -> i64 {
    GROUP_DM
}

pub(crate) fn string_id<'de, D: serde::Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    opt_string(de)?.ok_or_else(|| serde::de::Error::custom("must not be null"))
}

use super::groups_pair as pair;

impl World {
    pub(crate) fn group(&self, id: &str) -> Option<&Group> {
        self.messaging.groups.get(id)
    }

    /// A group the viewer is a member of; anything else is 404.
    pub(crate) fn member_group(&self, viewer: &str, id: &str) -> Result<&Group, Rejection> {
        self.group(id)
            .filter(|g| g.is_member(viewer))
            .ok_or(Rejection::NotFound("group not found"))
    }

    /// The DM group of `a` and `b`, created (with its (4,8) event) when missing.
    pub(crate) fn dm_group(&mut self, a: &str, b: &str, now: i64) -> String {
        if let Some(id) = self.messaging.dm_pairs.get(&pair(a, b)) {
            return id.clone();
        }
        let id = self.next_id(now);
        let users = [a, b]
            .iter()
            .map(|user| Member {
                user_id: (*user).to_owned(),
                permission_flags: if self.is_creator(user) {
                    OWNER_PERMISSIONS
                } else {
                    0
                },
                settings: UserSettings::default(),
            })
            .collect();
        let group = Group {
            id: id.clone(),
            kind: GROUP_DM,
            group_flags: 0,
            group_flags_metadata: String::new(),
            created_by: a.to_owned(),
            created_at: now,
            users,
            recipients: Vec::new(),
            last_message_id: None,
            message_ids: Vec::new(),
        };
        self.messaging.groups.insert(id.clone(), group);
        self.messaging.dm_pairs.insert(pair(a, b), id.clone());
        self.emit(&[a, b], (4, 8, "id"), &Value::from(id.as_str()), now);
        id
    }

    /// True when the account carries the creator flag.
    pub(crate) fn is_creator(&self, account: &str) -> bool {
        self.account(account)
            .is_some_and(|a| a.flags & crate::world::accounts::FLAG_CREATOR != 0)
    }

    /// `POST /group`: a DM (find or create; code 99 when not permitted) or a broadcast
    /// group (always new, creators only). Returns the group id.
    pub(crate) fn create_group(
        &mut self,
        viewer: &str,
        new: NewGroup,
        now: i64,
    ) -> Result<String, Rejection> {
        match new.kind {
            GROUP_DM => {
                let mut others: Vec<&str> = new
                    .users
                    .iter()
                    .map(|u| u.user_id.as_str())
                    .filter(|u| *u != viewer)
                    .collect();
                others.dedup();
                let [other] = others[..] else {
                    return Err(Rejection::BadRequest(
                        "users: a DM group has the caller and exactly one other account".into(),
                    ));
                };
                if self.account(other).is_none() {
                    return Err(Rejection::NotFound("account not found"));
                }
                if self.dm_blocked(viewer, other) {
                    return Err(Rejection::NotPermitted);
                }
                let other = other.to_owned();
                Ok(self.dm_group(viewer, &other, now))
            }
            GROUP_BROADCAST => {
                if !self.is_creator(viewer) {
                    return Err(Rejection::Forbidden);
                }
                if let Some(bad) = new
                    .recipients
                    .iter()
                    .find(|r| !matches!(r.kind, 30000 | 30001))
                {
                    return Err(Rejection::BadRequest(format!(
                        "recipients: unknown type {}",
                        bad.kind
                    )));
                }
                let id = self.next_id(now);
                let mut users = vec![Member {
                    user_id: viewer.to_owned(),
                    permission_flags: OWNER_PERMISSIONS,
                    settings: UserSettings::default(),
                }];
                for user in new.users.iter().filter(|u| u.user_id != viewer) {
                    if !users.iter().any(|m| m.user_id == user.user_id) {
                        users.push(Member {
                            user_id: user.user_id.clone(),
                            permission_flags: user.permission_flags,
                            settings: UserSettings::default(),
                        });
                    }
                }
                let group = Group {
                    id: id.clone(),
                    kind: GROUP_BROADCAST,
                    group_flags: new.group_flags,
                    group_flags_metadata: new.group_flags_metadata.unwrap_or_default(),
                    created_by: viewer.to_owned(),
                    created_at: now,
                    users,
                    recipients: new.recipients,
                    last_message_id: None,
                    message_ids: Vec::new(),
                };
                self.messaging.groups.insert(id.clone(), group);
                self.emit(&[viewer], (4, 8, "id"), &Value::from(id.as_str()), now);
                Ok(id)
            }
            other => Err(Rejection::BadRequest(format!(
                "type: unknown group type {other}"
            ))),
        }
    }

    /// `POST /groups/users/settings`: replaces the viewer's settings; emits (4,9).
    pub(crate) fn set_user_settings(
        &mut self,
        viewer: &str,
        group_id: &str,
        settings: UserSettings,
        now: i64,
    ) -> Result<Value, Rejection> {
        self.member_group(viewer, group_id)?;
        if let Some(member) = self
            .messaging
            .groups
            .get_mut(group_id)
            .and_then(|g| g.users.iter_mut().find(|m| m.user_id == viewer))
        {
            member.settings = settings.clone();
        }
        let payload = json!({ "groupId": group_id, "userId": viewer, "userSettings": settings });
        self.emit(
            &[viewer],
            (4, 9, "groupUserSettingsChangeEvent"),
            &payload,
            now,
        );
        Ok(payload)
    }

    /// A group as `viewer` sees it (its own `userSettings`, the last message).
    pub(crate) fn render_group(&self, viewer: &str, group: &Group) -> Value {
        let users: Vec<Value> = group
            .users
            .iter()
            .map(|m| {
                json!({
                    "groupId": group.id,
                    "userId": m.user_id,
                    "type": 0,
                    "permissionFlags": m.permission_flags,
                })
            })
            .collect();
        let recipients: Vec<Value> = group
            .recipients
            .iter()
            .map(|r| json!({ "recipientId": r.recipient_id, "type": r.kind }))
            .collect();
        let settings = group
            .member(viewer)
            .map(|m| m.settings.clone())
            .unwrap_or_default();
        let last_message = group
            .last_message_id
            .as_deref()
            .and_then(|id| self.message(id))
            .map(|m| self.render_message(m, false));
        json!({
            "id": group.id,
            "type": group.kind,
            "groupFlags": group.group_flags,
            "groupFlagsMetadata": group.group_flags_metadata,
            "createdBy": group.created_by,
            "createdAt": group.created_at,
            "users": users,
            "permissionFlags": [],
            "recipients": recipients,
            "userSettings": settings,
            "lastMessageId": group.last_message_id,
            "lastMessage": last_message,
            "hasDmPermissionFlags": false,
            "dmPermissionFlags": [],
            "accountDmPermissionFlags": { "flags": 0, "metadata": "" },
        })
    }
}
