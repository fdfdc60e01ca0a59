from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verify_2_fa_response_200_data_data import Verify2FaResponse200DataData


T = TypeVar("T", bound="Verify2FaResponse200Data")


@_attrs_define
class Verify2FaResponse200Data:
    """
    Attributes:
        account_id (str):
        accountId (str | Unset): The gateway's account id (= `account_id`), to use in every `/{account_id}/…` path.
        data (Verify2FaResponse200DataData | Unset): `response: {accountId: <the gateway's account id>, fanslyAccountId:
            <Fansly's id>}` for clients that read a nested answer; never a token.
        fansly_account_id (str | Unset): Fansly's own id of the creator account.
        message (str | Unset):
        status_code (int | Unset):
    """

    account_id: str
    accountId: str | Unset = UNSET
    data: Verify2FaResponse200DataData | Unset = UNSET
    fansly_account_id: str | Unset = UNSET
    message: str | Unset = UNSET
    status_code: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        accountId = self.accountId

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        fansly_account_id = self.fansly_account_id

        message = self.message

        status_code = self.status_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
            }
        )
        if accountId is not UNSET:
            field_dict["accountId"] = accountId
        if data is not UNSET:
            field_dict["data"] = data
        if fansly_account_id is not UNSET:
            field_dict["fanslyAccountId"] = fansly_account_id
        if message is not UNSET:
            field_dict["message"] = message
        if status_code is not UNSET:
            field_dict["status_code"] = status_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.verify_2_fa_response_200_data_data import (
            Verify2FaResponse200DataData,
        )

        d = dict(src_dict)
        account_id = d.pop("account_id")

        accountId = d.pop("accountId", UNSET)

        _data = d.pop("data", UNSET)
        data: Verify2FaResponse200DataData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = Verify2FaResponse200DataData.from_dict(_data)

        fansly_account_id = d.pop("fanslyAccountId", UNSET)

        message = d.pop("message", UNSET)

        status_code = d.pop("status_code", UNSET)

        verify_2_fa_response_200_data = cls(
            account_id=account_id,
            accountId=accountId,
            data=data,
            fansly_account_id=fansly_account_id,
            message=message,
            status_code=status_code,
        )

        verify_2_fa_response_200_data.additional_properties = d
        return verify_2_fa_response_200_data

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
