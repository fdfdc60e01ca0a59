from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stats_row import StatsRow


T = TypeVar("T", bound="EarningsStatisticsResponse200DataDataResponse")


@_attrs_define
class EarningsStatisticsResponse200DataDataResponse:
    """
    Attributes:
        pending_balance (int | Unset):
        stats (list[StatsRow] | Unset):
        total_earnings (int | Unset):
    """

    pending_balance: int | Unset = UNSET
    stats: list[StatsRow] | Unset = UNSET
    total_earnings: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pending_balance = self.pending_balance

        stats: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = []
            for stats_item_data in self.stats:
                stats_item = stats_item_data.to_dict()
                stats.append(stats_item)

        total_earnings = self.total_earnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pending_balance is not UNSET:
            field_dict["pendingBalance"] = pending_balance
        if stats is not UNSET:
            field_dict["stats"] = stats
        if total_earnings is not UNSET:
            field_dict["totalEarnings"] = total_earnings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stats_row import StatsRow

        d = dict(src_dict)
        pending_balance = d.pop("pendingBalance", UNSET)

        _stats = d.pop("stats", UNSET)
        stats: list[StatsRow] | Unset = UNSET
        if _stats is not UNSET:
            stats = []
            for stats_item_data in _stats:
                stats_item = StatsRow.from_dict(stats_item_data)

                stats.append(stats_item)

        total_earnings = d.pop("totalEarnings", UNSET)

        earnings_statistics_response_200_data_data_response = cls(
            pending_balance=pending_balance,
            stats=stats,
            total_earnings=total_earnings,
        )

        earnings_statistics_response_200_data_data_response.additional_properties = d
        return earnings_statistics_response_200_data_data_response

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
