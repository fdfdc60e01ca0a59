from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vault_album_media_response_200_data_data_response import (
        VaultAlbumMediaResponse200DataDataResponse,
    )


T = TypeVar("T", bound="VaultAlbumMediaResponse200DataData")


@_attrs_define
class VaultAlbumMediaResponse200DataData:
    """
    Attributes:
        next_cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as
            `cursor`.
        response (VaultAlbumMediaResponse200DataDataResponse | Unset):
        success (bool | Unset):
    """

    next_cursor: None | str | Unset = UNSET
    response: VaultAlbumMediaResponse200DataDataResponse | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response, Unset):
            response = self.response.to_dict()

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor
        if response is not UNSET:
            field_dict["response"] = response
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.vault_album_media_response_200_data_data_response import (
            VaultAlbumMediaResponse200DataDataResponse,
        )

        d = dict(src_dict)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        _response = d.pop("response", UNSET)
        response: VaultAlbumMediaResponse200DataDataResponse | Unset
        if isinstance(_response, Unset):
            response = UNSET
        else:
            response = VaultAlbumMediaResponse200DataDataResponse.from_dict(_response)

        success = d.pop("success", UNSET)

        vault_album_media_response_200_data_data = cls(
            next_cursor=next_cursor,
            response=response,
            success=success,
        )

        vault_album_media_response_200_data_data.additional_properties = d
        return vault_album_media_response_200_data_data

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
