from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.followers_response_200_data_data_response_aggregation_data import (
        FollowersResponse200DataDataResponseAggregationData,
    )
    from ..models.followers_response_200_data_data_response_followers_item import (
        FollowersResponse200DataDataResponseFollowersItem,
    )


T = TypeVar("T", bound="FollowersResponse200DataDataResponse")


@_attrs_define
class FollowersResponse200DataDataResponse:
    """
    Attributes:
        aggregation_data (FollowersResponse200DataDataResponseAggregationData | Unset):
        cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as `cursor`.
        followers (list[FollowersResponse200DataDataResponseFollowersItem] | Unset):
        next_cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as
            `cursor`.
    """

    aggregation_data: FollowersResponse200DataDataResponseAggregationData | Unset = (
        UNSET
    )
    cursor: None | str | Unset = UNSET
    followers: list[FollowersResponse200DataDataResponseFollowersItem] | Unset = UNSET
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregation_data, Unset):
            aggregation_data = self.aggregation_data.to_dict()

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        else:
            cursor = self.cursor

        followers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.followers, Unset):
            followers = []
            for followers_item_data in self.followers:
                followers_item = followers_item_data.to_dict()
                followers.append(followers_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregation_data is not UNSET:
            field_dict["aggregationData"] = aggregation_data
        if cursor is not UNSET:
            field_dict["cursor"] = cursor
        if followers is not UNSET:
            field_dict["followers"] = followers
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.followers_response_200_data_data_response_aggregation_data import (
            FollowersResponse200DataDataResponseAggregationData,
        )
        from ..models.followers_response_200_data_data_response_followers_item import (
            FollowersResponse200DataDataResponseFollowersItem,
        )

        d = dict(src_dict)
        _aggregation_data = d.pop("aggregationData", UNSET)
        aggregation_data: FollowersResponse200DataDataResponseAggregationData | Unset
        if isinstance(_aggregation_data, Unset):
            aggregation_data = UNSET
        else:
            aggregation_data = (
                FollowersResponse200DataDataResponseAggregationData.from_dict(
                    _aggregation_data
                )
            )

        def _parse_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cursor = _parse_cursor(d.pop("cursor", UNSET))

        _followers = d.pop("followers", UNSET)
        followers: list[FollowersResponse200DataDataResponseFollowersItem] | Unset = (
            UNSET
        )
        if _followers is not UNSET:
            followers = []
            for followers_item_data in _followers:
                followers_item = (
                    FollowersResponse200DataDataResponseFollowersItem.from_dict(
                        followers_item_data
                    )
                )

                followers.append(followers_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        followers_response_200_data_data_response = cls(
            aggregation_data=aggregation_data,
            cursor=cursor,
            followers=followers,
            next_cursor=next_cursor,
        )

        followers_response_200_data_data_response.additional_properties = d
        return followers_response_200_data_data_response

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
