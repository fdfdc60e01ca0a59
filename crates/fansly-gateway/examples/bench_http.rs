//! HTTP benchmark of the gateway, loopback only (run it with `scripts/bench-http`).
//!
//! Three processes, like production: the simulator (this example re-run as `sim-child`), the
//! gateway (the release `fansly-gateway serve`, its own SQLite database in a temp dir, event
//! ingestion on) and, when `--nginx PATH` is given, nginx as a reverse proxy in front of the
//! simulator (config written to the temp dir, run in the foreground, stopped at the end).
//! This process is the load generator: `--connections N` keep-alive HTTP/1.1 connections
//! (raw hyper client connections, one request at a time each) for `--duration S` seconds per
//! phase after a 1 s warm-up, reporting req/s and p50/p99/max latency.
//!
//! Phases, all in the same run:
//! - `GET /api/fansly/{a}/me` through the gateway → simulator;
//! - `GET /api/v1/account/me` straight at the simulator (the floor);
//! - the same native request through nginx → simulator;
//! - with `--floor PATH`, the same through `examples/proxy_floor.rs`: a reverse proxy made of
//!   the gateway's own stack (tokio, hyper, hyper-util's pool, mimalloc, a thread per CPU)
//!   with none of its work — the floor under the gateway's CPU per request;
//! - the same for a list: `GET /api/fansly/{a}/chats` (a full 25-row page of 30 DM
//!   groups, about 140 KB of native JSON) and its native `messaging/groups` request;
//! - `GET /api/fansly/accounts` (answered from the store), `GET /healthz` (the floor of a
//!   gateway-answered request) and a request with a bad key.
//!
//! After the phases it prints, per proxied read, the added latency over direct, the
//! throughput as a multiple of nginx's, CPU and context switches per request against
//! nginx's, and `/accounts` as a share of `/healthz`. `--only TEXT` (repeatable) runs just
//! the phases whose name contains it, to profile one (`perf record -p <gateway pid>`; the pid
//! is printed).
//!
//! The gateway's care for Fansly (pacing, short cache, coalescing) is off by default
//! (`--care off`): nginx caches nothing either, so each proxied request is one upstream
//! exchange on both paths. `--care default` keeps the gateway's defaults, `--gateway-arg A`
//! (repeatable) passes one more argument to `fansly-gateway serve`; `--log FILTER` sets the
//! gateway's `FANSLY_GATEWAY_LOG` (default `warn`: no per-request access line on stderr);
//! `--database postgres://…` runs the gateway on a fresh schema of that PostgreSQL database
//! instead of its own SQLite file (`scripts/bench-postgres` runs both, one after the other).
//!
//! Memory: the gateway's VmRSS / VmHWM (`/proc/PID/status`) idle after start, after the load
//! phases, and with `--accounts N` (default 1000) creators connected through
//! `POST /api/fansly/connect`, each with its event socket. Last, SIGTERM: how long the
//! graceful shutdown took with those sockets open, and the exit status.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

const PASSWORD: &str = "bench password 123";
const WARMUP: Duration = Duration::from_secs(1);
/// DM groups of each chat creator: more than one page of 25.
const CHATS: usize = 30;
/// The native chat-list request behind `GET /{a}/chats` (first page, newest first), as the
/// gateway sends it.
const CHATS_NATIVE: &str = "/api/v1/messaging/groups?ngsw-bypass=true&sortOrder=1&flags=0&subscriptionTierId=&listIds=&search=&limit=25&offset=0";

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn arg_num(name: &str, default: u64) -> u64 {
    arg(name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}: expected a number, got {v}"))
    })
}

fn all_args(name: &str) -> Vec<String> {
    let args: Vec<String> = std::env::args().collect();
    args.windows(2)
        .filter(|w| w[0] == name)
        .map(|w| w[1].clone())
        .collect()
}

