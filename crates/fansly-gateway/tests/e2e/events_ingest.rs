//! Event ingestion against the simulator's event WebSocket: events seen on the creator's
//! socket become recorded webhook events; an event that happened while the socket was down is
//! reconciled through the REST API and recorded once; a socket closed with 401 expires the
//! account and records `accounts.session_expired`.
//!
//! The harness's gateway runs without ingestion; each test runs the account's socket task
//! from its own `AppState` on the same database, so it can stop and restart it.

use std::sync::Arc;
use std::time::Duration;

use fansly_gateway::events;
use fansly_gateway::state::{AppState, Settings};
use fansly_sim::TwofaMode;
use gateway_store::{AccountAccess, AccountStatus, TenantId};
use serde_json::json;

use crate::common::{Options, TestApp, eventually};
use crate::messaging_support::{native_as, new_fan};
use crate::webhook_receiver::Receiver;

pub(crate) const WAIT: Duration = Duration::from_secs(10);

pub(crate) struct Ingest {
    pub app: TestApp,
    pub receiver: Receiver,
    pub state: AppState,
    pub tenant: TenantId,
    endpoint: String,
    pub creator: String,
    pub acct: String,
    pub fan: String,
    group: String,
}

impl Ingest {
    pub(crate) async fn new() -> Self {
        Self::with_before_connect(|_, _, _| {}).await
    }

    /// As `new`, running `setup(app, creator, fan)` before the account is connected.
    async fn with_before_connect(setup: impl FnOnce(&TestApp, &str, &str)) -> Self {
        let mut opts = Options::default();
        opts.settings.webhooks_allow_private_targets = true;
        let app = TestApp::spawn_with(opts).await;
        // The rows are what is asserted; a live receiver keeps the endpoint enabled when a
        // test moves the clock by days (a day of failed deliveries would disable it).
        let receiver = Receiver::start().await;
        let (s, v) = app
            .post(
                "/webhooks",
                &app.key_a,
                json!({"url": receiver.url("/hook"), "events": [
                    "messages.received", "messages.sent", "accounts.connected",
                    "accounts.session_expired", "tips.received", "ppv.purchased",
                    "subscriptions.new", "subscriptions.renewed", "subscriptions.expired",
                    "followers.new"
                ]}),
            )
            .await;
        assert!(s.is_success(), "{v}");
        let endpoint = v["data"]["id"].as_str().unwrap().to_owned();
        let creator = app.creator("ingest_creator", TwofaMode::None).id;
        let fan = new_fan(&app, "ingest_fan");
        setup(&app, &creator, &fan);
        let acct = app.connect(&app.key_a, "ingest_creator").await;
        let group = app.sim.dm_group(&creator, &fan);
        let tenant = app
            .store
            .list_api_keys()
            .await
            .unwrap()
            .into_iter()
            .find(|k| k.name == "tenant-a")
            .unwrap()
            .tenant();
        let fansly = fansly_client::FanslyClient::new(fansly_client::FanslyConfig {
            api_base: url::Url::parse(&app.sim_url).unwrap(),
            ..fansly_client::FanslyConfig::default()
        })
        .unwrap();
        let ws = app.sim_url.replace("http://", "ws://") + "/?v=3";
        let settings = Settings {
            events_upstream: Some(url::Url::parse(&ws).unwrap()),
            ..Settings::default()
        };
        let state = AppState::new(
            Arc::clone(&app.store),
            fansly,
            Arc::new(app.clock.clone()),
            settings,
        );
        Self {
            app,
            receiver,
            state,
            tenant,
            endpoint,
            creator,
            acct,
            fan,
            group,
        }
    }

    /// The id of the endpoint that subscribes to every event.
    pub(crate) fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// How many events named `event` were recorded (one delivery each to the endpoint).
    pub(crate) async fn count(&self, event: &str) -> usize {
        self.app
            .store
            .webhook_deliveries(self.tenant, &self.endpoint, None, 500)
            .await
            .unwrap()
            .iter()
            .filter(|d| d.event == event)
            .count()
    }

    pub(crate) async fn wait_count(&self, event: &str, n: usize) {
        eventually(WAIT, || async { self.count(event).await == n }).await;
        // And no more arrive.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(self.count(event).await, n, "{event}");
    }

    pub(crate) fn fan_says(&self, text: &str) -> String {
        self.app
            .sim
            .send_message(&self.fan, &self.group, text)
            .unwrap()
    }
}

