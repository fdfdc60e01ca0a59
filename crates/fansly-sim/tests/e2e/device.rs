//! `GET /device/id`: snowflake ids and the per-IP rate limit on the simulated clock.

use fansly_sim::SimConfig;

use crate::common::{Harness, START_MS, config, snowflake_ms};

#[tokio::test]
async fn device_ids_are_snowflakes_and_rate_limited() {
    let h = Harness::start().await;
    let mut last = 0u64;
    for _ in 0..5 {
        let reply = h.get("/api/v1/device/id?ngsw-bypass=true", None).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body["success"], true);
        let id = &reply.body["response"];
        assert_eq!(snowflake_ms(id), START_MS);
        let value: u64 = id.as_str().unwrap().parse().unwrap();
        assert!(value > last);
        last = value;
    }
    h.sim.advance_clock(20_000);
    let limited = h.get("/api/v1/device/id", None).await;
    limited.assert_native_error(429, 429);
    assert_eq!(limited.header("retry-after"), Some("40"));

    h.sim.advance_clock(40_000);
    assert_eq!(h.get("/api/v1/device/id", None).await.status, 200);
}

#[tokio::test]
async fn the_limit_is_configurable() {
    let h = Harness::with(SimConfig {
        device_id_limit_per_minute: 2,
        ..config()
    })
    .await;
    assert_eq!(h.get("/api/v1/device/id", None).await.status, 200);
    assert_eq!(h.get("/api/v1/device/id", None).await.status, 200);
    assert_eq!(h.get("/api/v1/device/id", None).await.status, 429);
}
