//! Typed messaging calls (route-map §1.3–§1.7, §2 AL2/AL9/AL13, §0.7 media minting): chats
//! and groups, messages, read receipts, likes, ignore flags (mute / VIP), DM media offers,
//! broadcasts (mass messages) and automated-message rules, plus the per-fan tip ledger.
//!
//! One function per native route; each returns the whole native answer so the gateway can
//! pass it through. Routes the route map marks **guess** (`/message/like`,
//! `/message/like/remove`, `/message/broadcast/scheduled/{id}/edit`, `/message/automated`
//! POST and `/message/automated/delete`) live behind exactly one function each, so a real
//! path can replace a guessed one in one place (route-map §6.7).
//!
//! Sends (`message_send`, `group_create` for broadcasts, `broadcast_send`) are plain calls:
//! the client never retries anything, and the gateway never retries these.

use serde_json::{Value, json};

use crate::{Auth, FanslyClient, FanslyError, NativeRequest, NativeResponse, SessionCreds};

/// Query of `GET /messaging/groups` (the inbox).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupsQuery {
    /// 1 newest first, 2 oldest first, 3 unread first.
    pub sort_order: u8,
    /// 0 all, 2 followers, 4 subscribers, 32 unread.
    pub flags: u32,
    /// Empty for every tier.
    pub subscription_tier_id: String,
    /// Empty for no list filter.
    pub list_ids: String,
    /// Empty for no search.
    pub search: String,
    pub limit: u32,
    pub offset: u64,
}

/// Query of `GET /account/wallets/earnings/transactions/accounts` (one fan's ledger rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FanTransactionsQuery {
    pub correlation_account_id: String,
    /// Unix ms.
    pub after: i64,
    /// Unix ms.
    pub before: i64,
    /// `0` on the first page, then the native `nextCursor`.
    pub cursor: String,
    pub limit: u32,
}

/// Query of `GET /mediaoffers/location` (offers shown in a wall or a DM group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaOffersQuery {
    pub location_id: String,
    /// 4001 DM group, 1002 wall.
    pub location_type: u32,
    /// The creator's native id.
    pub account_id: String,
    /// Empty on the first page.
    pub before: String,
    pub limit: u32,
}

impl FanslyClient {
    // ---- Chats and groups -------------------------------------------------------------

