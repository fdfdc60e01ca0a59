from enum import StrEnum


class HealthzResponse200DataStatus(StrEnum):
    ALIVE = "alive"

    def __str__(self) -> str:
        return str(self.value)
