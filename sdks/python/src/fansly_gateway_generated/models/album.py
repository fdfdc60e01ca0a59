from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Album")


@_attrs_define
class Album:
    """
    Attributes:
        account_id (str | Unset):
        created_at (int | Unset): Unix milliseconds
        description (str | Unset):
        id (str | Unset):
        item_count (int | Unset):
        pos (int | Unset):
        title (str | Unset):
        type_ (int | Unset):
    """

    account_id: str | Unset = UNSET
    created_at: int | Unset = UNSET
    description: str | Unset = UNSET
    id: str | Unset = UNSET
    item_count: int | Unset = UNSET
    pos: int | Unset = UNSET
    title: str | Unset = UNSET
    type_: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        created_at = self.created_at

        description = self.description

        id = self.id

        item_count = self.item_count

        pos = self.pos

        title = self.title

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if description is not UNSET:
            field_dict["description"] = description
        if id is not UNSET:
            field_dict["id"] = id
        if item_count is not UNSET:
            field_dict["itemCount"] = item_count
        if pos is not UNSET:
            field_dict["pos"] = pos
        if title is not UNSET:
            field_dict["title"] = title
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        created_at = d.pop("createdAt", UNSET)

        description = d.pop("description", UNSET)

        id = d.pop("id", UNSET)

        item_count = d.pop("itemCount", UNSET)

        pos = d.pop("pos", UNSET)

        title = d.pop("title", UNSET)

        type_ = d.pop("type", UNSET)

        album = cls(
            account_id=account_id,
            created_at=created_at,
            description=description,
            id=id,
            item_count=item_count,
            pos=pos,
            title=title,
            type_=type_,
        )

        album.additional_properties = d
        return album

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
