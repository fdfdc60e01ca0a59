//! Limits shared by several gateways (migration 0017): reservations of a key's minute never
//! add up to more than its limit, whoever makes them; what is given back is free again; each
//! process reads the others' reservations (never its own) of the keys it asks about, and their
//! recent pacing demand. On SQLite (never shared) a lone process is granted what it wants up
//! to the limit and nothing is recorded.

use gateway_store::{LimitExchange, LimitShares, Reservation, Store, TenantId};

use crate::common::*;

const NOW: i64 = 1_790_000_000_000;

struct Ask<'a> {
    returned: &'a [(TenantId, i64, u64)],
    wanted: &'a [Reservation],
    keys: &'a [TenantId],
    demand: &'a [(String, u64)],
}

async fn exchange(store: &dyn Store, holder: &str, at: i64, a: Ask<'_>) -> LimitShares {
    let mut s = store
        .exchange_limits(&LimitExchange {
            holder,
            returned: a.returned,
            wanted: a.wanted,
            keys: a.keys,
            after_second: at / 1000 - 60,
            demand: a.demand,
            demand_after: at - 600,
            now: at,
        })
        .await
        .unwrap();
    s.others.sort();
    s.others_demand.sort();
    s
}

fn want(key: TenantId, limit: u64, want: u64) -> Reservation {
    Reservation { key, limit, want }
}

both! {
    async fn reservations_stay_within_the_limit_and_each_process_sees_the_others(db) {
        let store: &dyn Store = &*db.store;
        let k = tenant(store, "k").await;
        let j = tenant(store, "j").await;
        let s = NOW / 1000;
        let pace = |k: &str, n: u64| (k.to_owned(), n);
        let none = Ask { returned: &[], wanted: &[], keys: &[], demand: &[] };

        // A wants 70 of k's 100 and 5 of j's 10.
        let got = exchange(store, "A", NOW, Ask {
            wanted: &[want(k, 100, 70), want(j, 10, 5)],
            keys: &[k],
            demand: &[pace("p1", 4)],
            ..none
        }).await;
        assert_eq!(got.granted, vec![(k, 70), (j, 5)]);
        assert!(got.others.is_empty(), "A is alone so far");

        // B wants 50 of k: only 30 are left (on SQLite, alone, it is granted 50).
        let got = exchange(store, "B", NOW + 100, Ask {
            wanted: &[want(k, 100, 50)],
            keys: &[k],
            demand: &[pace("p1", 1), pace("p2", 1)],
            ..none
        }).await;
        if !db.is_postgres() {
            assert_eq!(got, LimitShares { granted: vec![(k, 50)], ..LimitShares::default() });
            return;
        }
        assert_eq!(got.granted, vec![(k, 30)]);
        assert_eq!(got.others, vec![(k, s, 70)], "A's reservation, not B's own");
        assert_eq!(got.others_demand, vec![pace("p1", 4)]);

        // The minute is full: C gets nothing. A gives back 40 unused; then C gets them.
        let got = exchange(store, "C", NOW + 150, Ask { wanted: &[want(k, 100, 10)], ..none }).await;
        assert_eq!(got.granted, vec![(k, 0)]);
        let got = exchange(store, "A", NOW + 200, Ask {
            returned: &[(k, s, 40)],
            keys: &[k, j],
            demand: &[pace("p2", 2)],
            ..none
        }).await;
        assert_eq!(got.others, vec![(k, s, 30)], "B's 30");
        assert_eq!(got.others_demand, vec![pace("p2", 1)]);
        let got = exchange(store, "C", NOW + 300, Ask {
            wanted: &[want(k, 100, 60)],
            keys: &[k],
            ..none
        }).await;
        assert_eq!(got.granted, vec![(k, 40)]);
        assert_eq!(got.others, vec![(k, s, 60)], "A's 30 and B's 30, summed per second");

        // A minute later the reservations have left the window; stale demand no longer counts.
        let later = NOW + 61_000;
        let got = exchange(store, "B", later, Ask {
            wanted: &[want(k, 100, 100)],
            keys: &[k],
            demand: &[pace("p1", 1)],
            ..none
        }).await;
        assert_eq!(got.granted, vec![(k, 100)]);
        assert!(got.others.is_empty());
        assert!(got.others_demand.is_empty());
    }
}

/// PostgreSQL only: eight processes reserving one key's minute at once are granted exactly
/// its limit between them.
#[tokio::test]
async fn concurrent_reservations_add_up_to_the_limit() {
    let Some(db) = TestDb::postgres(gateway_store::Keyring::from_key(KEY_A)).await else {
        return;
    };
    let k = tenant(&*db.store, "k").await;
    let mut tasks = Vec::new();
    for p in 0..8 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            let holder = format!("p{p}");
            let mut total = 0;
            for _ in 0..10 {
                let got = exchange(
                    &*store,
                    &holder,
                    NOW,
                    Ask {
                        returned: &[],
                        wanted: &[want(k, 100, 3)],
                        keys: &[],
                        demand: &[],
                    },
                )
                .await;
                total += got.granted[0].1;
            }
            total
        }));
    }
    let mut granted = 0;
    for t in tasks {
        granted += t.await.unwrap();
    }
    assert_eq!(granted, 100);
}
