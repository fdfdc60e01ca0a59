//! [`Simulator`]: the shared handle (config, clock, world, faults, request log) and its
//! Rust API — building the router, serving, seeding, and test helpers.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::SimConfig;
use crate::error::SimError;
use crate::faults::{FaultSpec, Faults};
use crate::reqlog::{LoggedRequest, RequestLog};
use crate::world::{CreatorInfo, NewCreator, OutboxEntry, World};

/// A running simulated Fansly. Cheap to clone: every clone shares the same state.
#[derive(Clone)]
pub struct Simulator {
    inner: Arc<Inner>,
}

struct Inner {
    config: SimConfig,
    clock: Clock,
    world: Mutex<World>,
    faults: Mutex<Faults>,
    requests: Mutex<RequestLog>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Simulator {
    pub fn new(config: SimConfig) -> Self {
        Self {
            inner: Arc::new(Inner {
                clock: Clock::new(config.clock.clone()),
                config,
                world: Mutex::new(World::default()),
                faults: Mutex::new(Faults::default()),
                requests: Mutex::new(RequestLog::default()),
            }),
        }
    }

    /// The native routes (`/api/v1/*`) and the control API (`/_sim/*`).
    ///
    /// Works in-process without connect info (the client IP is then `127.0.0.1`).
    pub fn router(&self) -> Router {
        crate::native::router()
            .merge(crate::control::router())
            .fallback(crate::native::fallback)
            .method_not_allowed_fallback(crate::native::method_not_allowed)
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                crate::native::gate,
            ))
            .with_state(self.clone())
    }

    /// Serves the router on `listener`, with peer addresses as client IPs.
    pub async fn serve(self, listener: TcpListener) -> std::io::Result<()> {
        let app = self
            .router()
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app).await
    }

    /// Binds `127.0.0.1:0` and serves in a background task.
    pub async fn spawn_local(self) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let handle = tokio::spawn(async move {
            if let Err(error) = self.serve(listener).await {
                tracing::error!(%error, "fansly simulator stopped");
            }
        });
        Ok((addr, handle))
    }

    /// Seeds a creator (the same as `POST /_sim/creators`).
    pub fn create_creator(&self, new: NewCreator) -> Result<CreatorInfo, SimError> {
        let now = self.now_ms();
        self.world().create_creator(new, now)
    }

    /// Every e-mail sent so far, in send order.
    pub fn outbox(&self) -> Vec<OutboxEntry> {
        self.world().outbox().to_vec()
    }

    /// The simulated time (Unix ms).
    pub fn now_ms(&self) -> i64 {
        self.inner.clock.now_ms()
    }

    /// Moves the simulated clock forward by `ms` (negative counts as 0); returns the new time.
    pub fn advance_clock(&self, ms: i64) -> i64 {
        let now = self.inner.clock.advance(ms);
        self.world().tick(now);
        now
    }

    /// Runs the time-driven transitions due now (also done before every native request).
    pub fn tick(&self) {
        let now = self.now_ms();
        self.world().tick(now);
    }

    /// Events recorded for `account_id` after sequence number `after`, oldest first.
    pub fn events_since(&self, account_id: &str, after: u64) -> Vec<crate::world::Event> {
        self.world()
            .events
            .since(account_id, after)
            .iter()
            .map(|e| (**e).clone())
            .collect()
    }

    /// Kills every live session of the account; returns how many there were.
    pub fn expire_sessions(&self, account_id: &str) -> usize {
        let now = self.now_ms();
        self.world().expire_sessions(account_id, now)
    }

    /// True when `token` is a 2FA session of `account_id`, verified (status 3) at most
    /// 10 simulated minutes ago, with code `code` — what payout routes require.
    pub fn twofa_session_valid(&self, account_id: &str, token: &str, code: &str) -> bool {
        let now = self.now_ms();
        self.world()
            .twofa_session_valid(account_id, token, code, now)
    }

    /// Arms a fault (the same as `POST /_sim/faults`).
    pub fn add_fault(&self, spec: FaultSpec) -> Result<(), SimError> {
        lock(&self.inner.faults).arm(spec)
    }

    /// Disarms every fault.
    pub fn clear_faults(&self) {
        lock(&self.inner.faults).clear();
    }

    /// The last 1000 native requests, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.inner.requests).list()
    }

    /// Forgets the request log.
    pub fn clear_requests(&self) {
        lock(&self.inner.requests).clear();
    }

    pub(crate) fn config(&self) -> &SimConfig {
        &self.inner.config
    }

    /// The world, locked. Never hold the guard across an `.await`.
    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.inner.world)
    }

    pub(crate) fn log_request(&self, entry: LoggedRequest) {
        lock(&self.inner.requests).push(entry);
    }

    pub(crate) fn take_fault(&self, path: &str) -> Option<crate::envelope::NativeError> {
        lock(&self.inner.faults).take(path)
    }
}
