from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment import Attachment


T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """
    Attributes:
        attachments (list[Attachment] | Unset):
        content (str | Unset):
        created_at (float | Unset):
        deleted_at (float | None | Unset):
        group_id (str | Unset):
        id (str | Unset):
        interactions (list[Any] | Unset):
        sender_id (str | Unset):
        total_tip_amount (int | Unset):
    """

    attachments: list[Attachment] | Unset = UNSET
    content: str | Unset = UNSET
    created_at: float | Unset = UNSET
    deleted_at: float | None | Unset = UNSET
    group_id: str | Unset = UNSET
    id: str | Unset = UNSET
    interactions: list[Any] | Unset = UNSET
    sender_id: str | Unset = UNSET
    total_tip_amount: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        content = self.content

        created_at = self.created_at

        deleted_at: float | None | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        else:
            deleted_at = self.deleted_at

        group_id = self.group_id

        id = self.id

        interactions: list[Any] | Unset = UNSET
        if not isinstance(self.interactions, Unset):
            interactions = self.interactions

        sender_id = self.sender_id

        total_tip_amount = self.total_tip_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if content is not UNSET:
            field_dict["content"] = content
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if deleted_at is not UNSET:
            field_dict["deletedAt"] = deleted_at
        if group_id is not UNSET:
            field_dict["groupId"] = group_id
        if id is not UNSET:
            field_dict["id"] = id
        if interactions is not UNSET:
            field_dict["interactions"] = interactions
        if sender_id is not UNSET:
            field_dict["senderId"] = sender_id
        if total_tip_amount is not UNSET:
            field_dict["totalTipAmount"] = total_tip_amount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attachment import Attachment

        d = dict(src_dict)
        _attachments = d.pop("attachments", UNSET)
        attachments: list[Attachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = Attachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        content = d.pop("content", UNSET)

        created_at = d.pop("createdAt", UNSET)

        def _parse_deleted_at(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        deleted_at = _parse_deleted_at(d.pop("deletedAt", UNSET))

        group_id = d.pop("groupId", UNSET)

        id = d.pop("id", UNSET)

        interactions = cast(list[Any], d.pop("interactions", UNSET))

        sender_id = d.pop("senderId", UNSET)

        total_tip_amount = d.pop("totalTipAmount", UNSET)

        message = cls(
            attachments=attachments,
            content=content,
            created_at=created_at,
            deleted_at=deleted_at,
            group_id=group_id,
            id=id,
            interactions=interactions,
            sender_id=sender_id,
            total_tip_amount=total_tip_amount,
        )

        message.additional_properties = d
        return message

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
