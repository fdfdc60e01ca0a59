//! Schemas: the envelopes, the lenient input shapes (ids as strings or numbers, `mediaIds` as
//! strings or objects, `access_type` as a string or an array), the media and access fields
//! shared by every route that attaches media, and the native Fansly objects routes pass
//! through (only the fields clients rely on are listed; more are allowed).

use serde_json::{Map, Value, json};

use super::builder::{any_of, described, obj, t};

pub fn schemas() -> Map<String, Value> {
    let mut s = Map::new();
    let mut put = |name: &str, v: Value| {
        s.insert(name.to_owned(), v);
    };
    put(
        "Envelope",
        described(
            json!({"type": "object",
        "required": ["statusCode", "message", "data", "timestamp"],
        "properties": {
            "statusCode": {"type": "integer", "description": "Equal to the HTTP status."},
            "message": {"type": "string", "examples": ["Success"]},
            "data": {},
            "timestamp": {"type": "string", "format": "date-time", "examples": ["2026-02-05T17:06:11.491Z"]}}}),
            "Every JSON success: `{statusCode, message, data, timestamp}`.",
        ),
    );
    put(
        "ErrorEnvelope",
        described(
            json!({"type": "object",
        "required": ["statusCode", "message", "error", "data", "timestamp"],
        "properties": {
            "statusCode": {"type": "integer"},
            "message": {"type": "string", "description": "What went wrong; names the field and the rule for bad input."},
            "error": {"type": "string", "description": "The HTTP reason phrase, e.g. `Bad Request`."},
            "data": {"type": ["object", "null"], "description": "`null`, or machine-readable detail such as `{requires_2fa: true}`."},
            "timestamp": {"type": "string", "format": "date-time"}}}),
            "Every error: `{statusCode, message, error, data, timestamp}`.",
        ),
    );
    put(
        "Cursor",
        described(
            t("s?"),
            "The next page's cursor (digits); `null` on the last page. Send it back as `cursor`.",
        ),
    );
    put(
        "NativeIdValue",
        described(
            any_of(vec![
                t("id"),
                json!({"type": "integer", "minimum": 0, "maximum": 18_446_744_073_709_551_615_u64}),
            ]),
            "A native Fansly id, as a digit string or a JSON integer.",
        ),
    );
    put(
        "MediaIdItem",
        described(
            any_of(vec![t("s"), obj("mediaId*:s previewId:s?")]),
            "A vault media id, or `{mediaId, previewId|null}`.",
        ),
    );
    let access = json!({"type": "string", "enum": ["ppv", "subscription", "follow", "list", "limited_time"]});
    put(
        "AccessType",
        described(
            any_of(vec![
                access.clone(),
                json!({"type": "array", "items": access}),
            ]),
            "One access type or an array of them.",
        ),
    );
    put(
        "Price",
        described(
            any_of(vec![t("n"), t("s"), json!({"type": "null"})]),
            "Dollars, 1–500 (a numeric string is read too); converted to mills. 0/null = free.",
        ),
    );
    put(
        "AccessRule",
        described(
            obj(
                "access_type:AccessType? accessType:AccessType? type:AccessType? price:Price \
        subscriptionTierId:s? subscriptionTierName:s? listId:s? listLabel:s? validAfter:ms? validBefore:ms?",
            ),
            "One advanced access rule; its access type may be spelled `access_type`, `accessType` or `type`.",
        ),
    );
    put("MediaAccess", Body::media_access());
    put(
        "TwofaCode",
        described(
            any_of(vec![t("s"), json!({"type": "integer", "minimum": 0})]),
            "An OTP code: a string, or a non-negative JSON integer.",
        ),
    );
    put(
        "TwofaPair",
        described(
            obj("token:s code:TwofaCode"),
            "A verified OTP `(token, code)`; both empty (or absent) = filled from the last verification of the last 10 minutes.",
        ),
    );
    // Native Fansly objects, passed through (only the fields clients use are listed).
    put(
        "Account",
        obj(
            "id:id username:s displayName:s? about:s? avatar:o? banner:o? followCount:i subscriberCount:i timelineStats:o walls:[Wall] pinnedPosts:a",
        ),
    );
    put("Attachment", obj("contentId:id contentType:i pos:i"));
    put(
        "PostAttachment",
        described(
            obj(
                "contentId:id contentType:i pos:i accountMediaId:id accountMediaBundleId:id accountMediaIds:[id]",
            ),
            "A post attachment naming its media (client-compat §5.4): `contentType` 1 adds `accountMediaId` (= `contentId`, an id in the answer's `accountMedia[]`); `contentType` 2 (a bundle) adds `accountMediaBundleId` (= `contentId`) and `accountMediaIds`, the bundle's media in order, each an id in `accountMedia[]`.",
        ),
    );
    put(
        "Message",
        obj(
            "id:id groupId:id senderId:id content:s createdAt:n attachments:[Attachment] totalTipAmount:i interactions:a deletedAt:n?",
        ),
    );
    put(
        "Chat",
        obj(
            "account_id:s groupId:id partnerAccountId:id partnerUsername:s flags:i unreadCount:i subscriptionTierId:id? lastMessageId:id? lastUnreadMessageId:id?",
        ),
    );
    put("Group", obj("id:id type:i users:a recipients:a"));
    put(
        "Media",
        obj("id:id type:i mimetype:s filename:s width:i height:i locations:a variants:a"),
    );
    put(
        "AccountMedia",
        obj("id:id mediaId:id previewId:id? price:i permissionFlags:i media:Media"),
    );
    put(
        "Post",
        obj(
            "id:id accountId:id content:s attachments:[PostAttachment] wallIds:[id] fypFlags:i expiresAt:i? pinned:any createdAt:i?",
        ),
    );
    put(
        "PostsPage",
        obj(
            "posts:[Post] aggregatedPosts:a accountMedia:[AccountMedia] accountMediaBundles:a accounts:[Account] tips:a",
        ),
    );
    put(
        "Wall",
        obj("id:id accountId:id pos:i name:s description:s createdAt:i"),
    );
    put(
        "List",
        obj("id:id accountId:id pos:i type:i label:s itemCount:i"),
    );
    put(
        "Subscription",
        obj(
            "id:id subscriberId:id subscriptionTierId:id subscriptionTierName:s status:i price:i renewPrice:i autoRenew:i renewDate:ms createdAt:ms endsAt:ms",
        ),
    );
    put(
        "SubscriberRow",
        described(
            obj(
                "id*:id username*:s? displayName*:s? avatar*:s? subscribedAt*:s? expiresAt*:s? totalSpent*:n? subscriptionTier*:s?",
            ),
            "One subscriber as a fan (client-compat §5.3): `id` the fan's Fansly account id (not the subscription's), `avatar` a URL or null, `subscribedAt`/`expiresAt` ISO-8601, `totalSpent` the fan's all-time spend with the creator in dollars (null when Fansly's 100-row totals list is full and the fan is not in it), `subscriptionTier` the tier's name.",
        ),
    );
    put(
        "Tier",
        obj("id:id accountId:id name:s color:s pos:i price:i maxSubscribers:i plans:a"),
    );
    put("StatsRow", obj("type:i totalGross:i totalNet:i count:i"));
    put(
        "MonthlyRow",
        obj("month:ms totalGross:i totalNet:i count:i"),
    );
    put(
        "Transaction",
        obj(
            "transactionId:id walletId:id accountId:id correlationAccountId:id type:i status:i amount:i transactionAmount:i createdAt:ms",
        ),
    );
    put(
        "PayoutMethod",
        obj(
            "id:id accountId:id providerId:NativeIdValue type:i status:i flags:i metadata:s createdAt:ms updatedAt:ms deletedAt:ms?",
        ),
    );
    put(
        "TrackingLink",
        obj(
            "id:id accountId:id type:i status:i label:s description:s clicks:i claims:i follows:i subscriptions:i totalGross:i totalNet:i createdAt:ms",
        ),
    );
    put(
        "Notification",
        obj("id:id type:i accountId:id correlationId:id createdAt:ms read:b"),
    );
    put(
        "Album",
        obj("id:id accountId:id title:s description:s type:i pos:i itemCount:i createdAt:ms"),
    );
    put(
        "VaultRow",
        obj(
            "id:id mediaId:id previewId:id? albumMediaId:id mediaType:i customFilename:s? media:Media",
        ),
    );
    put(
        "Broadcast",
        obj("id:id groupId:id content:s attachments:[Attachment] scheduledFor:ms stats:o"),
    );
    put(
        "AutomatedMessage",
        obj(
            "id:id accountId:id triggerType:i triggerMetadata:s delay:i cooldown:i messageTemplate:o",
        ),
    );
    put(
        "ConnectedAccount",
        obj(
            "accountId:s email:s name:s country:s createdAt:s status:s(active|expired|reauth_required|reauth_failed) fanslyAccountId:id? username:s? credentials:KeptCredentials reauth:Reauth?",
        ),
    );
    put(
        "KeptCredentials",
        super::builder::described(
            obj("kept:b twofa:s?"),
            "Whether a password is kept for automatic re-login, and for which second factor (`none`, `authenticator`, `email`; null when none is kept). Never the secrets.",
        ),
    );
    put(
        "Reauth",
        super::builder::described(
            obj("reason:s retryAt:s?"),
            "Why an expired account is not renewed automatically (`email_code`, `authenticator_code`, `bad_credentials`, `twofa_code_refused`, `rate_limited`, `refused`, `unavailable`, `totp_secret_invalid`) and the earliest next attempt (null: none until a person reconnects or replaces the credentials).",
        ),
    );
    put(
        "UploadJob",
        obj(
            "jobId:s accountId:s state:s(waiting|active|completed|failed) progress:i result:o? error:s? fileName:s fileSize:i",
        ),
    );
    put(
        "WebhookEndpoint",
        obj(
            "id:s url:s events:[WebhookEvent] payloadStyle:PayloadStyle accountIds:[s]? description:s? enabled:b disabledReason:s? createdAt:s updatedAt:s",
        ),
    );
    put(
        "PayloadStyle",
        json!({"type": "string", "enum": ["envelope", "event_type"], "default": "envelope",
            "description": "The body this endpoint receives. `envelope` (default): `{event, accountId, timestamp, data}` with Fansly's object as `data`, for every subscribed event. `event_type`: `{event_type, timestamp, data:{account_id, …}}` (schema `EventTypeWebhook`), only for the six mapped events (and the test event); other events are not sent to it. Signatures are the same for both."}),
    );
    put(
        "EventTypeWebhook",
        described(
            json!({"type": "object", "required": ["event_type", "timestamp", "data"], "properties": {
                "event_type": {"type": "string", "enum": ["new_message", "new_tip", "new_subscription",
                    "subscription_renewed", "subscription_expired", "new_follower", "test"]},
                "timestamp": {"type": "string", "description": "ISO-8601 time of the event"},
                "data": obj("account_id*:s message:o tip:o subscriber:o follower:o sender:o test:o"),
            }}),
            "The body of the `event_type` payload style (client-compat §5.6). `data.account_id` is the gateway's account id. Per `event_type`: `new_message` (from `messages.received`) → `message{id, text, created_at}`, `sender{id, username, display_name, avatar}`; `new_tip` (`tips.received`) → `tip{id, amount (dollars), message, created_at}`, `sender{…}`; `new_subscription` (`subscriptions.new`) → `subscriber{id, username, display_name, avatar, tier, amount (dollars)}`; `subscription_renewed` (`subscriptions.renewed`) → `subscriber{…, total_spent (dollars, all time)}`; `subscription_expired` (`subscriptions.expired`) → `subscriber{id, username, display_name, avatar, tier, amount}`; `new_follower` (`followers.new`) → `follower{id, username, display_name, avatar}`. `id`s are Fansly account ids of the fan, `avatar` a URL or null, times ISO-8601; names are null when Fansly could not be asked.",
        ),
    );
    put(
        "WebhookDelivery",
        obj(
            "id:s eventId:s event:s status:s(pending|delivered|failed) attempts:i responseStatus:i? latencyMs:i? lastError:s? nextAttemptAt:s? createdAt:s updatedAt:s",
        ),
    );
    put(
        "WebhookEvent",
        json!({"type": "string", "enum": crate::webhooks::events::ALL}),
    );
    s
}

