//! Subscription tiers and discounts (route-map §1.11): T1 `GET /{a}/subscriptions/tiers` →
//! `GET /subscriptions/tiers`, proxied unchanged; T2 `GET /{a}/subscriptions/discounts` → the
//! same native call, with the promos of every tier and plan flattened into
//! `response.discounts` (Fansly has no discount route: discounts are the promos inside plans).
//! Prices stay in native mills.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

use crate::http::auth::Tenant;
use crate::http::{ApiError, ApiResult, envelope};
use crate::state::AppState;
use crate::upstream::OrUpstream;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{account_id}/subscriptions/tiers", get(tiers))
        .route("/{account_id}/subscriptions/discounts", get(discounts))
}

/// T1.
async fn tiers(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .subscription_tiers(&c.creds)
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

/// T2.
async fn discounts(
    State(app): State<AppState>,
    tenant: Tenant,
    Path(account_id): Path<String>,
) -> ApiResult<Response> {
    let c = app.connected(tenant, &account_id).await?;
    let native = app
        .fansly
        .subscription_tiers(&c.creds)
        .await
        .or_upstream(&app, tenant, &account_id)
        .await?;
    let Some(tiers) = tier_array(native.response()) else {
        return Err(ApiError::bad_gateway("Fansly sent a malformed response")
            .with_cause("subscriptions/tiers is neither an array nor {subscriptionTiers|tiers}"));
    };
    let discounts = flatten_promos(tiers);
    app.touch(tenant, &c.account).await;
    Ok(envelope::proxied(
        StatusCode::OK,
        native.status,
        json!({ "success": true, "response": { "discounts": discounts } }),
    ))
}

/// The tier array of a `/subscriptions/tiers` reply: bare, or wrapped in
/// `{subscriptionTiers}` / `{tiers}`.
fn tier_array(response: &Value) -> Option<&Vec<Value>> {
    response
        .as_array()
        .or_else(|| response.get("subscriptionTiers")?.as_array())
        .or_else(|| response.get("tiers")?.as_array())
}

/// Every promo of every plan of every tier, in tier `pos` order (then plan and promo order as
/// Fansly sent them), each with its tier and plan named beside the promo's own fields.
pub fn flatten_promos(tiers: &[Value]) -> Vec<Value> {
    let mut ordered: Vec<&Value> = tiers.iter().collect();
    ordered.sort_by_key(|t| t.get("pos").and_then(Value::as_i64).unwrap_or(i64::MAX));
    let mut out = Vec::new();
    for tier in ordered {
        let plans = tier.get("plans").and_then(Value::as_array);
        for plan in plans.into_iter().flatten() {
            let promos = plan.get("promos").and_then(Value::as_array);
            for promo in promos.into_iter().flatten() {
                let Value::Object(fields) = promo else {
                    continue;
                };
                let mut d = fields.clone();
                let field = |v: &Value, k: &str| v.get(k).cloned().unwrap_or(Value::Null);
                d.insert("subscriptionTierId".into(), field(tier, "id"));
                d.insert("subscriptionTierName".into(), field(tier, "name"));
                d.insert("planId".into(), field(plan, "id"));
                d.insert("billingCycle".into(), field(plan, "billingCycle"));
                d.insert("planPrice".into(), field(plan, "price"));
                out.push(Value::Object(d));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promos_are_flattened_in_tier_pos_order() {
        let tiers = json!([
            {"id": "t2", "name": "Gold", "pos": 1, "plans": [
                {"id": "p3", "billingCycle": 30, "price": 20000, "promos": [
                    {"id": "x3", "price": 10000, "duration": 30}
                ]}
            ]},
            {"id": "t1", "name": "Basic", "pos": 0, "plans": [
                {"id": "p1", "billingCycle": 30, "price": 9990, "promos": [
                    {"id": "x1", "price": 4990}, {"id": "x2", "price": 5990}
                ]},
                {"id": "p2", "billingCycle": 90, "price": 25000, "promos": []},
                {"id": "p4", "billingCycle": 180, "price": 50000}
            ]}
        ]);
        let out = flatten_promos(tiers.as_array().unwrap());
        let ids: Vec<&str> = out.iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["x1", "x2", "x3"]);
        assert_eq!(
            out[0],
            json!({"id": "x1", "price": 4990, "subscriptionTierId": "t1",
                   "subscriptionTierName": "Basic", "planId": "p1", "billingCycle": 30,
                   "planPrice": 9990})
        );
        assert_eq!(out[2]["subscriptionTierName"], "Gold");
        assert_eq!(out[2]["planPrice"], 20000);
    }

    #[test]
    fn wrapped_tier_replies_are_read() {
        let bare = json!([{"id": "1"}]);
        assert_eq!(tier_array(&bare).unwrap().len(), 1);
        let wrapped = json!({"subscriptionTiers": [{"id": "1"}, {"id": "2"}]});
        assert_eq!(tier_array(&wrapped).unwrap().len(), 2);
        let tiers = json!({"tiers": []});
        assert!(tier_array(&tiers).unwrap().is_empty());
        assert!(tier_array(&json!({"other": 1})).is_none());
    }
}
