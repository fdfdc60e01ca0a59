//! Typed audience calls (route-map §1.10–§1.13): subscribers, top supporters, subscription
//! tiers, the follow graph and lists. Each builds one [`NativeRequest`] and sends it through
//! [`FanslyClient::call`]; the answer is the native body unchanged, so the gateway can proxy it.
//!
//! The request builders are separate functions so the exact native path, query and body of
//! each call are unit-tested without a server.

use serde_json::json;

use crate::{Auth, FanslyClient, FanslyError, Method, NativeRequest, NativeResponse, SessionCreds};

/// `GET /lists/itemsnew` page size: the gateway always asks for this many and hands out a
/// next cursor when a page comes back full.
pub const LIST_ITEMS_PAGE: usize = 50;

/// Parameters of `GET /subscribers` (S1–S3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscribersQuery {
    /// Native status list, e.g. `3,4` (sent as is, commas unescaped).
    pub status: String,
    /// 1–100.
    pub limit: u32,
    pub offset: u64,
    /// Username or display-name prefix; empty = no filter (sent empty, as the web app does).
    pub search: String,
    /// Comma list of tier ids; `None` = every tier (the parameter is left out).
    pub subscription_tier_ids: Option<String>,
}

/// Parameters of `GET /account/{id}/followersnew` (F1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowersQuery {
    pub limit: u32,
    pub offset: u64,
    pub search: String,
}

fn session(s: &SessionCreds) -> Auth<'_> {
    Auth::Session(s)
}

/// A POST without a body (`content-type` is then not sent either).
fn post_empty<'a>(path: &'a str, auth: Auth<'a>) -> NativeRequest<'a> {
    NativeRequest {
        method: Method::Post,
        path,
        query: Vec::new(),
        body: None,
        auth,
    }
}

pub(crate) fn subscribers_request<'a>(
    s: &'a SessionCreds,
    q: &SubscribersQuery,
) -> NativeRequest<'a> {
    let mut req = NativeRequest::get("/subscribers", session(s))
        .query("status", q.status.clone())
        .query("limit", q.limit.to_string())
        .query("offset", q.offset.to_string())
        .query("search", q.search.clone());
    if let Some(ids) = &q.subscription_tier_ids {
        req = req.query("subscriptionTierId", ids.clone());
    }
    req
}

pub(crate) fn earnings_by_account_request(
    s: &SessionCreds,
    after_ms: i64,
    before_ms: i64,
) -> NativeRequest<'_> {
    NativeRequest::get("/account/wallets/earnings/accounts", session(s))
        .query("after", after_ms.to_string())
        .query("before", before_ms.to_string())
}

pub(crate) fn followers_request<'a>(
    s: &'a SessionCreds,
    path: &'a str,
    q: &FollowersQuery,
) -> NativeRequest<'a> {
    NativeRequest::get(path, session(s))
        .query("limit", q.limit.to_string())
        .query("offset", q.offset.to_string())
        .query("before", "0")
        .query("after", "0")
        .query("search", q.search.clone())
}

pub(crate) fn following_request<'a>(
    s: &'a SessionCreds,
    path: &'a str,
    limit: u32,
    offset: u64,
) -> NativeRequest<'a> {
    NativeRequest::get(path, session(s))
        .query("before", "0")
        .query("after", "0")
        .query("limit", limit.to_string())
        .query("offset", offset.to_string())
}

pub(crate) fn lists_request<'a>(s: &'a SessionCreds, item_id: &str) -> NativeRequest<'a> {
    NativeRequest::get("/lists/account", session(s)).query("itemId", item_id)
}

pub(crate) fn list_items_request<'a>(
    s: &'a SessionCreds,
    list_id: &str,
    after: Option<&str>,
) -> NativeRequest<'a> {
    let mut req = NativeRequest::get("/lists/itemsnew", session(s))
        .query("listId", list_id)
        .query("limit", LIST_ITEMS_PAGE.to_string());
    if let Some(after) = after {
        req = req.query("after", after);
    }
    req.query("sortMode", "3")
}

