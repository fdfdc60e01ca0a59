//! The floor of the gateway's own HTTP stack: a reverse proxy built from what the gateway's
//! proxied reads are built from — mimalloc, a thread per CPU each running a single-threaded
//! tokio runtime (one acceptor handing connections to them in turn), hyper's HTTP/1 server
//! with its timer, hyper-util's pooled client per thread with `TCP_NODELAY` — and nothing
//! else: no key check, tenancy, limits, request log, metrics, envelope or reading of the
//! answer. Native requests pass through as nginx passes them (path, query and headers; the
//! answer streamed back).
//!
//! `bench_http --floor PATH` runs it as a third proxy beside nginx, so one run says how much
//! of the gateway's CPU per request is the stack it stands on and how much is its own work
//! (docs/PERFORMANCE.md). Not part of the product.
//!
//! Usage: `proxy_floor --listen 127.0.0.1:PORT --upstream 127.0.0.1:PORT [--threads N]`.

use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::{Either, Empty};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Upstream = Client<HttpConnector, Incoming>;
type Answer = Response<Either<Incoming, Empty<Bytes>>>;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn addr(name: &str) -> SocketAddr {
    arg(name)
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("{name} ADDRESS (e.g. 127.0.0.1:8080) is required"))
}

fn main() {
    let listen = addr("--listen");
    let upstream = addr("--upstream");
    let threads = arg("--threads")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let mut senders = Vec::with_capacity(threads);
    for i in 0..threads {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        std::thread::Builder::new()
            .name(format!("serve-{i}"))
            .spawn(move || serve(rx, upstream))
            .expect("serving thread");
        senders.push(tx);
    }
    let main = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    main.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen).await.expect("listen");
        let mut next = 0;
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let _ = tcp.set_nodelay(true);
            // Out of this runtime's reactor; the serving thread registers it with its own.
            let Ok(tcp) = tcp.into_std() else { continue };
            senders[next].send(tcp).expect("serving thread alive");
            next = (next + 1) % senders.len();
        }
    });
}

/// One serving thread: its own runtime, client pool and connections.
fn serve(
    mut handed: tokio::sync::mpsc::UnboundedReceiver<std::net::TcpStream>,
    upstream: SocketAddr,
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let mut tcp = HttpConnector::new();
        tcp.set_nodelay(true);
        let client: Upstream = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .build(tcp);
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(30))
            .keep_alive(true);
        while let Some(tcp) = handed.recv().await {
            let Ok(tcp) = tokio::net::TcpStream::from_std(tcp) else {
                continue;
            };
            let client = client.clone();
            let service = hyper::service::service_fn(move |req| {
                let client = client.clone();
                async move { Ok::<_, std::convert::Infallible>(forward(&client, upstream, req).await) }
            });
            let conn = http.serve_connection(TokioIo::new(tcp), service);
            tokio::spawn(async move {
                let _ = conn.await;
            });
        }
    });
}

/// The request to `upstream` with the same method, path, query, headers and body; its answer
/// streamed back, or 502 when the exchange fails.
async fn forward(client: &Upstream, upstream: SocketAddr, req: Request<Incoming>) -> Answer {
    let (mut parts, body) = req.into_parts();
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let Ok(uri) = format!("http://{upstream}{target}").parse() else {
        return status(StatusCode::BAD_REQUEST);
    };
    parts.uri = uri;
    // The client writes the upstream's own `Host`.
    parts.headers.remove(hyper::header::HOST);
    match client.request(Request::from_parts(parts, body)).await {
        Ok(answer) => answer.map(Either::Left),
        Err(_) => status(StatusCode::BAD_GATEWAY),
    }
}

fn status(code: StatusCode) -> Answer {
    let mut answer = Response::new(Either::Right(Empty::new()));
    *answer.status_mut() = code;
    answer
}
