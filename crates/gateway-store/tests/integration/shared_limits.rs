//! Limits shared by several gateways (migration 0017): what one process sends at an exchange
//! the others read, never their own, only for the keys and seconds asked, and only recent
//! demand. On SQLite (never shared) the exchange records and answers nothing.

use gateway_store::{LimitExchange, LimitShares, Store, TenantId};

use crate::common::*;

fn exchange<'a>(
    holder: &'a str,
    admitted: &'a [(TenantId, i64, u64)],
    keys: &'a [TenantId],
    demand: &'a [(String, u64)],
    now: i64,
) -> LimitExchange<'a> {
    LimitExchange {
        holder,
        admitted,
        keys,
        after_second: now / 1000 - 60,
        demand,
        demand_after: now - 600,
        now,
    }
}

fn sorted(mut s: LimitShares) -> LimitShares {
    s.others_admitted.sort();
    s.others_demand.sort();
    s
}

both! {
    async fn each_process_reads_the_others_admissions_and_demand(db) {
        let store: &dyn Store = &*db.store;
        let k = tenant(store, "k").await;
        let other = tenant(store, "other").await;
        let now: i64 = 1_790_000_000_000;
        let s = now / 1000;
        let pace = |k: &str, n: u64| (k.to_owned(), n);

        // A admits 3 + 2 requests of k in two seconds, 1 of another key, and 4 calls of one
        // account; an admission older than the window is sent too.
        let sent_a = [(k, s - 1, 3), (k, s, 2), (other, s, 1), (k, s - 61, 9)];
        let got = store
            .exchange_limits(&exchange("A", &sent_a, &[k], &[pace("p1", 4)], now))
            .await
            .unwrap();
        assert_eq!(got, LimitShares::default(), "A is alone so far");

        // B sends the same second of k and asks about k: it reads A's, not its own.
        let got = sorted(
            store
                .exchange_limits(&exchange("B", &[(k, s, 5)], &[k], &[pace("p1", 1), pace("p2", 1)], now + 100))
                .await
                .unwrap(),
        );
        if db.is_postgres() {
            assert_eq!(got.others_admitted, vec![(k, s - 1, 3), (k, s, 2)]);
            assert_eq!(got.others_demand, vec![("p1".to_owned(), 4)]);
        } else {
            assert_eq!(got, LimitShares::default());
        }

        // A's second exchange adds to its rows and sees B's; a stale demand no longer counts.
        let got = sorted(
            store
                .exchange_limits(&exchange("A", &[(k, s, 1)], &[k, other], &[pace("p2", 2)], now + 200))
                .await
                .unwrap(),
        );
        if db.is_postgres() {
            assert_eq!(got.others_admitted, vec![(k, s, 5)]);
            assert_eq!(got.others_demand, vec![("p2".to_owned(), 1)]);
            // C sees both, summed per second; A's total of second s is 3 now.
            let got = sorted(
                store
                    .exchange_limits(&exchange("C", &[], &[k], &[pace("p1", 1), pace("p2", 1)], now + 300))
                    .await
                    .unwrap(),
            );
            assert_eq!(got.others_admitted, vec![(k, s - 1, 3), (k, s, 8)]);
            // p1 at +650: A's demand (at `now`) is past the 600 ms horizon, B's (+100) is not.
            let later = sorted(
                store
                    .exchange_limits(&exchange("C", &[], &[], &[pace("p1", 1)], now + 650))
                    .await
                    .unwrap(),
            );
            assert_eq!(later.others_demand, vec![("p1".to_owned(), 1)]);
            assert!(later.others_admitted.is_empty(), "no key asked, none answered");
        } else {
            assert_eq!(got, LimitShares::default());
        }
    }
}
