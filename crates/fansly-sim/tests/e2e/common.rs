//! Test harness: a simulator on a loopback port with a manual clock, and a small HTTP
//! client that returns status, headers and JSON body.

use fansly_sim::{ClockMode, CreatorInfo, NewCreator, SimConfig, Simulator, TwofaMode};
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

/// The frozen start of every test clock (Unix ms).
pub const START_MS: i64 = 1_790_000_000_000;

pub struct Harness {
    pub sim: Simulator,
    base: String,
    http: reqwest::Client,
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a native failure with this status and `error.code`.
    #[track_caller]
    pub fn assert_native_error(&self, status: u16, code: i64) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["success"], false, "body: {}", self.body);
        assert_eq!(self.body["error"]["code"], code, "body: {}", self.body);
        assert!(self.body["error"]["details"].is_string());
    }
}

pub fn config() -> SimConfig {
    SimConfig {
        clock: ClockMode::Manual { start_ms: START_MS },
        ..SimConfig::default()
    }
}

impl Harness {
    pub async fn start() -> Self {
        Self::with(config()).await
    }

    pub async fn with(config: SimConfig) -> Self {
        let sim = Simulator::new(config);
        let (addr, _handle) = sim.clone().spawn_local().await.expect("bind loopback");
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        Self {
            sim,
            base: format!("http://{addr}"),
            http,
        }
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request reaches the simulator");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            headers,
            body,
        }
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base))
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut request = self.request(reqwest::Method::GET, path);
        if let Some(token) = token {
            request = request.header("authorization", token);
        }
        self.send(request).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        let mut request = self.request(reqwest::Method::POST, path).json(&body);
        if let Some(token) = token {
            request = request.header("authorization", token);
        }
        self.send(request).await
    }

    pub fn creator(&self, username: &str, twofa: TwofaMode) -> CreatorInfo {
        self.sim
            .create_creator(NewCreator {
                username: username.into(),
                email: format!("{username}@example.com"),
                password: "hunter2".into(),
                twofa,
                totp_secret: None,
                display_name: None,
            })
            .expect("seed creator")
    }

    pub async fn login(&self, login: &str, password: &str, device_id: &str) -> Reply {
        self.post(
            "/api/v1/login?ngsw-bypass=true",
            None,
            json!({ "username": login, "password": password, "deviceId": device_id }),
        )
        .await
    }

    /// Logs a creator without 2FA in and returns the session object.
    pub async fn session(&self, creator: &CreatorInfo, device_id: &str) -> Value {
        let reply = self.login(&creator.username, "hunter2", device_id).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body["response"]["session"].clone()
    }

    /// Logs in and returns the session token.
    pub async fn token(&self, creator: &CreatorInfo) -> String {
        let session = self.session(creator, "111").await;
        session["token"].as_str().expect("token").to_owned()
    }
}

/// The millisecond a snowflake id encodes.
pub fn snowflake_ms(id: &Value) -> i64 {
    let raw: u64 = id
        .as_str()
        .expect("id is a string")
        .parse()
        .expect("decimal");
    i64::try_from(raw >> 22).unwrap() + 1_561_494_359_539
}

/// `<accountId>:1:1:<32 lowercase hex>`.
#[track_caller]
pub fn assert_challenge_token(token: &Value, account_id: &str) {
    let token = token.as_str().expect("token is a string");
    let (prefix, hex) = token.rsplit_once(':').expect("has a hex tail");
    assert_eq!(prefix, format!("{account_id}:1:1"));
    assert_eq!(hex.len(), 32);
    assert!(
        hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
        "{hex}"
    );
}
