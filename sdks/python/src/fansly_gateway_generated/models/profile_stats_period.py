from enum import IntEnum


class ProfileStatsPeriod(IntEnum):
    VALUE_300000 = 300000
    VALUE_3600000 = 3600000
    VALUE_21600000 = 21600000
    VALUE_86400000 = 86400000

    def __str__(self) -> str:
        return str(self.value)
