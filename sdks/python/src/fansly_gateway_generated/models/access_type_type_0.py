from enum import StrEnum


class AccessTypeType0(StrEnum):
    FOLLOW = "follow"
    LIMITED_TIME = "limited_time"
    LIST = "list"
    PPV = "ppv"
    SUBSCRIPTION = "subscription"

    def __str__(self) -> str:
        return str(self.value)
