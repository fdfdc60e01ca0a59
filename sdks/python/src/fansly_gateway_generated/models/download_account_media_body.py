from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DownloadAccountMediaBody")


@_attrs_define
class DownloadAccountMediaBody:
    """
    Attributes:
        cdn_url (str): An absolute https URL on an allowed Fansly CDN origin (`--cdn-host`); anything else → 400 with no
            upstream request.
    """

    cdn_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cdn_url = self.cdn_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cdnUrl": cdn_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cdn_url = d.pop("cdnUrl")

        download_account_media_body = cls(
            cdn_url=cdn_url,
        )

        download_account_media_body.additional_properties = d
        return download_account_media_body

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
