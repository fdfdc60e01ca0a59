from enum import StrEnum


class ConnectedAccountStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REAUTH_FAILED = "reauth_failed"
    REAUTH_REQUIRED = "reauth_required"

    def __str__(self) -> str:
        return str(self.value)
