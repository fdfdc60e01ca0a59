from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RemoveListMemberBody")


@_attrs_define
class RemoveListMemberBody:
    """
    Attributes:
        list_id (int | str): A native Fansly id, as a digit string or a JSON integer.
        user_id (int | str): A native Fansly id, as a digit string or a JSON integer.
    """

    list_id: int | str
    user_id: int | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_id: int | str
        list_id = self.list_id

        user_id: int | str
        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "listId": list_id,
                "userId": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_list_id(data: object) -> int | str:
            return cast(int | str, data)

        list_id = _parse_list_id(d.pop("listId"))

        def _parse_user_id(data: object) -> int | str:
            return cast(int | str, data)

        user_id = _parse_user_id(d.pop("userId"))

        remove_list_member_body = cls(
            list_id=list_id,
            user_id=user_id,
        )

        remove_list_member_body.additional_properties = d
        return remove_list_member_body

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
