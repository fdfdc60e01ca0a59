from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.readyz_response_200_data_status import ReadyzResponse200DataStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReadyzResponse200Data")


@_attrs_define
class ReadyzResponse200Data:
    """
    Attributes:
        database (str | Unset):
        migrations (str | Unset):
        status (ReadyzResponse200DataStatus | Unset):
    """

    database: str | Unset = UNSET
    migrations: str | Unset = UNSET
    status: ReadyzResponse200DataStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        database = self.database

        migrations = self.migrations

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if database is not UNSET:
            field_dict["database"] = database
        if migrations is not UNSET:
            field_dict["migrations"] = migrations
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        database = d.pop("database", UNSET)

        migrations = d.pop("migrations", UNSET)

        _status = d.pop("status", UNSET)
        status: ReadyzResponse200DataStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ReadyzResponse200DataStatus(_status)

        readyz_response_200_data = cls(
            database=database,
            migrations=migrations,
            status=status,
        )

        readyz_response_200_data.additional_properties = d
        return readyz_response_200_data

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
