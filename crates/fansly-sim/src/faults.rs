//! Fault injection: "the next N requests to this path answer this status" (route-map §4.2).

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::envelope::NativeError;
use crate::error::SimError;

/// One armed fault: the next `count` native requests whose path equals `path`
/// (e.g. `/api/v1/account/me`) answer `status`, with `Retry-After` when `retry_after` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultSpec {
    pub path: String,
    pub status: u16,
    pub count: u32,
    #[serde(default)]
    pub retry_after: Option<u64>,
}

/// The armed faults, consumed first-armed first.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    armed: Vec<FaultSpec>,
}

impl Faults {
    pub(crate) fn arm(&mut self, spec: FaultSpec) -> Result<(), SimError> {
        if !spec.path.starts_with('/') {
            return Err(SimError::invalid("path", "must start with '/'"));
        }
        if !(400..=599).contains(&spec.status) {
            return Err(SimError::invalid("status", "must be between 400 and 599"));
        }
        if spec.count == 0 {
            return Err(SimError::invalid("count", "must be at least 1"));
        }
        self.armed.push(spec);
        Ok(())
    }

    pub(crate) fn clear(&mut self) {
        self.armed.clear();
    }

    /// Consumes one shot of the first fault armed for `path`, if any.
    pub(crate) fn take(&mut self, path: &str) -> Option<NativeError> {
        let index = self.armed.iter().position(|f| f.path == path)?;
        let fault = &mut self.armed[index];
        fault.count -= 1;
        let status =
            StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let error = NativeError {
            retry_after: fault.retry_after,
            ..NativeError::new(status, i64::from(fault.status), "simulated fault")
        };
        if fault.count == 0 {
            self.armed.remove(index);
        }
        Some(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(path: &str, status: u16, count: u32) -> FaultSpec {
        FaultSpec {
            path: path.into(),
            status,
            count,
            retry_after: None,
        }
    }

    #[test]
    fn a_fault_fires_count_times_then_disarms() {
        let mut faults = Faults::default();
        faults.arm(spec("/api/v1/account/me", 503, 2)).unwrap();
        assert!(faults.take("/api/v1/account").is_none());
        assert_eq!(faults.take("/api/v1/account/me").unwrap().status, 503);
        assert_eq!(faults.take("/api/v1/account/me").unwrap().code, 503);
        assert!(faults.take("/api/v1/account/me").is_none());
    }

    #[test]
    fn bad_specs_name_the_field() {
        let mut faults = Faults::default();
        let err = faults.arm(spec("x", 500, 1)).unwrap_err();
        assert!(err.to_string().starts_with("path"));
        let err = faults.arm(spec("/x", 200, 1)).unwrap_err();
        assert!(err.to_string().starts_with("status"));
        let err = faults.arm(spec("/x", 500, 0)).unwrap_err();
        assert!(err.to_string().starts_with("count"));
    }
}
