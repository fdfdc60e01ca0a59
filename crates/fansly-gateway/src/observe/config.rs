//! The `serve` flags of this module (flattened into `ServeArgs`). The metrics token is read
//! from the environment only — never a flag, which `ps` would show.

use clap::Args;
use secrecy::SecretString;

use super::ObserveSettings;

pub const METRICS_TOKEN_ENV: &str = "FANSLY_GATEWAY_METRICS_TOKEN";

#[derive(Args, Clone, Debug)]
pub struct ObserveArgs {
    /// Days the request log (`GET /api/fansly/logs`) keeps a request; 0 turns it off and
    /// deletes what is stored.
    #[arg(
        long,
        env = "FANSLY_GATEWAY_REQUEST_LOG_RETENTION_DAYS",
        default_value_t = super::request_log::DEFAULT_RETENTION_DAYS,
        value_parser = clap::value_parser!(u32).range(0..=36_500)
    )]
    pub request_log_retention_days: u32,
    /// Request-log entries queued for the database writer before new ones are dropped
    /// (counted in `/metrics`).
    #[arg(
        long,
        env = "FANSLY_GATEWAY_REQUEST_LOG_QUEUE",
        default_value_t = super::request_log::DEFAULT_QUEUE as u64,
        value_parser = clap::value_parser!(u64).range(1..=1_000_000)
    )]
    pub request_log_queue: u64,
}

impl ObserveArgs {
    pub fn settings(&self) -> anyhow::Result<ObserveSettings> {
        let metrics_token = match std::env::var(METRICS_TOKEN_ENV) {
            Ok(t) if t.trim().is_empty() => None,
            Ok(t) if t.trim().len() < 16 => {
                anyhow::bail!("{METRICS_TOKEN_ENV} must be at least 16 characters")
            }
            Ok(t) => Some(SecretString::from(t.trim().to_owned())),
            Err(_) => None,
        };
        Ok(ObserveSettings {
            request_log_retention_days: self.request_log_retention_days,
            request_log_queue: usize::try_from(self.request_log_queue).unwrap_or(usize::MAX),
            metrics_token,
            ..ObserveSettings::default()
        })
    }
}
