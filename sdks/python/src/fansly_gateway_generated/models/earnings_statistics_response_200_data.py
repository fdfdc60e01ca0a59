from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.earnings_statistics_response_200_data_data import (
        EarningsStatisticsResponse200DataData,
    )
    from ..models.earnings_statistics_response_200_data_period import (
        EarningsStatisticsResponse200DataPeriod,
    )


T = TypeVar("T", bound="EarningsStatisticsResponse200Data")


@_attrs_define
class EarningsStatisticsResponse200Data:
    """
    Attributes:
        data (EarningsStatisticsResponse200DataData):
        status_code (int): Fansly's HTTP status
        messages (float | Unset):
        period (EarningsStatisticsResponse200DataPeriod | Unset):
        subscriptions (float | Unset):
        tips (float | Unset):
        total (float | Unset):
    """

    data: EarningsStatisticsResponse200DataData
    status_code: int
    messages: float | Unset = UNSET
    period: EarningsStatisticsResponse200DataPeriod | Unset = UNSET
    subscriptions: float | Unset = UNSET
    tips: float | Unset = UNSET
    total: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        status_code = self.status_code

        messages = self.messages

        period: dict[str, Any] | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.to_dict()

        subscriptions = self.subscriptions

        tips = self.tips

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "status_code": status_code,
            }
        )
        if messages is not UNSET:
            field_dict["messages"] = messages
        if period is not UNSET:
            field_dict["period"] = period
        if subscriptions is not UNSET:
            field_dict["subscriptions"] = subscriptions
        if tips is not UNSET:
            field_dict["tips"] = tips
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.earnings_statistics_response_200_data_data import (
            EarningsStatisticsResponse200DataData,
        )
        from ..models.earnings_statistics_response_200_data_period import (
            EarningsStatisticsResponse200DataPeriod,
        )

        d = dict(src_dict)
        data = EarningsStatisticsResponse200DataData.from_dict(d.pop("data"))

        status_code = d.pop("status_code")

        messages = d.pop("messages", UNSET)

        _period = d.pop("period", UNSET)
        period: EarningsStatisticsResponse200DataPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = EarningsStatisticsResponse200DataPeriod.from_dict(_period)

        subscriptions = d.pop("subscriptions", UNSET)

        tips = d.pop("tips", UNSET)

        total = d.pop("total", UNSET)

        earnings_statistics_response_200_data = cls(
            data=data,
            status_code=status_code,
            messages=messages,
            period=period,
            subscriptions=subscriptions,
            tips=tips,
            total=total,
        )

        earnings_statistics_response_200_data.additional_properties = d
        return earnings_statistics_response_200_data

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
