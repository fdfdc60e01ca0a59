from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vault_row import VaultRow


T = TypeVar("T", bound="VaultAlbumMediaResponse200DataDataResponse")


@_attrs_define
class VaultAlbumMediaResponse200DataDataResponse:
    """
    Attributes:
        album_media (list[Any] | Unset):
        cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as `cursor`.
        media (list[VaultRow] | Unset):
        next_cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as
            `cursor`.
    """

    album_media: list[Any] | Unset = UNSET
    cursor: None | str | Unset = UNSET
    media: list[VaultRow] | Unset = UNSET
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        album_media: list[Any] | Unset = UNSET
        if not isinstance(self.album_media, Unset):
            album_media = self.album_media

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        else:
            cursor = self.cursor

        media: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = []
            for media_item_data in self.media:
                media_item = media_item_data.to_dict()
                media.append(media_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if album_media is not UNSET:
            field_dict["albumMedia"] = album_media
        if cursor is not UNSET:
            field_dict["cursor"] = cursor
        if media is not UNSET:
            field_dict["media"] = media
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.vault_row import VaultRow

        d = dict(src_dict)
        album_media = cast(list[Any], d.pop("albumMedia", UNSET))

        def _parse_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cursor = _parse_cursor(d.pop("cursor", UNSET))

        _media = d.pop("media", UNSET)
        media: list[VaultRow] | Unset = UNSET
        if _media is not UNSET:
            media = []
            for media_item_data in _media:
                media_item = VaultRow.from_dict(media_item_data)

                media.append(media_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        vault_album_media_response_200_data_data_response = cls(
            album_media=album_media,
            cursor=cursor,
            media=media,
            next_cursor=next_cursor,
        )

        vault_album_media_response_200_data_data_response.additional_properties = d
        return vault_album_media_response_200_data_data_response

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
