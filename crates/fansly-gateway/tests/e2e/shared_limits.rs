//! Limits shared by several gateways (issue 12), when `GATEWAY_TEST_DATABASE_URL` names a
//! PostgreSQL database: three real gateways on one schema, a client spreading requests
//! round-robin over them. A key's rate limit, a key's monthly credits and an account's pacing
//! of calls to Fansly hold for the three together (within 10 % of the configured rate), not three times over.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fansly_sim::{ClockMode, NewCreator, SimConfig, Simulator, TwofaMode};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::gateway_process::{Gateway, create_key_with, http, pg_schema, start_with};

const PASSWORD: &str = "correct horse battery staple";
/// The key plan's requests per minute.
const RPM: usize = 120;
/// The metered plan's monthly credits (a `GET /accounts` costs 1).
const CREDITS: usize = 60;
/// Fansly calls per second and burst per account (the defaults).
const RATE: f64 = 4.0;
const BURST: f64 = 8.0;

/// Every `fansly_gateway_upstream_requests_total` of one gateway, summed.
async fn upstream_calls(base: &str) -> f64 {
    let text = http()
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .filter(|l| l.starts_with("fansly_gateway_upstream_requests_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// `total` requests to `path` with `key`, round-robin over `gws`, `concurrency` at a time,
/// each worker pausing `pause` after each (stopping at `until`); the number answered 200 and
/// the number answered `refusal` (any other status fails the test).
#[allow(clippy::too_many_arguments)]
async fn burst(
    gws: &[String],
    key: &str,
    path: &str,
    total: usize,
    concurrency: usize,
    pause: Duration,
    until: Option<Instant>,
    refusal: StatusCode,
) -> (usize, usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let ok = Arc::new(AtomicUsize::new(0));
    let refused = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (next, ok, refused) = (next.clone(), ok.clone(), refused.clone());
        let (gws, key, path) = (gws.to_vec(), key.to_owned(), path.to_owned());
        tasks.push(tokio::spawn(async move {
            let client = http();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || until.is_some_and(|u| Instant::now() >= u) {
                    break;
                }
                let res = client
                    .get(format!("{}{path}", gws[i % gws.len()]))
                    .header("x-api-key", &key)
                    .send()
                    .await
                    .unwrap();
                match res.status() {
                    StatusCode::OK => ok.fetch_add(1, Ordering::Relaxed),
                    s if s == refusal => refused.fetch_add(1, Ordering::Relaxed),
                    other => panic!("{path}: {other}: {}", res.text().await.unwrap()),
                };
                tokio::time::sleep(pause).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    (ok.load(Ordering::Relaxed), refused.load(Ordering::Relaxed))
}

#[tokio::test]
async fn a_key_s_rate_and_an_account_s_pacing_hold_across_three_gateways() {
    let Some(schema) = pg_schema("shared_limits", "gwlimits").await else {
        return;
    };
    let db = schema.url();

    let sim = Simulator::new(SimConfig {
        clock: ClockMode::Wall,
        device_id_limit_per_minute: 0,
        ..SimConfig::default()
    });
    let (sim_addr, _sim_task) = sim.clone().spawn_local().await.expect("simulator");
    let sim_url = format!("http://{sim_addr}");
    sim.create_creator(NewCreator {
        username: "paced".into(),
        email: "paced@example.test".into(),
        password: PASSWORD.into(),
        twofa: TwofaMode::None,
        totp_secret: None,
        display_name: None,
    })
    .unwrap();

    let plans = format!("team:{RPM}:unlimited,meter:unlimited:{CREDITS}");
    let dir = tempfile::tempdir().unwrap();
    let env = [("FANSLY_GATEWAY_PLANS", plans.as_str())];
    let limited_key = create_key_with(
        dir.path(),
        Some(&db),
        &["--name", "team", "--plan", "team"],
        &env,
    );
    let open_key = create_key_with(dir.path(), Some(&db), &["--name", "open"], &env);
    let metered_key = create_key_with(
        dir.path(),
        Some(&db),
        &["--name", "meter", "--plan", "meter"],
        &env,
    );
    let mut gateways: Vec<Gateway> = Vec::new();
    for _ in 0..3 {
        gateways.push(
            start_with(
                dir.path(),
                Some(&db),
                &["--upstream", &sim_url],
                &[
                    ("FANSLY_GATEWAY_PLANS", plans.as_str()),
                    ("FANSLY_GATEWAY_CREDITS", "on"),
                    // Every read reaches the pacer: no short cache, no shared flights, and a
                    // call that cannot go at once is refused rather than queued.
                    ("FANSLY_GATEWAY_FANSLY_CACHE_TTL_MS", "0"),
                    ("FANSLY_GATEWAY_FANSLY_COALESCE", "false"),
                    ("FANSLY_GATEWAY_FANSLY_MAX_WAIT_MS", "0"),
                ],
            )
            .await,
        );
    }
    let apis: Vec<String> = gateways.iter().map(Gateway::api).collect();
    // Every process has seen the others' heartbeats (one a second).
    tokio::time::sleep(Duration::from_millis(2_500)).await;

    // The key: 3 × RPM requests in about six seconds (60 a second, thirty times its rate),
    // spread over the three gateways.
    let started = Instant::now();
    let pause = Duration::from_millis(200);
    let (ok, limited) = burst(
        &apis,
        &limited_key,
        "/accounts",
        3 * RPM,
        12,
        pause,
        None,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    let took = started.elapsed();
    eprintln!(
        "shared rate limit: {ok} admitted, {limited} refused of {} in {took:?}",
        3 * RPM
    );
    assert!(
        took < Duration::from_secs(50),
        "the burst stays inside one minute"
    );
    #[allow(clippy::cast_precision_loss)]
    let admitted = ok as f64;
    assert!(
        (RPM as f64 * 0.9..=RPM as f64 * 1.1).contains(&admitted),
        "{ok} admitted for a limit of {RPM} a minute over three gateways"
    );

    // Credits: 3 × CREDITS requests of 1 credit each over about three seconds; the month's
    // allowance holds for the three together (402 beyond it).
    let (ok, spent) = burst(
        &apis,
        &metered_key,
        "/accounts",
        3 * CREDITS,
        6,
        Duration::from_millis(100),
        None,
        StatusCode::PAYMENT_REQUIRED,
    )
    .await;
    eprintln!(
        "shared credits: {ok} admitted, {spent} refused (402) of {} for {CREDITS} credits",
        3 * CREDITS
    );
    #[allow(clippy::cast_precision_loss)]
    let admitted = ok as f64;
    assert!(
        (CREDITS as f64 * 0.9..=CREDITS as f64 * 1.1).contains(&admitted),
        "{ok} requests admitted for {CREDITS} credits over three gateways"
    );

    // The account: calls to Fansly for 8 s of continuous demand through the three gateways.
    let res = http()
        .post(format!("{}/connect", apis[0]))
        .header("x-api-key", &open_key)
        .json(&json!({"username": "paced", "password": PASSWORD, "name": "paced", "countryCode": "US"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let account = body["data"]["account_id"].as_str().unwrap().to_owned();
    // Let the connect's calls leave the bucket and the shares settle.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut before = 0.0;
    for g in &gateways {
        before += upstream_calls(&g.root).await;
    }
    let secs = 8.0;
    let until = Instant::now() + Duration::from_secs_f64(secs);
    let path = format!("/{account}/me");
    let (ok, limited) = burst(
        &apis,
        &open_key,
        &path,
        usize::MAX,
        6,
        Duration::from_millis(5),
        Some(until),
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    let mut after = 0.0;
    for g in &gateways {
        after += upstream_calls(&g.root).await;
    }
    let calls = after - before;
    let allowed = BURST + RATE * secs;
    eprintln!(
        "shared pacing: {calls} Fansly calls in {secs} s ({ok} answered, {limited} paced); \
         one account's budget is {allowed}"
    );
    assert!(
        calls <= allowed * 1.1 && calls >= RATE * secs * 0.9,
        "{calls} Fansly calls in {secs} s for one account paced at {RATE}/s (burst {BURST}) \
         across three gateways"
    );
    drop(gateways);
    schema.drop_now().await;
}
