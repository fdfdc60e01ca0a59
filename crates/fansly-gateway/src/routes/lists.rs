//! Lists (route-map §1.13):
//! - LI1 `POST /{a}/lists/users {userId, listId}` →
//!   `POST /lists/items/add {listItems:[{id:<userId>, listId, type:1}]}` (idempotent);
//! - LI2 `DELETE /{a}/lists/users {userId, listId}` (JSON body on DELETE) →
//!   `POST /lists/items/remove {listId, listItemIds:[<userId>]}` (idempotent);
//! - LI3 `GET /{a}/lists?cursor` → `GET /lists/account?itemId=`, normalised to
//!   `response = {lists:[…]}` sorted by `pos`; lists are not paginated, so the cursor is `null`;
//! - LI4 `GET /{a}/lists/{listId}/items?cursor` →
//!   `GET /lists/itemsnew?listId&limit=50&after=<cursor>&sortMode=3`:
//!   `response = {items:[{…item, accountId:<item id>}]}`, +C[sort].
//!
//! List items of type 1 are accounts, and an item's `id` is the member's account id.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use fansly_client::LIST_ITEMS_PAGE;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::auth::Tenant;
use crate::http::page::{self, CursorKind};
use crate::http::query::QueryParams;
use crate::http::{ApiError, ApiJson, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate::{self, StringOrNumber, native_id};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/lists", get(lists).post(create))
        .route("/{account_id}/lists/users", post(add).delete(remove))
        .route("/{account_id}/lists/{list_id}/items", get(items))
}

/// `{userId, listId}`: native ids, as strings or numbers.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MemberBody {
    user_id: Option<StringOrNumber>,
    list_id: Option<StringOrNumber>,
}

impl MemberBody {
    /// `(userId, listId)`, both present and numeric.
    fn ids(self) -> ApiResult<(String, String)> {
        let user_id = self.user_id.map(|v| v.into_string().trim().to_owned());
        let list_id = self.list_id.map(|v| v.into_string().trim().to_owned());
        validate::require(&[("userId", &user_id), ("listId", &list_id)])?;
        let (user_id, list_id) = (user_id.unwrap_or_default(), list_id.unwrap_or_default());
        native_id("userId", &user_id)?;
        native_id("listId", &list_id)?;
        Ok((user_id, list_id))
    }
}

/// LI1.
async fn add(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<MemberBody>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let (user_id, list_id) = body.ids()?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .list_items_add(&c.creds, &list_id, &user_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// LI2.
async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<MemberBody>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let (user_id, list_id) = body.ids()?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .list_items_remove(&c.creds, &list_id, &user_id)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

#[derive(Deserialize)]
struct NewListBody {
    label: validate::Field,
}

/// Longest list label accepted.
const MAX_LABEL_CHARS: usize = 100;

/// Create a list (route-map §3): `POST /lists {label}`.
async fn create(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<NewListBody>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    let label = validate::require(&[("label", &body.label)])?[0]
        .trim()
        .to_owned();
    validate::max_len("label", &label, MAX_LABEL_CHARS)?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .list_create(&c.creds, &label)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

/// LI3.
async fn lists(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    // Lists are not paginated, but a cursor that could never have come from us is still a 400.
    QueryParams::parse(raw.as_deref()).cursor(CursorKind::Sort)?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .lists(&c.creds, "")
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let Some(lists) = normalise_lists(native.response()) else {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("lists/account is neither an array nor {lists}"));
    };
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        native.status,
        json!({ "success": true, "response": { "lists": lists } }),
        None,
    ))
}

/// LI4.
async fn items(
    State(app): State<AppState>,
    tenant: Tenant,
    Path((account_id, list_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    native_id("listId", &list_id)?;
    let after = QueryParams::parse(raw.as_deref()).cursor(CursorKind::Sort)?;
    let c = app.with_session(tenant, account).await?;
    let native = app
        .fansly
        .list_items(&c.creds, &list_id, after.as_deref())
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let Some(items) = with_account_ids(native.response()) else {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("lists/itemsnew is neither an array nor {items}"));
    };
    let next = page::next_from_last(&items, LIST_ITEMS_PAGE, "sortId");
    app.touch(tenant, &c.account).await;
    Ok(page::proxied_page(
        StatusCode::OK,
        native.status,
        json!({ "success": true, "response": { "items": items } }),
        next,
    ))
}

/// The lists of a `/lists/account` reply (a bare array or `{lists}`), sorted by `pos`.
fn normalise_lists(response: &Value) -> Option<Vec<Value>> {
    let mut lists = response
        .as_array()
        .or_else(|| response.get("lists")?.as_array())?
        .clone();
    lists.sort_by_key(|l| l.get("pos").and_then(Value::as_i64).unwrap_or(i64::MAX));
    Some(lists)
}

/// The items of a `/lists/itemsnew` reply (a bare array, or `{items}` / `{listItems}`), each
/// with `accountId` = its `id`.
fn with_account_ids(response: &Value) -> Option<Vec<Value>> {
    let items = response
        .as_array()
        .or_else(|| response.get("items")?.as_array())
        .or_else(|| response.get("listItems")?.as_array())?;
    Some(
        items
            .iter()
            .map(|item| {
                let mut item = item.clone();
                if let Value::Object(fields) = &mut item {
                    let id = fields.get("id").cloned().unwrap_or(Value::Null);
                    fields.insert("accountId".to_owned(), id);
                }
                item
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_normalised_and_sorted_by_pos() {
        let bare = json!([{"id": "2", "pos": 1}, {"id": "1", "pos": 0}]);
        let ids = |v: Vec<Value>| -> Vec<String> {
            v.iter()
                .map(|l| l["id"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(ids(normalise_lists(&bare).unwrap()), ["1", "2"]);
        let wrapped = json!({"lists": [{"id": "b", "pos": 5}, {"id": "a", "pos": 2}]});
        assert_eq!(ids(normalise_lists(&wrapped).unwrap()), ["a", "b"]);
        assert!(normalise_lists(&json!({"x": []})).is_none());
    }

    #[test]
    fn items_gain_account_ids() {
        let items = with_account_ids(&json!([
            {"id": "42", "sortId": "9", "listId": "1", "type": 1, "metadata": ""}
        ]))
        .unwrap();
        assert_eq!(items[0]["accountId"], "42");
        assert_eq!(items[0]["sortId"], "9");
        let wrapped = with_account_ids(&json!({"items": [{"id": "7"}]})).unwrap();
        assert_eq!(wrapped[0]["accountId"], "7");
        assert!(with_account_ids(&json!("nope")).is_none());
    }

    #[test]
    fn member_bodies_need_numeric_ids() {
        let ok = MemberBody {
            user_id: Some(StringOrNumber::String(" 12 ".into())),
            list_id: Some(StringOrNumber::Number(34.into())),
        };
        assert_eq!(ok.ids().unwrap(), ("12".to_owned(), "34".to_owned()));
        let missing = MemberBody {
            user_id: None,
            list_id: None,
        };
        let e = missing.ids().unwrap_err();
        assert!(e.message.contains("userId, listId"), "{}", e.message);
        let bad = MemberBody {
            user_id: Some(StringOrNumber::String("abc".into())),
            list_id: Some(StringOrNumber::String("1".into())),
        };
        assert!(bad.ids().unwrap_err().message.starts_with("userId"));
    }
}
