//! `fansly-gateway keys create --plan NAME` and `keys set-plan ID NAME`: plan names are checked
//! against the catalog (presets plus `--plans` / `FANSLY_GATEWAY_PLANS`) before anything is
//! written, and stored lower-case. `default` stores no plan: the key follows `--default-plan`.
//! [`key_name`] and [`issue`] are how both `keys create` and the console create a key.

use gateway_store::{
    ApiKeyRecord, Store, StoreError, api_key_prefix, generate_api_key, hash_api_key,
};
use secrecy::{ExposeSecret as _, SecretString};

use super::plans::{FOLLOW_DEFAULT, PlanArgs, PlanCatalog};

/// Longest API key name, in characters.
pub const MAX_KEY_NAME_CHARS: usize = 100;

/// A key's name, trimmed: 1 to [`MAX_KEY_NAME_CHARS`] characters, else the rule.
pub fn key_name(raw: &str) -> Result<&str, String> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_KEY_NAME_CHARS {
        return Err(format!("name must be 1 to {MAX_KEY_NAME_CHARS} characters"));
    }
    Ok(name)
}

/// A new API key on `plan` (`None`: the default plan). Key and plan are one row write: a
/// running gateway reloading plans in between would otherwise keep the key on the default
/// plan until its next reload. The key itself is returned to be shown once.
pub async fn issue(
    store: &dyn Store,
    name: &str,
    plan: Option<&str>,
) -> Result<(ApiKeyRecord, SecretString), StoreError> {
    let key = generate_api_key();
    let record = store
        .create_api_key_on_plan(
            name,
            &api_key_prefix(key.expose_secret()),
            &hash_api_key(key.expose_secret()),
            plan,
        )
        .await?;
    Ok((record, key))
}

/// The plan name to store for `requested` (`None`: follow the default plan).
pub fn plan_to_store(plans: &PlanArgs, requested: Option<&str>) -> anyhow::Result<Option<String>> {
    if follows_default(requested) {
        return Ok(None);
    }
    stored_plan(&plans.catalog()?, requested).map_err(anyhow::Error::msg)
}

/// No plan asked, or `default`: the key follows the default plan.
fn follows_default(requested: Option<&str>) -> bool {
    requested.is_none_or(|n| n.trim().eq_ignore_ascii_case(FOLLOW_DEFAULT))
}

/// The plan name to store for `requested`, checked against `catalog` (the console's check,
/// and the CLI's through [`plan_to_store`]); an unknown plan is the rule, for a 400.
pub fn stored_plan(
    catalog: &PlanCatalog,
    requested: Option<&str>,
) -> Result<Option<String>, String> {
    match requested.map(str::trim) {
        Some(name) if !name.eq_ignore_ascii_case(FOLLOW_DEFAULT) => catalog
            .require(name)
            .map(|p| Some(p.name.clone()))
            .map_err(|e| format!("plan: {e}")),
        _ => Ok(None),
    }
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
    fn key_names_are_trimmed_and_bounded() {
        assert_eq!(key_name("  crm  "), Ok("crm"));
        assert_eq!(key_name(&"é".repeat(100)).map(str::len), Ok(200));
        for bad in ["", "   ", &"x".repeat(101)] {
            assert_eq!(
                key_name(bad),
                Err("name must be 1 to 100 characters".to_owned())
            );
        }
    }

    #[test]
    fn the_console_and_the_cli_check_plans_alike() {
        let plans = PlanArgs {
            plans: "team:10:20".into(),
        };
        let catalog = plans.catalog().unwrap();
        for (asked, want) in [
            (None, None),
            (Some(" Default "), None),
            (Some("TEAM"), Some("team")),
        ] {
            assert_eq!(stored_plan(&catalog, asked).unwrap().as_deref(), want);
            assert_eq!(plan_to_store(&plans, asked).unwrap().as_deref(), want);
        }
        let e = stored_plan(&catalog, Some("gold")).unwrap_err();
        assert!(e.starts_with("plan: unknown plan \"gold\""), "{e}");
    }

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
