from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automated_message_message_template import (
        AutomatedMessageMessageTemplate,
    )


T = TypeVar("T", bound="AutomatedMessage")


@_attrs_define
class AutomatedMessage:
    """
    Attributes:
        account_id (str | Unset):
        cooldown (int | Unset):
        delay (int | Unset):
        id (str | Unset):
        message_template (AutomatedMessageMessageTemplate | Unset):
        trigger_metadata (str | Unset):
        trigger_type (int | Unset):
    """

    account_id: str | Unset = UNSET
    cooldown: int | Unset = UNSET
    delay: int | Unset = UNSET
    id: str | Unset = UNSET
    message_template: AutomatedMessageMessageTemplate | Unset = UNSET
    trigger_metadata: str | Unset = UNSET
    trigger_type: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        cooldown = self.cooldown

        delay = self.delay

        id = self.id

        message_template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message_template, Unset):
            message_template = self.message_template.to_dict()

        trigger_metadata = self.trigger_metadata

        trigger_type = self.trigger_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if cooldown is not UNSET:
            field_dict["cooldown"] = cooldown
        if delay is not UNSET:
            field_dict["delay"] = delay
        if id is not UNSET:
            field_dict["id"] = id
        if message_template is not UNSET:
            field_dict["messageTemplate"] = message_template
        if trigger_metadata is not UNSET:
            field_dict["triggerMetadata"] = trigger_metadata
        if trigger_type is not UNSET:
            field_dict["triggerType"] = trigger_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.automated_message_message_template import (
            AutomatedMessageMessageTemplate,
        )

        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        cooldown = d.pop("cooldown", UNSET)

        delay = d.pop("delay", UNSET)

        id = d.pop("id", UNSET)

        _message_template = d.pop("messageTemplate", UNSET)
        message_template: AutomatedMessageMessageTemplate | Unset
        if isinstance(_message_template, Unset):
            message_template = UNSET
        else:
            message_template = AutomatedMessageMessageTemplate.from_dict(
                _message_template
            )

        trigger_metadata = d.pop("triggerMetadata", UNSET)

        trigger_type = d.pop("triggerType", UNSET)

        automated_message = cls(
            account_id=account_id,
            cooldown=cooldown,
            delay=delay,
            id=id,
            message_template=message_template,
            trigger_metadata=trigger_metadata,
            trigger_type=trigger_type,
        )

        automated_message.additional_properties = d
        return automated_message

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
