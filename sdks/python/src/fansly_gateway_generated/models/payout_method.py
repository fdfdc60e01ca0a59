from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PayoutMethod")


@_attrs_define
class PayoutMethod:
    """
    Attributes:
        account_id (str | Unset):
        created_at (int | Unset): Unix milliseconds
        deleted_at (int | None | Unset): Unix milliseconds
        flags (int | Unset):
        id (str | Unset):
        metadata (str | Unset):
        provider_id (int | str | Unset): A native Fansly id, as a digit string or a JSON integer.
        status (int | Unset):
        type_ (int | Unset):
        updated_at (int | Unset): Unix milliseconds
    """

    account_id: str | Unset = UNSET
    created_at: int | Unset = UNSET
    deleted_at: int | None | Unset = UNSET
    flags: int | Unset = UNSET
    id: str | Unset = UNSET
    metadata: str | Unset = UNSET
    provider_id: int | str | Unset = UNSET
    status: int | Unset = UNSET
    type_: int | Unset = UNSET
    updated_at: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        created_at = self.created_at

        deleted_at: int | None | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        else:
            deleted_at = self.deleted_at

        flags = self.flags

        id = self.id

        metadata = self.metadata

        provider_id: int | str | Unset
        if isinstance(self.provider_id, Unset):
            provider_id = UNSET
        else:
            provider_id = self.provider_id

        status = self.status

        type_ = self.type_

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if deleted_at is not UNSET:
            field_dict["deletedAt"] = deleted_at
        if flags is not UNSET:
            field_dict["flags"] = flags
        if id is not UNSET:
            field_dict["id"] = id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if provider_id is not UNSET:
            field_dict["providerId"] = provider_id
        if status is not UNSET:
            field_dict["status"] = status
        if type_ is not UNSET:
            field_dict["type"] = type_
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        created_at = d.pop("createdAt", UNSET)

        def _parse_deleted_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        deleted_at = _parse_deleted_at(d.pop("deletedAt", UNSET))

        flags = d.pop("flags", UNSET)

        id = d.pop("id", UNSET)

        metadata = d.pop("metadata", UNSET)

        def _parse_provider_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        provider_id = _parse_provider_id(d.pop("providerId", UNSET))

        status = d.pop("status", UNSET)

        type_ = d.pop("type", UNSET)

        updated_at = d.pop("updatedAt", UNSET)

        payout_method = cls(
            account_id=account_id,
            created_at=created_at,
            deleted_at=deleted_at,
            flags=flags,
            id=id,
            metadata=metadata,
            provider_id=provider_id,
            status=status,
            type_=type_,
            updated_at=updated_at,
        )

        payout_method.additional_properties = d
        return payout_method

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
