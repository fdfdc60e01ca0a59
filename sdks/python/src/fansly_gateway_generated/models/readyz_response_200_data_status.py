from enum import StrEnum


class ReadyzResponse200DataStatus(StrEnum):
    READY = "ready"

    def __str__(self) -> str:
        return str(self.value)
