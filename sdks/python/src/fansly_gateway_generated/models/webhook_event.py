from enum import StrEnum


class WebhookEvent(StrEnum):
    ACCOUNTS_CONNECTED = "accounts.connected"
    ACCOUNTS_DISCONNECTED = "accounts.disconnected"
    ACCOUNTS_REAUTHENTICATED = "accounts.reauthenticated"
    ACCOUNTS_REAUTH_FAILED = "accounts.reauth_failed"
    ACCOUNTS_REAUTH_REQUIRED = "accounts.reauth_required"
    ACCOUNTS_SESSION_EXPIRED = "accounts.session_expired"
    FOLLOWERS_NEW = "followers.new"
    FOLLOWERS_REMOVED = "followers.removed"
    MESSAGES_DELETED = "messages.deleted"
    MESSAGES_READ = "messages.read"
    MESSAGES_RECEIVED = "messages.received"
    MESSAGES_SENT = "messages.sent"
    PPV_PURCHASED = "ppv.purchased"
    SUBSCRIPTIONS_EXPIRED = "subscriptions.expired"
    SUBSCRIPTIONS_NEW = "subscriptions.new"
    SUBSCRIPTIONS_RENEWED = "subscriptions.renewed"
    TIPS_RECEIVED = "tips.received"

    def __str__(self) -> str:
        return str(self.value)