fn creator_name(i: u64) -> String {
    format!("bench{i:04}")
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("sim-child") {
        return sim_child();
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(orchestrate());
}

// ───────────────────────────── the simulator process ─────────────────────────────

/// Runs the simulator in this (child) process: `--creators N` creators `bench0000…` plus
/// `direct`, whose session (minted without a login) the direct and nginx phases use. Prints
/// one JSON line with the address and that session, then serves until killed.
fn sim_child() {
    let creators = arg_num("--creators", 1000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let sim = fansly_sim::Simulator::new(fansly_sim::SimConfig {
            clock: fansly_sim::ClockMode::Wall,
            // Connecting 1,000 accounts from one IP: no device-id limit.
            device_id_limit_per_minute: 0,
            ..fansly_sim::SimConfig::default()
        });
        let new = |username: String| fansly_sim::NewCreator {
            email: format!("{username}@example.test"),
            username,
            password: PASSWORD.to_owned(),
            twofa: fansly_sim::TwofaMode::None,
            totp_secret: None,
            display_name: None,
        };
        for i in 0..creators {
            sim.create_creator(new(creator_name(i))).expect("creator");
        }
        let direct = sim.create_creator(new("direct".into())).expect("creator");
        // A full chat page (25 of 30 DM groups) for the list phases: the proxied creator
        // (`bench0000`) and `direct` each get the same 30 fans writing to them.
        let proxied = sim
            .create_creator(new("benchchats".into()))
            .expect("creator");
        for f in 0..CHATS {
            let fan = sim
                .create_fan(fansly_sim::NewFan {
                    username: format!("benchfan{f:02}"),
                    ..fansly_sim::NewFan::default()
                })
                .expect("fan");
            for creator in [&direct.id, &proxied.id] {
                let group = sim.dm_group(&fan.id, creator);
                sim.send_message(&fan.id, &group, "hello from a bench fan")
                    .expect("message");
            }
        }
        let (session_id, token) = sim.login_as(&direct.id).expect("session");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        println!(
            "{}",
            json!({"addr": addr.to_string(), "token": token, "sessionId": session_id})
        );
        sim.serve(listener).await.expect("simulator");
    });
}

// ───────────────────────────── processes ─────────────────────────────

/// Stops the child when dropped (normal end or panic): SIGTERM (nginx's master then stops its
/// workers), SIGKILL after 5 s.
struct Proc {
    child: Child,
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
            let t0 = Instant::now();
            while let Ok(None) = self.child.try_wait() {
                if t0.elapsed() > Duration::from_secs(5) {
                    let _ = self.child.kill();
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        let _ = self.child.wait();
    }
}

impl Proc {
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// (VmRSS, VmHWM) in MiB.
fn memory(pid: u32) -> (f64, f64) {
    (
        status_kb(pid, "VmRSS:") as f64 / 1024.0,
        status_kb(pid, "VmHWM:") as f64 / 1024.0,
    )
}

/// User + system CPU time of the process so far.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the `(comm)`: state is field 3; utime and stime are 14 and 15.
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    let ticks = f.iter().sum::<u64>();
    Duration::from_millis(ticks * 10) // USER_HZ = 100 on Linux
}

/// Context switches (voluntary and not) of every thread of the process so far
/// (`/proc/PID/task/*/status`: the process's own `status` counts only its main thread).
fn context_switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .filter_map(Result::ok)
        .map(|t| {
            let status = std::fs::read_to_string(t.path().join("status")).unwrap_or_default();
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}

/// The processes whose parent is `pid` (nginx's workers).
fn children(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
            // After `(comm)`: state, then ppid.
            stat.rsplit_once(')')
                .and_then(|(_, r)| r.split_whitespace().nth(1)?.parse::<u32>().ok())
                == Some(pid)
        })
        .collect()
}

fn sockets(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| {
                    std::fs::read_link(e.path())
                        .is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
                })
                .count()
        })
        .unwrap_or(0)
}

// ───────────────────────────── load ─────────────────────────────

#[derive(Clone)]
struct Target {
    name: String,
    addr: SocketAddr,
    path: String,
    headers: Vec<(String, String)>,
    expect: u16,
    /// The proxy's processes (gateway, or nginx's master and workers) whose CPU time is
    /// reported per request; empty for the direct phase.
    proxy_pids: Vec<u32>,
}

