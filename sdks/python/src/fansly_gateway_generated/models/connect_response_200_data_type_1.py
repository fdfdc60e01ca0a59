from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectResponse200DataType1")


@_attrs_define
class ConnectResponse200DataType1:
    """
    Attributes:
        requires_2fa (bool):
        twofa_token (str):
        masked_email (str | Unset):
        message (str | Unset):
        status_code (int | Unset):
        twofa_type (int | Unset):
    """

    requires_2fa: bool
    twofa_token: str
    masked_email: str | Unset = UNSET
    message: str | Unset = UNSET
    status_code: int | Unset = UNSET
    twofa_type: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        requires_2fa = self.requires_2fa

        twofa_token = self.twofa_token

        masked_email = self.masked_email

        message = self.message

        status_code = self.status_code

        twofa_type = self.twofa_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "requires_2fa": requires_2fa,
                "twofa_token": twofa_token,
            }
        )
        if masked_email is not UNSET:
            field_dict["masked_email"] = masked_email
        if message is not UNSET:
            field_dict["message"] = message
        if status_code is not UNSET:
            field_dict["status_code"] = status_code
        if twofa_type is not UNSET:
            field_dict["twofa_type"] = twofa_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        requires_2fa = d.pop("requires_2fa")

        twofa_token = d.pop("twofa_token")

        masked_email = d.pop("masked_email", UNSET)

        message = d.pop("message", UNSET)

        status_code = d.pop("status_code", UNSET)

        twofa_type = d.pop("twofa_type", UNSET)

        connect_response_200_data_type_1 = cls(
            requires_2fa=requires_2fa,
            twofa_token=twofa_token,
            masked_email=masked_email,
            message=message,
            status_code=status_code,
            twofa_type=twofa_type,
        )

        connect_response_200_data_type_1.additional_properties = d
        return connect_response_200_data_type_1

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
