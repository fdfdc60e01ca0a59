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
            .merge(crate::ws::router())
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

    /// How many `POST /login` attempts named the account (refused ones included).
    pub fn login_count(&self, account_id: &str) -> u64 {
        self.world().login_attempts(account_id)
    }

    /// Sessions older than `ttl_ms` simulated ms answer 401 (`None`: they never expire).
    pub fn set_session_ttl(&self, ttl_ms: Option<i64>) {
        self.world().set_session_ttl(ttl_ms);
    }

    /// At most `max` login attempts per account within `window_ms` simulated ms, then 429
    /// with `Retry-After` (`max == 0`: no limit).
    pub fn set_login_limit(&self, max: u32, window_ms: i64) {
        self.world()
            .set_login_limit(Some(crate::world::login_guard::LoginLimit {
                max,
                window_ms,
            }));
    }

    /// Changes the creator's password and ends every session of the account; false when
    /// there is no such account.
    pub fn change_password(&self, account_id: &str, password: &str) -> bool {
        let now = self.now_ms();
        self.world().change_password(account_id, password, now)
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

    /// Stores a ready vault media of `account_id` (the same as `POST /_sim/media`);
    /// `mimetype` defaults to `image/jpeg` when empty. Returns the media id.
    pub fn create_media(&self, account_id: &str, mimetype: &str) -> Result<String, SimError> {
        let now = self.now_ms();
        let mut world = self.world();
        if world.account(account_id).is_none() {
            return Err(SimError::invalid("accountId", "unknown account"));
        }
        Ok(world.create_media(account_id, mimetype, now))
    }

    /// Mints an offer of `owner`'s media: PPV at `price_mills` when > 0, else free.
    pub fn create_offer(
        &self,
        owner: &str,
        media_id: &str,
        price_mills: i64,
    ) -> Result<String, SimError> {
        let now = self.now_ms();
        self.world()
            .create_offer(owner, media_id, price_mills, now)
            .map_err(|r| crate::world::rejection_error("mediaId", r))
    }

    /// The DM group of two accounts, created (with its event) when missing.
    pub fn dm_group(&self, a: &str, b: &str) -> String {
        let now = self.now_ms();
        self.world().dm_group(a, b, now)
    }

    /// Sends a text message as `sender` into `group_id`, exactly as `POST /message` does.
    pub fn send_message(
        &self,
        sender: &str,
        group_id: &str,
        content: &str,
    ) -> Result<String, SimError> {
        let now = self.now_ms();
        self.world()
            .send_message(sender, group_id, content, Vec::new(), now)
            .map_err(|r| crate::world::rejection_error("message", r))
    }
}

/// Audience and money: fans, sessions, drivers (§4.6) and generated worlds.
impl Simulator {
    /// Creates a fan (the same as `POST /_sim/fans`): an account without the creator
    /// flag, with a main wallet.
    pub fn create_fan(&self, new: crate::world::NewFan) -> Result<crate::world::FanInfo, SimError> {
        let now = self.now_ms();
        self.world().create_fan(new, now)
    }

    /// Mints a live session for any account without a login: `(session id, token)`.
    pub fn login_as(&self, account_id: &str) -> Result<(String, String), SimError> {
        let now = self.now_ms();
        let session = self
            .world()
            .login_as(account_id, now)
            .map_err(|r| crate::world::rejection_error("accountId", r))?;
        Ok((session.id, session.token))
    }

    /// Adds a tier with one plan (and an optional promo) to a creator; returns the tier.
    pub fn create_tier(
        &self,
        creator_id: &str,
        new: crate::world::NewTier,
    ) -> Result<serde_json::Value, SimError> {
        let now = self.now_ms();
        let tier = self.world().create_tier(creator_id, new, now)?;
        Ok(serde_json::json!(tier))
    }

    /// ⚙ subscribe (the same as `POST /_sim/subscribe`); returns the subscription.
    pub fn subscribe(
        &self,
        new: crate::world::NewSubscription,
    ) -> Result<serde_json::Value, SimError> {
        let now = self.now_ms();
        Ok(self.world().subscribe_fan(new, now)?.json())
    }

