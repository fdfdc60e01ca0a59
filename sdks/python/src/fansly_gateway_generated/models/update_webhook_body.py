from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payload_style import PayloadStyle
from ..models.webhook_event import WebhookEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateWebhookBody")


@_attrs_define
class UpdateWebhookBody:
    """
    Attributes:
        account_ids (list[str] | None | Unset): Gateway account ids of this key (at most 100); null/absent = every
            account, now and later.
        description (None | str | Unset): At most 500 characters.
        enabled (bool | Unset): Turn deliveries on or off.
        events (list[WebhookEvent] | Unset): The events to receive (non-empty).
        payload_style (None | PayloadStyle | Unset): `envelope` (default; null means it too) or `event_type`; anything
            else is a 400.
        url (str | Unset): http(s), absolute, no user info, at most 2048 characters; private/loopback targets refused
            unless allowed. Sealed at rest; answers show it to its owner.
    """

    account_ids: list[str] | None | Unset = UNSET
    description: None | str | Unset = UNSET
    enabled: bool | Unset = UNSET
    events: list[WebhookEvent] | Unset = UNSET
    payload_style: None | PayloadStyle | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_ids: list[str] | None | Unset
        if isinstance(self.account_ids, Unset):
            account_ids = UNSET
        elif isinstance(self.account_ids, list):
            account_ids = self.account_ids

        else:
            account_ids = self.account_ids

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        enabled = self.enabled

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        payload_style: None | str | Unset
        if isinstance(self.payload_style, Unset):
            payload_style = UNSET
        elif isinstance(self.payload_style, PayloadStyle):
            payload_style = self.payload_style.value
        else:
            payload_style = self.payload_style

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_ids is not UNSET:
            field_dict["accountIds"] = account_ids
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if events is not UNSET:
            field_dict["events"] = events
        if payload_style is not UNSET:
            field_dict["payloadStyle"] = payload_style
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_account_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                account_ids_type_0 = cast(list[str], data)

                return account_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        account_ids = _parse_account_ids(d.pop("accountIds", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        enabled = d.pop("enabled", UNSET)

        _events = d.pop("events", UNSET)
        events: list[WebhookEvent] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = WebhookEvent(events_item_data)

                events.append(events_item)

        def _parse_payload_style(data: object) -> None | PayloadStyle | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payload_style_type_0 = PayloadStyle(data)

                return payload_style_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayloadStyle | Unset, data)

        payload_style = _parse_payload_style(d.pop("payloadStyle", UNSET))

        url = d.pop("url", UNSET)

        update_webhook_body = cls(
            account_ids=account_ids,
            description=description,
            enabled=enabled,
            events=events,
            payload_style=payload_style,
            url=url,
        )

        update_webhook_body.additional_properties = d
        return update_webhook_body

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
