from enum import StrEnum


class ListChatsSort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    UNREAD = "unread"

    def __str__(self) -> str:
        return str(self.value)
