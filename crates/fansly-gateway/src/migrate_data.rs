//! `fansly-gateway migrate-data --from sqlite://… --to postgres://…` (issue 12): moves an
//! installation from SQLite to PostgreSQL without reconnecting creators. The copy itself is
//! `gateway_store::migrate_data` (one transaction, row counts verified before commit); this
//! file opens both ends, migrates them, and prints what was copied. URLs are shown with their
//! password replaced.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use gateway_store::{PgStore, SqliteStore, Store};

use crate::config::{DEFAULT_KEY_FILE, redact_url};

#[derive(Args, Clone, Debug)]
pub struct MigrateDataArgs {
    /// The SQLite installation to copy (`sqlite://PATH`); migrated first if it is behind.
    #[arg(long)]
    pub from: String,
    /// The empty PostgreSQL database to copy into (`postgres://…`); migrated first.
    #[arg(long)]
    pub to: String,
    /// The installation's key file (or set `FANSLY_GATEWAY_MASTER_KEY`). Only used to open
    /// the stores and check that the copied secrets open; nothing is re-sealed.
    #[arg(long, env = "FANSLY_GATEWAY_MASTER_KEY_FILE", default_value = DEFAULT_KEY_FILE)]
    pub master_key_file: PathBuf,
}

pub async fn run(args: MigrateDataArgs) -> anyhow::Result<()> {
    let scheme = |u: &str| u.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    anyhow::ensure!(
        scheme(&args.from).as_deref() == Some("sqlite"),
        "--from must be a sqlite: URL"
    );
    anyhow::ensure!(
        matches!(scheme(&args.to).as_deref(), Some("postgres" | "postgresql")),
        "--to must be a postgres:// or postgresql:// URL"
    );
    let store_args = crate::config::StoreArgs {
        database_url: args.from.clone(),
        master_key_file: args.master_key_file.clone(),
    };
    // An existing installation has its key already: never create one here.
    anyhow::ensure!(
        std::env::var_os("FANSLY_GATEWAY_MASTER_KEY").is_some() || args.master_key_file.is_file(),
        "no master key: set FANSLY_GATEWAY_MASTER_KEY or --master-key-file to the \
         installation's key"
    );
    let keyring = store_args.keyring()?;
    let from = SqliteStore::connect(&args.from, keyring.clone())
        .await
        .with_context(|| format!("opening {}", redact_url(&args.from)))?;
    from.migrate().await.context("migrating the source")?;
    let to = PgStore::connect(&args.to, keyring)
        .await
        .with_context(|| format!("opening {}", redact_url(&args.to)))?;
    to.migrate().await.context("migrating the destination")?;

    let report = gateway_store::migrate_data::copy_sqlite_to_postgres(&from, &to)
        .await
        .context("copying")?;
    for (table, rows) in &report.tables {
        println!("{table}: {rows} rows copied, counts match");
    }
    // The proof a creator need not reconnect: every account's session opens over there.
    let mut accounts = 0;
    for key in to.list_api_keys().await? {
        for account in to.accounts(key.tenant()).await? {
            to.session_token(key.tenant(), &account.id)
                .await
                .with_context(|| format!("opening the session of account {}", account.id))?;
            accounts += 1;
        }
    }
    println!(
        "copied {} into {}; {accounts} account sessions open with this master key",
        redact_url(&args.from),
        redact_url(&args.to)
    );
    from.close().await;
    to.close().await;
    Ok(())
}
