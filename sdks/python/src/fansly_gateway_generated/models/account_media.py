from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media import Media


T = TypeVar("T", bound="AccountMedia")


@_attrs_define
class AccountMedia:
    """
    Attributes:
        id (str | Unset):
        media (Media | Unset):
        media_id (str | Unset):
        permission_flags (int | Unset):
        preview_id (None | str | Unset):
        price (int | Unset):
    """

    id: str | Unset = UNSET
    media: Media | Unset = UNSET
    media_id: str | Unset = UNSET
    permission_flags: int | Unset = UNSET
    preview_id: None | str | Unset = UNSET
    price: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        media: dict[str, Any] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = self.media.to_dict()

        media_id = self.media_id

        permission_flags = self.permission_flags

        preview_id: None | str | Unset
        if isinstance(self.preview_id, Unset):
            preview_id = UNSET
        else:
            preview_id = self.preview_id

        price = self.price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if media is not UNSET:
            field_dict["media"] = media
        if media_id is not UNSET:
            field_dict["mediaId"] = media_id
        if permission_flags is not UNSET:
            field_dict["permissionFlags"] = permission_flags
        if preview_id is not UNSET:
            field_dict["previewId"] = preview_id
        if price is not UNSET:
            field_dict["price"] = price

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.media import Media

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _media = d.pop("media", UNSET)
        media: Media | Unset
        if isinstance(_media, Unset):
            media = UNSET
        else:
            media = Media.from_dict(_media)

        media_id = d.pop("mediaId", UNSET)

        permission_flags = d.pop("permissionFlags", UNSET)

        def _parse_preview_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_id = _parse_preview_id(d.pop("previewId", UNSET))

        price = d.pop("price", UNSET)

        account_media = cls(
            id=id,
            media=media,
            media_id=media_id,
            permission_flags=permission_flags,
            preview_id=preview_id,
            price=price,
        )

        account_media.additional_properties = d
        return account_media

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
