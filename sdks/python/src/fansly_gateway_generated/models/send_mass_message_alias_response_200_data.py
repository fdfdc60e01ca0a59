from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.send_mass_message_alias_response_200_data_data import (
        SendMassMessageAliasResponse200DataData,
    )


T = TypeVar("T", bound="SendMassMessageAliasResponse200Data")


@_attrs_define
class SendMassMessageAliasResponse200Data:
    """
    Attributes:
        data (SendMassMessageAliasResponse200DataData):
        status_code (int): Fansly's HTTP status
        failed (int | Unset):
        sent (int | Unset):
        success (bool | Unset):
    """

    data: SendMassMessageAliasResponse200DataData
    status_code: int
    failed: int | Unset = UNSET
    sent: int | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        status_code = self.status_code

        failed = self.failed

        sent = self.sent

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "status_code": status_code,
            }
        )
        if failed is not UNSET:
            field_dict["failed"] = failed
        if sent is not UNSET:
            field_dict["sent"] = sent
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.send_mass_message_alias_response_200_data_data import (
            SendMassMessageAliasResponse200DataData,
        )

        d = dict(src_dict)
        data = SendMassMessageAliasResponse200DataData.from_dict(d.pop("data"))

        status_code = d.pop("status_code")

        failed = d.pop("failed", UNSET)

        sent = d.pop("sent", UNSET)

        success = d.pop("success", UNSET)

        send_mass_message_alias_response_200_data = cls(
            data=data,
            status_code=status_code,
            failed=failed,
            sent=sent,
            success=success,
        )

        send_mass_message_alias_response_200_data.additional_properties = d
        return send_mass_message_alias_response_200_data

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
