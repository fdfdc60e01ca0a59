//! Thread per core (issue 16): connections are served on `serving_threads` threads, each
//! running a single-threaded tokio runtime of its own, instead of on the process's
//! multi-threaded runtime.
//!
//! Why: on the multi-threaded runtime a proxied read woke another worker thread about once
//! per request — work stealing, and the upstream connection's task living on another worker
//! than the request's — which cost about a fifth of a proxied read's CPU on a 2-CPU machine
//! (docs/PERFORMANCE.md, "Fourth round"). Here a connection, its requests, the tasks they
//! spawn and their upstream connections (pools of its own per serving thread,
//! [`fansly_client::own_pools_on_this_thread`]) stay on one thread, as nginx's workers do.
//!
//! How:
//! - one acceptor, on the main runtime, takes connections from the listening socket
//!   (within the connection cap, [`super::Capped`]) and hands each to the serving threads in
//!   turn, as a plain socket that the receiving thread registers with its own runtime: one
//!   hand-off per connection, none per request. (Every thread accepting from the shared
//!   socket itself would leave the balance to whichever thread the kernel wakes first.)
//! - each serving thread runs [`super::run`] — the same HTTP/1 settings, framing check and
//!   graceful drain as before — over the connections handed to it, with TLS handshakes on
//!   that thread when TLS is on.
//! - shutdown: at the signal the acceptor drops the listening socket (new connections are
//!   refused) and every serving thread drains its connections; [`Threads::stop`] ends the
//!   threads (cutting off what still runs after the shutdown deadline), and it is called
//!   last, after the shutdown hooks: database connections opened while serving a request
//!   are driven by that thread's runtime, and the hooks' writes may take them from the pool
//!   (sqlx would notice a dead one in its check before handing it out and open another, but
//!   only at the cost of that check failing and a reconnect).
//!
//! The rest of the process — webhook delivery, event sockets, the request-log writer, the
//! other background tasks — stays on the main runtime.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;

use axum::Router;
use axum::serve::Listener;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot, watch};

use super::{ConnSettings, Counted};

/// One serving thread per CPU.
pub fn default_count() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// A connection on its way to a serving thread: a plain socket, not yet registered with any
/// runtime.
type HandedOver = (Counted<std::net::TcpStream>, SocketAddr);

/// The serving threads; [`Threads::stop`] ends them.
pub struct Threads {
    release: watch::Sender<bool>,
    handles: Vec<std::thread::JoinHandle<()>>,
}

impl Threads {
    /// Ends the serving threads (their runtimes, with whatever still runs on them: requests
    /// cut off at the shutdown deadline) and waits for them to exit.
    pub async fn stop(self) {
        let _ = self.release.send(true);
        let handles = self.handles;
        let joined = tokio::task::spawn_blocking(move || {
            for handle in handles {
                if handle.join().is_err() {
                    tracing::error!("a serving thread panicked");
                }
            }
        })
        .await;
        if let Err(e) = joined {
            tracing::error!(error = %e, "waiting for the serving threads failed");
        }
    }
}

/// Serving until the signal and the drain after it (see [`start`]).
pub type Serve = Pin<Box<dyn Future<Output = std::io::Result<()>> + Send>>;