#[tokio::test]
async fn a_message_missed_while_the_socket_was_down_is_recorded_once() {
    let t = Ingest::new().await;
    t.wait_count("accounts.connected", 1).await;

    // Down: the account has no socket yet.
    t.fan_says("while the socket was down");
    assert_eq!(t.count("messages.received").await, 0);
    events::start(&t.state, t.tenant, &t.acct);
    // Reconciliation after connecting finds it.
    t.wait_count("messages.received", 1).await;

    // Live: the socket delivers it.
    t.fan_says("while the socket is up");
    t.wait_count("messages.received", 2).await;
    // The creator's own message is `messages.sent`.
    t.app
        .sim
        .send_message(&t.creator, &t.group, "hello back")
        .unwrap();
    t.wait_count("messages.sent", 1).await;

    // A gap again: stop, miss one, restart. The two already recorded are not recorded again.
    t.state.events.stop(&t.acct);
    assert!(!t.state.events.is_running(&t.acct));
    t.fan_says("during the second gap");
    events::start(&t.state, t.tenant, &t.acct);
    t.wait_count("messages.received", 3).await;
    assert_eq!(t.count("messages.sent").await, 1);
    t.state.events.stop_all();
}

#[tokio::test]
async fn a_socket_closed_with_401_expires_the_account() {
    let t = Ingest::new().await;
    events::start(&t.state, t.tenant, &t.acct);
    // Proves the socket is up before the session ends.
    t.fan_says("ping");
    t.wait_count("messages.received", 1).await;

    assert!(t.app.sim.expire_sessions(&t.creator) > 0);
    t.wait_count("accounts.session_expired", 1).await;
    let AccountAccess::Owned(account) = t.app.store.account(t.tenant, &t.acct).await.unwrap()
    else {
        panic!("account gone")
    };
    assert_eq!(account.status, AccountStatus::Expired);
    eventually(WAIT, || async { !t.state.events.is_running(&t.acct) }).await;
}

#[tokio::test]
async fn a_tip_missed_while_the_socket_was_down_is_recorded_once() {
    let t = Ingest::new().await;
    let (fansly, creds) = native_as(&t.app, &t.fan).await;
    let body = json!({"senderId": t.fan, "receiverId": t.creator, "amount": 5000,
        "message": "thanks", "tipGoalId": null, "target": null});
    let res = fansly
        .call(fansly_client::NativeRequest::post(
            "/tips",
            body,
            fansly_client::Auth::Session(&creds),
        ))
        .await
        .expect("tip");
    let tip_id = res.response()["id"].as_str().unwrap_or_default().to_owned();
    assert!(!tip_id.is_empty(), "{:?}", res.response());

    events::start(&t.state, t.tenant, &t.acct);
    t.wait_count("tips.received", 1).await;
    t.state.events.stop(&t.acct);
    events::start(&t.state, t.tenant, &t.acct);
    // Reconciled again after the restart, but recorded once.
    t.fan_says("after the restart");
    t.wait_count("messages.received", 1).await;
    assert_eq!(t.count("tips.received").await, 1);
    t.state.events.stop_all();
}

#[tokio::test]
async fn purchases_are_recorded_once_from_the_socket_or_the_ledger() {
    let t = Ingest::new().await;
    let media = t.app.sim.create_media(&t.creator, "image/jpeg").unwrap();
    let offer = t.app.sim.create_offer(&t.creator, &media, 7_500).unwrap();
    let other = t.app.sim.create_offer(&t.creator, &media, 2_000).unwrap();

    // Bought while the socket is down: recovered from the ledger, price in cents.
    t.app.sim.purchase(&t.fan, &offer).unwrap();
    events::start(&t.state, t.tenant, &t.acct);
    t.wait_count("ppv.purchased", 1).await;

    // Bought while it is up: from the socket; a later gap does not record either again.
    t.fan_says("socket is up");
    t.wait_count("messages.received", 1).await;
    t.app.sim.purchase(&t.fan, &other).unwrap();
    t.wait_count("ppv.purchased", 2).await;
    t.state.events.stop(&t.acct);
    events::start(&t.state, t.tenant, &t.acct);
    t.fan_says("after the restart");
    t.wait_count("messages.received", 2).await;
    assert_eq!(t.count("ppv.purchased").await, 2);
    t.state.events.stop_all();
}

/// The fan subscribes (auto-renewing): the subscription id and its `endsAt`.
pub(crate) fn subscribe(app: &TestApp, creator: &str, fan: &str) -> (String, i64) {
    let sub = app
        .sim
        .subscribe(fansly_sim::NewSubscription {
            fan_id: fan.to_owned(),
            creator_id: creator.to_owned(),
            tier_id: None,
            plan_id: None,
            promo_id: None,
            auto_renew: Some(true),
        })
        .unwrap();
    (
        sub["id"].as_str().unwrap().to_owned(),
        sub["endsAt"].as_i64().unwrap(),
    )
}

impl Ingest {
    /// Restarts the socket task and waits until its reconciliation has run (a message sent
    /// while it was down arrives), so counts of other events are final.
    async fn gap_then_catch_up(&self, messages_so_far: usize) {
        self.state.events.stop(&self.acct);
        self.fan_says("marks the end of a gap");
        events::start(&self.state, self.tenant, &self.acct);
        self.wait_count("messages.received", messages_so_far + 1)
            .await;
    }
}

