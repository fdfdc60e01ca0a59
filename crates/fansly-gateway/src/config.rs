//! Configuration: every setting has a built-in default, a command-line flag and a
//! `FANSLY_GATEWAY_*` environment variable (flags win over the environment). The master key
//! is read from the environment or a key file only — never a flag, which `ps` would show.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use gateway_store::Keyring;
use url::Url;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/fansly-gateway.db";
pub const DEFAULT_UPSTREAM: &str = "https://apiv3.fansly.com";
pub const DEFAULT_KEY_FILE: &str = "./data/master.key";
pub const DEFAULT_MEDIA_UPSTREAM: &str = "https://mediav2.fansly.com";
/// 512 MiB.
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 512 * 1024 * 1024;
pub const DEFAULT_UPLOAD_DIR: &str = "./data/uploads";

/// Where the database lives and how its secrets are sealed (used by every subcommand that
/// opens the database).
#[derive(Args, Clone, Debug)]
pub struct StoreArgs {
    /// Database URL: `sqlite://PATH` (one process) or `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`
    /// (`postgresql://` too; `?sslmode=require|verify-full` for TLS), which several gateways
    /// can share (docs/POSTGRES.md).
    #[arg(long = "database", env = "FANSLY_GATEWAY_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Key file holding the master key, created (mode 0600) on first start when
    /// `FANSLY_GATEWAY_MASTER_KEY` is not set.
    #[arg(long, env = "FANSLY_GATEWAY_MASTER_KEY_FILE", default_value = DEFAULT_KEY_FILE)]
    pub master_key_file: PathBuf,
}

impl StoreArgs {
    /// The keyring from `FANSLY_GATEWAY_MASTER_KEY` (64 hex chars or base64 of 32 bytes), else
    /// the key file (created when missing).
    pub fn keyring(&self) -> anyhow::Result<Keyring> {
        let env = std::env::var("FANSLY_GATEWAY_MASTER_KEY").ok();
        let ring = Keyring::load_or_create(env.as_deref(), &self.master_key_file)
            .map_err(|e| anyhow::anyhow!("FANSLY_GATEWAY_MASTER_KEY / master key file: {e}"))?;
        Ok(ring)
    }

    pub async fn open(&self) -> anyhow::Result<std::sync::Arc<dyn gateway_store::Store>> {
        let store = gateway_store::open(&self.database_url, self.keyring()?)
            .await
            .map_err(|e| {
                anyhow::anyhow!("opening database {}: {e}", redact_url(&self.database_url))
            })?;
        store
            .migrate()
            .await
            .map_err(|e| anyhow::anyhow!("migrating database: {e}"))?;
        Ok(store)
    }
}

/// The database URL as it may be shown: the password (if any) replaced by `***`.
pub fn redact_url(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(_) => raw.to_owned(),
        Err(_) => "(unparseable database URL)".to_owned(),
    }
}

