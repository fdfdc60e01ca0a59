from enum import StrEnum


class RemoveAccountProxyResponse200DataSource(StrEnum):
    ACCOUNT = "account"
    DIRECT = "direct"
    POOL = "pool"

    def __str__(self) -> str:
        return str(self.value)
