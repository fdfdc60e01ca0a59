//! Webhook model types: endpoints, recorded events and their deliveries (issue 5).

use secrecy::SecretString;

use crate::{StoreError, TenantId};

/// The body an endpoint receives (client-compat §5.6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PayloadStyle {
    /// `{event, accountId, timestamp, data}` (the default).
    #[default]
    Envelope,
    /// `{event_type, timestamp, data:{account_id, …}}`; only events with a mapping are sent.
    EventType,
}

impl PayloadStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Envelope => "envelope",
            Self::EventType => "event_type",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "envelope" => Some(Self::Envelope),
            "event_type" => Some(Self::EventType),
            _ => None,
        }
    }
}

/// A registered webhook endpoint (the secret is never part of it). The URL may carry a
/// token: it is sealed at rest and `Debug` shows only its host.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    pub id: String,
    pub tenant: TenantId,
    pub url: String,
    pub events: Vec<String>,
    pub payload_style: PayloadStyle,
    /// `None` = every account of the tenant.
    pub account_ids: Option<Vec<String>>,
    pub description: String,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub failing_since: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What the create route stores.
pub struct NewWebhookEndpoint {
    pub url: String,
    pub events: Vec<String>,
    pub payload_style: PayloadStyle,
    pub account_ids: Option<Vec<String>>,
    pub description: String,
    pub secret: SecretString,
    pub now: i64,
}

/// A partial update; `None` fields are kept. `account_ids: Some(None)` means "all accounts".
#[derive(Default)]
pub struct WebhookEndpointUpdate {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub account_ids: Option<Option<Vec<String>>>,
    pub description: Option<String>,
    pub enabled: Option<bool>,
    pub payload_style: Option<PayloadStyle>,
    pub now: i64,
}

/// An event to record with its deliveries.
#[derive(Debug)]
pub struct NewWebhookEvent<'a> {
    pub id: &'a str,
    pub tenant: TenantId,
    pub account_id: &'a str,
    pub event: &'a str,
    pub dedupe_key: &'a str,
    pub body: &'a str,
    /// The `event_type` style body; `None` when the event has no mapping (not delivered to
    /// endpoints of that style).
    pub event_type_body: Option<&'a str>,
    pub occurred_at: i64,
    pub now: i64,
    /// Deliver to this endpoint only, whatever it subscribes to (the test-event route).
    pub only_endpoint: Option<&'a str>,
}

/// Whether every event of a batch is `tenant`'s and `account_id`'s, as
/// [`crate::Store::record_webhook_events`] requires (its cursor is that account's).
pub(crate) fn check_batch(
    tenant: TenantId,
    account_id: &str,
    batch: &[NewWebhookEvent<'_>],
) -> Result<(), crate::StoreError> {
    match batch
        .iter()
        .find(|e| e.tenant != tenant || e.account_id != account_id)
    {
        None => Ok(()),
        Some(e) => Err(crate::StoreError::Database(format!(
            "a batch of webhook events for one account holds an event of another ({})",
            e.id
        ))),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "delivered" => Some(Self::Delivered),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// One delivery of one event to one endpoint, as the deliveries route lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub seq: i64,
    pub id: String,
    pub endpoint_id: String,
    pub event_id: String,
    pub event: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub response_status: Option<i64>,
    pub latency_ms: Option<i64>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A due delivery with everything the engine needs to send it (`Debug` shows only the
/// URL's host).
pub struct DueDelivery {
    pub id: String,
    pub endpoint_id: String,
    pub url: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: i64,
    pub secret: SecretString,
}

/// The result of one attempt.
#[derive(Debug)]
pub struct DeliveryAttempt<'a> {
    pub delivery_id: &'a str,
    pub endpoint_id: &'a str,
    pub status: DeliveryStatus,
    pub response_status: Option<i64>,
    pub latency_ms: i64,
    pub error: Option<&'a str>,
    /// For `Pending`: when to try again.
    pub next_attempt_at: Option<i64>,
    pub now: i64,
    /// Disables the endpoint with this reason.
    pub disable_endpoint: Option<&'a str>,
}

/// A recorded event, as the MCP `events` resource lists it (issue 15).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentEvent {
    pub id: String,
    pub account_id: String,
    pub event: String,
    /// The exact JSON body its webhook deliveries send (`{event, accountId, timestamp, data}`).
    pub body: String,
    pub occurred_at: i64,
}

/// `scheme://host[:port]` of a webhook URL, the part safe to show in logs.
fn redacted(url: &str) -> String {
    format!("{}/…", crate::sqlite::webhook_display_host(url))
}

impl std::fmt::Debug for WebhookEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookEndpoint")
            .field("id", &self.id)
            .field("tenant", &self.tenant)
            .field("url", &redacted(&self.url))
            .field("events", &self.events)
            .field("account_ids", &self.account_ids)
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for DueDelivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DueDelivery")
            .field("id", &self.id)
            .field("endpoint_id", &self.endpoint_id)
            .field("url", &redacted(&self.url))
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for NewWebhookEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewWebhookEndpoint")
            .field("url", &redacted(&self.url))
            .field("events", &self.events)
            .field("account_ids", &self.account_ids)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for WebhookEndpointUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookEndpointUpdate")
            .field("url", &self.url.as_deref().map(redacted))
            .field("events", &self.events)
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

/// What an endpoint subscribes to (the part event recording matches on; no URL to open).
pub(crate) struct Subscription {
    pub(crate) id: String,
    pub(crate) events: Vec<String>,
    pub(crate) account_ids: Option<Vec<String>>,
    pub(crate) payload_style: PayloadStyle,
}

impl Subscription {
    /// From the stored columns: `events` and `account_ids` are JSON lists.
    pub(crate) fn from_columns(
        id: String,
        events: &str,
        account_ids: Option<&str>,
        style: &str,
    ) -> Result<Self, StoreError> {
        let list = |s: &str| -> Result<Vec<String>, StoreError> {
            serde_json::from_str(s).map_err(|e| StoreError::Database(format!("bad JSON list: {e}")))
        };
        Ok(Self {
            id,
            events: list(events)?,
            account_ids: account_ids.map(list).transpose()?,
            payload_style: PayloadStyle::parse(style)
                .ok_or_else(|| StoreError::Database(format!("bad payload style {style:?}")))?,
        })
    }

    /// Whether an event for `account_id` goes to this endpoint (`only`: the test-event
    /// route's one endpoint, whatever it subscribes to).
    pub(crate) fn receives(&self, event: &str, account_id: &str, only: Option<&str>) -> bool {
        match only {
            Some(only) => self.id == only,
            None => {
                self.events.iter().any(|x| x == event)
                    && self
                        .account_ids
                        .as_ref()
                        .is_none_or(|a| a.iter().any(|x| x == account_id))
            }
        }
    }
}