pub(crate) fn list_add_request<'a>(
    s: &'a SessionCreds,
    list_id: &str,
    user_id: &str,
) -> NativeRequest<'a> {
    NativeRequest::post(
        "/lists/items/add",
        json!({ "listItems": [{ "id": user_id, "listId": list_id, "type": 1 }] }),
        session(s),
    )
}

pub(crate) fn list_remove_request<'a>(
    s: &'a SessionCreds,
    list_id: &str,
    user_id: &str,
) -> NativeRequest<'a> {
    NativeRequest::post(
        "/lists/items/remove",
        json!({ "listId": list_id, "listItemIds": [user_id] }),
        session(s),
    )
}

impl FanslyClient {
    /// `GET /subscribers?status&limit&offset&search[&subscriptionTierId]` (S1–S3, AL3, AL4):
    /// `{stats, subscriptions}`, newest first, offset paging.
    pub async fn subscribers(
        &self,
        s: &SessionCreds,
        q: &SubscribersQuery,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(subscribers_request(s, q)).await
    }

    /// `GET /account/wallets/earnings/accounts?after&before` (S4): one row per fan,
    /// `[{accountId, correlationAccountId, totalGross, totalNet}]` in mills.
    pub async fn earnings_by_account(
        &self,
        s: &SessionCreds,
        after_ms: i64,
        before_ms: i64,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(earnings_by_account_request(s, after_ms, before_ms))
            .await
    }

    /// `GET /subscriptions/tiers` (T1, T2): the creator's tiers with plans and promos (a bare
    /// array, or wrapped in `{subscriptionTiers}` / `{tiers}`).
    pub async fn subscription_tiers(
        &self,
        s: &SessionCreds,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/subscriptions/tiers", session(s)))
            .await
    }

    /// `GET /account/{accountId}/followersnew?limit&offset&before=0&after=0&search` (F1):
    /// `{followers:[{id, followerId, lastSeenAt}], aggregationData:{accounts}}`.
    pub async fn followers(
        &self,
        s: &SessionCreds,
        account_id: &str,
        q: &FollowersQuery,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/account/{account_id}/followersnew");
        self.call(followers_request(s, &path, q)).await
    }

    /// `GET /account/{accountId}/following?before=0&after=0&limit&offset` (F2): `[{accountId}]`.
    pub async fn following(
        &self,
        s: &SessionCreds,
        account_id: &str,
        limit: u32,
        offset: u64,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/account/{account_id}/following");
        self.call(following_request(s, &path, limit, offset)).await
    }

    /// `POST /account/{targetId}/followers`, no body (F3). Fansly refuses with 422 code 5
    /// ("you can not follow": self, blocked) or code 3 (follows disabled).
    pub async fn follow(
        &self,
        s: &SessionCreds,
        target_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/account/{target_id}/followers");
        self.call(post_empty(&path, session(s))).await
    }

    /// `POST /account/{targetId}/followers/remove`, no body (F4).
    pub async fn unfollow(
        &self,
        s: &SessionCreds,
        target_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let path = format!("/account/{target_id}/followers/remove");
        self.call(post_empty(&path, session(s))).await
    }

    /// `GET /lists/account?itemId=<id or empty>` (LI3): the viewer's lists (all of them when
    /// `item_id` is empty, else those containing that account).
    pub async fn lists(
        &self,
        s: &SessionCreds,
        item_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(lists_request(s, item_id)).await
    }

    /// `GET /lists/itemsnew?listId&limit=50[&after=<sortId>]&sortMode=3` (LI4):
    /// `[{id, sortId, listId, type, metadata}]`.
    pub async fn list_items(
        &self,
        s: &SessionCreds,
        list_id: &str,
        after: Option<&str>,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(list_items_request(s, list_id, after)).await
    }

