from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_group_body_recipients_item import CreateGroupBodyRecipientsItem
    from ..models.create_group_body_users_item import CreateGroupBodyUsersItem


T = TypeVar("T", bound="CreateGroupBody")


@_attrs_define
class CreateGroupBody:
    """
    Attributes:
        users (list[CreateGroupBodyUsersItem]): Members; the creator is added when missing.
        last_message (Any | Unset): Default null.
        recipients (list[CreateGroupBodyRecipientsItem] | Unset): Passed to Fansly; default [].
        type_ (int | Unset): Default 1.
        user_settings (Any | Unset): Default null.
    """

    users: list[CreateGroupBodyUsersItem]
    last_message: Any | Unset = UNSET
    recipients: list[CreateGroupBodyRecipientsItem] | Unset = UNSET
    type_: int | Unset = UNSET
    user_settings: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        users = []
        for users_item_data in self.users:
            users_item = users_item_data.to_dict()
            users.append(users_item)

        last_message = self.last_message

        recipients: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = []
            for recipients_item_data in self.recipients:
                recipients_item = recipients_item_data.to_dict()
                recipients.append(recipients_item)

        type_ = self.type_

        user_settings = self.user_settings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "users": users,
            }
        )
        if last_message is not UNSET:
            field_dict["lastMessage"] = last_message
        if recipients is not UNSET:
            field_dict["recipients"] = recipients
        if type_ is not UNSET:
            field_dict["type"] = type_
        if user_settings is not UNSET:
            field_dict["userSettings"] = user_settings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_group_body_recipients_item import (
            CreateGroupBodyRecipientsItem,
        )
        from ..models.create_group_body_users_item import CreateGroupBodyUsersItem

        d = dict(src_dict)
        users = []
        _users = d.pop("users")
        for users_item_data in _users:
            users_item = CreateGroupBodyUsersItem.from_dict(users_item_data)

            users.append(users_item)

        last_message = d.pop("lastMessage", UNSET)

        _recipients = d.pop("recipients", UNSET)
        recipients: list[CreateGroupBodyRecipientsItem] | Unset = UNSET
        if _recipients is not UNSET:
            recipients = []
            for recipients_item_data in _recipients:
                recipients_item = CreateGroupBodyRecipientsItem.from_dict(
                    recipients_item_data
                )

                recipients.append(recipients_item)

        type_ = d.pop("type", UNSET)

        user_settings = d.pop("userSettings", UNSET)

        create_group_body = cls(
            users=users,
            last_message=last_message,
            recipients=recipients,
            type_=type_,
            user_settings=user_settings,
        )

        create_group_body.additional_properties = d
        return create_group_body

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
