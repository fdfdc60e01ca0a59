from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.balance_response_200_data_data_response_wallets_item import (
        BalanceResponse200DataDataResponseWalletsItem,
    )


T = TypeVar("T", bound="BalanceResponse200DataDataResponse")


@_attrs_define
class BalanceResponse200DataDataResponse:
    """
    Attributes:
        pending_balance (int | Unset):
        total_earnings (int | Unset):
        wallets (list[BalanceResponse200DataDataResponseWalletsItem] | Unset):
    """

    pending_balance: int | Unset = UNSET
    total_earnings: int | Unset = UNSET
    wallets: list[BalanceResponse200DataDataResponseWalletsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pending_balance = self.pending_balance

        total_earnings = self.total_earnings

        wallets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.wallets, Unset):
            wallets = []
            for wallets_item_data in self.wallets:
                wallets_item = wallets_item_data.to_dict()
                wallets.append(wallets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pending_balance is not UNSET:
            field_dict["pendingBalance"] = pending_balance
        if total_earnings is not UNSET:
            field_dict["totalEarnings"] = total_earnings
        if wallets is not UNSET:
            field_dict["wallets"] = wallets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.balance_response_200_data_data_response_wallets_item import (
            BalanceResponse200DataDataResponseWalletsItem,
        )

        d = dict(src_dict)
        pending_balance = d.pop("pendingBalance", UNSET)

        total_earnings = d.pop("totalEarnings", UNSET)

        _wallets = d.pop("wallets", UNSET)
        wallets: list[BalanceResponse200DataDataResponseWalletsItem] | Unset = UNSET
        if _wallets is not UNSET:
            wallets = []
            for wallets_item_data in _wallets:
                wallets_item = BalanceResponse200DataDataResponseWalletsItem.from_dict(
                    wallets_item_data
                )

                wallets.append(wallets_item)

        balance_response_200_data_data_response = cls(
            pending_balance=pending_balance,
            total_earnings=total_earnings,
            wallets=wallets,
        )

        balance_response_200_data_data_response.additional_properties = d
        return balance_response_200_data_data_response

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
