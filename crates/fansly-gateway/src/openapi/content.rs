//! Catalog: posts and walls (`routes/posts.rs`), discovery (`routes/discover.rs`), analytics
//! (`routes/analytics.rs`), tracking links (`routes/tracking_links.rs`) and notifications
//! (`routes/notifications.rs`). See docs/routes/content.md.

use serde_json::json;

use super::builder::{Body, Op, obj, op, t};

const POSTS: &str = "Posts";
const INSIGHT: &str = "Discovery and analytics";

/// P2's fields (P4 takes the same, without scheduling).
fn post_body(create: bool) -> Body {
    let mut b = Body::new()
        .with("MediaAccess")
        .f("attachments", "[o]", "Old shape `[{contentId, contentType, pos}]`, passed through; not together with `mediaIds` / `mediaId`.")
        .f("wallIds", "[NativeIdValue]", "Walls; default [] (the first wall).")
        .f("expiresAt", "ms", "0 = never; otherwise later than now (and than `scheduledFor`).")
        .f("fypFlags", "i", "≥ 0, passed through.")
        .f("postToFYP", "b", "Used when `fypFlags` is absent: true → 2.")
        .fs("pinned", json!({"anyOf": [t("b"), {"type": "integer", "enum": [0, 1]}]}), "Sent as 0/1.");
    if create {
        b = b
            .f(
                "scheduledFor",
                "ms",
                "0 / absent = now; a future time schedules the post.",
            )
            .f("pinWallIds", "[NativeIdValue]", "Passed through.")
            .f("inReplyTo", "NativeIdValue", "A native post id.")
            .f("quotedPostId", "NativeIdValue", "A native post id.");
    }
    b
}

