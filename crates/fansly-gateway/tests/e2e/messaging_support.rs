//! Helpers shared by the messaging tests (chats, messages, likes, mass, automated,
//! idempotency): a connected creator with a fan and their DM, path and response accessors,
//! cursor checks, and the "another key gets 403 before any Fansly call" check.

use fansly_sim::{CreatorInfo, TwofaMode};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::common::TestApp;

/// A connected creator (`acct` under `key_a`), one fan and their DM group.
pub struct Chat {
    pub app: TestApp,
    pub acct: String,
    pub creator: CreatorInfo,
    pub fan: String,
    pub chat: String,
}

impl Chat {
    pub async fn new() -> Self {
        let app = TestApp::spawn().await;
        let creator = app.creator("mia", TwofaMode::None);
        let acct = app.connect(&app.key_a, "mia").await;
        let fan = new_fan(&app, "fan_one");
        let chat = app.sim.dm_group(&creator.id, &fan);
        Self {
            app,
            acct,
            creator,
            fan,
            chat,
        }
    }

    /// `/{acct}{rest}`.
    pub fn path(&self, rest: &str) -> String {
        format!("/{}{rest}", self.acct)
    }

    pub async fn get(&self, rest: &str) -> (StatusCode, Value) {
        self.app.get(&self.path(rest), &self.app.key_a).await
    }

    pub async fn post(&self, rest: &str, body: Value) -> (StatusCode, Value) {
        self.app.post(&self.path(rest), &self.app.key_a, body).await
    }

    /// A vault media of the creator.
    pub fn media(&self) -> String {
        self.app
            .sim
            .create_media(&self.creator.id, "image/jpeg")
            .expect("media")
    }

    /// A Fansly client and the creator's stored session, to read native state directly.
    pub async fn native_as_creator(
        &self,
    ) -> (fansly_client::FanslyClient, fansly_client::SessionCreds) {
        let fansly = fansly_client::FanslyClient::new(fansly_client::FanslyConfig {
            api_base: url::Url::parse(&self.app.sim_url).unwrap(),
            ..fansly_client::FanslyConfig::default()
        })
        .unwrap();
        let tenant = self.tenant_a().await;
        let account = match self.app.store.account(tenant, &self.acct).await.unwrap() {
            gateway_store::AccountAccess::Owned(a) => a,
            other => panic!("{other:?}"),
        };
        let token = self
            .app
            .store
            .session_token(tenant, &self.acct)
            .await
            .unwrap()
            .unwrap();
        let creds = fansly_client::SessionCreds {
            device_id: account.device_id,
            session_id: account.session_id,
            token,
        };
        (fansly, creds)
    }

    /// The tenant of `key_a`.
    pub async fn tenant_a(&self) -> gateway_store::TenantId {
        self.app
            .store
            .list_api_keys()
            .await
            .unwrap()
            .into_iter()
            .find(|k| k.name == "tenant-a")
            .unwrap()
            .tenant()
    }

    /// Native requests received for `path` (e.g. `/api/v1/message`) with `method`.
    pub fn calls(&self, method: &str, path: &str) -> usize {
        self.app
            .sim
            .requests()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }
}

/// A fan account (native id) of the simulator, with a $50 wallet.
pub fn new_fan(app: &TestApp, username: &str) -> String {
    app.sim
        .create_fan(fansly_sim::NewFan {
            username: username.to_owned(),
            ..fansly_sim::NewFan::default()
        })
        .expect("fan")
        .id
}

/// A Fansly client acting as any simulator account (a fan, usually), through a session
/// minted by the simulator.
pub async fn native_as(
    app: &TestApp,
    account_id: &str,
) -> (fansly_client::FanslyClient, fansly_client::SessionCreds) {
    let fansly = fansly_client::FanslyClient::new(fansly_client::FanslyConfig {
        api_base: url::Url::parse(&app.sim_url).unwrap(),
        ..fansly_client::FanslyConfig::default()
    })
    .unwrap();
    // A fixed device id: `GET /device/id` is rate limited, and sessions do not check it.
    let device_id = "697497185943564288".to_owned();
    let (session_id, token) = app.sim.login_as(account_id).expect("session");
    let creds = fansly_client::SessionCreds {
        device_id,
        session_id,
        token: fansly_client::SecretString::from(token),
    };
    (fansly, creds)
}

/// The fan follows the creator (native `POST /account/{creator}/followers` as the fan).
pub async fn follow(app: &TestApp, fan: &str, creator: &str) {
    let (fansly, creds) = native_as(app, fan).await;
    fansly.follow(&creds, creator).await.expect("follow");
}

/// `data.data.response`.
pub fn response(body: &Value) -> &Value {
    &body["data"]["data"]["response"]
}

/// The next cursor, checked to be the same in every place clients read it.
pub fn cursor(body: &Value) -> Option<String> {
    let c = &body["data"]["nextCursor"];
    assert_eq!(&body["data"]["data"]["nextCursor"], c, "{body}");
    let r = response(body);
    if r.is_object() {
        assert_eq!(&r["cursor"], c, "response.cursor: {body}");
        assert_eq!(&r["nextCursor"], c, "response.nextCursor: {body}");
    }
    match c {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => panic!("cursor must be a string or null: {other}"),
    }
}

/// Asserts the proxied shape with HTTP 200.
pub fn assert_proxied(status: StatusCode, body: &Value) {
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["statusCode"], 200, "{body}");
    assert_eq!(body["data"]["status_code"], 200, "{body}");
    assert_eq!(body["data"]["data"]["success"], true, "{body}");
}

/// Asserts a 400 whose message contains `needle`.
pub fn assert_400(status: StatusCode, body: &Value, needle: &str) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let m = body["message"].as_str().unwrap_or_default();
    assert!(
        m.contains(needle),
        "message `{m}` should contain `{needle}`"
    );
}

/// Another API key gets 403 on `method path` and Fansly is not called.
pub async fn assert_foreign(app: &TestApp, method: Method, path: &str, body: Option<Value>) {
    let before = app.sim.requests().len();
    let (status, v, _) = app.send(method.clone(), path, Some(&app.key_b), body).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap_or_default()
            .contains("has no access to account"),
        "{v}"
    );
    assert_eq!(
        app.sim.requests().len(),
        before,
        "{method} {path} called Fansly for a foreign key"
    );
}
