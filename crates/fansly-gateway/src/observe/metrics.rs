//! In-process counters behind `GET /metrics`, and their Prometheus text rendering (exposition
//! format 0.0.4, written by hand: a few counters and histograms do not need a crate).
//!
//! Hot path: one read-locked map lookup by route template (a write lock only the first time a
//! template is seen — templates are a fixed set, plus the one `(unmatched)` marker), then
//! relaxed atomic adds; the per-route status list is a short `Mutex<Vec<_>>` held for a scan
//! of a few entries. No lock is ever held across an `.await`.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::http::Method;
// foldhash: read on every request, keyed by route templates (a fixed set).
use foldhash::HashMap;

/// Upper bounds (µs) of the request latency histogram buckets; the last bucket is +Inf.
pub const LATENCY_BUCKETS_US: [u64; 13] = [
    1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000,
    5_000_000, 10_000_000,
];
const NB: usize = LATENCY_BUCKETS_US.len() + 1;

/// The route label of requests no route matched.
pub const UNMATCHED: &str = "(unmatched)";

#[derive(Default)]
struct RouteStats {
    /// Non-cumulative bucket counts; the last is +Inf.
    buckets: [AtomicU64; NB],
    sum_us: AtomicU64,
    /// `(method, status, count)`.
    codes: Mutex<Vec<(&'static str, u16, u64)>>,
}

/// Every counter `/metrics` shows that the gateway itself keeps (the upstream ones live in
/// `fansly_client::tally`, the gauges are read when scraped).
#[derive(Default)]
pub struct Metrics {
    routes: RwLock<HashMap<Box<str>, Arc<RouteStats>>>,
    log_dropped_full: AtomicU64,
    log_write_failed: AtomicU64,
    log_written: AtomicU64,
    webhook_success: AtomicU64,
    webhook_failure: AtomicU64,
    webhook_disabled: AtomicU64,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

/// A `&'static` label for the method (non-standard methods share `OTHER`).
pub fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

impl Metrics {
    fn route(&self, route: &str) -> Arc<RouteStats> {
        if let Some(s) = self
            .routes
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(route)
        {
            return Arc::clone(s);
        }
        let mut map = self.routes.write().unwrap_or_else(|p| p.into_inner());
        Arc::clone(map.entry(route.into()).or_default())
    }

    /// Counts one finished request.
    pub fn request(&self, route: &str, method: &'static str, status: u16, latency: Duration) {
        let stats = self.route(route);
        let us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        let b = LATENCY_BUCKETS_US
            .iter()
            .position(|&bound| us <= bound)
            .unwrap_or(NB - 1);
        stats.buckets[b].fetch_add(1, Ordering::Relaxed);
        stats.sum_us.fetch_add(us, Ordering::Relaxed);
        let mut codes = stats.codes.lock().unwrap_or_else(|p| p.into_inner());
        match codes
            .iter_mut()
            .find(|(m, s, _)| *m == method && *s == status)
        {
            Some(c) => c.2 += 1,
            None => codes.push((method, status, 1)),
        }
    }

    /// A request-log entry dropped because the writer's queue was full.
    pub fn log_dropped(&self) {
        self.log_dropped_full.fetch_add(1, Ordering::Relaxed);
    }

    /// Request-log entries lost because their batch could not be written.
    pub fn log_write_failed(&self, n: usize) {
        self.log_write_failed.fetch_add(n as u64, Ordering::Relaxed);
    }