struct Body;

impl Body {
    /// The media and access fields of send message (route-map §0.7), shared by every route
    /// that attaches media.
    fn media_access() -> Value {
        super::builder::Body::new()
            .f("content", "s?", "At most 10 000 characters; required (non-blank) unless media is attached.")
            .fs("mediaIds", json!({"type": ["array", "null"], "maxItems": 50, "items": t("MediaIdItem")}),
                "Vault media ids, as strings and/or `{mediaId, previewId|null}` objects, mixed freely (at most 50).")
            .f("mediaId", "s?", "One more media id (singular form).")
            .f("access_type", "AccessType?", "`ppv`, `subscription`, `follow`, `list`, `limited_time`; unknown → 400.")
            .f("accessType", "AccessType?", "Same as `access_type`.")
            .f("price", "Price", "Dollars 1–500, required with `ppv`; a price without `ppv` or without media → 400.")
            .f("subscriptionTierId", "s?", "For `subscription`; with neither id nor name any tier unlocks.")
            .f("subscriptionTierName", "s?", "For `subscription`; an unknown name → 400.")
            .f("listId", "s?", "For `list` (required with it).")
            .f("listLabel", "s?", "For `list`.")
            .f("validAfter", "ms?", "For `limited_time` (this or `validBefore` required); `validAfter < validBefore`.")
            .f("validBefore", "ms?", "For `limited_time`.")
            .f("permissions", "[AccessRule]?", "Advanced rules; when present (even empty) the root-level access fields are ignored.")
            .schema()
    }
}
