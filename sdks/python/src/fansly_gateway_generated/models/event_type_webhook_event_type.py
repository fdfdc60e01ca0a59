from enum import StrEnum


class EventTypeWebhookEventType(StrEnum):
    NEW_FOLLOWER = "new_follower"
    NEW_MESSAGE = "new_message"
    NEW_SUBSCRIPTION = "new_subscription"
    NEW_TIP = "new_tip"
    SUBSCRIPTION_EXPIRED = "subscription_expired"
    SUBSCRIPTION_RENEWED = "subscription_renewed"
    TEST = "test"

    def __str__(self) -> str:
        return str(self.value)
