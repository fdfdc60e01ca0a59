from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """
    Attributes:
        account_id (str | Unset):
        correlation_id (str | Unset):
        created_at (int | Unset): Unix milliseconds
        id (str | Unset):
        read (bool | Unset):
        type_ (int | Unset):
    """

    account_id: str | Unset = UNSET
    correlation_id: str | Unset = UNSET
    created_at: int | Unset = UNSET
    id: str | Unset = UNSET
    read: bool | Unset = UNSET
    type_: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        correlation_id = self.correlation_id

        created_at = self.created_at

        id = self.id

        read = self.read

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if correlation_id is not UNSET:
            field_dict["correlationId"] = correlation_id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if id is not UNSET:
            field_dict["id"] = id
        if read is not UNSET:
            field_dict["read"] = read
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        correlation_id = d.pop("correlationId", UNSET)

        created_at = d.pop("createdAt", UNSET)

        id = d.pop("id", UNSET)

        read = d.pop("read", UNSET)

        type_ = d.pop("type", UNSET)

        notification = cls(
            account_id=account_id,
            correlation_id=correlation_id,
            created_at=created_at,
            id=id,
            read=read,
            type_=type_,
        )

        notification.additional_properties = d
        return notification

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
