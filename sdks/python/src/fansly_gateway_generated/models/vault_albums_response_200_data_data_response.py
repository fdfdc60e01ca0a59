from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.album import Album
    from ..models.vault_albums_response_200_data_data_response_aggregation_data import (
        VaultAlbumsResponse200DataDataResponseAggregationData,
    )


T = TypeVar("T", bound="VaultAlbumsResponse200DataDataResponse")


@_attrs_define
class VaultAlbumsResponse200DataDataResponse:
    """
    Attributes:
        aggregation_data (VaultAlbumsResponse200DataDataResponseAggregationData | Unset):
        albums (list[Album] | Unset):
    """

    aggregation_data: VaultAlbumsResponse200DataDataResponseAggregationData | Unset = (
        UNSET
    )
    albums: list[Album] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregation_data, Unset):
            aggregation_data = self.aggregation_data.to_dict()

        albums: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.albums, Unset):
            albums = []
            for albums_item_data in self.albums:
                albums_item = albums_item_data.to_dict()
                albums.append(albums_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregation_data is not UNSET:
            field_dict["aggregationData"] = aggregation_data
        if albums is not UNSET:
            field_dict["albums"] = albums

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.album import Album
        from ..models.vault_albums_response_200_data_data_response_aggregation_data import (
            VaultAlbumsResponse200DataDataResponseAggregationData,
        )

        d = dict(src_dict)
        _aggregation_data = d.pop("aggregationData", UNSET)
        aggregation_data: VaultAlbumsResponse200DataDataResponseAggregationData | Unset
        if isinstance(_aggregation_data, Unset):
            aggregation_data = UNSET
        else:
            aggregation_data = (
                VaultAlbumsResponse200DataDataResponseAggregationData.from_dict(
                    _aggregation_data
                )
            )

        _albums = d.pop("albums", UNSET)
        albums: list[Album] | Unset = UNSET
        if _albums is not UNSET:
            albums = []
            for albums_item_data in _albums:
                albums_item = Album.from_dict(albums_item_data)

                albums.append(albums_item)

        vault_albums_response_200_data_data_response = cls(
            aggregation_data=aggregation_data,
            albums=albums,
        )

        vault_albums_response_200_data_data_response.additional_properties = d
        return vault_albums_response_200_data_data_response

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
