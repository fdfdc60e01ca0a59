//! `demo`: the simulator and the gateway in one process on embedded defaults (a fresh SQLite
//! database under `./data/demo`), three simulated creators — no 2FA, e-mailed code,
//! authenticator app — plus the generated `small` world (a creator with fans, subscribers,
//! tips and chats), an API key, and copy-paste `curl` lines for the whole connect flow.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use fansly_client::{FanslyClient, FanslyConfig};
use fansly_sim::{ClockMode, NewCreator, SimConfig, Simulator, TwofaMode, WorldSummary};
use gateway_store::{api_key_prefix, generate_api_key, hash_api_key};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;

use crate::app;
use crate::clock::SystemClock;
use crate::config::StoreArgs;
use crate::state::{AppState, Settings};

/// The demo creators' shared password (they live only in the simulator).
pub const DEMO_PASSWORD: &str = "demo-password";
/// A well-known example TOTP secret, so any authenticator app can follow along.
pub const DEMO_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";
/// The seed of the demo's generated `small` world.
pub const DEMO_WORLD_SEED: u64 = 1;

/// One line describing a generated world and how to log in as its creator.
pub fn world_line(w: &WorldSummary) -> String {
    format!(
        "world:     {} (seed {}): creator {} / {} with {} fans, {} followers, {} subscribers, {} chats, {} messages",
        w.name,
        w.seed,
        w.creator_username,
        w.creator_password,
        w.fans,
        w.followers,
        w.subscribers,
        w.chats,
        w.messages
    )
}

pub fn demo_creators() -> Vec<NewCreator> {
    let creator = |username: &str, twofa: TwofaMode, secret: Option<&str>| NewCreator {
        username: username.to_owned(),
        email: format!("{username}@example.test"),
        password: DEMO_PASSWORD.to_owned(),
        twofa,
        totp_secret: secret.map(str::to_owned),
        display_name: None,
    };
    vec![
        creator("mia", TwofaMode::None, None),
        creator("ella", TwofaMode::Email, None),
        creator("tara", TwofaMode::Totp, Some(DEMO_TOTP_SECRET)),
    ]
}

