from enum import StrEnum


class GetAccountProxyResponse200DataSource(StrEnum):
    ACCOUNT = "account"
    DIRECT = "direct"
    POOL = "pool"

    def __str__(self) -> str:
        return str(self.value)
