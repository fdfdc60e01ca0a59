//! Configuration of the upstream client: where Fansly lives, the check key and
//! the browser identity it presents, and its timeouts.

use std::time::Duration;

/// Fansly's REST host. The client appends `/api/v1/<path>`.
pub const DEFAULT_API_BASE: &str = "https://apiv3.fansly.com";
/// Fansly's upload API host ([media]); the client appends `/api/v1/<path>`.
pub const DEFAULT_MEDIA_BASE: &str = "https://mediav2.fansly.com";
/// The `checkKey_` mixed into `fansly-client-check` (JK default, 2025-10-25).
pub const DEFAULT_CHECK_KEY: &str = "oybZy8-fySzis-bubayf";
/// A current desktop Chrome on Windows.
pub const DEFAULT_USER_AGENT: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 \
     (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36";

/// Current desktop browsers an account may present (route-map §5.5: one per account, kept).
pub const BROWSER_USER_AGENTS: [&str; 4] = [
    DEFAULT_USER_AGENT,
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) \
     Chrome/136.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:138.0) Gecko/20100101 Firefox/138.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) \
     Version/18.4 Safari/605.1.15",
];

/// Settings for a [`crate::FanslyClient`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FanslyConfig {
    /// Scheme, host and optional path prefix, e.g. `https://apiv3.fansly.com`
    /// or `http://127.0.0.1:9/x`; requests go to `<api_base>/api/v1/<path>`.
    pub api_base: url::Url,
    /// The upload API host ([media]), same form as `api_base`:
    /// `https://mediav2.fansly.com` in production, the simulator in tests.
    pub media_base: url::Url,
    /// The `checkKey_` of the current web bundle (rotates with deploys).
    pub check_key: String,
    /// The `user-agent` of calls made for no account (`GET /device/id`), and of every
    /// account when `user_agents` is empty.
    pub user_agent: String,
    /// The browsers accounts present: each account (device id) keeps one of these on every
    /// call and on its event socket ([`crate::FanslyClient::user_agent_for`]).
    pub user_agents: Vec<String>,
    /// Whole-request timeout (connect, send, and read the body).
    pub request_timeout: Duration,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Pacing, 429 retries, coalescing and the short cache ([`crate::care`]).
    pub care: crate::care::CareConfig,
}

impl Default for FanslyConfig {
    fn default() -> Self {
        Self {
            api_base: url::Url::parse(DEFAULT_API_BASE).expect("DEFAULT_API_BASE is a valid URL"),
            media_base: url::Url::parse(DEFAULT_MEDIA_BASE)
                .expect("DEFAULT_MEDIA_BASE is a valid URL"),
            check_key: DEFAULT_CHECK_KEY.to_owned(),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            user_agents: BROWSER_USER_AGENTS.map(str::to_owned).to_vec(),
            request_timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            care: crate::care::CareConfig::default(),
        }
    }
}
