from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.list_tracking_links_response_200_data_data import (
        ListTrackingLinksResponse200DataData,
    )


T = TypeVar("T", bound="ListTrackingLinksResponse200Data")


@_attrs_define
class ListTrackingLinksResponse200Data:
    """
    Attributes:
        data (ListTrackingLinksResponse200DataData):
        status_code (int): Fansly's HTTP status
    """

    data: ListTrackingLinksResponse200DataData
    status_code: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        status_code = self.status_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "status_code": status_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.list_tracking_links_response_200_data_data import (
            ListTrackingLinksResponse200DataData,
        )

        d = dict(src_dict)
        data = ListTrackingLinksResponse200DataData.from_dict(d.pop("data"))

        status_code = d.pop("status_code")

        list_tracking_links_response_200_data = cls(
            data=data,
            status_code=status_code,
        )

        list_tracking_links_response_200_data.additional_properties = d
        return list_tracking_links_response_200_data

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
