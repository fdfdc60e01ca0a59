from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Transaction")


@_attrs_define
class Transaction:
    """
    Attributes:
        account_id (str | Unset):
        amount (int | Unset):
        correlation_account_id (str | Unset):
        created_at (int | Unset): Unix milliseconds
        status (int | Unset):
        transaction_amount (int | Unset):
        transaction_id (str | Unset):
        type_ (int | Unset):
        wallet_id (str | Unset):
    """

    account_id: str | Unset = UNSET
    amount: int | Unset = UNSET
    correlation_account_id: str | Unset = UNSET
    created_at: int | Unset = UNSET
    status: int | Unset = UNSET
    transaction_amount: int | Unset = UNSET
    transaction_id: str | Unset = UNSET
    type_: int | Unset = UNSET
    wallet_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        amount = self.amount

        correlation_account_id = self.correlation_account_id

        created_at = self.created_at

        status = self.status

        transaction_amount = self.transaction_amount

        transaction_id = self.transaction_id

        type_ = self.type_

        wallet_id = self.wallet_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if amount is not UNSET:
            field_dict["amount"] = amount
        if correlation_account_id is not UNSET:
            field_dict["correlationAccountId"] = correlation_account_id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if status is not UNSET:
            field_dict["status"] = status
        if transaction_amount is not UNSET:
            field_dict["transactionAmount"] = transaction_amount
        if transaction_id is not UNSET:
            field_dict["transactionId"] = transaction_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if wallet_id is not UNSET:
            field_dict["walletId"] = wallet_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        amount = d.pop("amount", UNSET)

        correlation_account_id = d.pop("correlationAccountId", UNSET)

        created_at = d.pop("createdAt", UNSET)

        status = d.pop("status", UNSET)

        transaction_amount = d.pop("transactionAmount", UNSET)

        transaction_id = d.pop("transactionId", UNSET)

        type_ = d.pop("type", UNSET)

        wallet_id = d.pop("walletId", UNSET)

        transaction = cls(
            account_id=account_id,
            amount=amount,
            correlation_account_id=correlation_account_id,
            created_at=created_at,
            status=status,
            transaction_amount=transaction_amount,
            transaction_id=transaction_id,
            type_=type_,
            wallet_id=wallet_id,
        )

        transaction.additional_properties = d
        return transaction

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
