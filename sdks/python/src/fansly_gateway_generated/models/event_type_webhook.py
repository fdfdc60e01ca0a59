from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type_webhook_event_type import EventTypeWebhookEventType

if TYPE_CHECKING:
    from ..models.event_type_webhook_data import EventTypeWebhookData


T = TypeVar("T", bound="EventTypeWebhook")


@_attrs_define
class EventTypeWebhook:
    """The body of the `event_type` payload style (client-compat §5.6). `data.account_id` is the gateway's account id. Per
    `event_type`: `new_message` (from `messages.received`) → `message{id, text, created_at}`, `sender{id, username,
    display_name, avatar}`; `new_tip` (`tips.received`) → `tip{id, amount (dollars), message, created_at}`, `sender{…}`;
    `new_subscription` (`subscriptions.new`) → `subscriber{id, username, display_name, avatar, tier, amount (dollars)}`;
    `subscription_renewed` (`subscriptions.renewed`) → `subscriber{…, total_spent (dollars, all time)}`;
    `subscription_expired` (`subscriptions.expired`) → `subscriber{id, username, display_name, avatar, tier, amount}`;
    `new_follower` (`followers.new`) → `follower{id, username, display_name, avatar}`. `id`s are Fansly account ids of
    the fan, `avatar` a URL or null, times ISO-8601; names are null when Fansly could not be asked.

        Attributes:
            data (EventTypeWebhookData):
            event_type (EventTypeWebhookEventType):
            timestamp (str): ISO-8601 time of the event
    """

    data: EventTypeWebhookData
    event_type: EventTypeWebhookEventType
    timestamp: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        event_type = self.event_type.value

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "event_type": event_type,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_type_webhook_data import EventTypeWebhookData

        d = dict(src_dict)
        data = EventTypeWebhookData.from_dict(d.pop("data"))

        event_type = EventTypeWebhookEventType(d.pop("event_type"))

        timestamp = d.pop("timestamp")

        event_type_webhook = cls(
            data=data,
            event_type=event_type,
            timestamp=timestamp,
        )

        event_type_webhook.additional_properties = d
        return event_type_webhook

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
