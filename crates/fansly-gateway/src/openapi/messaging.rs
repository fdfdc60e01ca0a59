//! Catalog: chats (`routes/chats.rs`), messages (`routes/messages.rs`), likes
//! (`routes/likes.rs`), mass and automated messages (`routes/mass_messaging.rs`,
//! `routes/automated.rs`). See docs/routes/messaging.md.

use serde_json::json;

use super::builder::{Body, Op, obj, op, t};
use crate::routes::automated;

const CHATS: &str = "Chats";
const MESSAGES: &str = "Messages";
const MASS: &str = "Mass messaging";

/// MM2's audience fields (route-map §0.8).
fn audience(b: Body) -> Body {
    b.f("includeFollowers", "b", "Followers (`groupFlags` bit 2).")
        .f(
            "includeSubscribersAutoRenewOn",
            "b",
            "Subscribers renewing (bit 4).",
        )
        .f(
            "includeSubscribersAutoRenewOff",
            "b",
            "Subscribers not renewing (bit 8).",
        )
        .f(
            "includeExpiredSubscribers",
            "b",
            "Expired subscribers (bit 16).",
        )
        .f("excludeCreators", "b", "Bit 32.")
        .f("excludeOfflineUsers", "b", "Bit 64.")
        .f(
            "includeSubscriptionTierId",
            "s",
            "Only this tier's subscribers.",
        )
        .f("includeListIds", "[NativeIdValue]", "Lists to include.")
        .f("excludeListIds", "[NativeIdValue]", "Lists to exclude.")
        .f("excludeUserIds", "[NativeIdValue]", "Users to exclude.")
        .f(
            "scheduledFor",
            "ms",
            "Absent / 0 = now; at most 180 days ahead.",
        )
}

