//! The HTTP boundary shared by every route: envelope, errors, JSON extraction, API-key
//! authentication, account access, request ids and the fallbacks.

pub mod account;
pub mod auth;
pub mod edge;
pub mod envelope;
pub mod error;
pub mod fallback;
pub mod idempotency;
pub mod json;
pub mod page;
#[cfg(test)]
mod props;
pub mod query;
pub mod request_id;

pub use error::{ApiError, ApiResult};
pub use json::ApiJson;
