from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="List")


@_attrs_define
class List:
    """
    Attributes:
        account_id (str | Unset):
        id (str | Unset):
        item_count (int | Unset):
        label (str | Unset):
        pos (int | Unset):
        type_ (int | Unset):
    """

    account_id: str | Unset = UNSET
    id: str | Unset = UNSET
    item_count: int | Unset = UNSET
    label: str | Unset = UNSET
    pos: int | Unset = UNSET
    type_: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        id = self.id

        item_count = self.item_count

        label = self.label

        pos = self.pos

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if id is not UNSET:
            field_dict["id"] = id
        if item_count is not UNSET:
            field_dict["itemCount"] = item_count
        if label is not UNSET:
            field_dict["label"] = label
        if pos is not UNSET:
            field_dict["pos"] = pos
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        id = d.pop("id", UNSET)

        item_count = d.pop("itemCount", UNSET)

        label = d.pop("label", UNSET)

        pos = d.pop("pos", UNSET)

        type_ = d.pop("type", UNSET)

        list_ = cls(
            account_id=account_id,
            id=id,
            item_count=item_count,
            label=label,
            pos=pos,
            type_=type_,
        )

        list_.additional_properties = d
        return list_

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
