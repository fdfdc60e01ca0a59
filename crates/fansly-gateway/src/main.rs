//! The `fansly-gateway` binary: parses the command line and runs the chosen subcommand.

use clap::Parser;
use fansly_gateway::cli::Cli;
use fansly_gateway::commands;

/// mimalloc instead of the system allocator: the request path allocates many small,
/// short-lived buffers (headers, JSON trees), where glibc malloc showed up at ~15 % of the
/// gateway's CPU in profiles of the proxied read (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    commands::init_logging(cli.log_format);
    match commands::run(cli.command).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
