from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Group")


@_attrs_define
class Group:
    """
    Attributes:
        id (str | Unset):
        recipients (list[Any] | Unset):
        type_ (int | Unset):
        users (list[Any] | Unset):
    """

    id: str | Unset = UNSET
    recipients: list[Any] | Unset = UNSET
    type_: int | Unset = UNSET
    users: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        recipients: list[Any] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = self.recipients

        type_ = self.type_

        users: list[Any] | Unset = UNSET
        if not isinstance(self.users, Unset):
            users = self.users

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if recipients is not UNSET:
            field_dict["recipients"] = recipients
        if type_ is not UNSET:
            field_dict["type"] = type_
        if users is not UNSET:
            field_dict["users"] = users

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        recipients = cast(list[Any], d.pop("recipients", UNSET))

        type_ = d.pop("type", UNSET)

        users = cast(list[Any], d.pop("users", UNSET))

        group = cls(
            id=id,
            recipients=recipients,
            type_=type_,
            users=users,
        )

        group.additional_properties = d
        return group

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
