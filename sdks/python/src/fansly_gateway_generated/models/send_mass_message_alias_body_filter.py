from enum import StrEnum


class SendMassMessageAliasBodyFilter(StrEnum):
    ACTIVE = "active"
    ALL = "all"
    EXPIRED = "expired"
    RENEWING = "renewing"

    def __str__(self) -> str:
        return str(self.value)