/// Starts `settings.serving_threads` threads serving `app` (over TLS when `tls` is set) and
/// returns them with the acceptor: a future that takes connections from `listener` until
/// `signal` resolves, then returns when every serving thread has drained its connections.
/// Must be called within the main runtime (the acceptor's socket is registered with it).
///
/// `serving_threads` 0 serves on the main runtime's workers instead (the model before
/// issue 16's thread per core, kept for comparison: docs/PERFORMANCE.md measures both); no
/// threads are returned then.
pub fn start<L>(
    listener: L,
    app: Router,
    settings: &ConnSettings,
    tls: Option<Arc<rustls::ServerConfig>>,
    signal: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<(Option<Threads>, Serve)>
where
    L: Listener<Io = Counted<TcpStream>, Addr = SocketAddr> + Send + 'static,
{
    let count = settings.serving_threads;
    if count == 0 {
        let settings = settings.clone();
        let serve: Serve = match tls {
            None => Box::pin(async move { super::run(listener, app, &settings, signal).await }),
            Some(config) => {
                let tls = crate::tls::TlsListener::new(listener, config)?;
                Box::pin(async move { super::run(tls, app, &settings, signal).await })
            }
        };
        return Ok((None, serve));
    }
    let local = listener.local_addr()?;
    let (drain_tx, drain) = watch::channel(false);
    let (release, released) = watch::channel(false);
    let mut senders = Vec::with_capacity(count);
    let mut drained = Vec::with_capacity(count);
    let mut handles = Vec::with_capacity(count);
    for i in 0..count {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (tx, rx) = mpsc::unbounded_channel::<HandedOver>();
        let (done_tx, done) = oneshot::channel();
        let serving = Serving {
            // The threads log where the caller of `start` does (the global subscriber in
            // the binary; a test's scoped one in tests).
            log: tracing::dispatcher::get_default(Clone::clone),
            handed: HandedOff { rx, local },
            app: app.clone(),
            settings: settings.clone(),
            tls: tls.clone(),
            drain: drain.clone(),
            released: released.clone(),
            done: done_tx,
        };
        let handle = std::thread::Builder::new()
            .name(format!("serve-{i}"))
            .spawn(move || serving.run(runtime))?;
        senders.push(tx);
        drained.push(done);
        handles.push(handle);
    }
    let threads = Threads { release, handles };
    let acceptor = accept(listener, senders, signal, drain_tx, drained);
    Ok((Some(threads), Box::pin(acceptor)))
}

/// Takes connections and hands them to the serving threads in turn until `signal`; then
/// tells them to drain and waits until they have.
async fn accept<L>(
    mut listener: L,
    mut senders: Vec<mpsc::UnboundedSender<HandedOver>>,
    signal: impl Future<Output = ()>,
    drain: watch::Sender<bool>,
    drained: Vec<oneshot::Receiver<std::io::Result<()>>>,
) -> std::io::Result<()>
where
    L: Listener<Io = Counted<TcpStream>, Addr = SocketAddr>,
{
    let mut signal = std::pin::pin!(signal);
    let mut next = 0;
    loop {
        let (io, peer) = tokio::select! {
            c = listener.accept() => c,
            () = &mut signal => break,
        };
        // Out of this runtime's reactor; the receiving thread registers it with its own.
        let io = match io.try_map(TcpStream::into_std) {
            Ok(io) => io,
            Err(e) => {
                tracing::debug!(%peer, error = %e, "a connection could not be handed over");
                continue;
            }
        };
        // A serving thread only stops at shutdown, unless it died (a panic outside the
        // request path's catcher): then the others take its share.
        let mut handed = (io, peer);
        loop {
            match senders[next].send(handed) {
                Ok(()) => {
                    next = (next + 1) % senders.len();
                    break;
                }
                Err(mpsc::error::SendError(back)) => {
                    tracing::error!(
                        "a serving thread has stopped: its connections go to the others"
                    );
                    senders.remove(next);
                    handed = back;
                    if senders.is_empty() {
                        break;
                    }
                    next %= senders.len();
                }
            }
        }
        if senders.is_empty() {
            tracing::error!("every serving thread has stopped: serving ends");
            break;
        }
    }
    drop(listener);
    drop(senders);
    let _ = drain.send(true);
    let mut result = Ok(());
    for done in drained {
        match done.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => result = Err(e),
            Err(_) => result = Err(std::io::Error::other("a serving thread ended early")),
        }
    }
    result
}

/// What one serving thread owns.
struct Serving {
    log: tracing::Dispatch,
    handed: HandedOff,
    app: Router,
    settings: ConnSettings,
    tls: Option<Arc<rustls::ServerConfig>>,
    drain: watch::Receiver<bool>,
    released: watch::Receiver<bool>,
    done: oneshot::Sender<std::io::Result<()>>,
}

impl Serving {
    fn run(self, runtime: tokio::runtime::Runtime) {
        fansly_client::own_pools_on_this_thread();
        let Self {
            log,
            handed,
            app,
            settings,
            tls,
            mut drain,
            mut released,
            done,
        } = self;
        let serve = async move {
            let signal = async move {
                let _ = drain.wait_for(|d| *d).await;
            };
            let result = match tls {
                None => super::run(handed, app, &settings, signal).await,
                Some(config) => match crate::tls::TlsListener::new(handed, config) {
                    Ok(tls) => super::run(tls, app, &settings, signal).await,
                    Err(e) => Err(e),
                },
            };
            let _ = done.send(result);
            // Keep this runtime — and the connections it drives — until the process is done
            // with them.
            std::future::pending::<()>().await;
        };
        let _log = tracing::dispatcher::set_default(&log);
        runtime.block_on(async move {
            // Released ([`Threads::stop`]): also while draining, when the shutdown deadline
            // passed with requests still running.
            tokio::select! {
                () = serve => {}
                _ = released.wait_for(|r| *r) => {}
            }
        });
        // What still runs is cut off (tasks dropped now; blocking work is not waited for,
        // as the process is about to exit).
        runtime.shutdown_background();
    }
}

