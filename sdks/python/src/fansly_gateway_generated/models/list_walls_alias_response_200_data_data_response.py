from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wall import Wall


T = TypeVar("T", bound="ListWallsAliasResponse200DataDataResponse")


@_attrs_define
class ListWallsAliasResponse200DataDataResponse:
    """
    Attributes:
        walls (list[Wall] | Unset):
    """

    walls: list[Wall] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        walls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.walls, Unset):
            walls = []
            for walls_item_data in self.walls:
                walls_item = walls_item_data.to_dict()
                walls.append(walls_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if walls is not UNSET:
            field_dict["walls"] = walls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.wall import Wall

        d = dict(src_dict)
        _walls = d.pop("walls", UNSET)
        walls: list[Wall] | Unset = UNSET
        if _walls is not UNSET:
            walls = []
            for walls_item_data in _walls:
                walls_item = Wall.from_dict(walls_item_data)

                walls.append(walls_item)

        list_walls_alias_response_200_data_data_response = cls(
            walls=walls,
        )

        list_walls_alias_response_200_data_data_response.additional_properties = d
        return list_walls_alias_response_200_data_data_response

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
