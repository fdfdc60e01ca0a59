from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment import Attachment
    from ..models.broadcast_stats import BroadcastStats


T = TypeVar("T", bound="Broadcast")


@_attrs_define
class Broadcast:
    """
    Attributes:
        attachments (list[Attachment] | Unset):
        content (str | Unset):
        group_id (str | Unset):
        id (str | Unset):
        scheduled_for (int | Unset): Unix milliseconds
        stats (BroadcastStats | Unset):
    """

    attachments: list[Attachment] | Unset = UNSET
    content: str | Unset = UNSET
    group_id: str | Unset = UNSET
    id: str | Unset = UNSET
    scheduled_for: int | Unset = UNSET
    stats: BroadcastStats | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        content = self.content

        group_id = self.group_id

        id = self.id

        scheduled_for = self.scheduled_for

        stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = self.stats.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if content is not UNSET:
            field_dict["content"] = content
        if group_id is not UNSET:
            field_dict["groupId"] = group_id
        if id is not UNSET:
            field_dict["id"] = id
        if scheduled_for is not UNSET:
            field_dict["scheduledFor"] = scheduled_for
        if stats is not UNSET:
            field_dict["stats"] = stats

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attachment import Attachment
        from ..models.broadcast_stats import BroadcastStats

        d = dict(src_dict)
        _attachments = d.pop("attachments", UNSET)
        attachments: list[Attachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = Attachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        content = d.pop("content", UNSET)

        group_id = d.pop("groupId", UNSET)

        id = d.pop("id", UNSET)

        scheduled_for = d.pop("scheduledFor", UNSET)

        _stats = d.pop("stats", UNSET)
        stats: BroadcastStats | Unset
        if isinstance(_stats, Unset):
            stats = UNSET
        else:
            stats = BroadcastStats.from_dict(_stats)

        broadcast = cls(
            attachments=attachments,
            content=content,
            group_id=group_id,
            id=id,
            scheduled_for=scheduled_for,
            stats=stats,
        )

        broadcast.additional_properties = d
        return broadcast

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
