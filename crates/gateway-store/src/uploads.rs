//! The model of media upload jobs (U1/U2). Backend-neutral: the [`crate::Store`] methods
//! take and return these types.

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadState {
    /// Accepted, nothing sent to Fansly yet.
    Waiting,
    /// Talking to Fansly (create, parts, complete, poll, album, offer).
    Active,
    Completed,
    Failed,
}

impl UploadState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Active => "active",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "waiting" => Self::Waiting,
            "active" => Self::Active,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            _ => return None,
        })
    }

    /// True once the job will not change any more.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Completed | Self::Failed)
    }
}

/// One upload job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadJob {
    /// Gateway-minted, opaque (not the native upload id).
    pub id: String,
    /// The gateway account id the file goes to.
    pub account_id: String,
    pub state: UploadState,
    /// 0–100.
    pub progress: u8,
    /// On completion: the JSON `{mediaId, accountMedia}`.
    pub result: Option<String>,
    /// On failure: why.
    pub error: Option<String>,
    pub file_name: String,
    pub file_size: u64,
    /// Unix ms.
    pub created_at: i64,
    pub updated_at: i64,
    /// The gateway process that accepted the job and runs it (its cluster name); internal,
    /// never shown to API clients. `None` on jobs recorded before migration 0017.
    pub holder: Option<String>,
}

/// A change to a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadUpdate<'a> {
    pub state: UploadState,
    pub progress: u8,
    pub result: Option<&'a str>,
    pub error: Option<&'a str>,
    pub now: i64,
}