struct Result_ {
    name: String,
    requests: usize,
    secs: f64,
    unexpected: u64,
    errors: u64,
    lat_us: Vec<u32>,
    proxy_cpu: Option<Duration>,
    /// The proxy's context switches during the phase.
    proxy_switches: Option<u64>,
}

impl Result_ {
    fn rps(&self) -> f64 {
        self.requests as f64 / self.secs
    }
    fn pct(&self, p: f64) -> f64 {
        let n = self.lat_us.len();
        if n == 0 {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        f64::from(self.lat_us[rank.clamp(1, n) - 1]) / 1000.0
    }
}

async fn one_connection(
    t: &Target,
) -> Option<hyper::client::conn::http1::SendRequest<Empty<Bytes>>> {
    let stream = tokio::net::TcpStream::connect(t.addr).await.ok()?;
    let _ = stream.set_nodelay(true);
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .ok()?;
    tokio::spawn(conn);
    Some(sender)
}

/// One connection's loop: requests back to back until `end`; latencies after `measure_from`.
async fn worker(t: Target, measure_from: Instant, end: Instant) -> (Vec<u32>, u64, u64) {
    let mut lat = Vec::with_capacity(65_536);
    let (mut unexpected, mut errors) = (0, 0);
    let host = t.addr.to_string();
    let mut sender = None;
    while Instant::now() < end {
        if sender.is_none() {
            sender = one_connection(&t).await;
            if sender.is_none() {
                errors += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        }
        let s = sender.as_mut().unwrap();
        let mut req = Request::get(t.path.as_str()).header("host", host.as_str());
        for (k, v) in &t.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let req = req.body(Empty::<Bytes>::new()).unwrap();
        let t0 = Instant::now();
        let ok = async {
            s.ready().await.ok()?;
            let res = s.send_request(req).await.ok()?;
            let status = res.status().as_u16();
            res.into_body().collect().await.ok()?;
            Some(status)
        }
        .await;
        let took = t0.elapsed();
        match ok {
            Some(status) => {
                if t0 >= measure_from {
                    lat.push(u32::try_from(took.as_micros()).unwrap_or(u32::MAX));
                    if status != t.expect {
                        unexpected += 1;
                    }
                }
            }
            None => {
                errors += 1;
                sender = None;
            }
        }
    }
    (lat, unexpected, errors)
}

async fn run_phase(t: Target, connections: usize, duration: Duration) -> Result_ {
    let start = Instant::now();
    let measure_from = start + WARMUP;
    let end = measure_from + duration;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        tasks.push(tokio::spawn(worker(t.clone(), measure_from, end)));
    }
    tokio::time::sleep_until(measure_from.into()).await;
    let cpu_of = |pids: &[u32]| pids.iter().map(|p| cpu_time(*p)).sum::<Duration>();
    let switches_of = |pids: &[u32]| pids.iter().map(|p| context_switches(*p)).sum::<u64>();
    let cpu0 = cpu_of(&t.proxy_pids);
    let switches0 = switches_of(&t.proxy_pids);
    let mut lat = Vec::new();
    let (mut unexpected, mut errors) = (0, 0);
    for task in tasks {
        let (l, u, e) = task.await.unwrap();
        lat.extend(l);
        unexpected += u;
        errors += e;
    }
    let cpu = cpu_of(&t.proxy_pids).saturating_sub(cpu0);
    let switches = switches_of(&t.proxy_pids).saturating_sub(switches0);
    lat.sort_unstable();
    let r = Result_ {
        name: t.name.clone(),
        requests: lat.len(),
        secs: (end - measure_from).as_secs_f64(),
        unexpected,
        errors,
        lat_us: lat,
        proxy_cpu: (!t.proxy_pids.is_empty()).then_some(cpu),
        proxy_switches: (!t.proxy_pids.is_empty()).then_some(switches),
    };
    println!(
        "  {:<34} {:>9.0} req/s  p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>8.3} ms  unexpected {}  errors {}{}",
        r.name,
        r.rps(),
        r.pct(50.0),
        r.pct(99.0),
        r.pct(100.0),
        r.unexpected,
        r.errors,
        r.proxy_cpu
            .zip(r.proxy_switches)
            .map(|(c, s)| format!(
                "  proxy CPU {:.0} µs/req, {:.2} context switches/req",
                c.as_secs_f64() * 1e6 / r.requests.max(1) as f64,
                s as f64 / r.requests.max(1) as f64
            ))
            .unwrap_or_default()
    );
    assert!(
        r.unexpected == 0 && r.errors == 0,
        "{}: {} unexpected statuses, {} errors",
        r.name,
        r.unexpected,
        r.errors
    );
    r
}

// ───────────────────────────── orchestration ─────────────────────────────

fn first_line(out: impl std::io::Read + Send + 'static, marker: &'static str) -> String {
    let mut lines = BufReader::new(out).lines().map_while(Result::ok);
    let found = lines.by_ref().find(|l| l.contains(marker));
    // Keep draining so the child never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    found.unwrap_or_else(|| panic!("no line with {marker:?} in the output"))
}

fn wait_port(addr: SocketAddr) {
    let t0 = Instant::now();
    while std::net::TcpStream::connect(addr).is_err() {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "{addr} never came up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn orchestrate() {
    let duration = Duration::from_secs(arg_num("--duration", 10));
    let connections = arg_num("--connections", 32) as usize;
    let accounts = arg_num("--accounts", 1000).max(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gateway_bin = arg("--gateway-bin")
        .map_or_else(|| root.join("target/release/fansly-gateway"), PathBuf::from);
    let nginx_bin = arg("--nginx").map(PathBuf::from);
    let floor_bin = arg("--floor").map(PathBuf::from);
    let mut gateway_args = all_args("--gateway-arg");
    // Like for like with nginx: every proxied request is one upstream exchange (no pacing,
    // no short cache, no coalescing) unless `--care default` keeps the gateway's defaults.
    let care = arg("--care").unwrap_or_else(|| "off".into());
    if care == "off" {
        for a in [
            "--fansly-rate",
            "0",
            "--fansly-cache-ttl-ms",
            "0",
            "--fansly-coalesce",
            "false",
        ] {
            gateway_args.push(a.into());
        }
    }
    println!("gateway flags: {}", gateway_args.join(" "));
    let dir = tempfile::tempdir().unwrap();

    // The simulator.
    let mut sim = Proc {
        child: Command::new(std::env::current_exe().unwrap())
            .args(["sim-child", "--creators", &accounts.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("simulator process"),
    };
    let line = first_line(sim.child.stdout.take().unwrap(), "addr");
    let info: Value = serde_json::from_str(&line).unwrap();
    let sim_addr: SocketAddr = info["addr"].as_str().unwrap().parse().unwrap();
    let token = info["token"].as_str().unwrap().to_owned();
    let session_id = info["sessionId"].as_str().unwrap().to_owned();
    wait_port(sim_addr);

    // The gateway.
    // `--database postgres://…`: the gateway on a fresh schema of that database (dropped at
    // the end) instead of its own SQLite file.
    let schema = match arg("--database") {
        Some(url) => Some(gateway_store::test_schema::TestSchema::create(&url, "gwbench").await),
        None => None,
    };
    let db = schema.as_ref().map_or_else(
        || format!("sqlite://{}", dir.path().join("gateway.db").display()),
        gateway_store::test_schema::TestSchema::url,
    );
    println!(
        "store: {}",
        if schema.is_some() {
            "PostgreSQL (a fresh schema)"
        } else {
            "SQLite (a temp file)"
        }
    );
    let master = "ab".repeat(32);
    let out = Command::new(&gateway_bin)
        .args(["keys", "create", "--name", "bench", "--database", &db])
        .env("FANSLY_GATEWAY_MASTER_KEY", &master)
        .output()
        .expect("keys create");
    assert!(out.status.success(), "{out:?}");
    let key = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_owned();
    let gw_addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let sim_url = format!("http://{sim_addr}");
    let gw_log = dir.path().join("gateway.log");
    let mut gw = Proc {
        child: Command::new(&gateway_bin)
            .arg("serve")
            .args(["--listen", &gw_addr.to_string()])
            .args(["--upstream", &sim_url, "--media-upstream", &sim_url])
            .args(["--events-upstream", &format!("ws://{sim_addr}/?v=3")])
            .args(["--database", &db])
            .args([
                "--upload-dir",
                &dir.path().join("uploads").to_string_lossy(),
            ])
            .args(&gateway_args)
            .env("FANSLY_GATEWAY_MASTER_KEY", &master)
            .env(
                "FANSLY_GATEWAY_LOG",
                arg("--log").unwrap_or_else(|| "warn".into()),
            )
            .stdout(Stdio::null())
            // Its log goes to a file, as in production (not through this process).
            .stderr(std::fs::File::create(&gw_log).expect("gateway log file"))
            .spawn()
            .expect("gateway process"),
    };
    wait_port(gw_addr);
    let gw_pid = gw.pid();
    println!("gateway pid: {gw_pid}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = memory(gw_pid);

    // nginx in front of the simulator.
    let nginx = nginx_bin.map(|bin| start_nginx(&bin, dir.path(), sim_addr));
    // The stack's floor in front of the simulator.
    let floor = floor_bin.map(|bin| start_floor(&bin, sim_addr));

    // One connected account for the proxied phase.
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let base = format!("http://{gw_addr}/api/fansly");
    let connect = |name: String| {
        let (http, base, key) = (http.clone(), base.clone(), key.clone());
        async move {
            let res = http
                .post(format!("{base}/connect"))
                .header("x-api-key", &key)
                .json(&json!({"username": name, "password": PASSWORD, "name": "Bench", "countryCode": "US"}))
                .send()
                .await
                .expect("connect");
            let status = res.status();
            let v: Value = res.json().await.unwrap();
            assert!(status.is_success(), "connect {name}: {v}");
            v["data"]["account_id"].as_str().unwrap().to_owned()
        }
    };
    let account = connect(creator_name(0)).await;
    let chats_account = connect("benchchats".into()).await;

    println!(
        "\nload: {connections} keep-alive connections, {} s per phase after a {} s warm-up",
        duration.as_secs(),
        WARMUP.as_secs()
    );
    let native_headers = vec![
        ("authorization".to_owned(), token.clone()),
        ("fansly-session-id".to_owned(), session_id.clone()),
        ("accept".to_owned(), "application/json".to_owned()),
    ];
    let gateway = |name: &str, path: String, expect: u16| Target {
        name: name.into(),
        addr: gw_addr,
        path,
        headers: vec![("x-api-key".into(), key.clone())],
        expect,
        proxy_pids: vec![gw_pid],
    };
    let native = |name: &str, addr: SocketAddr, path: &str, proxy_pids: Vec<u32>| Target {
        name: name.into(),
        addr,
        path: path.into(),
        headers: native_headers.clone(),
        expect: 200,
        proxy_pids,
    };
    let nginx_pids = nginx.as_ref().map(|(p, addr)| {
        let mut pids = children(p.pid());
        pids.push(p.pid());
        (pids, *addr)
    });
    let floor_pid = floor.as_ref().map(|(p, addr)| (p.pid(), *addr));
    // Proxied reads: one account object (`/me`) and a 25-row list (`/chats`), each through
    // the gateway, straight at the simulator, through nginx and through the floor.
    let mut targets = vec![
        gateway(
            "gateway GET /{a}/me (→ sim)",
            format!("/api/fansly/{account}/me"),
            200,
        ),
        native(
            "direct sim GET /api/v1/account/me",
            sim_addr,
            "/api/v1/account/me",
            Vec::new(),
        ),
    ];
    if let Some((pids, addr)) = &nginx_pids {
        targets.push(native(
            "nginx GET /api/v1/account/me (→ sim)",
            *addr,
            "/api/v1/account/me",
            pids.clone(),
        ));
    }
    if let Some((pid, addr)) = floor_pid {
        targets.push(native(
            "floor GET /api/v1/account/me (→ sim)",
            addr,
            "/api/v1/account/me",
            vec![pid],
        ));
    }
    targets.push(gateway(
        "gateway GET /{a}/chats (→ sim)",
        format!("/api/fansly/{chats_account}/chats"),
        200,
    ));
    targets.push(native(
        "direct sim GET messaging/groups",
        sim_addr,
        CHATS_NATIVE,
        Vec::new(),
    ));
    if let Some((pids, addr)) = &nginx_pids {
        targets.push(native(
            "nginx GET messaging/groups (→ sim)",
            *addr,
            CHATS_NATIVE,
            pids.clone(),
        ));
    }
    if let Some((pid, addr)) = floor_pid {
        targets.push(native(
            "floor GET messaging/groups (→ sim)",
            addr,
            CHATS_NATIVE,
            vec![pid],
        ));
    }
    targets.push(gateway(
        "gateway GET /accounts (DB)",
        "/api/fansly/accounts".into(),
        200,
    ));
    targets.push(Target {
        headers: Vec::new(),
        ..gateway("gateway GET /healthz", "/healthz".into(), 200)
    });
    targets.push(Target {
        headers: vec![("x-api-key".into(), "fgw_not_a_key_at_all".into())],
        ..gateway(
            "gateway GET /accounts, bad key (401)",
            "/api/fansly/accounts".into(),
            401,
        )
    });
    // `--only TEXT` (repeatable): just the phases whose name contains one of them (to profile
    // one phase, e.g. `--only "gateway GET /{a}/me"` with `perf record -p <gateway pid>`).
    let only = all_args("--only");
    targets.retain(|t| only.is_empty() || only.iter().any(|o| t.name.contains(o.as_str())));
    let mut results = Vec::new();
    for t in targets {
        results.push(run_phase(t, connections, duration).await);
    }
    let loaded = memory(gw_pid);

    // Per proxied read: gateway and nginx against direct, and against each other.
    let find = |p: &str| results.iter().find(|r| r.name.starts_with(p));
    let per_req = |r: &Result_| {
        r.proxy_cpu.unwrap_or_default().as_secs_f64() * 1e6 / r.requests.max(1) as f64
    };
    let switches_per_req =
        |r: &Result_| r.proxy_switches.unwrap_or_default() as f64 / r.requests.max(1) as f64;
    for (label, g, d, n, f) in [
        (
            "/{a}/me",
            "gateway GET /{a}/me",
            "direct sim GET /api/v1/account/me",
            "nginx GET /api/v1/account/me",
            "floor GET /api/v1/account/me",
        ),
        (
            "/{a}/chats",
            "gateway GET /{a}/chats",
            "direct sim GET messaging",
            "nginx GET messaging",
            "floor GET messaging",
        ),
    ] {
        let (Some(g), Some(d)) = (find(g), find(d)) else {
            continue;
        };
        println!("\n  {label}:");
        println!(
            "    gateway added latency: p50 {:+.3} ms, p99 {:+.3} ms; throughput {:.0}% of direct",
            g.pct(50.0) - d.pct(50.0),
            g.pct(99.0) - d.pct(99.0),
            100.0 * g.rps() / d.rps()
        );
        if let Some(n) = find(n) {
            println!(
                "    nginx   added latency: p50 {:+.3} ms, p99 {:+.3} ms; throughput {:.0}% of direct",
                n.pct(50.0) - d.pct(50.0),
                n.pct(99.0) - d.pct(99.0),
                100.0 * n.rps() / d.rps()
            );
            println!(
                "    gateway vs nginx: {:.2}× nginx's req/s; CPU per request gateway {:.0} µs, nginx {:.0} µs ({:.2}×)",
                g.rps() / n.rps(),
                per_req(g),
                per_req(n),
                per_req(g) / per_req(n).max(f64::MIN_POSITIVE)
            );
            println!(
                "    context switches per request: gateway {:.2}, nginx {:.2}",
                switches_per_req(g),
                switches_per_req(n)
            );
            if let Some(f) = find(f) {
                println!(
                    "    floor (the gateway's stack, none of its work): {:.2}× nginx's req/s; CPU per request {:.0} µs ({:.2}× nginx's; the gateway's is {:.2}× the floor's); added p99 {:+.3} ms",
                    f.rps() / n.rps(),
                    per_req(f),
                    per_req(f) / per_req(n).max(f64::MIN_POSITIVE),
                    per_req(g) / per_req(f).max(f64::MIN_POSITIVE),
                    f.pct(99.0) - d.pct(99.0)
                );
            }
        }
    }
    if let (Some(a), Some(h)) = (
        find("gateway GET /accounts (DB)"),
        find("gateway GET /healthz"),
    ) {
        println!(
            "\n  GET /accounts: {:.0}% of /healthz's req/s; CPU per request {:.0} µs (/healthz {:.0} µs)",
            100.0 * a.rps() / h.rps(),
            per_req(a),
            per_req(h)
        );
    }
    drop(nginx);
    drop(floor);

    // Memory with `accounts` connected accounts, each with its event socket.
    let sockets_before = sockets(gw_pid);
    let t0 = Instant::now();
    let mut next = 1;
    while next < accounts {
        let batch: Vec<_> = (next..(next + 16).min(accounts))
            .map(|i| tokio::spawn(connect(creator_name(i))))
            .collect();
        next += batch.len() as u64;
        for b in batch {
            b.await.unwrap();
        }
    }
    let connect_secs = t0.elapsed().as_secs_f64();
    let want = sockets_before + usize::try_from(accounts - 1).unwrap();
    let t1 = Instant::now();
    while sockets(gw_pid) < want && t1.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let open = sockets(gw_pid);
    let full = memory(gw_pid);

    println!("\nmemory (gateway VmRSS / VmHWM):");
    println!(
        "  idle after start:            {:>7.1} MiB / {:>7.1} MiB",
        idle.0, idle.1
    );
    println!(
        "  after the load phases:       {:>7.1} MiB / {:>7.1} MiB",
        loaded.0, loaded.1
    );
    println!(
        "  {accounts} accounts connected:     {:>7.1} MiB / {:>7.1} MiB  ({open} sockets open; connects took {connect_secs:.1} s)",
        full.0, full.1
    );
    println!(
        "  per connected account:       {:>7.1} KiB",
        (full.0 - loaded.0) * 1024.0 / (accounts - 1).max(1) as f64
    );

    // Graceful shutdown with every socket open.
    let t0 = Instant::now();
    let _ = Command::new("kill")
        .args(["-TERM", &gw_pid.to_string()])
        .status();
    let status = loop {
        if let Some(s) = gw.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "gateway did not stop"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    println!(
        "\nSIGTERM → gateway exited in {:.0} ms with {status} ({} accounts' sockets open)",
        t0.elapsed().as_secs_f64() * 1000.0,
        accounts
    );
    drop(gw);
    drop(sim);
    let log = std::fs::read_to_string(&gw_log).unwrap_or_default();
    let warnings = log
        .lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR"));
    for l in warnings.take(20) {
        println!("  gateway log: {l}");
    }
}

/// `examples/proxy_floor.rs` in front of the simulator, on a free loopback port.
fn start_floor(bin: &PathBuf, sim: SocketAddr) -> (Proc, SocketAddr) {
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let child = Command::new(bin)
        .args([
            "--listen",
            &addr.to_string(),
            "--upstream",
            &sim.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("proxy_floor");
    wait_port(addr);
    (Proc { child }, addr)
}

fn start_nginx(bin: &PathBuf, dir: &std::path::Path, sim: SocketAddr) -> (Proc, SocketAddr) {
    let prefix = dir.join("nginx");
    std::fs::create_dir_all(prefix.join("tmp")).unwrap();
    let port = free_port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let p = prefix.display();
    let conf = format!(
        r#"daemon off;
master_process on;
worker_processes auto;
user root;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {p}/tmp/body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
    keepalive_requests 1000000;
    upstream sim {{ server {sim}; keepalive 128; keepalive_requests 1000000; }}
    server {{
        listen {addr} reuseport;
        location / {{
            proxy_pass http://sim;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
}}
"#
    );
    let conf_path = prefix.join("nginx.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let child = Command::new(bin)
        .arg("-p")
        .arg(&prefix)
        .arg("-c")
        .arg(&conf_path)
        .arg("-e")
        .arg(prefix.join("error.log"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nginx");
    wait_port(addr);
    (Proc { child }, addr)
}
