from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.post_attachment import PostAttachment


T = TypeVar("T", bound="Post")


@_attrs_define
class Post:
    """
    Attributes:
        account_id (str | Unset):
        attachments (list[PostAttachment] | Unset):
        content (str | Unset):
        created_at (int | None | Unset):
        expires_at (int | None | Unset):
        fyp_flags (int | Unset):
        id (str | Unset):
        pinned (Any | Unset):
        wall_ids (list[str] | Unset):
    """

    account_id: str | Unset = UNSET
    attachments: list[PostAttachment] | Unset = UNSET
    content: str | Unset = UNSET
    created_at: int | None | Unset = UNSET
    expires_at: int | None | Unset = UNSET
    fyp_flags: int | Unset = UNSET
    id: str | Unset = UNSET
    pinned: Any | Unset = UNSET
    wall_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        content = self.content

        created_at: int | None | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        expires_at: int | None | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        fyp_flags = self.fyp_flags

        id = self.id

        pinned = self.pinned

        wall_ids: list[str] | Unset = UNSET
        if not isinstance(self.wall_ids, Unset):
            wall_ids = self.wall_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if content is not UNSET:
            field_dict["content"] = content
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if expires_at is not UNSET:
            field_dict["expiresAt"] = expires_at
        if fyp_flags is not UNSET:
            field_dict["fypFlags"] = fyp_flags
        if id is not UNSET:
            field_dict["id"] = id
        if pinned is not UNSET:
            field_dict["pinned"] = pinned
        if wall_ids is not UNSET:
            field_dict["wallIds"] = wall_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.post_attachment import PostAttachment

        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[PostAttachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = PostAttachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        content = d.pop("content", UNSET)

        def _parse_created_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        created_at = _parse_created_at(d.pop("createdAt", UNSET))

        def _parse_expires_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expiresAt", UNSET))

        fyp_flags = d.pop("fypFlags", UNSET)

        id = d.pop("id", UNSET)

        pinned = d.pop("pinned", UNSET)

        wall_ids = cast(list[str], d.pop("wallIds", UNSET))

        post = cls(
            account_id=account_id,
            attachments=attachments,
            content=content,
            created_at=created_at,
            expires_at=expires_at,
            fyp_flags=fyp_flags,
            id=id,
            pinned=pinned,
            wall_ids=wall_ids,
        )

        post.additional_properties = d
        return post

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
