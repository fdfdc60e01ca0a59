from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StatsRow")


@_attrs_define
class StatsRow:
    """
    Attributes:
        count (int | Unset):
        total_gross (int | Unset):
        total_net (int | Unset):
        type_ (int | Unset):
    """

    count: int | Unset = UNSET
    total_gross: int | Unset = UNSET
    total_net: int | Unset = UNSET
    type_: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        total_gross = self.total_gross

        total_net = self.total_net

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if count is not UNSET:
            field_dict["count"] = count
        if total_gross is not UNSET:
            field_dict["totalGross"] = total_gross
        if total_net is not UNSET:
            field_dict["totalNet"] = total_net
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        count = d.pop("count", UNSET)

        total_gross = d.pop("totalGross", UNSET)

        total_net = d.pop("totalNet", UNSET)

        type_ = d.pop("type", UNSET)

        stats_row = cls(
            count=count,
            total_gross=total_gross,
            total_net=total_net,
            type_=type_,
        )

        stats_row.additional_properties = d
        return stats_row

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