    /// `GET /messaging/groups?sortOrder&flags&subscriptionTierId&listIds&search&limit&offset`.
    pub async fn messaging_groups(
        &self,
        s: &SessionCreds,
        q: &GroupsQuery,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/messaging/groups", Auth::Session(s))
                .query("sortOrder", q.sort_order.to_string())
                .query("flags", q.flags.to_string())
                .query("subscriptionTierId", q.subscription_tier_id.clone())
                .query("listIds", q.list_ids.clone())
                .query("search", q.search.clone())
                .query("limit", q.limit.to_string())
                .query("offset", q.offset.to_string()),
        )
        .await
    }

    /// `GET /group/{groupId}`: one group with the viewer's `userSettings`.
    pub async fn group(
        &self,
        s: &SessionCreds,
        group_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/group/{group_id}");
        self.call(NativeRequest::get(&path, Auth::Session(s))).await
    }

    /// `POST /group` with the body as given (a DM or a type-3 broadcast group). Never
    /// retried: a broadcast group is the first half of a mass message.
    pub async fn group_create(
        &self,
        s: &SessionCreds,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post("/group", body, Auth::Session(s)))
            .await
    }

    /// `POST /groups/users/settings {groupId, userSettings}`: replaces the viewer's settings
    /// for the group (hidden, read receipts, custom name).
    pub async fn group_user_settings(
        &self,
        s: &SessionCreds,
        group_id: &str,
        user_settings: Value,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "groupId": group_id, "userSettings": user_settings });
        self.call(NativeRequest::post(
            "/groups/users/settings",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `GET /ignore?noAggregation=true` → `{ignoring:[{ignoredId, ignoreFlags}]}`.
    pub async fn ignore_list(&self, s: &SessionCreds) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/ignore", Auth::Session(s)).query("noAggregation", "true"))
            .await
    }

    /// `POST /account/ignore {ignoredId, ignoreFlags}` (bits 1 mute, 2 block, 4 VIP); flags
    /// 0 removes the row.
    pub async fn account_ignore(
        &self,
        s: &SessionCreds,
        ignored_id: &str,
        ignore_flags: u64,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "ignoredId": ignored_id, "ignoreFlags": ignore_flags });
        self.call(NativeRequest::post(
            "/account/ignore",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `GET /account/wallets/earnings/transactions/accounts` — one page of the creator's
    /// ledger rows with one fan (`hasMore` / `nextCursor`).
    pub async fn earnings_transactions_accounts(
        &self,
        s: &SessionCreds,
        q: &FanTransactionsQuery,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get(
                "/account/wallets/earnings/transactions/accounts",
                Auth::Session(s),
            )
            .query("correlationAccountId", q.correlation_account_id.clone())
            .query("after", q.after.to_string())
            .query("before", q.before.to_string())
            .query("cursor", q.cursor.clone())
            .query("limit", q.limit.to_string()),
        )
        .await
    }

    /// `GET /mediaoffers/location?locationId&locationType&accountId&mediaType=&before&after=0&limit&offset=0`.
    pub async fn mediaoffers_location(
        &self,
        s: &SessionCreds,
        q: &MediaOffersQuery,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/mediaoffers/location", Auth::Session(s))
                .query("locationId", q.location_id.clone())
                .query("locationType", q.location_type.to_string())
                .query("accountId", q.account_id.clone())
                .query("mediaType", "")
                .query("before", q.before.clone())
                .query("after", "0")
                .query("limit", q.limit.to_string())
                .query("offset", "0"),
        )
        .await
    }

    // ---- Messages ---------------------------------------------------------------------

    /// `GET /message?groupId&limit[&before]`: newest first; `before` (a message id) pages
    /// to older messages and is left out on the first page.
    pub async fn messages(
        &self,
        s: &SessionCreds,
        group_id: &str,
        limit: u32,
        before: Option<&str>,
    ) -> Result<NativeResponse, FanslyError> {
        let mut req = NativeRequest::get("/message", Auth::Session(s))
            .query("groupId", group_id)
            .query("limit", limit.to_string());
        if let Some(before) = before {
            req = req.query("before", before);
        }
        self.call(req).await
    }

    /// `GET /message/unread?limit&offset&before` → `{messageInteractions, total}`.
    pub async fn message_unread(
        &self,
        s: &SessionCreds,
        limit: u32,
        before: Option<&str>,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/message/unread", Auth::Session(s))
                .query("limit", limit.to_string())
                .query("offset", "0")
                .query("before", before.unwrap_or("0")),
        )
        .await
    }

    /// `POST /message` with a complete message body. Never retried.
    pub async fn message_send(
        &self,
        s: &SessionCreds,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post("/message", body, Auth::Session(s)))
            .await
    }

    /// `POST /message/typing {groupId}`.
    pub async fn message_typing(
        &self,
        s: &SessionCreds,
        group_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "groupId": group_id });
        self.call(NativeRequest::post(
            "/message/typing",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /message/ack {messageIds, type}` (1 delivered, 2 read, 3 both).
    pub async fn message_ack(
        &self,
        s: &SessionCreds,
        message_ids: &[String],
        ack_type: u8,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "messageIds": message_ids, "type": ack_type });
        self.call(NativeRequest::post("/message/ack", body, Auth::Session(s)))
            .await
    }

    /// `POST /message/ack/all {type}`: every chat of the viewer.
    pub async fn message_ack_all(
        &self,
        s: &SessionCreds,
        ack_type: u8,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "type": ack_type });
        self.call(NativeRequest::post(
            "/message/ack/all",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /message/delete {messageId, id}` → the deleted message.
    pub async fn message_delete(
        &self,
        s: &SessionCreds,
        message_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "messageId": message_id, "id": message_id });
        self.call(NativeRequest::post(
            "/message/delete",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /message/like {messageId, type}` (**guess**, route-map L1): reaction 1–7.
    pub async fn message_like(
        &self,
        s: &SessionCreds,
        message_id: &str,
        like_type: u8,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "messageId": message_id, "type": like_type });
        self.call(NativeRequest::post("/message/like", body, Auth::Session(s)))
            .await
    }

    /// `POST /message/like/remove {messageId, type}` (**guess**, route-map L2).
    pub async fn message_like_remove(
        &self,
        s: &SessionCreds,
        message_id: &str,
        like_type: u8,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "messageId": message_id, "type": like_type });
        self.call(NativeRequest::post(
            "/message/like/remove",
            body,
            Auth::Session(s),
        ))
        .await
    }

    // ---- Media offers (route-map §0.7) ------------------------------------------------

    /// `GET /account/media?ids=a,b` → `[AccountMedia]`. Unknown ids are absent. With no ids,
    /// answers an empty list without calling Fansly.
    pub async fn account_media(
        &self,
        s: &SessionCreds,
        ids: &[&str],
    ) -> Result<NativeResponse, FanslyError> {
        if ids.is_empty() {
            return Ok(NativeResponse {
                status: 200,
                body: json!({ "success": true, "response": [] }).into(),
            });
        }
        self.call(
            NativeRequest::get("/account/media", Auth::Session(s)).query("ids", ids.join(",")),
        )
        .await
    }

    /// `POST /account/media [model…]`: mints one offer per model, in order.
    pub async fn account_media_create(
        &self,
        s: &SessionCreds,
        models: Vec<Value>,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post(
            "/account/media",
            Value::Array(models),
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /account/media/bundle {accountMediaModels, previewId, permissionFlags, price,
    /// whitelist, permissions, tags}` → `{accountMediaBundles, accountMedia}`.
    pub async fn account_media_bundle_create(
        &self,
        s: &SessionCreds,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post(
            "/account/media/bundle",
            body,
            Auth::Session(s),
        ))
        .await
    }

    // ---- Broadcasts (mass messages) ---------------------------------------------------

    /// `POST /message/broadcast` (a message body whose `groupId` is a type-3 group). Never
    /// retried.
    pub async fn broadcast_send(
        &self,
        s: &SessionCreds,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post(
            "/message/broadcast",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `GET /message/broadcast/scheduled`.
    pub async fn broadcast_scheduled(
        &self,
        s: &SessionCreds,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get(
            "/message/broadcast/scheduled",
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /message/broadcast/scheduled/{id}/edit {content?, scheduledFor?, attachments?}`
    /// (**guess**, route-map MM3).
    pub async fn broadcast_scheduled_edit(
        &self,
        s: &SessionCreds,
        broadcast_id: &str,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/message/broadcast/scheduled/{broadcast_id}/edit");
        self.call(NativeRequest::post(&path, body, Auth::Session(s)))
            .await
    }

    /// `GET /message/broadcast/stats?before&limit`: sent broadcasts, newest first.
    pub async fn broadcast_stats(
        &self,
        s: &SessionCreds,
        before: Option<&str>,
        limit: u32,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(stats_page("/message/broadcast/stats", s, before, limit))
            .await
    }

    /// `GET /message/broadcast/stats/deleted?before&limit`.
    pub async fn broadcast_stats_deleted(
        &self,
        s: &SessionCreds,
        before: Option<&str>,
        limit: u32,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(stats_page(
            "/message/broadcast/stats/deleted",
            s,
            before,
            limit,
        ))
        .await
    }

    // ---- Automated messages -----------------------------------------------------------

    /// `GET /message/automated` → the creator's rules.
    pub async fn automated_messages(
        &self,
        s: &SessionCreds,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/message/automated", Auth::Session(s)))
            .await
    }

    /// `POST /message/automated {triggerType, triggerMetadata, delay, cooldown,
    /// messageTemplate}` (**guess**, route-map AM2).
    pub async fn automated_message_create(
        &self,
        s: &SessionCreds,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post(
            "/message/automated",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /message/automated/delete {id}` (**guess**, route-map AM3).
    pub async fn automated_message_delete(
        &self,
        s: &SessionCreds,
        rule_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "id": rule_id });
        self.call(NativeRequest::post(
            "/message/automated/delete",
            body,
            Auth::Session(s),
        ))
        .await
    }
}
/// A broadcast-stats page: `before=<id or 0>&limit`.
fn stats_page<'a>(
    path: &'a str,
    s: &'a SessionCreds,
    before: Option<&str>,
    limit: u32,
) -> NativeRequest<'a> {
    NativeRequest::get(path, Auth::Session(s))
        .query("before", before.unwrap_or("0"))
        .query("limit", limit.to_string())
}
