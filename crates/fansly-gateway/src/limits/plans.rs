//! Plans: a name, a requests-per-minute limit and a monthly credit allowance (either may be
//! unlimited). The catalog holds the built-in presets (ApiFansly's published plans plus
//! `unlimited`, the self-hosting default) and the operator's own plans from
//! `FANSLY_GATEWAY_PLANS` / `--plans`, which may also override a preset.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

/// The plan of keys without one, unless configured: nothing is limited.
pub const DEFAULT_PLAN: &str = "unlimited";
/// Reserved for `keys set-plan ID default`: the key follows the configured default.
pub const FOLLOW_DEFAULT: &str = "default";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub name: String,
    /// Requests per sliding minute; `None` = unlimited.
    pub rpm: Option<u32>,
    /// Credits per calendar month (UTC); `None` = unlimited.
    pub credits: Option<u64>,
}

/// Every plan a key may name, by lower-case name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanCatalog {
    plans: BTreeMap<String, Arc<Plan>>,
}

fn preset(name: &str, rpm: Option<u32>, credits: Option<u64>) -> (String, Arc<Plan>) {
    (
        name.to_owned(),
        Arc::new(Plan {
            name: name.to_owned(),
            rpm,
            credits,
        }),
    )
}

impl Default for PlanCatalog {
    /// The presets of spec/gateway-api.md §1.7/§1.8 (pricing table, latest allowances).
    fn default() -> Self {
        Self {
            plans: [
                preset("free", Some(100), Some(30)),
                preset("starter", Some(600), Some(24_000)),
                preset("pro", Some(1_000), Some(60_000)),
                preset("enterprise", None, None),
                preset(DEFAULT_PLAN, None, None),
            ]
            .into_iter()
            .collect(),
        }
    }
}

impl PlanCatalog {
    /// The presets plus `spec`: comma-separated `name:rpm:credits`, where `rpm` and `credits`
    /// are positive integers or `unlimited`; a preset's name overrides it.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut catalog = Self::default();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let plan = parse_plan(item)?;
            catalog.plans.insert(plan.name.clone(), Arc::new(plan));
        }
        Ok(catalog)
    }

    /// Adds or replaces a plan (tests and embedders).
    pub fn with(mut self, plan: Plan) -> Self {
        self.plans.insert(plan.name.clone(), Arc::new(plan));
        self
    }

    pub fn get(&self, name: &str) -> Option<&Arc<Plan>> {
        self.plans.get(&name.trim().to_ascii_lowercase())
    }

    /// The known names, sorted (for error messages).
    pub fn names(&self) -> String {
        self.plans.keys().cloned().collect::<Vec<_>>().join(", ")
    }

    /// The catalog's plan called `name`, or an error listing the known ones.
    pub fn require(&self, name: &str) -> Result<&Arc<Plan>, String> {
        self.get(name)
            .ok_or_else(|| format!("unknown plan {name:?}; known plans: {}", self.names()))
    }
}

fn parse_plan(item: &str) -> Result<Plan, String> {
    let parts: Vec<&str> = item.split(':').map(str::trim).collect();
    let [name, rpm, credits] = parts[..] else {
        return Err(format!(
            "plan {item:?} must be name:rpm:credits (e.g. team:300:10000 or vip:unlimited:unlimited)"
        ));
    };
    let name = name.to_ascii_lowercase();
    if name.is_empty()
        || name.len() > 32
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
    {
        return Err(format!(
            "plan name {name:?} must be 1 to 32 letters, digits, '-' or '_'"
        ));
    }
    if name == FOLLOW_DEFAULT {
        return Err(format!(
            "plan name {FOLLOW_DEFAULT:?} is reserved (it means \"the default plan\")"
        ));
    }
    let rpm = limit(rpm, &name, "rpm")?
        .map(|n| u32::try_from(n).map_err(|_| format!("plan {name:?}: rpm {n} is too large")))
        .transpose()?;
    let credits = limit(credits, &name, "credits")?;
    Ok(Plan { name, rpm, credits })
}

fn limit(s: &str, plan: &str, what: &str) -> Result<Option<u64>, String> {
    if s.eq_ignore_ascii_case("unlimited") {
        return Ok(None);
    }
    match s.parse::<u64>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(format!(
            "plan {plan:?}: {what} must be a positive integer or \"unlimited\", not {s:?}"
        )),
    }
}