    /// ⚙ purchase of an offer or a bundle (`content_id`) by `buyer_id`; returns the order.
    pub fn purchase(
        &self,
        buyer_id: &str,
        content_id: &str,
    ) -> Result<serde_json::Value, SimError> {
        let now = self.now_ms();
        let purchase = crate::world::money::Purchase {
            buyer_id: buyer_id.to_owned(),
            account_media_id: Some(content_id.to_owned()),
            ..Default::default()
        };
        let order = self.world().purchase_media(purchase, now)?;
        Ok(serde_json::json!(order))
    }

    /// ⚙ presence: pins the account online (`statusId` 1) or offline (2).
    pub fn set_presence(&self, account_id: &str, online: bool) -> Result<(), SimError> {
        let now = self.now_ms();
        self.world()
            .set_presence(account_id, if online { 1 } else { 2 }, false, now)
            .map_err(|r| crate::world::rejection_error("accountId", r))
    }

    /// ⚙ the subscription's next renewal fails whatever the fan's balance.
    pub fn fail_renewal(&self, subscription_id: &str) -> Result<serde_json::Value, SimError> {
        Ok(self.world().fail_next_renewal(subscription_id)?.json())
    }

    /// Builds the deterministic world `name` (`small` or `large`) from `seed`.
    pub fn seed_world(
        &self,
        name: &str,
        seed: u64,
    ) -> Result<crate::world::WorldSummary, SimError> {
        let now = self.now_ms();
        self.world().seed_world(name, seed, now)
    }

    /// True while the account has an authenticated event WebSocket.
    pub fn has_live_socket(&self, account_id: &str) -> bool {
        self.world().audience.has_live_socket(account_id)
    }

    /// How many live event WebSockets the account has (several gateways must hold one).
    pub fn live_socket_count(&self, account_id: &str) -> u32 {
        self.world().audience.live_sockets(account_id)
    }
}

/// Media & vault helpers: the CDN address, media bytes, upload pacing.
impl Simulator {
    /// Points CDN locations at `base` (e.g. `http://127.0.0.1:PORT/cdn`, where this
    /// simulator serves its CDN); the default is `https://cdn3.fansly.com`.
    pub fn set_cdn_base(&self, base: &str) {
        self.world().vault.cdn_base = base.trim_end_matches('/').to_owned();
    }

    /// The CDN base URL of the simulator listening at `addr` (`http://<addr>/cdn`).
    pub fn cdn_base_for(addr: SocketAddr) -> String {
        format!("http://{addr}{}", crate::native::CDN_PREFIX)
    }

    /// Stores `bytes` as the content of media `media_id` (served by the CDN).
    pub fn put_media_bytes(&self, media_id: &str, bytes: Vec<u8>) -> Result<(), SimError> {
        if self.world().put_media_bytes(media_id, bytes) {
            Ok(())
        } else {
            Err(SimError::invalid("mediaId", "unknown media"))
        }
    }

    /// How many polls after `complete` an upload needs to reach status 6 (default 3).
    pub fn set_upload_polls(&self, polls: u32) {
        self.world().vault.polls_to_complete = polls.max(1);
    }

    /// The vault album ids of `account_id` as `(id, type)`, in `pos` order.
    pub fn vault_albums(&self, account_id: &str) -> Vec<(String, i64)> {
        let now = self.now_ms();
        let mut world = self.world();
        world.sync_vault(account_id, now);
        let mut albums: Vec<(i64, String, i64)> = world
            .vault
            .albums_of
            .get(account_id)
            .into_iter()
            .flatten()
            .map(|id| {
                let a = &world.vault.albums[id];
                (a.pos, a.id.clone(), a.kind)
            })
            .collect();
        albums.sort();
        albums.into_iter().map(|(_, id, kind)| (id, kind)).collect()
    }
}

/// Content (walls, posts): test and seeding helpers.
impl Simulator {
    /// Adds a wall to `creator` after its others; returns its id.
    pub fn add_wall(&self, creator: &str, name: &str) -> Result<String, SimError> {
        let now = self.now_ms();
        let mut world = self.world();
        if world.account(creator).is_none() {
            return Err(SimError::invalid("accountId", "unknown account"));
        }
        Ok(world.add_wall(creator, name, "", now))
    }

    /// The creator's wall ids, by `pos` (the first is the seeded "Posts" wall).
    pub fn wall_ids(&self, creator: &str) -> Vec<String> {
        self.world()
            .walls_of(creator)
            .into_iter()
            .map(|w| w.id.clone())
            .collect()
    }