pub async fn run(
    listen: SocketAddr,
    sim_listen: SocketAddr,
    data_dir: PathBuf,
) -> anyhow::Result<()> {
    if data_dir.exists() {
        std::fs::remove_dir_all(&data_dir)
            .with_context(|| format!("clearing {}", data_dir.display()))?;
    }
    std::fs::create_dir_all(&data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;

    let sim = Simulator::new(SimConfig {
        clock: ClockMode::Wall,
        ..SimConfig::default()
    });
    // The world first: its history ends now, so its ids stay in time order.
    let world = sim
        .seed_world("small", DEMO_WORLD_SEED)
        .map_err(|e| anyhow::anyhow!("seeding the demo world: {e}"))?;
    for c in demo_creators() {
        sim.create_creator(c)
            .map_err(|e| anyhow::anyhow!("creating a demo creator: {e}"))?;
    }
    let sim_listener = TcpListener::bind(sim_listen)
        .await
        .with_context(|| format!("binding the simulator to {sim_listen}"))?;
    let sim_listen = sim_listener.local_addr()?;
    sim.set_cdn_base(&Simulator::cdn_base_for(sim_listen));
    let sim_task = tokio::spawn(sim.clone().serve(sim_listener));

    let store_args = StoreArgs {
        database_url: format!("sqlite://{}", data_dir.join("gateway.db").display()),
        master_key_file: data_dir.join("master.key"),
    };
    let store = store_args.open().await?;
    let key = generate_api_key();
    store
        .create_api_key(
            "demo",
            &api_key_prefix(key.expose_secret()),
            &hash_api_key(key.expose_secret()),
        )
        .await?;
    let (_, operator) = crate::console::cli::create_operator(&*store, "demo").await?;
    let fansly = FanslyClient::new(FanslyConfig {
        api_base: url::Url::parse(&format!("http://{sim_listen}"))?,
        media_base: url::Url::parse(&format!("http://{sim_listen}"))?,
        ..FanslyConfig::default()
    })?;
    // The simulator also plays the upload host and the CDN.
    let settings = Settings {
        cdn_hosts: Settings::default()
            .cdn_hosts
            .with(&format!("http://{sim_listen}"))
            .map_err(|e| anyhow::anyhow!("CDN allowlist: {e}"))?,
        upload_dir: data_dir.join("uploads"),
        // The demo's receivers run on this machine.
        webhooks_allow_private_targets: true,
        // The simulator serves the event WebSocket too.
        events_upstream: Some(url::Url::parse(&format!("ws://{sim_listen}/?v=3"))?),
        ..Settings::default()
    };
    let state = AppState::new(store, fansly, Arc::new(SystemClock), settings);
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding the gateway to {listen}"))?;
    let listen = listener.local_addr()?;

    println!(
        "{}",
        instructions(
            listen,
            sim_listen,
            key.expose_secret(),
            operator.expose_secret(),
            &world
        )
    );
    let served = app::serve(listener, state, crate::commands::shutdown_signal()).await;
    sim_task.abort();
    served.context("gateway")
}

/// Where the web console is and how to sign in to it.
fn console_lines(gw: SocketAddr, sim: SocketAddr, operator: &str) -> String {
    format!(
        r#"Web console: http://{gw}/console
  Sign in with the API key above ($KEY) to connect creators, set up webhooks and read the
  request log and usage. E-mailed codes land in the simulator's outbox:
  curl -s http://{sim}/_sim/outbox
  Operator sign-in (manages API keys), shown once:
OPERATOR='{operator}'
"#
    )
}

fn instructions(
    gw: SocketAddr,
    sim: SocketAddr,
    key: &str,
    operator: &str,
    world: &WorldSummary,
) -> String {
    let world = world_line(world);
    let console = console_lines(gw, sim, operator);
    format!(
        r#"
fansly-gateway demo is running.
  gateway:   http://{gw}/api/fansly      simulator: http://{sim}  (control API under /_sim/)
  creators:  mia (no 2FA), ella (e-mailed code), tara (authenticator app, secret {DEMO_TOTP_SECRET})
  password:  {DEMO_PASSWORD}   (for all three)
  {world}
             (connect it like mia; fans act through the simulator's /_sim/ drivers)

Paste into another shell:

KEY='{key}'
GW=http://{gw}/api/fansly
SIM=http://{sim}

# 1. Connect a creator without 2FA -> data.account_id
curl -s -X POST "$GW/connect" -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
  -d '{{"username":"mia","password":"{DEMO_PASSWORD}","name":"Mia","countryCode":"US"}}'

# 2. Connect a creator whose login needs an e-mailed code -> data.twofa_token
curl -s -X POST "$GW/connect" -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
  -d '{{"username":"ella","password":"{DEMO_PASSWORD}","name":"Ella","countryCode":"GB"}}'
curl -s "$SIM/_sim/outbox"     # the simulator's "sent e-mails": take the code
curl -s -X POST "$GW/verify-2fa" -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
  -d '{{"username":"ella","password":"{DEMO_PASSWORD}","twoFactorToken":"<twofa_token>","twoFactorCode":"<code>","name":"Ella","countryCode":"GB"}}'

# 3. Connect a creator with an authenticator app (TOTP secret {DEMO_TOTP_SECRET})
curl -s -X POST "$GW/connect" -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
  -d '{{"username":"tara","password":"{DEMO_PASSWORD}","name":"Tara","countryCode":"DE"}}'
curl -s "$SIM/_sim/totp/{DEMO_TOTP_SECRET}"     # the current authenticator code
curl -s -X POST "$GW/verify-2fa" -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
  -d '{{"username":"tara","password":"{DEMO_PASSWORD}","twoFactorToken":"<twofa_token>","twoFactorCode":"<code>","name":"Tara","countryCode":"DE"}}'

# 4. List accounts, read one creator's profile
curl -s "$GW/accounts" -H "x-api-key: $KEY"
curl -s "$GW/<account_id>/me" -H "x-api-key: $KEY"

# 5. Sensitive-action OTP: Send OTP, read the code, Verify OTP
curl -s -X POST "$GW/<account_id>/twofa/session" -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
  -d '{{"useEmailTwoFAFallback":true}}'
curl -s "$SIM/_sim/outbox"
curl -s -X POST "$GW/<account_id>/twofa/session/verify" -H "x-api-key: $KEY" -H 'Content-Type: application/json' \
  -d '{{"token":"<emailTwofa.token>","code":"<code>","mode":1}}'

# 6. Disconnect
curl -s -X DELETE "$GW/accounts/<account_id>" -H "x-api-key: $KEY"

{console}
Press Ctrl-C to stop.
"#
    )
}