#[tokio::test]
async fn subscription_events_missed_while_the_socket_was_down_are_recorded_once() {
    let t = Ingest::new().await;
    t.app.advance(1_000);
    // New while down.
    let (sub_id, ends_at) = subscribe(&t.app, &t.creator, &t.fan);
    t.gap_then_catch_up(0).await;
    t.wait_count("subscriptions.new", 1).await;

    // Renewed while down (the period ends with funds available).
    t.state.events.stop(&t.acct);
    t.app.advance(ends_at - t.app.sim.now_ms() + 1_000);
    t.gap_then_catch_up(1).await;
    t.wait_count("subscriptions.renewed", 1).await;
    assert_eq!(
        t.count("subscriptions.new").await,
        1,
        "a renewal is not new"
    );

    // Expired while down (the next renewal fails: grace, then expiry).
    t.state.events.stop(&t.acct);
    t.app.sim.fail_renewal(&sub_id).unwrap();
    t.app.advance(40 * 86_400_000);
    t.gap_then_catch_up(2).await;
    t.wait_count("subscriptions.expired", 1).await;

    // Another gap: nothing is recorded twice.
    t.gap_then_catch_up(3).await;
    assert_eq!(t.count("subscriptions.new").await, 1);
    assert_eq!(t.count("subscriptions.renewed").await, 1);
    assert_eq!(t.count("subscriptions.expired").await, 1);
    t.state.events.stop_all();
}

#[tokio::test]
async fn a_subscription_active_before_connecting_renews_as_renewed_never_new() {
    let ends = std::sync::OnceLock::new();
    let t = Ingest::with_before_connect(|app, creator, fan| {
        let (_, ends_at) = subscribe(app, creator, fan);
        ends.set(ends_at).unwrap();
        app.advance(1_000);
    })
    .await;
    // First run of the task: seeds the seen-set, reconciles, then listens.
    t.gap_then_catch_up(0).await;
    assert_eq!(
        t.count("subscriptions.new").await,
        0,
        "it predates the connection"
    );

    // Renewed live, on the socket.
    t.app
        .advance(ends.get().unwrap() - t.app.sim.now_ms() + 1_000);
    t.wait_count("subscriptions.renewed", 1).await;
    assert_eq!(t.count("subscriptions.new").await, 0);
    t.state.events.stop_all();
}

#[tokio::test]
async fn a_follow_missed_while_the_socket_was_down_is_recorded_once() {
    let t = Ingest::new().await;
    t.app.advance(1_000);
    let (fansly, creds) = native_as(&t.app, &t.fan).await;
    fansly.follow(&creds, &t.creator).await.expect("follow");
    t.gap_then_catch_up(0).await;
    t.wait_count("followers.new", 1).await;
    t.gap_then_catch_up(1).await;
    assert_eq!(t.count("followers.new").await, 1);
    t.state.events.stop_all();
}

/// A TCP relay to the simulator whose live connections can be cut (a plain network drop, no
/// 401 frame).
struct Relay {
    addr: std::net::SocketAddr,
    conns: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Relay {
    async fn start(target: std::net::SocketAddr) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let conns: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>> = Arc::default();
        let list = Arc::clone(&conns);
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                list.lock().unwrap().push(task);
            }
        });
        Self { addr, conns }
    }

    fn cut(&self) -> usize {
        let conns: Vec<_> = self.conns.lock().unwrap().drain(..).collect();
        let n = conns.iter().filter(|c| !c.is_finished()).count();
        for c in conns {
            c.abort();
        }
        n
    }
}

#[tokio::test]
async fn a_dropped_socket_reconnects_and_catches_up() {
    let t = Ingest::new().await;
    let sim_addr: std::net::SocketAddr =
        t.app.sim_url.trim_start_matches("http://").parse().unwrap();
    let relay = Relay::start(sim_addr).await;
    let ws = format!("ws://{}/?v=3", relay.addr);
    let state = AppState::new(
        Arc::clone(&t.app.store),
        t.state.fansly.clone(),
        Arc::new(t.app.clock.clone()),
        Settings {
            events_upstream: Some(url::Url::parse(&ws).unwrap()),
            ..Settings::default()
        },
    );
    events::start(&state, t.tenant, &t.acct);
    t.fan_says("before the drop");
    t.wait_count("messages.received", 1).await;

    assert_eq!(relay.cut(), 1, "one live socket");
    t.fan_says("while it is down");
    // The task notices the drop, backs off ~1.5 s, reconnects and reconciles.
    t.wait_count("messages.received", 2).await;
    assert!(state.events.is_running(&t.acct));
    t.fan_says("after the reconnect");
    t.wait_count("messages.received", 3).await;
    state.events.stop_all();
}
