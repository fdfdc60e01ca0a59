from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_type_webhook_data_follower import EventTypeWebhookDataFollower
    from ..models.event_type_webhook_data_message import EventTypeWebhookDataMessage
    from ..models.event_type_webhook_data_sender import EventTypeWebhookDataSender
    from ..models.event_type_webhook_data_subscriber import (
        EventTypeWebhookDataSubscriber,
    )
    from ..models.event_type_webhook_data_test import EventTypeWebhookDataTest
    from ..models.event_type_webhook_data_tip import EventTypeWebhookDataTip


T = TypeVar("T", bound="EventTypeWebhookData")


@_attrs_define
class EventTypeWebhookData:
    """
    Attributes:
        account_id (str):
        follower (EventTypeWebhookDataFollower | Unset):
        message (EventTypeWebhookDataMessage | Unset):
        sender (EventTypeWebhookDataSender | Unset):
        subscriber (EventTypeWebhookDataSubscriber | Unset):
        test (EventTypeWebhookDataTest | Unset):
        tip (EventTypeWebhookDataTip | Unset):
    """

    account_id: str
    follower: EventTypeWebhookDataFollower | Unset = UNSET
    message: EventTypeWebhookDataMessage | Unset = UNSET
    sender: EventTypeWebhookDataSender | Unset = UNSET
    subscriber: EventTypeWebhookDataSubscriber | Unset = UNSET
    test: EventTypeWebhookDataTest | Unset = UNSET
    tip: EventTypeWebhookDataTip | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        follower: dict[str, Any] | Unset = UNSET
        if not isinstance(self.follower, Unset):
            follower = self.follower.to_dict()

        message: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message, Unset):
            message = self.message.to_dict()

        sender: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sender, Unset):
            sender = self.sender.to_dict()

        subscriber: dict[str, Any] | Unset = UNSET
        if not isinstance(self.subscriber, Unset):
            subscriber = self.subscriber.to_dict()

        test: dict[str, Any] | Unset = UNSET
        if not isinstance(self.test, Unset):
            test = self.test.to_dict()

        tip: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tip, Unset):
            tip = self.tip.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
            }
        )
        if follower is not UNSET:
            field_dict["follower"] = follower
        if message is not UNSET:
            field_dict["message"] = message
        if sender is not UNSET:
            field_dict["sender"] = sender
        if subscriber is not UNSET:
            field_dict["subscriber"] = subscriber
        if test is not UNSET:
            field_dict["test"] = test
        if tip is not UNSET:
            field_dict["tip"] = tip

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_type_webhook_data_follower import (
            EventTypeWebhookDataFollower,
        )
        from ..models.event_type_webhook_data_message import EventTypeWebhookDataMessage
        from ..models.event_type_webhook_data_sender import EventTypeWebhookDataSender
        from ..models.event_type_webhook_data_subscriber import (
            EventTypeWebhookDataSubscriber,
        )
        from ..models.event_type_webhook_data_test import EventTypeWebhookDataTest
        from ..models.event_type_webhook_data_tip import EventTypeWebhookDataTip

        d = dict(src_dict)
        account_id = d.pop("account_id")

        _follower = d.pop("follower", UNSET)
        follower: EventTypeWebhookDataFollower | Unset
        if isinstance(_follower, Unset):
            follower = UNSET
        else:
            follower = EventTypeWebhookDataFollower.from_dict(_follower)

        _message = d.pop("message", UNSET)
        message: EventTypeWebhookDataMessage | Unset
        if isinstance(_message, Unset):
            message = UNSET
        else:
            message = EventTypeWebhookDataMessage.from_dict(_message)

        _sender = d.pop("sender", UNSET)
        sender: EventTypeWebhookDataSender | Unset
        if isinstance(_sender, Unset):
            sender = UNSET
        else:
            sender = EventTypeWebhookDataSender.from_dict(_sender)

        _subscriber = d.pop("subscriber", UNSET)
        subscriber: EventTypeWebhookDataSubscriber | Unset
        if isinstance(_subscriber, Unset):
            subscriber = UNSET
        else:
            subscriber = EventTypeWebhookDataSubscriber.from_dict(_subscriber)

        _test = d.pop("test", UNSET)
        test: EventTypeWebhookDataTest | Unset
        if isinstance(_test, Unset):
            test = UNSET
        else:
            test = EventTypeWebhookDataTest.from_dict(_test)

        _tip = d.pop("tip", UNSET)
        tip: EventTypeWebhookDataTip | Unset
        if isinstance(_tip, Unset):
            tip = UNSET
        else:
            tip = EventTypeWebhookDataTip.from_dict(_tip)

        event_type_webhook_data = cls(
            account_id=account_id,
            follower=follower,
            message=message,
            sender=sender,
            subscriber=subscriber,
            test=test,
            tip=tip,
        )

        event_type_webhook_data.additional_properties = d
        return event_type_webhook_data

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
