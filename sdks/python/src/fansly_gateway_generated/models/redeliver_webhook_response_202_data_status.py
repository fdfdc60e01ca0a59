from enum import StrEnum


class RedeliverWebhookResponse202DataStatus(StrEnum):
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