/// How the limiter is set up (`Settings::limits`).
#[derive(Clone, Debug)]
pub struct LimitSettings {
    pub plans: PlanCatalog,
    /// The plan of keys without one (must be in `plans`).
    pub default_plan: Arc<Plan>,
    /// Credit metering: when on, a key whose monthly allowance is spent gets 402.
    pub credits: bool,
    /// How often in-memory usage counters are added to the database.
    pub flush_every: Duration,
}

impl Default for LimitSettings {
    fn default() -> Self {
        let plans = PlanCatalog::default();
        let default_plan = Arc::clone(plans.get(DEFAULT_PLAN).expect("preset"));
        Self {
            plans,
            default_plan,
            credits: false,
            flush_every: Duration::from_secs(5),
        }
    }
}

/// The plan catalog flag, shared by `serve` and `keys create|set-plan` (which check names).
#[derive(Args, Clone, Debug, Default)]
pub struct PlanArgs {
    /// Extra or overriding plans, comma-separated `name:rpm:credits` (`rpm`/`credits` a
    /// positive integer or `unlimited`). Presets: free 100:30, starter 600:24000,
    /// pro 1000:60000, enterprise and unlimited unlimited:unlimited.
    #[arg(long = "plans", env = "FANSLY_GATEWAY_PLANS", default_value = "")]
    pub plans: String,
}

impl PlanArgs {
    pub fn catalog(&self) -> anyhow::Result<PlanCatalog> {
        PlanCatalog::parse(&self.plans).map_err(|e| anyhow::anyhow!("--plans: {e}"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

/// `serve` flags of the limiter.
#[derive(Args, Clone, Debug)]
pub struct LimitsArgs {
    #[command(flatten)]
    pub plans: PlanArgs,
    /// The plan of API keys that have none (see `keys set-plan`).
    #[arg(long, env = "FANSLY_GATEWAY_DEFAULT_PLAN", default_value = DEFAULT_PLAN)]
    pub default_plan: String,
    /// Credit metering: `on` answers 402 once a key's monthly allowance is spent.
    #[arg(long, env = "FANSLY_GATEWAY_CREDITS", value_enum, default_value_t = OnOff::Off)]
    pub credits: OnOff,
    /// Seconds between background flushes of usage counters to the database.
    #[arg(long, env = "FANSLY_GATEWAY_USAGE_FLUSH_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub usage_flush_secs: u64,
}

impl LimitsArgs {
    pub fn settings(&self) -> anyhow::Result<LimitSettings> {
        let plans = self.plans.catalog()?;
        let default_plan = Arc::clone(
            plans
                .require(&self.default_plan)
                .map_err(|e| anyhow::anyhow!("--default-plan: {e}"))?,
        );
        Ok(LimitSettings {
            plans,
            default_plan,
            credits: self.credits == OnOff::On,
            flush_every: Duration::from_secs(self.usage_flush_secs),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_overrides() {
        let c = PlanCatalog::parse(" team:300:10000 , PRO:2000:unlimited,vip:unlimited:5").unwrap();
        assert_eq!(c.get("free").unwrap().rpm, Some(100));
        assert_eq!(c.get("free").unwrap().credits, Some(30));
        assert_eq!(c.get("Starter").unwrap().credits, Some(24_000));
        assert_eq!(c.get("enterprise").unwrap().rpm, None);
        assert_eq!(c.get("team").unwrap().rpm, Some(300));
        assert_eq!(c.get("pro").unwrap().rpm, Some(2_000));
        assert_eq!(c.get("pro").unwrap().credits, None);
        assert_eq!(c.get("vip").unwrap().credits, Some(5));
        assert!(c.get("nope").is_none());
        assert!(c.require("nope").unwrap_err().contains("known plans: "));
    }

    #[test]
    fn bad_plans_name_the_rule() {
        for (spec, needle) in [
            ("team:300", "name:rpm:credits"),
            ("team:0:5", "rpm must be a positive integer"),
            ("team:x:5", "rpm must be a positive integer"),
            ("team:5:-1", "credits must be a positive integer"),
            ("te am:5:5", "letters, digits"),
            ("default:5:5", "reserved"),
            ("big:99999999999:5", "too large"),
        ] {
            let e = PlanCatalog::parse(spec).unwrap_err();
            assert!(e.contains(needle), "{spec}: {e}");
        }
    }

    #[test]
    fn nothing_is_limited_by_default() {
        let s = LimitSettings::default();
        assert_eq!(s.default_plan.rpm, None);
        assert_eq!(s.default_plan.credits, None);
        assert!(!s.credits);
    }
}
