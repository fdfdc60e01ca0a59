from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateGroupBodyUsersItem")


@_attrs_define
class CreateGroupBodyUsersItem:
    """
    Attributes:
        user_id (int | str): A native Fansly id, as a digit string or a JSON integer.
        permission_flags (int | Unset):
    """

    user_id: int | str
    permission_flags: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id: int | str
        user_id = self.user_id

        permission_flags = self.permission_flags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "userId": user_id,
            }
        )
        if permission_flags is not UNSET:
            field_dict["permissionFlags"] = permission_flags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_user_id(data: object) -> int | str:
            return cast(int | str, data)

        user_id = _parse_user_id(d.pop("userId"))

        permission_flags = d.pop("permissionFlags", UNSET)

        create_group_body_users_item = cls(
            user_id=user_id,
            permission_flags=permission_flags,
        )

        create_group_body_users_item.additional_properties = d
        return create_group_body_users_item

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
