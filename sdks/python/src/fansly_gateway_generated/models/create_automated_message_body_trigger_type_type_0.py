from enum import StrEnum


class CreateAutomatedMessageBodyTriggerTypeType0(StrEnum):
    DISABLED = "disabled"
    NEW_FOLLOWER = "new_follower"
    NEW_GIFT_LINK_SUBSCRIBER = "new_gift_link_subscriber"
    NEW_GIFT_LINK_SUBSCRIBER_RENEW = "new_gift_link_subscriber_renew"
    NEW_SUBSCRIBER = "new_subscriber"
    NEW_TIP = "new_tip"
    SUBSCRIBER_RENEW = "subscriber_renew"

    def __str__(self) -> str:
        return str(self.value)
