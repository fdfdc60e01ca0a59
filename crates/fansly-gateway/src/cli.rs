//! The command line: `serve`, `sim`, `demo`, `keys create|list|set-plan|revoke`, `migrate`,
//! `migrate-data`, `openapi`, `mcp`.

use std::net::SocketAddr;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{ServeArgs, StoreArgs};

#[derive(Parser, Debug)]
#[command(
    name = "fansly-gateway",
    version,
    about = "Self-hostable, ApiFansly-compatible Fansly API gateway"
)]
pub struct Cli {
    /// Log output format.
    #[arg(
        long,
        global = true,
        env = "FANSLY_GATEWAY_LOG_FORMAT",
        default_value = "text"
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant)] // parsed once at start; boxing would only add noise
pub enum Command {
    /// Run the gateway.
    Serve(ServeArgs),
    /// Run the Fansly simulator alone.
    Sim {
        #[arg(long, env = "FANSLY_SIM_LISTEN", default_value = "127.0.0.1:8081")]
        listen: SocketAddr,
        /// Require a correct `fansly-client-check` header on every native call.
        #[arg(long)]
        strict_client_check: bool,
        /// Seed a generated world before serving: `small` (one creator, a few dozen fans)
        /// or `large` (thousands of fans, tens of thousands of messages).
        #[arg(long, value_parser = ["small", "large"])]
        world: Option<String>,
        /// The generated world's seed: the same seed gives the same world.
        #[arg(long, default_value_t = 1, requires = "world")]
        seed: u64,
    },
    /// Gateway and simulator in one process, with demo creators and an API key ready.
    Demo {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        #[arg(long, default_value = "127.0.0.1:8081")]
        sim_listen: SocketAddr,
        /// Where the demo keeps its (fresh every run) database and key file.
        #[arg(long, default_value = "./data/demo")]
        data_dir: std::path::PathBuf,
    },
    /// Manage API keys.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The web console at `/console`: operator credentials (docs/CONSOLE.md).
    Console {
        #[command(subcommand)]
        command: crate::console::cli::ConsoleCommand,
    },
    /// Create or update the database schema, then exit.
    Migrate(StoreArgs),
    /// Copy a SQLite installation into an empty PostgreSQL database (keys, accounts with their
    /// sealed secrets, webhooks and pending deliveries, usage), verifying row counts. Use the
    /// same master key afterwards: sealed values are copied as they are.
    MigrateData(crate::migrate_data::MigrateDataArgs),
    /// Print the OpenAPI 3.1 document of the HTTP API (as served at `/openapi.json`).
    Openapi,
    /// Serve MCP on stdin/stdout (for desktop AI clients that launch a command), relaying to
    /// a running gateway's `/mcp` over HTTP. See docs/MCP.md.
    Mcp {
        /// The running gateway's base URL.
        #[arg(
            long,
            env = "FANSLY_GATEWAY_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        url: url::Url,
        /// The API key. Prefer the environment variable: a command line is visible to other
        /// local users.
        #[arg(
            long,
            env = "FANSLY_GATEWAY_API_KEY",
            hide_env_values = true,
            value_parser = secret
        )]
        key: secrecy::SecretString,
    },
}

fn secret(v: &str) -> Result<secrecy::SecretString, String> {
    let v = v.trim();
    if v.is_empty() {
        return Err("the API key must not be empty".into());
    }
    Ok(secrecy::SecretString::from(v.to_owned()))
}

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Create a key; the key itself is printed once, as the last line of stdout.
    Create {
        #[arg(long)]
        name: String,
        /// The key's plan (see `--plans`); without it the key follows `--default-plan`.
        #[arg(long)]
        plan: Option<String>,
        #[command(flatten)]
        plans: crate::limits::PlanArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List keys (ids, names, prefixes; never the keys).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Set a key's plan by id (`default`: follow `--default-plan`); a running gateway applies
    /// it within a second.
    SetPlan {
        id: i64,
        plan: String,
        #[command(flatten)]
        plans: crate::limits::PlanArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Revoke a key by id; a running gateway stops accepting it within a second.
    Revoke {
        id: i64,
        #[command(flatten)]
        store: StoreArgs,
    },
}
