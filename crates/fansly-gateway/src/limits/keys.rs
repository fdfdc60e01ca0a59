//! `fansly-gateway keys create --plan NAME` and `keys set-plan ID NAME`: plan names are checked
//! against the catalog (presets plus `--plans` / `FANSLY_GATEWAY_PLANS`) before anything is
//! written, and stored lower-case. `default` stores no plan: the key follows `--default-plan`.

use super::plans::{FOLLOW_DEFAULT, PlanArgs};

/// The plan name to store for `requested` (`None`: follow the default plan).
pub fn plan_to_store(plans: &PlanArgs, requested: Option<&str>) -> anyhow::Result<Option<String>> {
    let Some(name) = requested.map(str::trim) else {
        return Ok(None);
    };
    if name.eq_ignore_ascii_case(FOLLOW_DEFAULT) {
        return Ok(None);
    }
    let catalog = plans.catalog()?;
    let plan = catalog
        .require(name)
        .map_err(|e| anyhow::anyhow!("plan: {e}"))?;
    Ok(Some(plan.name.clone()))
}

/// `keys set-plan`.
pub async fn set_plan(
    store: &dyn gateway_store::Store,
    plans: &PlanArgs,
    id: i64,
    requested: &str,
) -> anyhow::Result<()> {
    let plan = plan_to_store(plans, Some(requested))?;
    anyhow::ensure!(
        store.set_api_key_plan(id, plan.as_deref()).await?,
        "no active API key with id {id}"
    );
    match plan {
        Some(p) => println!("API key {id} is now on plan {p}"),
        None => println!("API key {id} now follows the default plan"),
    }
    Ok(())
}

/// For `keys list`: a key id → its plan column (`(default)` when it follows the default plan,
/// `-` for a revoked key).
pub async fn plan_column(
    store: &dyn gateway_store::Store,
) -> anyhow::Result<impl Fn(i64) -> String + use<>> {
    let plans: std::collections::HashMap<i64, Option<String>> = store
        .api_key_plans()
        .await?
        .into_iter()
        .map(|(t, p)| (t.0, p))
        .collect();
    Ok(move |id: i64| match plans.get(&id) {
        Some(Some(p)) => p.clone(),
        Some(None) => "(default)".to_owned(),
        None => "-".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_and_normalised() {
        let plans = PlanArgs {
            plans: "team:10:20".into(),
        };
        assert_eq!(plan_to_store(&plans, None).unwrap(), None);
        assert_eq!(plan_to_store(&plans, Some("Default")).unwrap(), None);
        assert_eq!(
            plan_to_store(&plans, Some(" PRO ")).unwrap().as_deref(),
            Some("pro")
        );
        assert_eq!(
            plan_to_store(&plans, Some("team")).unwrap().as_deref(),
            Some("team")
        );
        let e = plan_to_store(&plans, Some("gold")).unwrap_err().to_string();
        assert!(e.contains("unknown plan \"gold\""), "{e}");
    }
}
