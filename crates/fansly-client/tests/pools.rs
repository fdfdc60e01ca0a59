//! Direct connections per thread (`transport::Pools`): a thread that called
//! `own_pools_on_this_thread` opens and reuses connections of its own; other threads share
//! one pool.

mod common;

use std::collections::HashSet;
use std::sync::mpsc;

use common::{Reply, Stub, creds};
use fansly_client::FanslyClient;
use serde_json::json;

/// Three sequential `account/me` calls with `client`.
async fn three_calls(client: &FanslyClient) {
    for _ in 0..3 {
        let resp = client.account_me(&creds()).await.expect("account/me");
        assert_eq!(resp.status, 200);
    }
}

/// The client addresses (one per connection) of the stub's requests `range`.
fn peers(stub: &Stub, range: std::ops::Range<usize>) -> HashSet<std::net::SocketAddr> {
    stub.requests()[range].iter().map(|r| r.peer).collect()
}

/// Runs `three_calls` on a new thread with a single-threaded runtime of its own (which asks
/// for its own pools when `own`); the thread keeps its runtime — and so its idle connection
/// — alive until `stop` says.
fn calling_thread(
    client: FanslyClient,
    own: bool,
    stop: mpsc::Receiver<()>,
) -> (mpsc::Receiver<()>, std::thread::JoinHandle<()>) {
    let (done_tx, done) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        if own {
            fansly_client::own_pools_on_this_thread();
        }
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            three_calls(&client).await;
            done_tx.send(()).unwrap();
            tokio::task::spawn_blocking(move || stop.recv())
                .await
                .unwrap()
                .unwrap();
        });
    });
    (done, handle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_with_its_own_pools_does_not_reuse_another_threads_connection() {
    for own in [true, false] {
        let stub = Stub::start(|_| Reply::ok(json!({"account": {"id": "1"}}))).await;
        let client = stub.client();
        // One thread calls, and keeps its idle connection; then another calls.
        let (stop1_tx, stop1) = mpsc::channel();
        let (done1, first) = calling_thread(client.clone(), own, stop1);
        tokio::task::spawn_blocking(move || done1.recv().unwrap())
            .await
            .unwrap();
        // hyper puts a connection back in its pool just after its answer was read (from a
        // task on the first thread's runtime); give that ample time.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let (stop2_tx, stop2) = mpsc::channel();
        let (done2, second) = calling_thread(client.clone(), own, stop2);
        tokio::task::spawn_blocking(move || done2.recv().unwrap())
            .await
            .unwrap();
        assert_eq!(stub.requests().len(), 6);
        // Own pools: the second thread never uses the first one's connection. Shared: it
        // takes the first one's idle connection.
        let (first_peers, second_peers) = (peers(&stub, 0..3), peers(&stub, 3..6));
        let shared = !first_peers.is_disjoint(&second_peers);
        assert_eq!(
            shared, !own,
            "own pools: {own}; {first_peers:?} / {second_peers:?}"
        );
        stop1_tx.send(()).unwrap();
        stop2_tx.send(()).unwrap();
        first.join().unwrap();
        second.join().unwrap();
    }
}
