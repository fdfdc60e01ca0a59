from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Media")


@_attrs_define
class Media:
    """
    Attributes:
        filename (str | Unset):
        height (int | Unset):
        id (str | Unset):
        locations (list[Any] | Unset):
        mimetype (str | Unset):
        type_ (int | Unset):
        variants (list[Any] | Unset):
        width (int | Unset):
    """

    filename: str | Unset = UNSET
    height: int | Unset = UNSET
    id: str | Unset = UNSET
    locations: list[Any] | Unset = UNSET
    mimetype: str | Unset = UNSET
    type_: int | Unset = UNSET
    variants: list[Any] | Unset = UNSET
    width: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filename = self.filename

        height = self.height

        id = self.id

        locations: list[Any] | Unset = UNSET
        if not isinstance(self.locations, Unset):
            locations = self.locations

        mimetype = self.mimetype

        type_ = self.type_

        variants: list[Any] | Unset = UNSET
        if not isinstance(self.variants, Unset):
            variants = self.variants

        width = self.width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filename is not UNSET:
            field_dict["filename"] = filename
        if height is not UNSET:
            field_dict["height"] = height
        if id is not UNSET:
            field_dict["id"] = id
        if locations is not UNSET:
            field_dict["locations"] = locations
        if mimetype is not UNSET:
            field_dict["mimetype"] = mimetype
        if type_ is not UNSET:
            field_dict["type"] = type_
        if variants is not UNSET:
            field_dict["variants"] = variants
        if width is not UNSET:
            field_dict["width"] = width

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        filename = d.pop("filename", UNSET)

        height = d.pop("height", UNSET)

        id = d.pop("id", UNSET)

        locations = cast(list[Any], d.pop("locations", UNSET))

        mimetype = d.pop("mimetype", UNSET)

        type_ = d.pop("type", UNSET)

        variants = cast(list[Any], d.pop("variants", UNSET))

        width = d.pop("width", UNSET)

        media = cls(
            filename=filename,
            height=height,
            id=id,
            locations=locations,
            mimetype=mimetype,
            type_=type_,
            variants=variants,
            width=width,
        )

        media.additional_properties = d
        return media

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
