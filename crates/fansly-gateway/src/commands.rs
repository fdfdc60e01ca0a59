//! What each subcommand does. `serve` wires config → store → Fansly client → router.

use std::sync::Arc;

use anyhow::Context;
use fansly_client::FanslyClient;
use fansly_sim::{ClockMode, SimConfig, Simulator};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;

use crate::app;
use crate::cli::{Command, KeysCommand, LogFormat};
use crate::clock::SystemClock;
use crate::config::ServeArgs;
use crate::state::AppState;

pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FANSLY_GATEWAY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve(args).await,
        Command::Sim {
            listen,
            strict_client_check,
            world,
            seed,
        } => {
            let sim = Simulator::new(SimConfig {
                clock: ClockMode::Wall,
                strict_client_check,
                ..SimConfig::default()
            });
            if let Some(world) = world {
                let summary = sim
                    .seed_world(&world, seed)
                    .map_err(|e| anyhow::anyhow!("seeding the {world} world: {e}"))?;
                // On stdout, not in the logs: it names the (simulated) creator's password.
                println!("{}", crate::demo::world_line(&summary));
            }
            let listener = TcpListener::bind(listen)
                .await
                .with_context(|| format!("binding {listen}"))?;
            let listen = listener.local_addr()?;
            tracing::info!(%listen, "Fansly simulator listening");
            sim.serve(listener).await.context("simulator")?;
            Ok(())
        }
        Command::Demo {
            listen,
            sim_listen,
            data_dir,
        } => crate::demo::run(listen, sim_listen, data_dir).await,
        Command::Keys { command } => keys(command).await,
        Command::Console { command } => crate::console::cli::run(command).await,
        Command::Openapi => {
            print!("{}", crate::openapi::document_json());
            Ok(())
        }
        Command::Mcp { url, key } => crate::mcp::stdio::run(&url, &key).await,
        Command::Migrate(store) => {
            store.open().await?;
            println!(
                "database {} is up to date",
                crate::config::redact_url(&store.database_url)
            );
            Ok(())
        }
        Command::MigrateData(args) => crate::migrate_data::run(args).await,
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // Signal handlers first: from here on SIGTERM / Ctrl-C mean a graceful shutdown.
    let shutdown = shutdown_signal();
    let settings = args.settings()?;
    // Bad TLS files are a startup error, before anything opens or listens.
    if let Some(files) = &settings.tls {
        files.load().map_err(|e| anyhow::anyhow!(e))?;
    }
    let store = args.store.open().await?;
    let fansly = FanslyClient::new(args.fansly_config()).context("building the Fansly client")?;
    let scheme = if settings.tls.is_some() {
        "https"
    } else {
        "http"
    };
    let state = AppState::new(store, fansly, Arc::new(SystemClock), settings);
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("binding {}", args.listen))?;
    let listen = listener.local_addr()?;
    tracing::info!(%listen, scheme, upstream = %args.upstream, "fansly-gateway listening");
    app::serve(listener, state, shutdown).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn keys(command: KeysCommand) -> anyhow::Result<()> {
    match command {
        KeysCommand::Create {
            name,
            plan,
            plans,
            store,
        } => {
            let name =
                crate::limits::keys::key_name(&name).map_err(|e| anyhow::anyhow!("--{e}"))?;
            let plan = crate::limits::keys::plan_to_store(&plans, plan.as_deref())?;
            let store = store.open().await?;
            let (record, key) = crate::limits::keys::issue(&*store, name, plan.as_deref()).await?;
            if let Some(p) = &plan {
                println!("Plan: {p}");
            }
            println!(
                "Created API key {} ({}). It is shown only once:",
                record.id, record.name
            );
            println!("{}", key.expose_secret());
        }
        KeysCommand::List { store } => {
            let store = store.open().await?;
            let plans = crate::limits::keys::plan_column(&*store).await?;
            println!(
                "{:<6} {:<14} {:<26} {:<26} {:<12} name",
                "id", "prefix", "created", "revoked", "plan"
            );
            for k in store.list_api_keys().await? {
                println!(
                    "{:<6} {:<14} {:<26} {:<26} {:<12} {}",
                    k.id,
                    k.prefix,
                    crate::http::envelope::timestamp_ms(k.created_at),
                    k.revoked_at
                        .map(crate::http::envelope::timestamp_ms)
                        .unwrap_or_else(|| "-".to_owned()),
                    plans(k.id),
                    k.name
                );
            }
        }
        KeysCommand::SetPlan {
            id,
            plan,
            plans,
            store,
        } => {
            let store = store.open().await?;
            crate::limits::keys::set_plan(&*store, &plans, id, &plan).await?;
        }
        KeysCommand::Revoke { id, store } => {
            let store = store.open().await?;
            anyhow::ensure!(
                store.revoke_api_key(id).await?,
                "no active API key with id {id}"
            );
            println!("Revoked API key {id}");
        }
    }
    Ok(())
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM. The handlers are installed when this is called,
/// not when the future is first polled: a signal that arrives while `serve` is still starting
/// up (loading keys, starting event sockets) is then a graceful shutdown, not the default
/// "terminate at once".
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        async move {
            let term = async {
                match term {
                    Ok(mut s) => {
                        s.recv().await;
                    }
                    Err(_) => std::future::pending::<()>().await,
                }
            };
            let int = async {
                match int {
                    Ok(mut s) => {
                        s.recv().await;
                    }
                    Err(_) => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            };
            tokio::select! {
                () = term => {}
                () = int => {}
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
