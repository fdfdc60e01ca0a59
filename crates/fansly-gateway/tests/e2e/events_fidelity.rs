//! Event ingestion against Fansly's real event sequences (issue 10): a bundle purchase
//! (one order for the bundle, one per item in it, a closing (2,8)) is one `ppv.purchased`
//! with the bundle's price; a reconciliation step that fails does not skip the steps after it
//! and is retried; the event socket presents the account's cookies and user agent.

use std::time::Duration;

use fansly_gateway::events;
use serde_json::{Value, json};

use crate::common::eventually;
use crate::events_ingest::{Ingest, WAIT, subscribe};
use crate::messaging_support::native_as;

impl Ingest {
    /// Starts the account's socket task and waits until the simulator sees it authenticated.
    async fn socket_up(&self) {
        events::start(&self.state, self.tenant, &self.acct);
        let sim = &self.app.sim;
        eventually(WAIT, || async { sim.has_live_socket(&self.creator) }).await;
    }

    /// The creator's bundle of two new PPV offers, priced `price` mills.
    async fn bundle(&self, price: i64) -> String {
        let media = self
            .app
            .sim
            .create_media(&self.creator, "image/jpeg")
            .unwrap();
        let items: Vec<String> = [3_000, 4_000]
            .iter()
            .map(|p| {
                self.app
                    .sim
                    .create_offer(&self.creator, &media, *p)
                    .unwrap()
            })
            .collect();
        let (fansly, creds) = native_as(&self.app, &self.creator).await;
        let res = fansly
            .call(fansly_client::NativeRequest::post(
                "/account/media/bundle",
                json!({"accountMediaIds": items, "price": price}),
                fansly_client::Auth::Session(&creds),
            ))
            .await
            .expect("bundle");
        res.response()["accountMediaBundles"][0]["id"]
            .as_str()
            .expect("bundle id")
            .to_owned()
    }

    fn purchases(&self) -> Vec<Value> {
        self.receiver
            .hits_for("ppv.purchased")
            .iter()
            .map(|h| h.json()["data"].clone())
            .collect()
    }
}

#[tokio::test]
async fn a_bundle_bought_live_is_one_purchase_at_the_bundle_s_price() {
    let t = Ingest::new().await;
    t.socket_up().await;
    let bundle = t.bundle(12_500).await;
    let order = t.app.sim.purchase(&t.fan, &bundle).unwrap();
    t.wait_count("ppv.purchased", 1).await;
    // Delivered too, with the price read as a bundle's (mills → cents).
    eventually(WAIT, || async { !t.purchases().is_empty() }).await;
    let data = &t.purchases()[0];
    assert_eq!(data["orderId"], order["id"], "{data}");
    assert_eq!(data["accountMediaId"], bundle.as_str(), "{data}");
    assert_eq!(data["orderMetadata"]["accountMediaPrice"], 1_250, "{data}");

    // A single offer bought afterwards is still one purchase at its own price.
    let media = t.app.sim.create_media(&t.creator, "image/jpeg").unwrap();
    let offer = t.app.sim.create_offer(&t.creator, &media, 2_000).unwrap();
    t.app.sim.purchase(&t.fan, &offer).unwrap();
    t.wait_count("ppv.purchased", 2).await;
    eventually(WAIT, || async { t.purchases().len() == 2 }).await;
    let prices: Vec<Value> = t
        .purchases()
        .iter()
        .map(|d| d["orderMetadata"]["accountMediaPrice"].clone())
        .collect();
    assert!(prices.contains(&json!(200)), "{prices:?}");
    t.state.events.stop_all();
}

#[tokio::test]
async fn a_bundle_bought_while_down_is_one_purchase_from_the_ledger() {
    let t = Ingest::new().await;
    let bundle = t.bundle(12_500).await;
    t.app.sim.purchase(&t.fan, &bundle).unwrap();
    events::start(&t.state, t.tenant, &t.acct);
    t.wait_count("ppv.purchased", 1).await;
    eventually(WAIT, || async { !t.purchases().is_empty() }).await;
    assert_eq!(
        t.purchases()[0]["orderMetadata"]["accountMediaPrice"],
        1_250
    );
    t.state.events.stop_all();
}

#[tokio::test]
async fn a_failing_ledger_read_does_not_skip_subscriptions_and_followers_and_is_retried() {
    let t = Ingest::new().await;
    t.app.advance(1_000);
    // While the socket is down: a tip outside any chat (only the ledger has it), a new
    // subscription and a new follower.
    let (fansly, creds) = native_as(&t.app, &t.fan).await;
    let tip = json!({"senderId": t.fan, "receiverId": t.creator, "amount": 5000,
        "message": "", "tipGoalId": null, "target": null});
    fansly
        .call(fansly_client::NativeRequest::post(
            "/tips",
            tip,
            fansly_client::Auth::Session(&creds),
        ))
        .await
        .expect("tip");
    subscribe(&t.app, &t.creator, &t.fan);
    fansly.follow(&creds, &t.creator).await.expect("follow");

    // The ledger read fails once.
    t.app
        .sim_fault(
            "/api/v1/account/wallets/earnings/transactions",
            500,
            1,
            None,
        )
        .await;
    events::start(&t.state, t.tenant, &t.acct);
    t.wait_count("subscriptions.new", 1).await;
    t.wait_count("followers.new", 1).await;
    // The failed step is retried while the socket stays up: the tip arrives once.
    eventually(Duration::from_secs(15), || async {
        t.count("tips.received").await == 1
    })
    .await;
    let ledger_reads = t
        .app
        .sim_requests("/api/v1/account/wallets/earnings/transactions")
        .await;
    assert!(ledger_reads.len() >= 2, "failed, then retried");
    t.state.events.stop_all();
}

#[tokio::test]
async fn the_event_socket_presents_the_account_s_cookies_and_user_agent() {
    let opts = crate::common::Options {
        events: true,
        ..Default::default()
    };
    let app = crate::common::TestApp::spawn_with(opts).await;
    let creator = app.creator("cookie_creator", fansly_sim::TwofaMode::None);
    app.connect(&app.key_a, "cookie_creator").await;
    eventually(WAIT, || async { app.sim.has_live_socket(&creator.id) }).await;

    // After login, REST calls carry the jar: `f-d` (the device id) and the `f-s-c` session
    // cookie Fansly set at login.
    let me = app.sim_requests("/api/v1/account/me").await;
    let rest = me.last().expect("account/me after login");
    let device = rest["headers"]["fansly-client-id"].as_str().unwrap();
    let cookie = rest["headers"]["cookie"].as_str().expect("cookie on REST");
    assert!(cookie.starts_with(&format!("f-d={device}; ")), "{cookie}");
    assert!(cookie.contains("f-s-c="), "{cookie}");

    // The socket handshake presents the same jar and the same browser.
    let handshakes = app.sim_requests("/").await;
    let ws = handshakes.last().expect("the socket's handshake");
    assert_eq!(ws["headers"]["cookie"].as_str(), Some(cookie));
    assert_eq!(ws["headers"]["user-agent"], rest["headers"]["user-agent"]);
    assert_eq!(ws["headers"]["origin"], "https://fansly.com");
}
