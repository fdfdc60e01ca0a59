from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_tips_response_200_data_data_response_aggregation_data import (
        ChatTipsResponse200DataDataResponseAggregationData,
    )


T = TypeVar("T", bound="ChatTipsResponse200DataDataResponse")


@_attrs_define
class ChatTipsResponse200DataDataResponse:
    """
    Attributes:
        aggregation_data (ChatTipsResponse200DataDataResponseAggregationData | Unset):
        count (int | Unset):
        tips (list[Any] | Unset):
        total_gross (int | Unset):
        total_net (int | Unset):
    """

    aggregation_data: ChatTipsResponse200DataDataResponseAggregationData | Unset = UNSET
    count: int | Unset = UNSET
    tips: list[Any] | Unset = UNSET
    total_gross: int | Unset = UNSET
    total_net: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregation_data, Unset):
            aggregation_data = self.aggregation_data.to_dict()

        count = self.count

        tips: list[Any] | Unset = UNSET
        if not isinstance(self.tips, Unset):
            tips = self.tips

        total_gross = self.total_gross

        total_net = self.total_net

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregation_data is not UNSET:
            field_dict["aggregationData"] = aggregation_data
        if count is not UNSET:
            field_dict["count"] = count
        if tips is not UNSET:
            field_dict["tips"] = tips
        if total_gross is not UNSET:
            field_dict["totalGross"] = total_gross
        if total_net is not UNSET:
            field_dict["totalNet"] = total_net

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chat_tips_response_200_data_data_response_aggregation_data import (
            ChatTipsResponse200DataDataResponseAggregationData,
        )

        d = dict(src_dict)
        _aggregation_data = d.pop("aggregationData", UNSET)
        aggregation_data: ChatTipsResponse200DataDataResponseAggregationData | Unset
        if isinstance(_aggregation_data, Unset):
            aggregation_data = UNSET
        else:
            aggregation_data = (
                ChatTipsResponse200DataDataResponseAggregationData.from_dict(
                    _aggregation_data
                )
            )

        count = d.pop("count", UNSET)

        tips = cast(list[Any], d.pop("tips", UNSET))

        total_gross = d.pop("totalGross", UNSET)

        total_net = d.pop("totalNet", UNSET)

        chat_tips_response_200_data_data_response = cls(
            aggregation_data=aggregation_data,
            count=count,
            tips=tips,
            total_gross=total_gross,
            total_net=total_net,
        )

        chat_tips_response_200_data_data_response.additional_properties = d
        return chat_tips_response_200_data_data_response

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
