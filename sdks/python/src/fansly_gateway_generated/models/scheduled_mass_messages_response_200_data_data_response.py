from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.broadcast import Broadcast


T = TypeVar("T", bound="ScheduledMassMessagesResponse200DataDataResponse")


@_attrs_define
class ScheduledMassMessagesResponse200DataDataResponse:
    """
    Attributes:
        account_media (list[Any] | Unset):
        account_media_bundles (list[Any] | Unset):
        groups (list[Any] | Unset):
        scheduled_broadcast_messages (list[Broadcast] | Unset):
    """

    account_media: list[Any] | Unset = UNSET
    account_media_bundles: list[Any] | Unset = UNSET
    groups: list[Any] | Unset = UNSET
    scheduled_broadcast_messages: list[Broadcast] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_media: list[Any] | Unset = UNSET
        if not isinstance(self.account_media, Unset):
            account_media = self.account_media

        account_media_bundles: list[Any] | Unset = UNSET
        if not isinstance(self.account_media_bundles, Unset):
            account_media_bundles = self.account_media_bundles

        groups: list[Any] | Unset = UNSET
        if not isinstance(self.groups, Unset):
            groups = self.groups

        scheduled_broadcast_messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.scheduled_broadcast_messages, Unset):
            scheduled_broadcast_messages = []
            for (
                scheduled_broadcast_messages_item_data
            ) in self.scheduled_broadcast_messages:
                scheduled_broadcast_messages_item = (
                    scheduled_broadcast_messages_item_data.to_dict()
                )
                scheduled_broadcast_messages.append(scheduled_broadcast_messages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_media is not UNSET:
            field_dict["accountMedia"] = account_media
        if account_media_bundles is not UNSET:
            field_dict["accountMediaBundles"] = account_media_bundles
        if groups is not UNSET:
            field_dict["groups"] = groups
        if scheduled_broadcast_messages is not UNSET:
            field_dict["scheduledBroadcastMessages"] = scheduled_broadcast_messages

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.broadcast import Broadcast

        d = dict(src_dict)
        account_media = cast(list[Any], d.pop("accountMedia", UNSET))

        account_media_bundles = cast(list[Any], d.pop("accountMediaBundles", UNSET))

        groups = cast(list[Any], d.pop("groups", UNSET))

        _scheduled_broadcast_messages = d.pop("scheduledBroadcastMessages", UNSET)
        scheduled_broadcast_messages: list[Broadcast] | Unset = UNSET
        if _scheduled_broadcast_messages is not UNSET:
            scheduled_broadcast_messages = []
            for scheduled_broadcast_messages_item_data in _scheduled_broadcast_messages:
                scheduled_broadcast_messages_item = Broadcast.from_dict(
                    scheduled_broadcast_messages_item_data
                )

                scheduled_broadcast_messages.append(scheduled_broadcast_messages_item)

        scheduled_mass_messages_response_200_data_data_response = cls(
            account_media=account_media,
            account_media_bundles=account_media_bundles,
            groups=groups,
            scheduled_broadcast_messages=scheduled_broadcast_messages,
        )

        scheduled_mass_messages_response_200_data_data_response.additional_properties = d
        return scheduled_mass_messages_response_200_data_data_response

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
