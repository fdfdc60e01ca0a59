from enum import StrEnum


class ListChatsFilter(StrEnum):
    ALL = "all"
    FOLLOWERS = "followers"
    SUBSCRIBERS = "subscribers"
    VIPS = "vips"

    def __str__(self) -> str:
        return str(self.value)
