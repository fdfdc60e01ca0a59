from enum import StrEnum


class PayloadStyle(StrEnum):
    ENVELOPE = "envelope"
    EVENT_TYPE = "event_type"

    def __str__(self) -> str:
        return str(self.value)
