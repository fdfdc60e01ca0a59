//! Errors of the simulator's Rust API (and of the control API's seeding routes).

/// Why a control action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    /// The input is malformed; `field` names the offending field.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    /// The input collides with existing state (e.g. a duplicate username).
    #[error("{0}")]
    Conflict(String),
}

impl SimError {
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }
}
