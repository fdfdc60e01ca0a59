//! An account's outbound proxy (issue 6; gateway-only, no native call):
//! `GET /accounts/{a}/proxy` shows where the account's Fansly calls go,
//! `PUT /accounts/{a}/proxy {proxy}` sets its own proxy and `DELETE /accounts/{a}/proxy`
//! removes it (the country pool, or direct, applies again). The URL is sealed at rest and only
//! ever answered masked (`socks5://***@host:1080`).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;

use crate::http::auth::Tenant;
use crate::http::envelope;
use crate::http::{ApiJson, ApiResult};
use crate::state::AppState;
use crate::upstream_care::{effective_proxy, parse_proxy_field, route_account};
use crate::validate::{self, Field};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/accounts/{account_id}/proxy",
        get(show).put(set).delete(remove),
    )
}

async fn show(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    answer(&app, tenant, &account_id, "Account proxy").await
}

#[derive(Deserialize)]
struct SetBody {
    proxy: Field,
}

async fn set(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
    ApiJson(body): ApiJson<SetBody>,
) -> ApiResult<Response> {
    // Ownership first (403/404), then the field (docs/API-DESIGN.md, order of checks).
    app.owned_account(tenant, &account_id).await?;
    let v = validate::require(&[("proxy", &body.proxy)])?;
    let proxy = parse_proxy_field("proxy", v[0])?;
    app.store
        .set_account_proxy(tenant.0, &account_id, Some(proxy.secret()))
        .await?;
    answer(&app, tenant, &account_id, "Account proxy set").await
}

async fn remove(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    app.owned_account(tenant, &account_id).await?;
    app.store
        .set_account_proxy(tenant.0, &account_id, None)
        .await?;
    answer(&app, tenant, &account_id, "Account proxy removed").await
}

/// Re-routes the account's session and answers `{accountId, proxy (masked), source}`.
async fn answer(
    app: &AppState,
    tenant: Tenant,
    account_id: &str,
    message: &str,
) -> ApiResult<Response> {
    let account = app.owned_account(tenant, account_id).await?;
    route_account(app, tenant, &account).await?;
    let (source, proxy) = effective_proxy(app, tenant, &account).await?;
    Ok(envelope::ok(
        StatusCode::OK,
        message,
        json!({
            "accountId": account.id,
            "proxy": proxy.as_ref().map(|p| p.masked()),
            "source": source,
        }),
    ))
}
