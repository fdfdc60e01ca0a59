from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PostAttachment")


@_attrs_define
class PostAttachment:
    """A post attachment naming its media (client-compat §5.4): `contentType` 1 adds `accountMediaId` (= `contentId`, an id
    in the answer's `accountMedia[]`); `contentType` 2 (a bundle) adds `accountMediaBundleId` (= `contentId`) and
    `accountMediaIds`, the bundle's media in order, each an id in `accountMedia[]`.

        Attributes:
            account_media_bundle_id (str | Unset):
            account_media_id (str | Unset):
            account_media_ids (list[str] | Unset):
            content_id (str | Unset):
            content_type (int | Unset):
            pos (int | Unset):
    """

    account_media_bundle_id: str | Unset = UNSET
    account_media_id: str | Unset = UNSET
    account_media_ids: list[str] | Unset = UNSET
    content_id: str | Unset = UNSET
    content_type: int | Unset = UNSET
    pos: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_media_bundle_id = self.account_media_bundle_id

        account_media_id = self.account_media_id

        account_media_ids: list[str] | Unset = UNSET
        if not isinstance(self.account_media_ids, Unset):
            account_media_ids = self.account_media_ids

        content_id = self.content_id

        content_type = self.content_type

        pos = self.pos

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_media_bundle_id is not UNSET:
            field_dict["accountMediaBundleId"] = account_media_bundle_id
        if account_media_id is not UNSET:
            field_dict["accountMediaId"] = account_media_id
        if account_media_ids is not UNSET:
            field_dict["accountMediaIds"] = account_media_ids
        if content_id is not UNSET:
            field_dict["contentId"] = content_id
        if content_type is not UNSET:
            field_dict["contentType"] = content_type
        if pos is not UNSET:
            field_dict["pos"] = pos

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_media_bundle_id = d.pop("accountMediaBundleId", UNSET)

        account_media_id = d.pop("accountMediaId", UNSET)

        account_media_ids = cast(list[str], d.pop("accountMediaIds", UNSET))

        content_id = d.pop("contentId", UNSET)

        content_type = d.pop("contentType", UNSET)

        pos = d.pop("pos", UNSET)

        post_attachment = cls(
            account_media_bundle_id=account_media_bundle_id,
            account_media_id=account_media_id,
            account_media_ids=account_media_ids,
            content_id=content_id,
            content_type=content_type,
            pos=pos,
        )

        post_attachment.additional_properties = d
        return post_attachment

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
