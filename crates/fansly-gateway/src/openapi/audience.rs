//! Catalog: subscribers (`routes/subscribers.rs`), tiers (`routes/tiers.rs`), followers
//! (`routes/followers.rs`) and lists (`routes/lists.rs`). See docs/routes/audience.md.

use serde_json::json;

use super::builder::{Body, Op, obj, op, t};

const SUBS: &str = "Subscribers";
const FOLLOW: &str = "Followers";
const LISTS: &str = "Lists";

pub fn operations() -> Vec<Op> {
    let subs_page = obj("stats:o subscriptions:[Subscription] cursor:Cursor nextCursor:Cursor");
    let subs_filters = |o: Op| {
        o.limit(100, 100)
            .qs(
                "subscriptionTierIds",
                json!({"type": "string", "pattern": "^\\s*[0-9]{1,20}\\s*(,\\s*[0-9]{1,20}\\s*){0,99}$"}),
                "Comma list of 1 to 100 native tier ids (1–20 digits each, spaces allowed around them, no empty items).",
            )
            .q(
                "search",
                "s",
                "Username / display-name prefix, at most 100 characters.",
            )
    };
    let mut flat = obj("subscribers*:[SubscriberRow] count*:i?");
    flat["properties"]["count"]["description"] = json!(
        "Subscribers of the requested status only (Fansly's `stats.totalActive`, `totalExpired` or `total`); for another native status list, the rows when the first page is the last, else null."
    );
    let alias_data = json!({"allOf": [
        super::builder::proxied_data(subs_page.clone(), true),
        flat,
    ]});
    let member = Body::new()
        .f(
            "userId*",
            "NativeIdValue",
            "The member's native account id (string or number).",
        )
        .f(
            "listId*",
            "NativeIdValue",
            "The native list id (string or number).",
        )
        .schema();
    vec![
        subs_filters(op("GET", "/{account_id}/subscribers", "listSubscribers", "List subscribers")
            .tag(SUBS)
            .qs("status", json!({"type": "string", "pattern": "^[ \\t]*(all|active|expired|[0-9]{1,3}([ \\t]*,[ \\t]*[0-9]{1,3})*)[ \\t]*$"}), "`all`, `active` (default; native 3,4), `expired` (5), or a comma list of native status numbers.")
            .cursor()
            .ok(200, "A page of subscriptions, plus flat `subscribers` and `count`", alias_data.clone())),
        subs_filters(op("GET", "/{account_id}/subscribers/active", "activeSubscribers", "Active subscribers (alias)")
            .tag(SUBS)
            .cursor()
            .q("offset", "i", "≥ 0; used as the cursor when `cursor` is absent.")
            .ok(200, "A page, plus flat `subscribers` and `count`", alias_data.clone())),
        subs_filters(op("GET", "/{account_id}/subscribers/expired", "expiredSubscribers", "Expired subscribers (alias)")
            .tag(SUBS)
            .cursor()
            .q("offset", "i", "≥ 0; used as the cursor when `cursor` is absent.")
            .ok(200, "A page, plus flat `subscribers` and `count`", alias_data)),
        op("GET", "/{account_id}/top-supporters", "topSupporters", "Top supporters by spend")
            .tag(SUBS)
            .q("after", "ms", "≥ 0, not in the future; default 0.")
            .q("before", "ms", "≥ 0, not in the future; default now. `after` < `before`.")
            .proxied(200, "Fans sorted by gross spend (mills)", t("[o]")),
        op("GET", "/{account_id}/subscriptions/tiers", "subscriptionTiers", "Subscription tiers")
            .tag(SUBS)
            .proxied(200, "The tiers, unchanged", t("[Tier]")),
        op("GET", "/{account_id}/subscriptions/discounts", "subscriptionDiscounts", "Promotions of every plan")
            .tag(SUBS)
            .proxied(200, "Every promo with its tier and plan", obj("discounts:[o]")),
        op("GET", "/{account_id}/followers", "followers", "List followers")
            .tag(FOLLOW)
            .q("offset", "i", "≥ 0; used when `cursor` is absent.")
            .limit(100, 100)
            .qs("search", json!({"type": "string", "maxLength": 100}), "At most 100 characters.")
            .paged(200, "A page of followers", obj("followers:[o] aggregationData:o cursor:Cursor nextCursor:Cursor")),
        op("GET", "/{account_id}/following", "following", "List followed accounts")
            .tag(FOLLOW)
            .q("offset", "i", "≥ 0; used when `cursor` is absent.")
            .limit(100, 100)
            .paged(200, "A page of followed accounts", obj("following:[o] aggregationData:o cursor:Cursor nextCursor:Cursor")),
        op("POST", "/{account_id}/follow/{target_user_id}", "follow", "Follow an account")
            .tag(FOLLOW)
            .proxied(200, "Fansly's answer", t("any")),
        op("POST", "/{account_id}/unfollow/{target_user_id}", "unfollow", "Unfollow an account")
            .tag(FOLLOW)
            .proxied(200, "Fansly's answer", t("any")),
        op("GET", "/{account_id}/lists", "lists", "The creator's lists")
            .tag(LISTS)
            .paged(200, "All lists, sorted by `pos` (never paginated; the cursor is null)", obj("lists:[List] cursor:Cursor nextCursor:Cursor")),
        op("POST", "/{account_id}/lists", "createList", "Create a list")
            .tag(LISTS)
            .body(Body::new().f("label*", "s", "Non-blank, at most 100 characters.").schema())
            .proxied(200, "The new list", t("List")),
        op("POST", "/{account_id}/lists/users", "addListMember", "Add a user to a list")
            .tag(LISTS)
            .desc("Idempotent: an existing member answers 200.")
            .body(member.clone())
            .proxied(200, "Fansly's answer", t("any")),
        op("DELETE", "/{account_id}/lists/users", "removeListMember", "Remove a user from a list")
            .tag(LISTS)
            .desc("The JSON body is sent with DELETE. Idempotent.")
            .body(member)
            .proxied(200, "Fansly's answer", t("any")),
        op("GET", "/{account_id}/lists/{list_id}/items", "listItems", "Members of a list")
            .tag(LISTS)
            .paged(200, "50 members per page", obj("items:[o] cursor:Cursor nextCursor:Cursor")),
    ]
}
