//! The webhook event names (the management API validates subscriptions against [`ALL`]).

pub const MESSAGES_RECEIVED: &str = "messages.received";
pub const MESSAGES_SENT: &str = "messages.sent";
pub const PPV_PURCHASED: &str = "ppv.purchased";
pub const SUBSCRIPTIONS_NEW: &str = "subscriptions.new";
pub const TIPS_RECEIVED: &str = "tips.received";
pub const MESSAGES_DELETED: &str = "messages.deleted";
pub const MESSAGES_READ: &str = "messages.read";
pub const FOLLOWERS_NEW: &str = "followers.new";
pub const FOLLOWERS_REMOVED: &str = "followers.removed";
pub const SUBSCRIPTIONS_RENEWED: &str = "subscriptions.renewed";
pub const SUBSCRIPTIONS_EXPIRED: &str = "subscriptions.expired";
pub const ACCOUNTS_CONNECTED: &str = "accounts.connected";
pub const ACCOUNTS_SESSION_EXPIRED: &str = "accounts.session_expired";
pub const ACCOUNTS_DISCONNECTED: &str = "accounts.disconnected";
pub const ACCOUNTS_REAUTHENTICATED: &str = "accounts.reauthenticated";
pub const ACCOUNTS_REAUTH_REQUIRED: &str = "accounts.reauth_required";
pub const ACCOUNTS_REAUTH_FAILED: &str = "accounts.reauth_failed";
/// Sent only by the "send a test event" route, never subscribed to.
pub const WEBHOOK_TEST: &str = "webhook.test";

/// Every event an endpoint can subscribe to.
pub const ALL: &[&str] = &[
    MESSAGES_RECEIVED,
    MESSAGES_SENT,
    PPV_PURCHASED,
    SUBSCRIPTIONS_NEW,
    TIPS_RECEIVED,
    MESSAGES_DELETED,
    MESSAGES_READ,
    FOLLOWERS_NEW,
    FOLLOWERS_REMOVED,
    SUBSCRIPTIONS_RENEWED,
    SUBSCRIPTIONS_EXPIRED,
    ACCOUNTS_CONNECTED,
    ACCOUNTS_SESSION_EXPIRED,
    ACCOUNTS_DISCONNECTED,
    ACCOUNTS_REAUTHENTICATED,
    ACCOUNTS_REAUTH_REQUIRED,
    ACCOUNTS_REAUTH_FAILED,
];

/// The canonical name if `name` is a known event.
pub fn lookup(name: &str) -> Option<&'static str> {
    ALL.iter().copied().find(|e| *e == name)
}
