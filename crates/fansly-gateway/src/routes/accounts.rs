//! Account routes (route-map §1.1): A1 `GET /accounts` (local), A2 `GET /accounts/by-ids`
//! (`GET /account?ids=`), A4 `GET /{a}/me` (`GET /account/me`) and A5
//! `DELETE /accounts/{a}` (`POST /session/close`, then the record and its secrets are erased).

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get};
use serde::Serialize;
use serde_json::{Value, json};

use crate::http::auth::Tenant;
use crate::http::envelope;
use crate::http::{ApiError, ApiResult};
use crate::state::AppState;
use crate::upstream::OrUpstream;
use crate::validate;

/// Fansly answers 413 above this many ids per `/account?ids=` call (fansly-native §1.5).
const IDS_PER_CALL: usize = 100;
/// An upper bound on one by-ids request, so a single call cannot fan out without limit.
const MAX_IDS: usize = 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(list))
        .route("/accounts/by-ids", get(by_ids))
        .route("/accounts/{account_id}", delete(disconnect))
        .route("/{account_id}/me", get(me))
}

/// A3's answer, written straight from the listing (no `Value` tree on the way: issue 16).
/// Fields in alphabetical order, the order the former `json!` map wrote them in.
#[derive(Serialize)]
struct Listing<'a> {
    accounts: Vec<Row<'a>>,
    count: usize,
    success: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row<'a> {
    account_id: &'a str,
    country: &'a str,
    created_at: String,
    credentials: crate::heal::credentials::View,
    email: &'a str,
    fansly_account_id: &'a str,
    name: &'a str,
    reauth: Option<ReauthView<'a>>,
    status: &'a str,
    username: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReauthView<'a> {
    reason: &'a str,
    retry_at: Option<String>,
}

/// A3: the key's accounts from one store read (`Store::account_listing`).
async fn list(State(app): State<AppState>, tenant: Tenant) -> ApiResult<Response> {
    let listing = app.store.account_listing(tenant.0).await?;
    let accounts: Vec<Row<'_>> = listing
        .iter()
        .map(|l| {
            let a = &l.account;
            let reauth = l.reauth.as_ref();
            Row {
                account_id: &a.id,
                country: &a.country,
                created_at: envelope::timestamp_ms(a.created_at),
                credentials: crate::heal::credentials::view(l.credentials),
                email: &a.login,
                fansly_account_id: &a.native_id,
                name: &a.name,
                reauth: reauth.map(|r| ReauthView {
                    reason: &r.reason,
                    retry_at: r.retry_at.map(envelope::timestamp_ms),
                }),
                status: reauth.map_or(a.status.as_str(), |r| r.state.as_str()),
                username: a.username.as_deref(),
            }
        })
        .collect();
    Ok(envelope::ok(
        StatusCode::OK,
        "Success",
        Listing {
            count: accounts.len(),
            accounts,
            success: true,
        },
    ))
}

async fn by_ids(
    State(app): State<AppState>,
    tenant: Tenant,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    // Parsed like every other query (first value of a repeated name wins), so a malformed
    // query string is the envelope's 400, never axum's plain-text rejection.
    let q = crate::http::query::QueryParams::parse(query.as_deref());
    let raw = q.get("ids").unwrap_or_default().to_owned();
    let ids: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(ApiError::bad_request(
            "ids is required: a comma-separated list of native Fansly account ids",
        ));
    }
    if let Some(bad) = ids.iter().find(|id| !validate::is_native_id(id)) {
        return Err(ApiError::bad_request(format!(
            "ids must contain only numeric native Fansly account ids (got `{bad}`); use GET /accounts for this key's connected accounts"
        )));
    }
    if ids.len() > MAX_IDS {
        return Err(ApiError::bad_request(format!(
            "ids may name at most {MAX_IDS} accounts per request"
        )));
    }
    let Some(account) = app.store.most_recent_active_account(tenant.0).await? else {
        return Err(ApiError::bad_request(
            "Connect an account first: this route reads Fansly through one of this key's connected accounts",
        ));
    };
    let c = app.with_session(tenant, account).await?;
    let mut found = Vec::with_capacity(ids.len());
    let mut status = 200;
    for chunk in ids.chunks(IDS_PER_CALL) {
        let native = app
            .fansly
            .accounts_by_ids(&c.creds, chunk)
            .await
            .or_upstream(&app, tenant, &c.account.id)
            .await?;
        status = native.status;
        match native.response() {
            Value::Array(items) => found.extend(items.iter().cloned()),
            _ => {
                return Err(ApiError::bad_gateway("Fansly sent a malformed response")
                    .with_cause("account?ids= response is not an array"));
            }
        }
    }
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        status,
        json!({ "success": true, "response": found }),
    ))
}

/// A4: `GET /account/me` passed on as Fansly sent it.
async fn me(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = super::profile::fetch_me(&app, tenant, &c).await?;
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        native.body,
    ))
}

async fn disconnect(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, &account_id).await?;
    // Kept credentials go first, so closing a dead session cannot start a re-login.
    app.store.delete_credentials(tenant.0, &account_id).await?;
    app.heal.forget(&account_id);
    crate::events::on_disconnect(&app, tenant.0, &account).await;
    // Close the Fansly session when there is one to close. Whatever Fansly answers, the
    // account is disconnected here: a dead session (401) is already closed, and an
    // unreachable Fansly must not keep a user from erasing the stored credentials.
    if let Ok(c) = app.with_session(tenant, account).await
        && let Err(e) = app.fansly.session_close(&c.creds).await
    {
        tracing::warn!(error = %e, "Fansly session close failed; disconnecting anyway");
    }
    if !app.store.delete_account(tenant.0, &account_id).await? {
        return Err(ApiError::not_found(format!(
            "Account {account_id} not found"
        )));
    }
    Ok(envelope::ok(
        StatusCode::OK,
        "Account disconnected",
        json!({ "success": true, "accountId": account_id }),
    ))
}
