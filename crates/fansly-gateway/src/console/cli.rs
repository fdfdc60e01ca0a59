//! `fansly-gateway console operator create|list|revoke`: operator credentials for the web
//! console. The secret is printed once (the last line of stdout); the store keeps its SHA-256.

use clap::Subcommand;
use gateway_store::api_key_prefix;
use gateway_store::console::{generate_operator_secret, hash_console_secret};
use secrecy::ExposeSecret as _;

use crate::config::StoreArgs;

#[derive(Subcommand, Debug)]
pub enum ConsoleCommand {
    /// Operator credentials: an operator signs in to the console and manages API keys.
    Operator {
        #[command(subcommand)]
        command: OperatorCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum OperatorCommand {
    /// Create an operator credential; the secret is printed once, as the last line of stdout.
    Create {
        #[arg(long)]
        name: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List operator credentials (ids, names, prefixes; never the secrets).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Revoke an operator credential by id; its console sessions end at once.
    Revoke {
        id: i64,
        #[command(flatten)]
        store: StoreArgs,
    },
}

pub async fn run(command: ConsoleCommand) -> anyhow::Result<()> {
    let ConsoleCommand::Operator { command } = command;
    match command {
        OperatorCommand::Create { name, store } => {
            let name = name.trim();
            anyhow::ensure!(
                !name.is_empty() && name.chars().count() <= 100,
                "--name must be 1 to 100 characters"
            );
            let store = store.open().await?;
            let (record, secret) = create_operator(&*store, name).await?;
            println!(
                "Created console operator {} ({}). Its secret is shown only once:",
                record.id, record.name
            );
            println!("{}", secret.expose_secret());
        }
        OperatorCommand::List { store } => {
            let store = store.open().await?;
            println!(
                "{:<6} {:<14} {:<26} {:<26} name",
                "id", "prefix", "created", "revoked"
            );
            for o in store.console_operators().await? {
                println!(
                    "{:<6} {:<14} {:<26} {:<26} {}",
                    o.id,
                    o.prefix,
                    crate::http::envelope::timestamp_ms(o.created_at),
                    o.revoked_at
                        .map(crate::http::envelope::timestamp_ms)
                        .unwrap_or_else(|| "-".to_owned()),
                    o.name
                );
            }
        }
        OperatorCommand::Revoke { id, store } => {
            let store = store.open().await?;
            anyhow::ensure!(
                store.revoke_console_operator(id).await?,
                "no active console operator with id {id}"
            );
            println!("Revoked console operator {id}");
        }
    }
    Ok(())
}

/// Creates an operator credential; returns it with its secret (shown once).
pub async fn create_operator(
    store: &dyn gateway_store::Store,
    name: &str,
) -> anyhow::Result<(
    gateway_store::console::OperatorRecord,
    secrecy::SecretString,
)> {
    let secret = generate_operator_secret();
    let record = store
        .create_console_operator(
            name,
            &api_key_prefix(secret.expose_secret()),
            &hash_console_secret(secret.expose_secret()),
        )
        .await?;
    Ok((record, secret))
}
