//! The console in real, headless Chromium (Debian's `chromium` + `chromium-driver`), driven
//! over WebDriver with fantoccini: sign in (by keyboard); connect an e-mail-2FA creator with
//! the code read from the simulator's outbox (after one wrong code) and an authenticator
//! creator; see both listed; the OTP session and the proxy of one account; create a webhook,
//! have a fan message the creator in the simulator and watch the event arrive live and its
//! delivery appear; filter the logs; usage; a CSRF-less POST refused; another tenant's account
//! refused; disconnect with a confirmation; an operator revokes the key and the tenant's
//! session is refused. Every page is screenshotted (docs/console/ when
//! `FGW_CONSOLE_SCREENSHOTS` names that directory) and checked for labelled controls.
//!
//! Without chromium and chromedriver the test prints that it did not run and how to enable
//! it, and passes; with `FGW_BROWSER_TESTS=required` (set by `.ci/run`, which installs them
//! through `scripts/ci/browser-deps`) it fails instead.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::common::PASSWORD;

mod flow;

pub const WAIT: Duration = Duration::from_secs(20);

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    dirs.push("/usr/bin".into());
    dirs.push("/usr/lib/chromium".into());
    for d in dirs {
        for n in names {
            let p = d.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or `None` (after saying so) when the test cannot run.
pub fn browser_programs() -> Option<(PathBuf, PathBuf)> {
    let chromium = find_program("CHROMIUM", &["chromium", "chromium-browser"]);
    let driver = find_program("CHROMEDRIVER", &["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        (c, d) => {
            let missing = [("chromium", c.is_none()), ("chromedriver", d.is_none())]
                .iter()
                .filter(|(_, m)| *m)
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(" and ");
            let how = "install Debian's chromium and chromium-driver with scripts/ci/browser-deps \
                       (or set CHROMIUM / CHROMEDRIVER), or run .ci/run";
            if std::env::var("FGW_BROWSER_TESTS").as_deref() == Ok("required") {
                panic!("FGW_BROWSER_TESTS=required but {missing} not found: {how}");
            }
            // Straight to stderr, past the test harness's output capture, so a plain
            // `cargo test` shows it.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** console browser test DID NOT RUN: {missing} not found. To run it, {how}. ***\n"
            );
            None
        }
    }
}

pub struct Driver {
    _child: tokio::process::Child,
    url: String,
}

pub async fn start_driver(driver: &Path) -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = tokio::process::Command::new(driver)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let start = Instant::now();
    while http.get(format!("{url}/status")).send().await.is_err() {
        assert!(start.elapsed() < WAIT, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Driver { _child: child, url }
}

/// One browser window (its own profile, so its own cookies).
pub struct Browser {
    pub c: Client,
    root: String,
    shots: PathBuf,
}

impl Browser {
    pub async fn open(driver: &Driver, chromium: &Path, root: &str, shots: &Path) -> Self {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium.display().to_string(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-proxy-server", "--window-size=1280,900", "--hide-scrollbars",
                         "--force-device-scale-factor=1"],
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let c = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .expect("a WebDriver session");
        Self {
            c,
            root: root.to_owned(),
            shots: shots.to_owned(),
        }
    }

    pub async fn goto(&self, path: &str) {
        self.c.goto(&format!("{}{path}", self.root)).await.unwrap();
    }

    pub async fn path(&self) -> String {
        self.c.current_url().await.unwrap().path().to_owned()
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.c.find(Locator::Css(css)).await.unwrap();
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Clicks `css` (a submit button or link) and waits for the next page to load.
    pub async fn submit(&self, css: &str) {
        let old = self.c.find(Locator::Css("html")).await.unwrap();
        self.click(css).await;
        self.wait_new_page(old, css).await;
    }

    /// Waits until `old` (the previous page's root) is gone and the new page has loaded.
    pub async fn wait_new_page(&self, old: fantoccini::elements::Element, what: &str) {
        let start = Instant::now();
        while old.tag_name().await.is_ok() {
            assert!(start.elapsed() < WAIT, "{what} did not load a new page");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        while self.js("return document.readyState;").await != json!("complete") {
            assert!(
                start.elapsed() < WAIT,
                "{what}: the page never finished loading"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn text(&self, css: &str) -> String {
        match self.c.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap(),
            Err(e) => {
                let page = self.c.source().await.unwrap_or_default();
                let at = page.find("<main").unwrap_or(0);
                panic!("{css} on {}: {e}\n{}", self.path().await, &page[at..])
            }
        }
    }

    /// The texts of every `css` element (read again if the page changed under the read).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        'again: for _ in 0..20 {
            let mut out = Vec::new();
            for e in self.c.find_all(Locator::Css(css)).await.unwrap() {
                match e.text().await {
                    Ok(t) => out.push(t),
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue 'again;
                    }
                }
            }
            return out;
        }
        panic!("{css} kept changing under the read")
    }

    pub async fn h1(&self) -> String {
        self.text("h1").await
    }

    pub async fn js(&self, script: &str) -> Value {
        self.c.execute(script, vec![]).await.unwrap()
    }

    /// Every visible form control has a label, and the page does not scroll sideways.
    pub async fn check_page(&self) {
        let unlabelled = self
            .js("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]\
                 .filter(e => !(e.labels && e.labels.length)).map(e => e.name);")
            .await;
        assert_eq!(
            unlabelled,
            json!([]),
            "unlabelled controls on {}",
            self.path().await
        );
        let fits = self
            .js("return document.documentElement.scrollWidth <= window.innerWidth + 1;")
            .await;
        assert_eq!(fits, json!(true), "{} scrolls sideways", self.path().await);
    }

    pub async fn shot(&self, name: &str) {
        self.check_page().await;
        let png = self.c.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{name}.png")), png).unwrap();
    }

    /// Reloads `path` until `css` holds an element whose text contains every needle.
    pub async fn reload_until(&self, path: &str, css: &str, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            self.goto(path).await;
            for t in self.texts(css).await {
                if needles.iter().all(|n| t.contains(n)) {
                    return t;
                }
            }
            assert!(
                start.elapsed() < WAIT,
                "no {css} with {needles:?} on {path}"
            );
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    /// Fills the connect form and submits it.
    pub async fn connect(&self, username: &str, name: &str) {
        self.goto("/console/accounts/connect").await;
        self.fill("#username", username).await;
        self.fill("#password", PASSWORD).await;
        self.fill("#name", name).await;
        self.fill("#countryCode", "US").await;
    }
}