#[derive(Args, Clone, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "FANSLY_GATEWAY_LISTEN", default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// Fansly's REST host (the simulator's address in tests and the demo).
    #[arg(long, env = "FANSLY_GATEWAY_UPSTREAM", default_value = DEFAULT_UPSTREAM, value_parser = parse_upstream)]
    pub upstream: Url,
    /// The `checkKey_` mixed into `fansly-client-check` (rotated by Fansly with deploys).
    #[arg(
        long,
        env = "FANSLY_GATEWAY_CHECK_KEY",
        default_value = "oybZy8-fySzis-bubayf"
    )]
    pub check_key: String,
    /// Fansly's upload API host ([media]; the simulator's address in tests and the demo).
    #[arg(long = "media-upstream", env = "FANSLY_GATEWAY_MEDIA_UPSTREAM", default_value = DEFAULT_MEDIA_UPSTREAM, value_parser = parse_upstream)]
    pub media_upstream: Url,
    /// Largest media upload accepted, in bytes (413 above it).
    #[arg(long, env = "FANSLY_GATEWAY_MAX_UPLOAD_BYTES", default_value_t = DEFAULT_MAX_UPLOAD_BYTES)]
    pub max_upload_bytes: u64,
    /// Directory uploads are spooled to while they are sent to Fansly.
    #[arg(long, env = "FANSLY_GATEWAY_UPLOAD_DIR", default_value = DEFAULT_UPLOAD_DIR)]
    pub upload_dir: PathBuf,
    /// CDN origins media downloads may read, comma-separated `scheme://host[:port]`
    /// (`#` = one or more digits).
    #[arg(
        long = "cdn-host",
        env = "FANSLY_GATEWAY_CDN_HOSTS",
        value_delimiter = ',',
        default_value = "https://cdn#.fansly.com,https://media.fansly.com,https://thumbs.fansly.com"
    )]
    pub cdn_hosts: Vec<String>,
    /// Allow webhook URLs on loopback, private, link-local and metadata addresses.
    #[arg(long, env = "FANSLY_GATEWAY_WEBHOOKS_ALLOW_PRIVATE_TARGETS", default_value_t = false, action = clap::ArgAction::Set)]
    pub webhooks_allow_private_targets: bool,
    /// Fansly's event WebSocket (`ws://` or `wss://`; the simulator's `ws://HOST:PORT/?v=3`
    /// in tests and the demo). One socket per connected account feeds the webhooks.
    #[arg(long = "events-upstream", env = "FANSLY_GATEWAY_EVENTS_UPSTREAM", default_value = fansly_client::ws::DEFAULT_EVENTS_URL, value_parser = parse_events_upstream)]
    pub events_upstream: Url,
    /// Serve HTTPS: certificate chain file (PEM, leaf first). Needs `--tls-key`.
    #[arg(long, env = "FANSLY_GATEWAY_TLS_CERT")]
    pub tls_cert: Option<PathBuf>,
    /// Serve HTTPS: private key file (PEM: PKCS#8, PKCS#1 or SEC1). Needs `--tls-cert`.
    #[arg(long, env = "FANSLY_GATEWAY_TLS_KEY")]
    pub tls_key: Option<PathBuf>,
    /// Seconds requests and webhook attempts in flight get to finish at shutdown
    /// (SIGTERM / Ctrl-C) before they are cut off.
    #[arg(long, env = "FANSLY_GATEWAY_SHUTDOWN_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub shutdown_timeout: u64,
    /// Seconds between health checks of each account's Fansly session (± 10 % jitter), which
    /// find dead sessions and renew them ahead of time for accounts that keep credentials;
    /// 0 turns the check off.
    #[arg(long, env = "FANSLY_GATEWAY_HEALTH_CHECK_INTERVAL", default_value_t = 900, value_parser = clap::value_parser!(u64).range(0..=86_400))]
    pub health_check_interval: u64,
    #[command(flatten)]
    pub observe: crate::observe::config::ObserveArgs,
    #[command(flatten)]
    pub care: crate::upstream_care::CareArgs,
    /// Slow clients: `--header-read-timeout`, `--body-idle-timeout`, `--max-connections`.
    #[command(flatten)]
    pub connections: crate::serving::ConnArgs,
    /// Rate limits, plans and credit metering (`--plans`, `--default-plan`, `--credits`, …).
    #[command(flatten)]
    pub limits: crate::limits::LimitsArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

fn parse_events_upstream(s: &str) -> Result<Url, String> {
    let url = Url::parse(s).map_err(|e| format!("events upstream must be an absolute URL: {e}"))?;
    if !matches!(url.scheme(), "ws" | "wss") {
        return Err("events upstream must be a ws:// or wss:// URL".to_owned());
    }
    Ok(url)
}

fn parse_upstream(s: &str) -> Result<Url, String> {
    let url = Url::parse(s).map_err(|e| format!("upstream must be an absolute URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("upstream must be an http:// or https:// URL".to_owned());
    }
    Ok(url)
}

impl ServeArgs {
    pub fn fansly_config(&self) -> fansly_client::FanslyConfig {
        fansly_client::FanslyConfig {
            api_base: self.upstream.clone(),
            media_base: self.media_upstream.clone(),
            check_key: self.check_key.clone(),
            ..Default::default()
        }
    }

    /// The gateway settings these flags choose (the rest stay at their defaults).
    pub fn settings(&self) -> anyhow::Result<crate::state::Settings> {
        let cdn_hosts = crate::routes::media_download::CdnAllowlist::parse(&self.cdn_hosts)
            .map_err(|e| anyhow::anyhow!("--cdn-host: {e}"))?;
        Ok(crate::state::Settings {
            max_upload_bytes: self.max_upload_bytes,
            upload_dir: self.upload_dir.clone(),
            cdn_hosts,
            webhooks_allow_private_targets: self.webhooks_allow_private_targets,
            events_upstream: Some(self.events_upstream.clone()),
            limits: self.limits.settings()?,
            tls: crate::tls::TlsFiles::from_pair(self.tls_cert.clone(), self.tls_key.clone())
                .map_err(|e| anyhow::anyhow!(e))?,
            shutdown_grace: std::time::Duration::from_secs(self.shutdown_timeout),
            observe: self.observe.settings()?,
            upstream: self.care.settings()?,
            heal: crate::heal::HealSettings {
                check_interval: (self.health_check_interval > 0)
                    .then(|| std::time::Duration::from_secs(self.health_check_interval)),
                ..crate::heal::HealSettings::default()
            },
            connections: self.connections.settings(),
            ..crate::state::Settings::default()
        })
    }
}
