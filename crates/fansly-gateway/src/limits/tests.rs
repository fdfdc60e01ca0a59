//! Unit tests of the limiter: metering on/off, month roll-over, flush failures, webhook costs.

use super::*;

fn plan(rpm: Option<u32>, credits: Option<u64>) -> Plan {
    Plan {
        name: "t".into(),
        rpm,
        credits,
    }
}

const NOW: i64 = 1_793_491_200_000; // 2026-11-01T00:00:00Z

#[test]
fn credits_are_enforced_only_when_metering_is_on() {
    let p = plan(None, Some(3));
    let t = TenantId(1);
    for metering in [false, true] {
        let l = Limiter::new(&LimitSettings {
            credits: metering,
            ..LimitSettings::default()
        });
        l.charge(t, NOW, 3);
        let d = l.admit(t, &p, NOW, true);
        if metering {
            assert!(
                matches!(
                    d,
                    Decision::CreditsSpent {
                        used: 3,
                        allowance: 3,
                        ..
                    }
                ),
                "{d:?}"
            );
            assert_eq!(
                l.admit(t, &p, NOW, false),
                Decision::Admitted { used: 2 },
                "/usage still answers"
            );
        } else {
            assert_eq!(d, Decision::Admitted { used: 1 });
        }
    }
}

#[test]
fn a_new_month_starts_from_zero_and_keeps_the_old_months_deltas() {
    let l = Limiter::new(&LimitSettings::default());
    let t = TenantId(7);
    let p = plan(None, None);
    l.admit(t, &p, NOW - 1, true);
    l.charge(t, NOW - 1, 5);
    assert_eq!(l.view(t, Arc::new(p.clone()), NOW - 1).month.credits, 5);
    let v = l.view(t, Arc::new(p), NOW);
    assert_eq!(v.month, Counts::default());
    assert_eq!(v.period.key(), "2026-11");
    let carry = lock(&l.carry).clone();
    assert_eq!(
        carry,
        vec![usage_row(
            t,
            Period::at(NOW - 1),
            Counts {
                requests: 1,
                credits: 5,
                webhook_events: 0
            }
        )]
    );
}

/// A failed flush loses nothing: the deltas stay pending and the next flush stores them.
#[tokio::test]
async fn a_failed_flush_keeps_the_deltas_for_the_next_one() {
    use gateway_store::{Keyring, SqliteStore};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("u.db").display());
    let open = || async {
        let s = SqliteStore::connect(&url, Keyring::from_key([3; 32]))
            .await
            .unwrap();
        s.migrate().await.unwrap();
        s
    };
    let first = open().await;
    let key = first
        .create_api_key("k", "fgw_x", &[1; 32])
        .await
        .unwrap()
        .tenant();
    let l = Limiter::new(&LimitSettings::default());
    let p = plan(None, None);
    l.admit(key, &p, NOW, true);
    l.charge(key, NOW, 2);
    first.close().await;
    assert!(l.flush(&first).await.is_err());
    assert_eq!(l.view(key, Arc::new(p.clone()), NOW).month.credits, 2);

    let second = open().await;
    assert_eq!(l.flush(&second).await.unwrap(), 1);
    assert_eq!(l.flush(&second).await.unwrap(), 0, "nothing left pending");
    let rows = second.key_usage("2026-11").await.unwrap();
    assert_eq!((rows[0].requests, rows[0].credits), (1, 2));
    // A fresh limiter (a restart) loads them.
    let again = Limiter::new(&LimitSettings::default());
    again.load_usage(&second, NOW + 5).await.unwrap();
    let v = again.view(key, Arc::new(p), NOW + 5);
    assert_eq!((v.month.requests, v.month.credits), (1, 2));
}

#[test]
fn webhook_events_cost_a_credit_per_started_eighty() {
    let l = Limiter::new(&LimitSettings::default());
    let t = TenantId(2);
    for _ in 0..81 {
        l.record_webhook_event(t, NOW);
    }
    let v = l.view(t, Arc::new(plan(None, None)), NOW);
    assert_eq!(v.month.webhook_events, 81);
    assert_eq!(v.month.credits, 2);
}
