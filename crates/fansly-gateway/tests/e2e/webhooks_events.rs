//! Webhooks end to end: a fan (or Fansly itself) acts in the simulator → the gateway's event
//! socket sees it → a local receiver gets the signed webhook with the documented payload, for
//! every event of issue 5; plus the test event, redelivery, and retries after 500 and 429.
//! Signatures are checked by `webhook_receiver`, independently of the gateway's code.

use std::time::Duration;

use fansly_sim::{CreatorInfo, TwofaMode};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Options, TestApp};
use crate::messaging_support::{native_as, new_fan};
use crate::webhook_receiver::{Hit, Receiver, Reply, assert_signed};

const WAIT: Duration = Duration::from_secs(15);

pub const ALL_EVENTS: &[&str] = &[
    "messages.received",
    "messages.sent",
    "ppv.purchased",
    "subscriptions.new",
    "tips.received",
    "messages.deleted",
    "messages.read",
    "followers.new",
    "followers.removed",
    "subscriptions.renewed",
    "subscriptions.expired",
    "accounts.connected",
    "accounts.session_expired",
    "accounts.disconnected",
];

/// A receiver registered for every event under `key_a` *before* the creator connects, then a
/// connected creator, a fan and their DM group.
struct Hooked {
    app: TestApp,
    rx: Receiver,
    hook: String,
    secret: String,
    creator: CreatorInfo,
    acct: String,
    fan: String,
    chat: String,
}

impl Hooked {
    async fn new() -> Self {
        let app = spawn().await;
        let rx = Receiver::start().await;
        let (hook, secret) = register(&app, &rx.url("/hooks/in?token=abc%2Fdef"), ALL_EVENTS).await;
        let creator = app.creator("mia", TwofaMode::None);
        let acct = app.connect(&app.key_a, "mia").await;
        let fan = new_fan(&app, "fan_one");
        let chat = app.sim.dm_group(&creator.id, &fan);
        Self {
            app,
            rx,
            hook,
            secret,
            creator,
            acct,
            fan,
            chat,
        }
    }

    /// [`Hooked::new`], then waits for the gateway's event socket.
    async fn live() -> Self {
        let t = Self::new().await;
        t.socket_up().await;
        t.ledger_read().await;
        t
    }

