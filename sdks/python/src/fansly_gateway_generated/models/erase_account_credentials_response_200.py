from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.erase_account_credentials_response_200_data import (
        EraseAccountCredentialsResponse200Data,
    )


T = TypeVar("T", bound="EraseAccountCredentialsResponse200")


@_attrs_define
class EraseAccountCredentialsResponse200:
    """
    Attributes:
        data (EraseAccountCredentialsResponse200Data):
        message (str):
        status_code (int): Equal to the HTTP status.
        timestamp (datetime.datetime):
    """

    data: EraseAccountCredentialsResponse200Data
    message: str
    status_code: int
    timestamp: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        message = self.message

        status_code = self.status_code

        timestamp = self.timestamp.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "message": message,
                "statusCode": status_code,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.erase_account_credentials_response_200_data import (
            EraseAccountCredentialsResponse200Data,
        )

        d = dict(src_dict)
        data = EraseAccountCredentialsResponse200Data.from_dict(d.pop("data"))

        message = d.pop("message")

        status_code = d.pop("statusCode")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        erase_account_credentials_response_200 = cls(
            data=data,
            message=message,
            status_code=status_code,
            timestamp=timestamp,
        )

        erase_account_credentials_response_200.additional_properties = d
        return erase_account_credentials_response_200

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