    /// `POST /lists {label}` (route-map §3 "create list"): the new list.
    pub async fn list_create(
        &self,
        s: &SessionCreds,
        label: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let body = json!({ "label": label });
        self.call(NativeRequest::post("/lists", body, session(s)))
            .await
    }

    /// `POST /lists/items/add {listItems:[{id:<userId>, listId, type:1}]}` (LI1).
    pub async fn list_items_add(
        &self,
        s: &SessionCreds,
        list_id: &str,
        user_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(list_add_request(s, list_id, user_id)).await
    }

    /// `POST /lists/items/remove {listId, listItemIds:[<userId>]}` (LI2).
    pub async fn list_items_remove(
        &self,
        s: &SessionCreds,
        list_id: &str,
        user_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(list_remove_request(s, list_id, user_id)).await
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{creds, query};

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn subscribers_query_names_every_parameter() {
        let c = creds();
        let mut q = SubscribersQuery {
            status: "3,4".into(),
            limit: 100,
            offset: 200,
            search: String::new(),
            subscription_tier_ids: None,
        };
        let req = subscribers_request(&c, &q);
        assert_eq!((req.method, req.path), (Method::Get, "/subscribers"));
        assert_eq!(
            query(&req),
            pairs(&[
                ("status", "3,4"),
                ("limit", "100"),
                ("offset", "200"),
                ("search", "")
            ])
        );
        q.subscription_tier_ids = Some("11,12".into());
        let req = subscribers_request(&c, &q);
        assert_eq!(
            query(&req).last().cloned(),
            Some(("subscriptionTierId".to_owned(), "11,12".to_owned()))
        );
    }

    #[test]
    fn follow_graph_requests() {
        let c = creds();
        let req = followers_request(
            &c,
            "/account/9/followersnew",
            &FollowersQuery {
                limit: 10,
                offset: 0,
                search: "ab".into(),
            },
        );
        assert_eq!(
            query(&req),
            pairs(&[
                ("limit", "10"),
                ("offset", "0"),
                ("before", "0"),
                ("after", "0"),
                ("search", "ab")
            ])
        );
        let req = following_request(&c, "/account/9/following", 100, 300);
        assert_eq!(
            query(&req),
            pairs(&[
                ("before", "0"),
                ("after", "0"),
                ("limit", "100"),
                ("offset", "300")
            ])
        );
        let req = post_empty("/account/9/followers", session(&c));
        assert_eq!(req.method, Method::Post);
        assert!(req.body.is_none());
    }

    #[test]
    fn list_requests() {
        let c = creds();
        assert_eq!(query(&lists_request(&c, "")), pairs(&[("itemId", "")]));
        let first = list_items_request(&c, "5", None);
        assert_eq!(
            query(&first),
            pairs(&[("listId", "5"), ("limit", "50"), ("sortMode", "3")])
        );
        let next = list_items_request(&c, "5", Some("77"));
        assert_eq!(
            query(&next),
            pairs(&[
                ("listId", "5"),
                ("limit", "50"),
                ("after", "77"),
                ("sortMode", "3")
            ])
        );
        let add = list_add_request(&c, "5", "8");
        assert_eq!(add.path, "/lists/items/add");
        assert_eq!(
            add.body,
            Some(json!({"listItems": [{"id": "8", "listId": "5", "type": 1}]}))
        );
        let remove = list_remove_request(&c, "5", "8");
        assert_eq!(remove.path, "/lists/items/remove");
        assert_eq!(
            remove.body,
            Some(json!({"listId": "5", "listItemIds": ["8"]}))
        );
    }

    #[test]
    fn top_supporters_window() {
        let c = creds();
        let req = earnings_by_account_request(&c, 0, 1_790_000_000_000);
        assert_eq!(req.path, "/account/wallets/earnings/accounts");
        assert_eq!(
            query(&req),
            pairs(&[("after", "0"), ("before", "1790000000000")])
        );
    }
}