/// The listener of one serving thread: the connections the acceptor hands it.
struct HandedOff {
    rx: mpsc::UnboundedReceiver<HandedOver>,
    local: SocketAddr,
}

impl Listener for HandedOff {
    type Io = Counted<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Some((io, peer)) = self.rx.recv().await else {
                // The acceptor has stopped: shutdown has begun, and `run` ends on its signal.
                return std::future::pending().await;
            };
            match io.try_map(TcpStream::from_std) {
                Ok(io) => return (io, peer),
                Err(e) => tracing::debug!(%peer, error = %e, "a handed-over connection failed"),
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::serving::{Capped, ConnStats};

    /// The acceptor on a loopback socket, with the ends of two serving threads.
    struct TwoThreads {
        addr: SocketAddr,
        stats: Arc<ConnStats>,
        handed: Vec<mpsc::UnboundedReceiver<HandedOver>>,
        drained: Vec<oneshot::Sender<std::io::Result<()>>>,
        signal: oneshot::Sender<()>,
        drain: watch::Receiver<bool>,
        acceptor: tokio::task::JoinHandle<std::io::Result<()>>,
    }

    async fn two_threads() -> TwoThreads {
        let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = tcp.local_addr().unwrap();
        let stats = Arc::new(ConnStats::default());
        let capped = Capped::new(tcp, 16, Arc::clone(&stats));
        let (senders, handed) = (0..2).map(|_| mpsc::unbounded_channel()).unzip();
        let (drained, dones) = (0..2).map(|_| oneshot::channel()).unzip();
        let (signal, signal_rx) = oneshot::channel::<()>();
        let (drain_tx, drain) = watch::channel(false);
        let signalled = async move {
            let _ = signal_rx.await;
        };
        let acceptor = tokio::spawn(accept(capped, senders, signalled, drain_tx, dones));
        TwoThreads {
            addr,
            stats,
            handed,
            drained,
            signal,
            drain,
            acceptor,
        }
    }

    /// `n` client connections to `addr`.
    async fn connect(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
        let mut clients = Vec::new();
        for _ in 0..n {
            clients.push(TcpStream::connect(addr).await.unwrap());
        }
        clients
    }

    /// The next connection handed to a thread (within 5 s).
    async fn next(rx: &mut mpsc::UnboundedReceiver<HandedOver>) -> HandedOver {
        tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .expect("a connection is handed over")
            .expect("the acceptor is running")
    }

    /// The acceptor hands connections to the threads in turn, as plain sockets each thread
    /// can register with its own runtime, and at the signal closes the listening socket and
    /// waits for every thread's drain.
    #[tokio::test]
    async fn connections_go_to_the_threads_in_turn_and_the_signal_drains_them() {
        let mut t = two_threads().await;
        let clients = connect(t.addr, 4).await;
        let mut handed = Vec::new();
        for rx in &mut t.handed {
            for _ in 0..2 {
                let (io, peer) = next(rx).await;
                // Registered with this runtime as the serving thread would.
                handed.push((io.try_map(TcpStream::from_std).unwrap(), peer));
            }
        }
        let mut peers: Vec<_> = handed.iter().map(|(_, p)| *p).collect();
        peers.sort();
        let mut local: Vec<_> = clients.iter().map(|c| c.local_addr().unwrap()).collect();
        local.sort();
        assert_eq!(peers, local, "each connection handed over once");
        assert_eq!(t.stats.open(), 4);

        t.signal.send(()).unwrap();
        t.drain.wait_for(|d| *d).await.unwrap();
        assert!(
            TcpStream::connect(t.addr).await.is_err(),
            "the listening socket is closed at the signal"
        );
        assert!(!t.acceptor.is_finished(), "waits for the threads' drain");
        for done in t.drained {
            done.send(Ok(())).unwrap();
        }
        t.acceptor.await.unwrap().unwrap();
        drop(handed);
        assert_eq!(t.stats.open(), 0, "slots freed with the connections");
    }

    /// A serving thread that died (its receiver gone) gets no more connections: the others
    /// take them, and the acceptor's result says one ended early.
    #[tokio::test]
    async fn a_dead_threads_share_goes_to_the_others() {
        let mut t = two_threads().await;
        // The second thread dies: its receiver and its drain report go.
        drop(t.handed.pop());
        drop(t.drained.pop());
        let _clients = connect(t.addr, 3).await;
        for _ in 0..3 {
            next(&mut t.handed[0]).await;
        }
        t.signal.send(()).unwrap();
        t.drained.pop().unwrap().send(Ok(())).unwrap();
        let result = t.acceptor.await.unwrap();
        assert!(result.is_err(), "the dead thread is reported");
    }
}
