//! Native JSON shapes of the auth entities (field names and units as Fansly sends them).

use serde::Serialize;
use serde_json::{Value, json};

use crate::world::{Account, Session, TwofaSession};

/// The session object (route-map §5.2); `twofa_at` keeps Fansly's snake case.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SessionView<'a> {
    id: &'a str,
    token: &'a str,
    account_id: &'a str,
    device_id: Option<&'a str>,
    status: u8,
    ip: &'a str,
    last_used: i64,
    #[serde(rename = "twofa_at")]
    twofa_at: Option<i64>,
    metadata: Option<Value>,
    created_at: i64,
    check_token: Option<String>,
    websocket_session_id: Option<String>,
}

impl<'a> From<&'a Session> for SessionView<'a> {
    fn from(s: &'a Session) -> Self {
        Self {
            id: &s.id,
            token: &s.token,
            account_id: &s.account_id,
            device_id: s.device_id.as_deref(),
            status: s.status,
            ip: &s.ip,
            last_used: s.last_used,
            twofa_at: s.twofa_at,
            metadata: None,
            created_at: s.created_at,
            check_token: None,
            websocket_session_id: None,
        }
    }
}

/// An account as Fansly renders it; `email` only for the owner (`/account/me`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AccountView<'a> {
    id: &'a str,
    username: &'a str,
    display_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    flags: u32,
    version: u32,
    created_at: i64,
    about: &'a str,
    location: &'a str,
    profile_socials: [Value; 0],
    avatar: Option<Value>,
    banner: Option<Value>,
    follow_count: u64,
    subscriber_count: u64,
    post_likes: u64,
    account_media_likes: u64,
    status_id: u8,
    last_seen_at: i64,
    profile_access_flags: u32,
    profile_flags: u32,
    permissions: Value,
    timeline_stats: Value,
    pinned_posts: [Value; 0],
    streaming: Value,
    walls: [Value; 0],
    following: bool,
    subscribed: bool,
    profile_access: bool,
}

impl<'a> AccountView<'a> {
    /// The owner's view, with the e-mail.
    pub(super) fn own(account: &'a Account) -> Self {
        Self {
            email: Some(&account.email),
            ..Self::public(account)
        }
    }

    /// What anyone else sees (no e-mail).
    pub(super) fn public(a: &'a Account) -> Self {
        Self {
            id: &a.id,
            username: &a.username,
            display_name: &a.display_name,
            email: None,
            flags: a.flags,
            version: a.version,
            created_at: a.created_at,
            about: &a.about,
            location: &a.location,
            profile_socials: [],
            avatar: None,
            banner: None,
            follow_count: a.follow_count,
            subscriber_count: a.subscriber_count,
            post_likes: a.post_likes,
            account_media_likes: a.account_media_likes,
            status_id: a.status_id,
            last_seen_at: a.last_seen_at,
            profile_access_flags: 0,
            profile_flags: 0,
            permissions: json!({ "accountPermissionFlags": { "flags": 0 } }),
            timeline_stats: json!({
                "accountId": a.id, "imageCount": 0, "videoCount": 0, "bundleCount": 0,
                "bundleImageCount": 0, "bundleVideoCount": 0, "fetchedAt": 0,
            }),
            pinned_posts: [],
            streaming: json!({ "accountId": a.id, "channel": null, "enabled": false }),
            walls: [],
            following: false,
            subscribed: false,
            profile_access: true,
        }
    }
}

/// The 2FA-session verify object (route-map §5.6), exactly these fields.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TwofaVerifyView<'a> {
    id: &'a str,
    account_id: &'a str,
    device_id: Option<&'a str>,
    ip: &'a str,
    email: &'a str,
    code: &'a str,
    token: &'a str,
    status: u8,
    tries: u32,
    version: u32,
    created_at: i64,
}

impl<'a> From<&'a TwofaSession> for TwofaVerifyView<'a> {
    fn from(t: &'a TwofaSession) -> Self {
        Self {
            id: &t.id,
            account_id: &t.account_id,
            device_id: t.device_id.as_deref(),
            ip: &t.ip,
            email: &t.email,
            code: &t.code,
            token: &t.token,
            status: t.status,
            tries: t.tries,
            version: t.version,
            created_at: t.created_at,
        }
    }
}
