//! The log of native requests received (the last 1000), so tests can assert what the
//! gateway sent upstream and how often.

use std::collections::{BTreeMap, VecDeque};

use axum::http::{HeaderMap, Method, Uri};
use serde::Serialize;

const CAPACITY: usize = 1000;

/// One native request as received: method, path, raw query (`""` when none) and headers
/// (lowercase names; repeated headers joined with `", "`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: BTreeMap<String, String>,
}

impl LoggedRequest {
    pub(crate) fn capture(method: &Method, uri: &Uri, headers: &HeaderMap) -> Self {
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            map.entry(name.as_str().to_owned())
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(&value);
                })
                .or_insert(value);
        }
        Self {
            method: method.as_str().to_owned(),
            path: uri.path().to_owned(),
            query: uri.query().unwrap_or_default().to_owned(),
            headers: map,
        }
    }
}

/// A bounded ring of [`LoggedRequest`]s, oldest first.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: VecDeque<LoggedRequest>,
}

impl RequestLog {
    pub(crate) fn push(&mut self, entry: LoggedRequest) {
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub(crate) fn list(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_thousand() {
        let mut log = RequestLog::default();
        let headers = HeaderMap::new();
        for i in 0..1005 {
            let uri: Uri = format!("/api/v1/x?i={i}").parse().unwrap();
            log.push(LoggedRequest::capture(&Method::GET, &uri, &headers));
        }
        let all = log.list();
        assert_eq!(all.len(), 1000);
        assert_eq!(all[0].query, "i=5");
        assert_eq!(all[999].path, "/api/v1/x");
    }
}
