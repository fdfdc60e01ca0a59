//! The model of `Idempotency-Key` records (sends that must not happen twice: messages, mass
//! messages, posts). A record is scoped by tenant + route scope + key, remembers a fingerprint
//! of the request it was first used with, and — once the request finished — the response to
//! replay. Backend-neutral: the [`crate::Store`] methods take and return these types.

/// How long a key is remembered by default (24 h, in ms).
pub const IDEMPOTENCY_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// A request to claim an idempotency key before doing the work it protects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyClaimRequest<'a> {
    /// The route the key belongs to (e.g. `messages.send`): the same key on two routes is two
    /// keys.
    pub scope: &'a str,
    /// The client's `Idempotency-Key` header value (stored only as its SHA-256).
    pub key: &'a str,
    /// A digest of the request (method, path and body) the key is used with.
    pub fingerprint: [u8; 32],
    /// Unix ms.
    pub now: i64,
    /// When the record stops counting (Unix ms); a claim at or after it starts afresh.
    pub expires_at: i64,
}

/// The outcome of [`crate::Store::claim_idempotency_key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyClaim {
    /// No live record existed: one is now held (pending) for this caller, who must later
    /// complete or release it.
    Claimed,
    /// The same key and request finished earlier: replay this response.
    Completed(StoredResponse),
    /// The same key and request is still being worked on (since the given Unix ms).
    InFlight { since: i64 },
    /// The key was used with a different request.
    Mismatch,
}

/// A finished response, as it will be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// The HTTP status.
    pub status: u16,
    /// The response body (JSON bytes).
    pub body: Vec<u8>,
}
