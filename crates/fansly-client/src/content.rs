//! Typed content calls (route-map §1.1 A3, §1.8 posts, §2 AL1/AL6/AL7): timelines, posts by
//! id, create / edit / wall moves / delete, scheduled posts, pins and account search by
//! username.
//!
//! One function per native route; each returns the whole native answer so the gateway can
//! pass it through. `POST /post/edit` is a **guess** (route-map P4) and lives behind exactly
//! one function, [`FanslyClient::post_edit`]. `post_create` is a plain call: the gateway
//! never retries a post creation.

use serde_json::{Value, json};

use crate::{Auth, FanslyClient, FanslyError, NativeRequest, NativeResponse, SessionCreds};

/// Native `notifications` page size (the default `limit`).
pub const NOTIFICATIONS_PAGE: usize = 25;

/// Native `timelinenew` page size.
pub const TIMELINE_PAGE: usize = 15;

/// Query of `GET /timelinenew/{accountId}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineQuery {
    /// Strictly older than this post id; `None` = from the newest (`before=0`).
    pub before: Option<String>,
    /// Empty = every wall.
    pub wall_id: String,
    /// Empty = no search.
    pub content_search: String,
}

/// Query of `GET /it/amoie/stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProfileStatsQuery {
    /// Unix ms.
    pub before_date: i64,
    /// Unix ms.
    pub after_date: i64,
    /// Bucket width in ms.
    pub period: i64,
    /// 0 = none.
    pub year: i32,
    /// 1–12; 0 = none.
    pub month: u32,
}

impl FanslyClient {
    /// `GET /account?usernames=<username>` (case-insensitive upstream).
    pub async fn accounts_by_username(
        &self,
        s: &SessionCreds,
        username: &str,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/account", Auth::Session(s))
                .query("usernames", username.to_owned()),
        )
        .await
    }

    /// `GET /timelinenew/{accountId}?before&after=0&wallId&contentSearch`: 15 posts.
    pub async fn timeline(
        &self,
        s: &SessionCreds,
        account_id: &str,
        q: &TimelineQuery,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/timelinenew/{account_id}");
        self.call(
            NativeRequest::get(&path, Auth::Session(s))
                .query("before", q.before.clone().unwrap_or_else(|| "0".into()))
                .query("after", "0")
                .query("wallId", q.wall_id.clone())
                .query("contentSearch", q.content_search.clone()),
        )
        .await
    }

    /// `GET /post?ids=a,b`.
    pub async fn posts_by_ids(
        &self,
        s: &SessionCreds,
        ids: &[&str],
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/post", Auth::Session(s)).query("ids", ids.join(",")))
            .await
    }

    /// `POST /post` with the body as built by the gateway. Never retried.
    pub async fn post_create(
        &self,
        s: &SessionCreds,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post("/post", body, Auth::Session(s)))
            .await
    }

    /// `POST /post/edit {id, content, attachments, fypFlags, expiresAt, pinned,
    /// postReplyPermissionFlags, wallIds}` (guess; fields left out are cleared).
    pub async fn post_edit(
        &self,
        s: &SessionCreds,
        body: Value,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post("/post/edit", body, Auth::Session(s)))
            .await
    }

    /// `POST /wall/postedit {postId, wallIds}`: moves a post between walls.
    pub async fn wall_post_edit(
        &self,
        s: &SessionCreds,
        post_id: &str,
        wall_ids: &[String],
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "postId": post_id, "wallIds": wall_ids });
        self.call(NativeRequest::post(
            "/wall/postedit",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `POST /post/{id}/delete`.
    pub async fn post_delete(
        &self,
        s: &SessionCreds,
        post_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/post/{post_id}/delete");
        self.call(NativeRequest::post(&path, json!({}), Auth::Session(s)))
            .await
    }

    /// `GET /post/scheduled` → `{scheduledPosts:[…]}`.
    pub async fn posts_scheduled(&self, s: &SessionCreds) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/post/scheduled", Auth::Session(s)))
            .await
    }

    /// `POST /post/scheduled/{id}/cancel`.
    pub async fn post_scheduled_cancel(
        &self,
        s: &SessionCreds,
        post_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/post/scheduled/{post_id}/cancel");
        self.call(NativeRequest::post(&path, json!({}), Auth::Session(s)))
            .await
    }

    /// `POST /profile/pinned {postId, pos, wallId}` (`wallId` is the gateway's addition).
    pub async fn profile_pin(
        &self,
        s: &SessionCreds,
        post_id: &str,
        pos: i64,
        wall_id: Option<&str>,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "postId": post_id, "pos": pos, "wallId": wall_id });
        self.call(NativeRequest::post(
            "/profile/pinned",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `GET /account/search?query&limit&offset` → array of Account.
    pub async fn account_search(
        &self,
        s: &SessionCreds,
        query: &str,
        limit: u32,
        offset: u64,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/account/search", Auth::Session(s))
                .query("query", query.to_owned())
                .query("limit", limit.to_string())
                .query("offset", offset.to_string()),
        )
        .await
    }

    /// `GET /contentdiscovery/media/suggestionsnew?before=0&after=0&tagIds&limit&offset`.
    pub async fn discovery_by_tag(
        &self,
        s: &SessionCreds,
        tag_id: &str,
        limit: u32,
        offset: u64,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/contentdiscovery/media/suggestionsnew", Auth::Session(s))
                .query("before", "0")
                .query("after", "0")
                .query("tagIds", tag_id.to_owned())
                .query("limit", limit.to_string())
                .query("offset", offset.to_string()),
        )
        .await
    }

    /// `GET /trackinglinks` → bare array of links.
    pub async fn tracking_links(&self, s: &SessionCreds) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/trackinglinks", Auth::Session(s)))
            .await
    }

    /// `GET /trackinglinks/stats?trackingLinkId&before&after` (Unix ms; 0 = unbounded).
    pub async fn tracking_link_stats(
        &self,
        s: &SessionCreds,
        id: &str,
        before: i64,
        after: i64,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/trackinglinks/stats", Auth::Session(s))
                .query("trackingLinkId", id.to_owned())
                .query("before", before.to_string())
                .query("after", after.to_string()),
        )
        .await
    }

    /// `POST /trackinglinks/edit {id, label, description}` (guess, route-map TL1).
    pub async fn tracking_link_edit(
        &self,
        s: &SessionCreds,
        id: &str,
        label: &str,
        description: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "id": id, "label": label, "description": description });
        self.call(NativeRequest::post(
            "/trackinglinks/edit",
            body,
            Auth::Session(s),
        ))
        .await
    }

    /// `GET /notifications?before&after=0&type` (native page: 25, newest first).
    pub async fn notifications(
        &self,
        s: &SessionCreds,
        before: Option<&str>,
        types: &str,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/notifications", Auth::Session(s))
                .query("before", before.unwrap_or("0").to_owned())
                .query("after", "0")
                .query("type", types.to_owned()),
        )
        .await
    }

    /// `GET /it/amoie/stats?beforeDate&afterDate&period&year&month` (ms; year/month 0 = none).
    pub async fn profile_stats(
        &self,
        s: &SessionCreds,
        q: &ProfileStatsQuery,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(
            NativeRequest::get("/it/amoie/stats", Auth::Session(s))
                .query("beforeDate", q.before_date.to_string())
                .query("afterDate", q.after_date.to_string())
                .query("period", q.period.to_string())
                .query("year", q.year.to_string())
                .query("month", q.month.to_string()),
        )
        .await
    }
}
