from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media import Media


T = TypeVar("T", bound="VaultRow")


@_attrs_define
class VaultRow:
    """
    Attributes:
        album_media_id (str | Unset):
        custom_filename (None | str | Unset):
        id (str | Unset):
        media (Media | Unset):
        media_id (str | Unset):
        media_type (int | Unset):
        preview_id (None | str | Unset):
    """

    album_media_id: str | Unset = UNSET
    custom_filename: None | str | Unset = UNSET
    id: str | Unset = UNSET
    media: Media | Unset = UNSET
    media_id: str | Unset = UNSET
    media_type: int | Unset = UNSET
    preview_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        album_media_id = self.album_media_id

        custom_filename: None | str | Unset
        if isinstance(self.custom_filename, Unset):
            custom_filename = UNSET
        else:
            custom_filename = self.custom_filename

        id = self.id

        media: dict[str, Any] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = self.media.to_dict()

        media_id = self.media_id

        media_type = self.media_type

        preview_id: None | str | Unset
        if isinstance(self.preview_id, Unset):
            preview_id = UNSET
        else:
            preview_id = self.preview_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if album_media_id is not UNSET:
            field_dict["albumMediaId"] = album_media_id
        if custom_filename is not UNSET:
            field_dict["customFilename"] = custom_filename
        if id is not UNSET:
            field_dict["id"] = id
        if media is not UNSET:
            field_dict["media"] = media
        if media_id is not UNSET:
            field_dict["mediaId"] = media_id
        if media_type is not UNSET:
            field_dict["mediaType"] = media_type
        if preview_id is not UNSET:
            field_dict["previewId"] = preview_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.media import Media

        d = dict(src_dict)
        album_media_id = d.pop("albumMediaId", UNSET)

        def _parse_custom_filename(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        custom_filename = _parse_custom_filename(d.pop("customFilename", UNSET))

        id = d.pop("id", UNSET)

        _media = d.pop("media", UNSET)
        media: Media | Unset
        if isinstance(_media, Unset):
            media = UNSET
        else:
            media = Media.from_dict(_media)

        media_id = d.pop("mediaId", UNSET)

        media_type = d.pop("mediaType", UNSET)

        def _parse_preview_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_id = _parse_preview_id(d.pop("previewId", UNSET))

        vault_row = cls(
            album_media_id=album_media_id,
            custom_filename=custom_filename,
            id=id,
            media=media,
            media_id=media_id,
            media_type=media_type,
            preview_id=preview_id,
        )

        vault_row.additional_properties = d
        return vault_row

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