    /// Waits until the catch-up that follows the socket's connect has read the creator's
    /// ledger. An order placed before that read is recovered from the ledger, which does not
    /// name the offer (`accountMediaId` null, docs/EVENTS.md); one placed after it reaches the
    /// gateway only on the socket, which is what the socket-event tests here check.
    async fn ledger_read(&self) {
        let start = std::time::Instant::now();
        while !self
            .app
            .sim
            .requests()
            .iter()
            .any(|r| r.path.ends_with("/account/wallets/earnings/transactions"))
        {
            assert!(
                start.elapsed() < WAIT,
                "the catch-up after connect never read the ledger"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until the gateway's event socket for the creator is authenticated.
    async fn socket_up(&self) {
        let start = std::time::Instant::now();
        while !self.app.sim.has_live_socket(&self.creator.id) {
            assert!(start.elapsed() < WAIT, "the gateway opened no event socket");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The first delivery of `event`, checked: URL verbatim, POST, JSON, envelope, signatures.
    async fn expect(&self, event: &str) -> Hit {
        let hit = self.rx.wait_for(event, WAIT).await;
        self.check(&hit, event);
        hit
    }

    fn check(&self, hit: &Hit, event: &str) {
        assert_eq!(hit.method, reqwest::Method::POST);
        assert_eq!(
            hit.path, "/hooks/in?token=abc%2Fdef",
            "the URL is called verbatim"
        );
        assert!(
            hit.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "{:?}",
            hit.headers
        );
        assert_signed(hit, &self.secret);
        let body = hit.json();
        let keys: Vec<&str> = body
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys.len(),
            4,
            "exactly event, accountId, timestamp, data: {body}"
        );
        assert_eq!(body["event"], event, "{body}");
        if event == "webhook.test" {
            // Not about any account: the test event carries an empty `accountId`.
            assert!(body["accountId"].is_string(), "{body}");
            assert_eq!(body["data"]["endpointId"], self.hook.as_str(), "{body}");
        } else {
            assert_eq!(body["accountId"], self.acct.as_str(), "{body}");
        }
        let ts = body["timestamp"].as_str().expect("timestamp");
        assert!(
            ts.len() == 24 && ts.ends_with('Z') && ts.as_bytes()[19] == b'.',
            "ISO-8601 with ms: {ts}"
        );
        assert!(body["data"].is_object(), "{body}");
    }

    /// The delivery `id` from the endpoint's deliveries listing, once it has `status`.
    async fn delivery(&self, id: &str, status: &str) -> Value {
        let start = std::time::Instant::now();
        loop {
            let (s, b) = self
                .app
                .get(
                    &format!("/webhooks/{}/deliveries", self.hook),
                    &self.app.key_a,
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{b}");
            let row = deliveries(&b).into_iter().find(|d| d["id"] == id);
            if let Some(row) = row.filter(|r| r["status"] == status) {
                return row;
            }
            assert!(start.elapsed() < WAIT, "delivery {id} never {status}: {b}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn fan_native(&self, path: &str, body: Value) -> fansly_client::NativeResponse {
        let (fansly, creds) = native_as(&self.app, &self.fan).await;
        fansly
            .call(fansly_client::NativeRequest::post(
                path,
                body,
                fansly_client::Auth::Session(&creds),
            ))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }
}

/// A test app whose webhooks may target the loopback receiver.
pub async fn spawn() -> TestApp {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.events = true;
    // Retries are scheduled on the (manual) clock; look for due ones often.
    opts.settings.webhook_poll = Duration::from_millis(20);
    TestApp::spawn_with(opts).await
}

/// Registers `url` for `events` under `key_a`; returns the endpoint id and its secret.
async fn register(app: &TestApp, url: &str, events: &[&str]) -> (String, String) {
    let (s, v) = app
        .post(
            "/webhooks",
            &app.key_a,
            json!({"url": url, "events": events}),
        )
        .await;
    assert!(s.is_success(), "{v}");
    let id = v["data"]["id"].as_str().expect("data.id").to_owned();
    let secret = v["data"]["secret"]
        .as_str()
        .expect("data.secret")
        .to_owned();
    (id, secret)
}

/// The message object of `messages.received` / `messages.sent`, as Fansly sent it.
fn assert_message(data: &Value, id: &str, sender: &str, group: &str, content: &str) {
    assert_eq!(data["id"], id, "{data}");
    assert_eq!(data["senderId"], sender, "{data}");
    assert_eq!(data["groupId"], group, "{data}");
    assert_eq!(data["content"], content, "{data}");
    assert_eq!(data["type"], 1, "{data}");
    assert_eq!(data["inReplyTo"], "", "{data}");
    assert!(data["attachments"].is_array(), "{data}");
    assert!(data["interactions"].is_array(), "{data}");
    let created = data["createdAt"].as_f64().expect("createdAt");
    assert!(created > 1e9 && created < 1e11, "seconds: {data}");
}

#[tokio::test]
async fn accounts_connected_and_messages_both_ways() {
    let t = Hooked::live().await;
    let hit = t.expect("accounts.connected").await;
    assert_eq!(
        hit.json()["data"]["accountId"],
        t.creator.id.as_str(),
        "{}",
        hit.json()
    );

    // A fan writes (native POST /message with the fan's session).
    let sent = t
        .fan_native(
            "/message",
            json!({"type": 1, "content": "hi there", "groupId": t.chat, "attachments": []}),
        )
        .await;
    let fan_msg = sent.response()["id"].as_str().unwrap().to_owned();
    let hit = t.expect("messages.received").await;
    assert_message(&hit.json()["data"], &fan_msg, &t.fan, &t.chat, "hi there");

    // The creator answers through the gateway.
    let (s, b) = t
        .app
        .post(
            &format!("/{}/chats/{}/messages", t.acct, t.chat),
            &t.app.key_a,
            json!({"content": "hello back"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let mine = b["data"]["data"]["response"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let hit = t.expect("messages.sent").await;
    let data = hit.json()["data"].clone();
    assert_message(&data, &mine, &t.creator.id, &t.chat, "hello back");
    // The fan of a sent message is the interaction's user.
    assert!(
        data["interactions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["userId"] == t.fan.as_str()),
        "{data}"
    );
    // Each event once: no duplicates of one message.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(t.rx.hits_for("messages.received").len(), 1);
    assert_eq!(t.rx.hits_for("messages.sent").len(), 1);
}

#[tokio::test]
async fn ppv_purchased_has_the_price_in_cents() {
    let t = Hooked::live().await;
    let media = t.app.sim.create_media(&t.creator.id, "image/jpeg").unwrap();
    let offer = t
        .app
        .sim
        .create_offer(&t.creator.id, &media, 7_500)
        .unwrap();
    let order = t.app.sim.purchase(&t.fan, &offer).unwrap();
    let hit = t.expect("ppv.purchased").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["orderId"], order["id"], "{data} vs {order}");
    assert_eq!(data["accountMediaId"], offer.as_str(), "{data}");
    assert_eq!(data["accountId"], t.fan.as_str(), "the buyer: {data}");
    assert_eq!(
        data["correlationAccountId"],
        t.creator.id.as_str(),
        "{data}"
    );
    // The native order's own type, forwarded (the simulator mints 2 for a single offer).
    assert_eq!(data["type"], order["type"], "{data}");
    assert_eq!(
        data["orderMetadata"]["accountMediaPrice"], 750,
        "$7.50 in cents: {data}"
    );
}

#[tokio::test]
async fn tips_received_names_the_fan() {
    let t = Hooked::live().await;
    t.fan_native(
        "/tips",
        json!({"receiverId": t.creator.id, "amount": 5_000, "message": "for you", "target": t.chat}),
    )
    .await;
    let hit = t.expect("tips.received").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["fromUser"]["id"], t.fan.as_str(), "{data}");
    assert_eq!(data["senderId"], t.fan.as_str(), "{data}");
    assert_eq!(data["receiverId"], t.creator.id.as_str(), "{data}");
    assert_eq!(data["amount"], 5_000, "mills, as Fansly sends it: {data}");
    assert!(data["id"].is_string(), "{data}");
}

/// A fan subscribes (auto-renewing); returns the subscription id and its `endsAt`.
async fn subscribe(t: &Hooked) -> (String, i64) {
    let sub = t
        .app
        .sim
        .subscribe(fansly_sim::NewSubscription {
            fan_id: t.fan.clone(),
            creator_id: t.creator.id.clone(),
            tier_id: None,
            plan_id: None,
            promo_id: None,
            auto_renew: Some(true),
        })
        .unwrap();
    let id = sub["id"].as_str().unwrap().to_owned();
    let hit = t.expect("subscriptions.new").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["id"], id.as_str(), "{data}");
    assert_eq!(data["status"], 3, "{data}");
    assert_eq!(data["accountId"], t.creator.id.as_str(), "{data}");
    assert_eq!(data["subscriberId"], t.fan.as_str(), "{data}");
    (id, sub["endsAt"].as_i64().expect("endsAt"))
}

#[tokio::test]
async fn subscriptions_new() {
    let t = Hooked::live().await;
    subscribe(&t).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(t.rx.hits_for("subscriptions.new").len(), 1);
}

#[tokio::test]
async fn subscriptions_renewed_then_expired() {
    let t = Hooked::live().await;
    let (sub_id, ends_at) = subscribe(&t).await;
    // The period ends with funds available: a renewal, not a new subscription.
    t.app.advance(ends_at - t.app.sim.now_ms() + 1_000);
    let hit = t.expect("subscriptions.renewed").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["id"], sub_id.as_str(), "{data}");
    assert_eq!(data["status"], 3, "{data}");
    assert_eq!(
        t.rx.hits_for("subscriptions.new").len(),
        1,
        "a renewal is not new"
    );

    // The next renewal fails: grace, then expiry.
    t.app.sim.fail_renewal(&sub_id).unwrap();
    t.app.advance(40 * 86_400_000);
    let hit = t.expect("subscriptions.expired").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["id"], sub_id.as_str(), "{data}");
    assert_eq!(data["status"], 5, "{data}");
}

#[tokio::test]
async fn followers_new_and_removed() {
    let t = Hooked::live().await;
    let (fansly, creds) = native_as(&t.app, &t.fan).await;
    fansly.follow(&creds, &t.creator.id).await.expect("follow");
    let hit = t.expect("followers.new").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["followerId"], t.fan.as_str(), "{data}");
    assert_eq!(data["accountId"], t.creator.id.as_str(), "{data}");
    fansly
        .unfollow(&creds, &t.creator.id)
        .await
        .expect("unfollow");
    let hit = t.expect("followers.removed").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["followerId"], t.fan.as_str(), "{data}");
}

#[tokio::test]
async fn messages_read_and_deleted() {
    let t = Hooked::live().await;
    let mine = t
        .app
        .sim
        .send_message(&t.creator.id, &t.chat, "read me")
        .unwrap();
    t.expect("messages.sent").await;
    // The fan reads it (ack type 2).
    let (fansly, creds) = native_as(&t.app, &t.fan).await;
    fansly
        .message_ack(&creds, std::slice::from_ref(&mine), 2)
        .await
        .expect("ack");
    let hit = t.expect("messages.read").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["groupId"], t.chat.as_str(), "{data}");
    assert_eq!(data["userId"], t.fan.as_str(), "the reader: {data}");
    assert!(
        data["messageIds"]
            .as_array()
            .is_some_and(|ids| ids.iter().any(|i| i == mine.as_str())),
        "{data}"
    );

    // The fan deletes a message of theirs.
    let theirs = t.app.sim.send_message(&t.fan, &t.chat, "oops").unwrap();
    t.fan_native("/message/delete", json!({"messageId": theirs}))
        .await;
    let hit = t.expect("messages.deleted").await;
    let data = hit.json()["data"].clone();
    assert_eq!(data["id"], theirs.as_str(), "{data}");
    assert!(
        data["deletedAt"].as_f64().is_some_and(|d| d > 0.0),
        "{data}"
    );
}

#[tokio::test]
async fn session_expired_then_disconnected() {
    let t = Hooked::live().await;
    t.expect("accounts.connected").await;
    assert!(t.app.sim.expire_sessions(&t.creator.id) > 0);
    let hit = t.expect("accounts.session_expired").await;
    assert!(hit.json()["data"].is_object());
    assert_eq!(t.rx.hits_for("accounts.session_expired").len(), 1);

    // Connect again, then disconnect through the API.
    let again = t.app.connect(&t.app.key_a, "mia").await;
    assert_eq!(again, t.acct, "the same gateway account");
    let (s, b) = t
        .app
        .delete(&format!("/accounts/{}", t.acct), &t.app.key_a)
        .await;
    assert!(s.is_success(), "{b}");
    t.expect("accounts.disconnected").await;
}

#[tokio::test]
async fn test_event_and_redelivery_keep_one_delivery_id() {
    let t = Hooked::new().await;
    let (s, b) = t
        .app
        .post(
            &format!("/webhooks/{}/test", t.hook),
            &t.app.key_a,
            json!({}),
        )
        .await;
    assert!(s.is_success(), "{b}");
    let test = t.rx.wait_for("webhook.test", WAIT).await;
    t.check(&test, "webhook.test");

    // The receiver has answered; the row says so a moment later.
    let row = t.delivery(&test.webhook_id(), "delivered").await;
    assert_eq!(row["event"], "webhook.test", "{row}");
    assert_eq!(row["responseStatus"], 200, "{row}");
    assert!(row["attempts"].as_i64().unwrap() >= 1, "{row}");
    let delivery = row["id"].as_str().unwrap().to_owned();
    assert_eq!(test.webhook_id(), delivery, "webhook-id is the delivery id");

    let (s, b) = t
        .app
        .post(
            &format!("/webhooks/{}/deliveries/{delivery}/redeliver", t.hook),
            &t.app.key_a,
            json!({}),
        )
        .await;
    assert!(s.is_success(), "{b}");
    let hits =
        t.rx.wait_until(WAIT, |h| {
            h.iter().filter(|h| h.event() == "webhook.test").count() == 2
        })
        .await;
    let again: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.event() == "webhook.test")
        .collect();
    t.check(again[1], "webhook.test");
    assert_eq!(again[1].webhook_id(), delivery, "the same delivery id");
    assert_eq!(again[1].body, again[0].body, "the same body");
}

#[tokio::test]
async fn retries_after_500_and_429_with_retry_after() {
    let t = Hooked::live().await;
    t.expect("accounts.connected").await;
    t.rx.script([
        Reply::status(500),
        Reply {
            retry_after: Some("1".into()),
            ..Reply::status(429)
        },
    ]);
    let msg = t.app.sim.send_message(&t.fan, &t.chat, "retry me").unwrap();
    // Nothing but the clock moves the retries on; advance it as the backoff elapses.
    let hits = {
        let start = std::time::Instant::now();
        loop {
            let got = t.rx.hits_for("messages.received");
            if got.len() >= 3 {
                break got;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{} attempts",
                got.len()
            );
            t.app.advance(5_000);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    assert_eq!(hits[0].status, 500);
    assert_eq!(hits[1].status, 429);
    assert_eq!(hits[2].status, 200);
    for h in &hits {
        t.check(h, "messages.received");
        assert_eq!(h.json()["data"]["id"], msg.as_str());
        assert_eq!(
            h.webhook_id(),
            hits[0].webhook_id(),
            "stable id across retries"
        );
        assert_eq!(h.body, hits[0].body, "the same body across retries");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        t.rx.hits_for("messages.received").len(),
        3,
        "delivered: no more attempts"
    );
    let row = t.delivery(&hits[0].webhook_id(), "delivered").await;
    assert_eq!(row["attempts"], 3, "{row}");
    assert_eq!(row["responseStatus"], 200, "{row}");
}

/// The delivery rows of a deliveries listing.
fn deliveries(body: &Value) -> Vec<Value> {
    let d = &body["data"];
    d["list"]
        .as_array()
        .unwrap_or_else(|| panic!("a list of deliveries: {body}"))
        .clone()
}

/// Back-to-back fan messages go out as they are recorded, not at the next poll: a delivery
/// recorded while the endpoint's worker is finishing must get a new worker. With the poll set
/// to a minute a missed wake-up shows as a minute's wait; before the worker looked again on
/// its way out it cost the default poll, 500 ms, on most events of such a sequence.
#[tokio::test]
async fn back_to_back_messages_do_not_wait_for_the_poll() {
    let mut opts = Options::default();
    opts.settings.webhooks_allow_private_targets = true;
    opts.events = true;
    opts.settings.webhook_poll = Duration::from_secs(60);
    let app = TestApp::spawn_with(opts).await;
    let rx = Receiver::start().await;
    register(&app, &rx.url("/in"), &["messages.received"]).await;
    let creator = app.creator("mia", TwofaMode::None);
    app.connect(&app.key_a, "mia").await;
    let fan = new_fan(&app, "fan_one");
    let chat = app.sim.dm_group(&creator.id, &fan);
    let start = std::time::Instant::now();
    while !app.sim.has_live_socket(&creator.id) {
        assert!(start.elapsed() < WAIT, "the gateway opened no event socket");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for n in 1..=40 {
        app.sim
            .send_message(&fan, &chat, &format!("hi {n}"))
            .unwrap();
        rx.wait_len(n, Duration::from_secs(5)).await;
    }
}
