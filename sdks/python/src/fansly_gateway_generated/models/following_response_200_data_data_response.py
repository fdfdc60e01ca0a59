from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.following_response_200_data_data_response_aggregation_data import (
        FollowingResponse200DataDataResponseAggregationData,
    )
    from ..models.following_response_200_data_data_response_following_item import (
        FollowingResponse200DataDataResponseFollowingItem,
    )


T = TypeVar("T", bound="FollowingResponse200DataDataResponse")


@_attrs_define
class FollowingResponse200DataDataResponse:
    """
    Attributes:
        aggregation_data (FollowingResponse200DataDataResponseAggregationData | Unset):
        cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as `cursor`.
        following (list[FollowingResponse200DataDataResponseFollowingItem] | Unset):
        next_cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as
            `cursor`.
    """

    aggregation_data: FollowingResponse200DataDataResponseAggregationData | Unset = (
        UNSET
    )
    cursor: None | str | Unset = UNSET
    following: list[FollowingResponse200DataDataResponseFollowingItem] | Unset = UNSET
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

        following: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.following, Unset):
            following = []
            for following_item_data in self.following:
                following_item = following_item_data.to_dict()
                following.append(following_item)

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
        if following is not UNSET:
            field_dict["following"] = following
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.following_response_200_data_data_response_aggregation_data import (
            FollowingResponse200DataDataResponseAggregationData,
        )
        from ..models.following_response_200_data_data_response_following_item import (
            FollowingResponse200DataDataResponseFollowingItem,
        )

        d = dict(src_dict)
        _aggregation_data = d.pop("aggregationData", UNSET)
        aggregation_data: FollowingResponse200DataDataResponseAggregationData | Unset
        if isinstance(_aggregation_data, Unset):
            aggregation_data = UNSET
        else:
            aggregation_data = (
                FollowingResponse200DataDataResponseAggregationData.from_dict(
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

        _following = d.pop("following", UNSET)
        following: list[FollowingResponse200DataDataResponseFollowingItem] | Unset = (
            UNSET
        )
        if _following is not UNSET:
            following = []
            for following_item_data in _following:
                following_item = (
                    FollowingResponse200DataDataResponseFollowingItem.from_dict(
                        following_item_data
                    )
                )

                following.append(following_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        following_response_200_data_data_response = cls(
            aggregation_data=aggregation_data,
            cursor=cursor,
            following=following,
            next_cursor=next_cursor,
        )

        following_response_200_data_data_response.additional_properties = d
        return following_response_200_data_data_response

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
