//! The `fansly-gateway` binary: parses the command line and runs the chosen subcommand.

use clap::Parser;
use fansly_gateway::cli::Cli;
use fansly_gateway::commands;

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