    /// Publishes a text post as `creator` on its first wall, exactly as `POST /post` does.
    pub fn create_post(&self, creator: &str, content: &str) -> Result<String, SimError> {
        let now = self.now_ms();
        let new = crate::world::content::NewPost {
            content: content.to_owned(),
            ..Default::default()
        };
        let post = self
            .world()
            .create_post(creator, new, now)
            .map_err(|r| crate::world::rejection_error("post", r))?;
        Ok(post["id"].as_str().unwrap_or_default().to_owned())
    }
}

/// Money (slice E): ledger inspection and the payout driver, for tests and the demo.
impl Simulator {
    /// The transactions of `account_id`'s wallets, oldest first, as Fansly renders them,
    /// each with `walletType` (1 main, 2 earnings) added.
    pub fn ledger(&self, account_id: &str) -> Vec<serde_json::Value> {
        self.world()
            .money
            .ledger_of(account_id)
            .map(|tx| {
                let mut v = serde_json::to_value(tx).unwrap_or_default();
                v["walletType"] = serde_json::json!(tx.wallet_kind);
                v
            })
            .collect()
    }

    /// ⚙ a processed payout of `amount` mills (default: all available) to the creator's
    /// newest payout method (or `payout_method_id`); returns the PayoutRequest.
    pub fn create_payout_request(
        &self,
        account_id: &str,
        payout_method_id: Option<&str>,
        amount: Option<i64>,
    ) -> Result<serde_json::Value, SimError> {
        let now = self.now_ms();
        let new = crate::world::payouts::NewPayoutRequest {
            account_id: account_id.to_owned(),
            payout_method_id: payout_method_id.map(str::to_owned),
            amount,
        };
        let request = self
            .world()
            .create_payout_request(new, now)
            .map_err(|r| crate::world::rejection_error("payout", r))?;
        Ok(serde_json::to_value(request).unwrap_or_default())
    }

    /// The creator's live payout methods, newest first.
    pub fn payout_methods(&self, account_id: &str) -> Vec<serde_json::Value> {
        self.world()
            .payout_methods(account_id)
            .into_iter()
            .map(|m| serde_json::to_value(m).unwrap_or_default())
            .collect()
    }
}

/// Discovery: tags for FYP suggestions.
impl Simulator {
    /// Creates (or finds) a tag by name; returns its id.
    pub fn create_tag(&self, name: &str) -> String {
        let now = self.now_ms();
        self.world().create_tag(name, now)
    }

    /// Tags an offer, so FYP discovery by that tag lists it.
    pub fn tag_offer(&self, offer_id: &str, tag_id: &str) -> Result<(), SimError> {
        if self.world().tag_offer(offer_id, tag_id) {
            Ok(())
        } else {
            Err(SimError::invalid("offerId", "unknown offer"))
        }
    }
}

/// Tracking links: custom links and events for analytics tests.
impl Simulator {
    /// The creator's tracking link ids (the three built-ins first).
    pub fn tracking_link_ids(&self, creator: &str) -> Vec<String> {
        self.world()
            .content
            .tracking_links
            .iter()
            .filter(|l| l.account_id == creator)
            .map(|l| l.id.clone())
            .collect()
    }

    /// Adds a custom (editable) tracking link; returns its id.
    pub fn create_tracking_link(&self, creator: &str, label: &str) -> String {
        let now = self.now_ms();
        self.world().create_custom_link(creator, label, now)
    }

    /// Records a tracking event, as `POST /_sim/tracking-events` does.
    pub fn tracking_event(&self, event: crate::world::NewTrackingEvent) -> Result<(), SimError> {
        let now = self.now_ms();
        self.world()
            .record_tracking_event(event, now)
            .map_err(|r| crate::world::rejection_error("trackingLinkId", r))
    }
}

/// Analytics: view events behind `/it/amoie/stats`.
impl Simulator {
    /// Records a view event, as `POST /_sim/views` does.
    pub fn view(&self, view: crate::world::NewView) -> Result<(), SimError> {
        let now = self.now_ms();
        self.world()
            .record_view(view, now)
            .map_err(|r| crate::world::rejection_error("accountId", r))
    }
}