    pub fn log_written(&self, n: usize) {
        self.log_written.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Entries dropped so far, for any reason.
    pub fn log_drops(&self) -> u64 {
        self.log_dropped_full.load(Ordering::Relaxed)
            + self.log_write_failed.load(Ordering::Relaxed)
    }

    /// One webhook delivery attempt: delivered (2xx) or not; `disabled` when the attempt
    /// disabled its endpoint (410 Gone).
    pub fn webhook_attempt(&self, delivered: bool, disabled: bool) {
        let c = if delivered {
            &self.webhook_success
        } else {
            &self.webhook_failure
        };
        c.fetch_add(1, Ordering::Relaxed);
        if disabled {
            self.webhook_disabled();
        }
    }

    /// An endpoint disabled by the engine.
    pub fn webhook_disabled(&self) {
        self.webhook_disabled.fetch_add(1, Ordering::Relaxed);
    }

    /// The gateway's own counters in exposition format.
    pub fn render(&self, out: &mut String) {
        let mut routes: Vec<(String, Arc<RouteStats>)> = self
            .routes
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(k, v)| (k.to_string(), Arc::clone(v)))
            .collect();
        routes.sort_by(|a, b| a.0.cmp(&b.0));

        header(
            out,
            "fansly_gateway_http_requests_total",
            "counter",
            "HTTP requests answered, by route template, method and status.",
        );
        for (route, s) in &routes {
            let mut codes = s.codes.lock().unwrap_or_else(|p| p.into_inner()).clone();
            codes.sort_unstable();
            for (m, status, n) in codes {
                let _ = writeln!(
                    out,
                    "fansly_gateway_http_requests_total{{route=\"{}\",method=\"{m}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        header(
            out,
            "fansly_gateway_http_request_duration_seconds",
            "histogram",
            "Time from request to response head, by route template.",
        );
        for (route, s) in &routes {
            let counts: [u64; NB] = std::array::from_fn(|i| s.buckets[i].load(Ordering::Relaxed));
            let label = format!("route=\"{}\"", escape(route));
            histogram(
                out,
                "fansly_gateway_http_request_duration_seconds",
                &label,
                &LATENCY_BUCKETS_US.map(|b| b as f64 / 1e6),
                &counts,
                s.sum_us.load(Ordering::Relaxed) as f64 / 1e6,
            );
        }

        let t = fansly_client::tally::totals();
        header(
            out,
            "fansly_gateway_upstream_requests_total",
            "counter",
            "HTTP exchanges with Fansly (API, uploads, CDN), by outcome.",
        );
        for (o, n) in fansly_client::tally::Outcome::ALL.iter().zip(t.by_outcome) {
            let _ = writeln!(
                out,
                "fansly_gateway_upstream_requests_total{{outcome=\"{}\"}} {n}",
                o.as_str()
            );
        }
        header(
            out,
            "fansly_gateway_upstream_request_duration_seconds",
            "histogram",
            "Latency of HTTP exchanges with Fansly.",
        );
        histogram(
            out,
            "fansly_gateway_upstream_request_duration_seconds",
            "",
            &fansly_client::tally::LATENCY_BUCKETS_MS.map(|b| b as f64 / 1e3),
            &t.buckets,
            t.latency_sum_us as f64 / 1e6,
        );

        header(
            out,
            "fansly_gateway_upstream_care_total",
            "counter",
            "What the care for Fansly did: reads served from the short cache or joined to an identical one in flight, calls that waited for or were refused a pacing slot, reads retried after a Fansly 429.",
        );
        for (e, n) in fansly_client::tally::CareEvent::ALL
            .iter()
            .zip(fansly_client::tally::care_totals())
        {
            let _ = writeln!(
                out,
                "fansly_gateway_upstream_care_total{{kind=\"{}\"}} {n}",
                e.as_str()
            );
        }

        header(
            out,
            "fansly_gateway_request_log_dropped_total",
            "counter",
            "Request-log entries lost: queue full, or their batch failed to write.",
        );
        for (reason, c) in [
            ("queue_full", &self.log_dropped_full),
            ("write_failed", &self.log_write_failed),
        ] {
            let _ = writeln!(
                out,
                "fansly_gateway_request_log_dropped_total{{reason=\"{reason}\"}} {}",
                c.load(Ordering::Relaxed)
            );
        }
        counter(
            out,
            "fansly_gateway_request_log_written_total",
            "Request-log entries written to the database.",
            self.log_written.load(Ordering::Relaxed),
        );
        header(
            out,
            "fansly_gateway_webhook_attempts_total",
            "counter",
            "Webhook delivery attempts, by result (success = 2xx).",
        );
        for (result, c) in [
            ("success", &self.webhook_success),
            ("failure", &self.webhook_failure),
        ] {
            let _ = writeln!(
                out,
                "fansly_gateway_webhook_attempts_total{{result=\"{result}\"}} {}",
                c.load(Ordering::Relaxed)
            );
        }
        counter(
            out,
            "fansly_gateway_webhook_endpoints_disabled_total",
            "Webhook endpoints disabled by the delivery engine (410 Gone, or failing 24 hours).",
            self.webhook_disabled.load(Ordering::Relaxed),
        );
    }
}

pub fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

pub fn counter(out: &mut String, name: &str, help: &str, value: u64) {
    header(out, name, "counter", help);
    let _ = writeln!(out, "{name} {value}");
}

pub fn gauge(out: &mut String, name: &str, help: &str, value: i64) {
    header(out, name, "gauge", help);
    let _ = writeln!(out, "{name} {value}");
}

/// Cumulative `_bucket` lines, `_sum` and `_count` from non-cumulative `counts` (one more
/// than `bounds`: the last is +Inf).
fn histogram(out: &mut String, name: &str, labels: &str, bounds: &[f64], counts: &[u64], sum: f64) {
    let sep = if labels.is_empty() { "" } else { "," };
    let mut acc = 0u64;
    for (i, n) in counts.iter().enumerate() {
        acc += n;
        let le = bounds
            .get(i)
            .map_or_else(|| "+Inf".to_owned(), |b| b.to_string());
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{le}\"}} {acc}");
    }
    let braces = if labels.is_empty() {
        String::new()
    } else {
        format!("{{{labels}}}")
    };
    let _ = writeln!(out, "{name}_sum{braces} {sum}");
    let _ = writeln!(out, "{name}_count{braces} {acc}");
}

/// A label value escaped per the exposition format (`\`, `"` and newlines).
pub fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_count_by_route_method_status_with_cumulative_buckets() {
        let m = Metrics::default();
        m.request("/a/{id}", "GET", 200, Duration::from_micros(900));
        m.request("/a/{id}", "GET", 200, Duration::from_millis(30));
        m.request("/a/{id}", "POST", 404, Duration::from_secs(60));
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains(
            "fansly_gateway_http_requests_total{route=\"/a/{id}\",method=\"GET\",status=\"200\"} 2\n"
        ));
        assert!(out.contains("method=\"POST\",status=\"404\"} 1\n"));
        let b = "fansly_gateway_http_request_duration_seconds_bucket{route=\"/a/{id}\",le=";
        assert!(out.contains(&format!("{b}\"0.001\"}} 1\n")), "{out}");
        assert!(out.contains(&format!("{b}\"0.05\"}} 2\n")), "{out}");
        assert!(out.contains(&format!("{b}\"10\"}} 2\n")), "{out}");
        assert!(out.contains(&format!("{b}\"+Inf\"}} 3\n")), "{out}");
        assert!(
            out.contains(
                "fansly_gateway_http_request_duration_seconds_count{route=\"/a/{id}\"} 3\n"
            )
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