pub fn operations() -> Vec<Op> {
    let chat_target = Body::new()
        .f(
            "targetUserId*",
            "NativeIdValue",
            "The fan's native account id.",
        )
        .schema();
    let like = Body::new()
        .f("messageId*", "NativeIdValue", "The native message id.")
        .fs(
            "type",
            json!({"type": "integer", "minimum": 1, "maximum": 7}),
            "Reaction code 1–7, default 1.",
        )
        .schema();
    vec![
        op("GET", "/{account_id}/chats", "listChats", "List chats")
            .tag(CHATS)
            .q("filter", "s(all|vips|followers|subscribers)", "Default `all`.")
            .q("sort", "s(newest|oldest|unread)", "Default `newest`.")
            .q("subscriptionTierId", "id", "Only this tier's subscribers.")
            .q("search", "s", "Passed to Fansly.")
            .limit_note(25, 25, "Checked like every `limit`, then not used: the page size is always 25.")
            .paged(200, "25 chats per page", obj("data:[Chat] aggregationData:o cursor:Cursor nextCursor:Cursor")),
        op("GET", "/{account_id}/chats/unread", "unreadChats", "Unread messages, one row each")
            .tag(CHATS)
            .paged(200, "Unread rows, newest first", obj("data:[o] aggregationData:o messageInteractions:a total:i cursor:Cursor nextCursor:Cursor")),
        op("GET", "/{account_id}/chats/{chat_id}/tips", "chatTips", "A fan's tips")
            .tag(CHATS)
            .desc("`chat_id` here is the fan's native account id.")
            .q("after", "ms", "Default 0.")
            .q("before", "ms", "Exclusive; default now. `after` < `before`.")
            .proxied(200, "Tips and totals (mills)", obj("tips:a aggregationData:o totalGross:i totalNet:i count:i")),
        op("GET", "/{account_id}/chats/{chat_id}/media-stats", "chatMediaStats", "Media sent in a chat")
            .tag(CHATS)
            .paged(200, "25 rows per page", obj("data:[o] aggregationData:o cursor:Cursor nextCursor:Cursor")),
        op("POST", "/{account_id}/chats/mute", "muteChat", "Mute a fan")
            .tag(CHATS)
            .body(chat_target.clone())
            .proxied(200, "Fansly's answer", t("any")),
        op("POST", "/{account_id}/chats/unmute", "unmuteChat", "Unmute a fan")
            .tag(CHATS)
            .body(chat_target)
            .proxied(200, "Fansly's answer", t("any")),
        op("POST", "/{account_id}/chats/{chat_id}/hide", "hideChat", "Hide a chat")
            .tag(CHATS)
            .proxied(200, "Fansly's answer", t("any")),
        op("POST", "/{account_id}/chats/mark-as-read", "markChatsRead", "Mark one chat or all chats read")
            .tag(CHATS)
            .body(Body::new().fs("chatId", json!({"anyOf": [t("NativeIdValue"), {"type": "null"}, {"type": "string", "pattern": "^\\s*$"}]}), "One chat; absent, null or blank = all chats.").schema())
            .proxied(200, "The ack answer (`{groupId, messageIds:[]}` when nothing was unread)", t("any")),
        op("GET", "/{account_id}/chats/{chat_id}/messages", "listMessages", "Messages of a chat")
            .tag(MESSAGES)
            .limit(10, 10)
            .paged(200, "Newest first; `createdAt` in seconds", obj("messages:[Message] accountMedia:[AccountMedia] accountMediaBundles:a tips:a cursor:Cursor nextCursor:Cursor")),
        op("POST", "/{account_id}/chats/{chat_id}/messages", "sendMessage", "Send a message (HTTP 201)")
            .tag(MESSAGES)
            .desc("Never retried. PPV `price` is dollars. `response.attachments[].contentId` is the offer (or bundle) id that `ppv.purchased` later reports as `accountMediaId`.")
            .body(t("MediaAccess"))
            .idem()
            .proxied(201, "The native message (HTTP 201, `data.status_code` 200)", t("Message")),
        op("POST", "/{account_id}/group", "createGroup", "Create (or find) a chat group")
            .tag(MESSAGES)
            .body(Body::new()
                .fs("users*", json!({"type": "array", "minItems": 1, "items": obj("userId*:NativeIdValue permissionFlags:i")}), "Members; the creator is added when missing.")
                .f("type", "i", "Default 1.")
                .fs("recipients", json!({"type": "array", "items": obj("recipientId*:NativeIdValue")}), "Passed to Fansly; default [].")
                .f("lastMessage", "any", "Default null.")
                .f("userSettings", "any", "Default null.")
                .schema())
            .proxied(200, "The group", t("Group")),
        op("POST", "/{account_id}/chats/typing", "typing", "Show the typing indicator")
            .tag(MESSAGES)
            .body(Body::new().f("chatId*", "NativeIdValue", "The chat (group) id.").schema())
            .proxied(200, "Fansly's answer", t("any")),
        op("POST", "/{account_id}/chats/{chat_id}/vip", "markVip", "Mark a fan VIP")
            .tag(MESSAGES)
            .desc("`chat_id` here is the fan's native account id.")
            .proxied(200, "Fansly's answer", t("any")),
        op("POST", "/{account_id}/chats/{chat_id}/readreceipts", "readReceipts", "Turn read receipts on or off")
            .tag(MESSAGES)
            .body(Body::new().fs("action*", json!({"type": "string", "pattern": "^[ \\t]*([Ee][Nn][Aa][Bb][Ll][Ee]|[Dd][Ii][Ss][Aa][Bb][Ll][Ee])[ \\t]*$"}), "`enable` or `disable` (any letter case).").schema())
            .proxied(200, "Fansly's answer", t("any")),
        op("DELETE", "/{account_id}/messages/{message_id}", "deleteMessage", "Delete a message")
            .tag(MESSAGES)
            .proxied(200, "The deleted message, with `deletedAt`", t("Message")),
        op("POST", "/{account_id}/messages/like", "likeMessage", "Like a message")
            .tag(MESSAGES)
            .body(like.clone())
            .proxied(200, "The like", obj("id:id accountId:id messageId:id groupId:id type:i")),
        op("POST", "/{account_id}/messages/unlike", "unlikeMessage", "Remove a like")
            .tag(MESSAGES)
            .body(like)
            .proxied(200, "Fansly's answer", t("any")),
        op("POST", "/{account_id}/chats/{chat_id}/messages/{message_id}/like", "likeChatMessage", "Like a message (alias)")
            .tag(MESSAGES)
            .proxied(200, "The like", obj("id:id accountId:id messageId:id groupId:id type:i")),
        op("POST", "/{account_id}/mass-messaging", "sendMassMessage", "Send or schedule a mass message")
            .tag(MASS)
            .desc("An empty audience is a 400. At most 100 scheduled broadcasts may be pending.")
            .body(audience(Body::new().with("MediaAccess")).schema())
            .idem()
            .proxied(200, "The native broadcast message", t("Broadcast")),
        op("POST", "/{account_id}/messages/mass", "sendMassMessageAlias", "Send a mass message (alias)")
            .tag(MASS)
            .body(audience(Body::new().with("MediaAccess"))
                .f("filter", "s(all|active|expired|renewing)", "Audience; default `all`. Without it the audience fields are read.")
                .schema())
            .idem()
            .ok(200, "As mass-messaging, plus flat success/sent/failed", json!({"allOf": [
                super::builder::proxied_data(t("Broadcast"), false), obj("success:b sent:i failed:i")]})),
        op("GET", "/{account_id}/mass-messaging/scheduled", "scheduledMassMessages", "Scheduled mass messages")
            .tag(MASS)
            .proxied(200, "Unchanged", obj("scheduledBroadcastMessages:[Broadcast] groups:a accountMedia:a accountMediaBundles:a")),
        op("PUT", "/{account_id}/mass-messaging/scheduled/{broadcast_id}", "editScheduledMassMessage", "Edit a scheduled mass message")
            .tag(MASS)
            .desc("At least one of content, scheduledFor or media; fields left out keep their values; an empty `mediaIds` removes the attachments.")
            .body(Body::new().with("MediaAccess")
                .f("scheduledFor", "ms", "In the future, at most 180 days ahead.")
                .schema())
            .proxied(200, "The edited broadcast", t("Broadcast")),
        op("GET", "/{account_id}/mass-messaging/stats/sent", "massStatsSent", "Sent mass messages with stats")
            .tag(MASS)
            .limit(24, 50)
            .paged(200, "A page", obj("messages:[Broadcast] accountMedia:a accountMediaBundles:a cursor:Cursor nextCursor:Cursor")),
        op("GET", "/{account_id}/mass-messaging/stats/deleted", "massStatsDeleted", "Deleted mass messages with stats")
            .tag(MASS)
            .limit(24, 50)
            .paged(200, "A page", obj("messages:[Broadcast] accountMedia:a accountMediaBundles:a cursor:Cursor nextCursor:Cursor")),
        op("GET", "/{account_id}/automated-messages", "listAutomatedMessages", "Automated messages")
            .tag(MASS)
            .proxied(200, "The rules", t("[AutomatedMessage]")),
        op("POST", "/{account_id}/automated-messages", "createAutomatedMessage", "Create an automated message")
            .tag(MASS)
            .body(Body::new().with("MediaAccess")
                .fs("triggerType*", json!({"anyOf": [t("s(disabled|new_follower|new_subscriber|subscriber_renew|new_tip|new_gift_link_subscriber|new_gift_link_subscriber_renew)"), t("i")]}), "The trigger, by name or number.")
                .fs("delay", json!({"type": ["integer", "null"], "minimum": 0, "maximum": automated::MAX_SECONDS}), "Seconds, 0–31 536 000; null or absent = 0.")
                .fs("cooldown", json!({"type": ["integer", "null"], "minimum": 0, "maximum": automated::MAX_SECONDS}), "Seconds, 0–31 536 000; null or absent = 0.")
                .fs("subscriptionStreak", json!({"type": ["integer", "null"], "minimum": 1, "maximum": i64::MAX}), "Renew triggers; ≥ 1, null or absent = 1. Checked for every trigger.")
                .fs("tipAmount", json!({"type": ["number", "null"], "minimum": 0, "maximum": automated::MAX_TIP_DOLLARS}), "Tip trigger, dollars 0–100 000; null or absent = 0. Checked for every trigger.")
                .fs("keywords", json!({"anyOf": [t("[s]"), t("s"), {"type": "null"}]}), "Tip trigger: strings or a comma list; null or absent = none. Checked for every trigger.")
                .schema())
            .proxied(200, "The created rule", t("AutomatedMessage")),
        op("DELETE", "/{account_id}/automated-messages/{automated_message_id}", "deleteAutomatedMessage", "Delete an automated message")
            .tag(MASS)
            .proxied(200, "Fansly's answer", t("any")),
    ]
}
