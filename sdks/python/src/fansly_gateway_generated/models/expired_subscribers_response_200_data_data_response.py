from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.expired_subscribers_response_200_data_data_response_stats import (
        ExpiredSubscribersResponse200DataDataResponseStats,
    )
    from ..models.subscription import Subscription


T = TypeVar("T", bound="ExpiredSubscribersResponse200DataDataResponse")


@_attrs_define
class ExpiredSubscribersResponse200DataDataResponse:
    """
    Attributes:
        cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as `cursor`.
        next_cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as
            `cursor`.
        stats (ExpiredSubscribersResponse200DataDataResponseStats | Unset):
        subscriptions (list[Subscription] | Unset):
    """

    cursor: None | str | Unset = UNSET
    next_cursor: None | str | Unset = UNSET
    stats: ExpiredSubscribersResponse200DataDataResponseStats | Unset = UNSET
    subscriptions: list[Subscription] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        else:
            cursor = self.cursor

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = self.stats.to_dict()

        subscriptions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.subscriptions, Unset):
            subscriptions = []
            for subscriptions_item_data in self.subscriptions:
                subscriptions_item = subscriptions_item_data.to_dict()
                subscriptions.append(subscriptions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cursor is not UNSET:
            field_dict["cursor"] = cursor
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor
        if stats is not UNSET:
            field_dict["stats"] = stats
        if subscriptions is not UNSET:
            field_dict["subscriptions"] = subscriptions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.expired_subscribers_response_200_data_data_response_stats import (
            ExpiredSubscribersResponse200DataDataResponseStats,
        )
        from ..models.subscription import Subscription

        d = dict(src_dict)

        def _parse_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cursor = _parse_cursor(d.pop("cursor", UNSET))

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        _stats = d.pop("stats", UNSET)
        stats: ExpiredSubscribersResponse200DataDataResponseStats | Unset
        if isinstance(_stats, Unset):
            stats = UNSET
        else:
            stats = ExpiredSubscribersResponse200DataDataResponseStats.from_dict(_stats)

        _subscriptions = d.pop("subscriptions", UNSET)
        subscriptions: list[Subscription] | Unset = UNSET
        if _subscriptions is not UNSET:
            subscriptions = []
            for subscriptions_item_data in _subscriptions:
                subscriptions_item = Subscription.from_dict(subscriptions_item_data)

                subscriptions.append(subscriptions_item)

        expired_subscribers_response_200_data_data_response = cls(
            cursor=cursor,
            next_cursor=next_cursor,
            stats=stats,
            subscriptions=subscriptions,
        )

        expired_subscribers_response_200_data_data_response.additional_properties = d
        return expired_subscribers_response_200_data_data_response

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
