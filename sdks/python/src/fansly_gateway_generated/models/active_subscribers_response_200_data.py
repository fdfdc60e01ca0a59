from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.active_subscribers_response_200_data_data import (
        ActiveSubscribersResponse200DataData,
    )
    from ..models.subscriber_row import SubscriberRow


T = TypeVar("T", bound="ActiveSubscribersResponse200Data")


@_attrs_define
class ActiveSubscribersResponse200Data:
    """
    Attributes:
        data (ActiveSubscribersResponse200DataData):
        status_code (int): Fansly's HTTP status
        count (int | None): Subscribers of the requested status only (Fansly's `stats.totalActive`, `totalExpired` or
            `total`); for another native status list, the rows when the first page is the last, else null.
        subscribers (list[SubscriberRow]):
        next_cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as
            `cursor`.
    """

    data: ActiveSubscribersResponse200DataData
    status_code: int
    count: int | None
    subscribers: list[SubscriberRow]
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        status_code = self.status_code

        count: int | None
        count = self.count

        subscribers = []
        for subscribers_item_data in self.subscribers:
            subscribers_item = subscribers_item_data.to_dict()
            subscribers.append(subscribers_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "status_code": status_code,
                "count": count,
                "subscribers": subscribers,
            }
        )
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.active_subscribers_response_200_data_data import (
            ActiveSubscribersResponse200DataData,
        )
        from ..models.subscriber_row import SubscriberRow

        d = dict(src_dict)
        data = ActiveSubscribersResponse200DataData.from_dict(d.pop("data"))

        status_code = d.pop("status_code")

        def _parse_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        count = _parse_count(d.pop("count"))

        subscribers = []
        _subscribers = d.pop("subscribers")
        for subscribers_item_data in _subscribers:
            subscribers_item = SubscriberRow.from_dict(subscribers_item_data)

            subscribers.append(subscribers_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        active_subscribers_response_200_data = cls(
            data=data,
            status_code=status_code,
            count=count,
            subscribers=subscribers,
            next_cursor=next_cursor,
        )

        active_subscribers_response_200_data.additional_properties = d
        return active_subscribers_response_200_data

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
