from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connected_account import ConnectedAccount


T = TypeVar("T", bound="ListAccountsResponse200Data")


@_attrs_define
class ListAccountsResponse200Data:
    """
    Attributes:
        accounts (list[ConnectedAccount] | Unset):
        count (int | Unset):
        success (bool | Unset):
    """

    accounts: list[ConnectedAccount] | Unset = UNSET
    count: int | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.accounts, Unset):
            accounts = []
            for accounts_item_data in self.accounts:
                accounts_item = accounts_item_data.to_dict()
                accounts.append(accounts_item)

        count = self.count

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if accounts is not UNSET:
            field_dict["accounts"] = accounts
        if count is not UNSET:
            field_dict["count"] = count
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connected_account import ConnectedAccount

        d = dict(src_dict)
        _accounts = d.pop("accounts", UNSET)
        accounts: list[ConnectedAccount] | Unset = UNSET
        if _accounts is not UNSET:
            accounts = []
            for accounts_item_data in _accounts:
                accounts_item = ConnectedAccount.from_dict(accounts_item_data)

                accounts.append(accounts_item)

        count = d.pop("count", UNSET)

        success = d.pop("success", UNSET)

        list_accounts_response_200_data = cls(
            accounts=accounts,
            count=count,
            success=success,
        )

        list_accounts_response_200_data.additional_properties = d
        return list_accounts_response_200_data

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