pub fn operations() -> Vec<Op> {
    let walls = obj("walls:[Wall]");
    let window = |o: Op| {
        o.q("after", "ms", "≥ 0 (0 = unbounded).").q(
            "before",
            "ms",
            "≥ 0 (0 = unbounded); `after` < `before` when both are set.",
        )
    };
    vec![
        op("GET", "/{account_id}/posts", "listPosts", "The creator's timeline")
            .tag(POSTS)
            .limit_note(15, 300, "In cursor mode one native page (15 posts) at most; in offset mode `offset + limit` is clamped to 300.")
            .qs("offset", json!({"type": "integer", "minimum": 0, "maximum": 299}), "0–299 (checked even when `cursor` is given); offset mode when no cursor is given.")
            .q("wallId", "id", "Only this wall's posts.")
            .qs("search", json!({"type": "string", "maxLength": 200}), "At most 200 characters.")
            .paged(200, "A page of posts", t("PostsPage")),
        op("POST", "/{account_id}/posts", "createPost", "Create or schedule a post (HTTP 201)")
            .tag(POSTS)
            .desc("Content or media is required. Never retried. A scheduled post's `postId` is copied into `id`.")
            .body(post_body(true).schema())
            .idem()
            .proxied(201, "The new post", t("Post")),
        op("GET", "/{account_id}/posts/{post_id}", "getPost", "One post")
            .tag(POSTS)
            .proxied(200, "The post and its aggregates", t("PostsPage")),
        op("POST", "/{account_id}/posts/{post_id}", "updatePost", "Update a post (fields left out are cleared)")
            .tag(POSTS)
            .body(post_body(false).schema())
            .proxied(200, "The updated post", t("Post")),
        op("DELETE", "/{account_id}/posts/{post_id}", "deletePost", "Delete a post")
            .tag(POSTS)
            .proxied(200, "`response: true`", t("b")),
        op("POST", "/{account_id}/posts/{post_id}/pin", "pinPost", "Pin a post to a wall")
            .tag(POSTS)
            .body(Body::new().f("wallId*", "NativeIdValue", "The wall to pin on.").schema())
            .proxied(200, "The pin", obj("postId:id accountId:id pos:i createdAt:ms wallId:id")),
        op("GET", "/{account_id}/posts/walls", "listWalls", "The creator's walls")
            .tag(POSTS)
            .proxied(200, "Walls by `pos` (also at `data.data.walls`)", walls.clone()),
        op("GET", "/{account_id}/walls", "listWallsAlias", "The creator's walls (alias)")
            .tag(POSTS)
            .proxied(200, "Walls by `pos` (also at `data.data.walls`)", walls),
        op("GET", "/{account_id}/posts/wall/{wall_id}", "wallPosts", "Posts of one wall")
            .tag(POSTS)
            .paged(200, "A page of the wall's posts", json!({"allOf": [t("PostsPage"), obj("wall:Wall")]})),
        op("GET", "/{account_id}/posts/scheduled", "scheduledPosts", "Scheduled posts")
            .tag(POSTS)
            .proxied(200, "Unchanged", obj("scheduledPosts:[o]")),
        op("POST", "/{account_id}/posts/scheduled/{post_id}/cancel", "cancelScheduledPost", "Cancel a scheduled post")
            .tag(POSTS)
            .proxied(200, "Fansly's answer", t("any")),
        op("GET", "/{account_id}/discover/search/accounts", "searchAccounts", "Search creators")
            .tag(INSIGHT)
            .qs("query*", json!({"type": "string", "maxLength": 100}), "Non-blank, at most 100 characters.")
            .limit(10, 100)
            .q("offset", "i", "≥ 0, default 0.")
            .proxied(200, "Matching accounts", t("[Account]")),
        op("GET", "/{account_id}/discover/tags/{tag_id}/media", "tagMedia", "Discovery media of a tag")
            .tag(INSIGHT)
            .limit(20, 100)
            .q("offset", "i", "≥ 0, default 0.")
            .proxied(200, "Unchanged", obj("mediaOfferSuggestions:[o] aggregationData:o")),
        op("GET", "/{account_id}/analytics/profilestats", "profileStats", "Profile statistics")
            .tag(INSIGHT)
            .q("afterDate", "ms", "Window start; `afterDate` < `beforeDate`. Default: 30 days ago.")
            .q("beforeDate", "ms", "Window end; default now.")
            .qs("period", json!({"type": "integer", "enum": [300000, 3600000, 21600000, 86400000]}), "Bucket size in ms; default 86400000.")
            .qs("year", json!({"type": "integer", "minimum": 2019, "maximum": 2100}), "2019–2100; required with `month` (a rule between parameters: answered 400 `year is required with month`).")
            .qs("month", json!({"type": "integer", "minimum": 1, "maximum": 12}), "1–12, with `year`: the window defaults to that UTC month.")
            .proxied(200, "Unchanged", obj("dataset:o aggregationData:o")),
        op("GET", "/{account_id}/tracking-links", "listTrackingLinks", "Tracking links")
            .tag(INSIGHT)
            .proxied(200, "The links (money in mills)", t("[TrackingLink]")),
        op("PUT", "/{account_id}/tracking-links", "updateTrackingLink", "Rename a tracking link")
            .tag(INSIGHT)
            .body(Body::new()
                .f("id*", "NativeIdValue", "The link; a built-in one (For You, Suggestions, Search) → 409.")
                .f("label", "s", "At most 100 characters (absent = empty).")
                .f("description", "s", "At most 1000 characters (absent = empty).")
                .schema())
            .errs(&[409])
            .proxied(200, "The updated link", t("TrackingLink")),
        window(op("GET", "/{account_id}/tracking-links/{link_id}/stats", "trackingLinkStats", "Tracking-link statistics")
            .tag(INSIGHT))
            .proxied(200, "Daily buckets", t("[o]")),
        op("GET", "/{account_id}/notifications", "notifications", "Notifications")
            .tag(INSIGHT)
            .qs("type", json!({"type": "string", "pattern": "^[0-9]{1,6}(,[0-9]{1,6})*$"}), "Comma list of codes (1–6 digits each), e.g. `1002,3002`.")
            .paged(200, "25 per page, newest first", obj("notifications:[Notification] cursor:Cursor nextCursor:Cursor")),
    ]
}
