from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Chat")


@_attrs_define
class Chat:
    """
    Attributes:
        account_id (str | Unset):
        flags (int | Unset):
        group_id (str | Unset):
        last_message_id (None | str | Unset):
        last_unread_message_id (None | str | Unset):
        partner_account_id (str | Unset):
        partner_username (str | Unset):
        subscription_tier_id (None | str | Unset):
        unread_count (int | Unset):
    """

    account_id: str | Unset = UNSET
    flags: int | Unset = UNSET
    group_id: str | Unset = UNSET
    last_message_id: None | str | Unset = UNSET
    last_unread_message_id: None | str | Unset = UNSET
    partner_account_id: str | Unset = UNSET
    partner_username: str | Unset = UNSET
    subscription_tier_id: None | str | Unset = UNSET
    unread_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        flags = self.flags

        group_id = self.group_id

        last_message_id: None | str | Unset
        if isinstance(self.last_message_id, Unset):
            last_message_id = UNSET
        else:
            last_message_id = self.last_message_id

        last_unread_message_id: None | str | Unset
        if isinstance(self.last_unread_message_id, Unset):
            last_unread_message_id = UNSET
        else:
            last_unread_message_id = self.last_unread_message_id

        partner_account_id = self.partner_account_id

        partner_username = self.partner_username

        subscription_tier_id: None | str | Unset
        if isinstance(self.subscription_tier_id, Unset):
            subscription_tier_id = UNSET
        else:
            subscription_tier_id = self.subscription_tier_id

        unread_count = self.unread_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if flags is not UNSET:
            field_dict["flags"] = flags
        if group_id is not UNSET:
            field_dict["groupId"] = group_id
        if last_message_id is not UNSET:
            field_dict["lastMessageId"] = last_message_id
        if last_unread_message_id is not UNSET:
            field_dict["lastUnreadMessageId"] = last_unread_message_id
        if partner_account_id is not UNSET:
            field_dict["partnerAccountId"] = partner_account_id
        if partner_username is not UNSET:
            field_dict["partnerUsername"] = partner_username
        if subscription_tier_id is not UNSET:
            field_dict["subscriptionTierId"] = subscription_tier_id
        if unread_count is not UNSET:
            field_dict["unreadCount"] = unread_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("account_id", UNSET)

        flags = d.pop("flags", UNSET)

        group_id = d.pop("groupId", UNSET)

        def _parse_last_message_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_message_id = _parse_last_message_id(d.pop("lastMessageId", UNSET))

        def _parse_last_unread_message_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_unread_message_id = _parse_last_unread_message_id(
            d.pop("lastUnreadMessageId", UNSET)
        )

        partner_account_id = d.pop("partnerAccountId", UNSET)

        partner_username = d.pop("partnerUsername", UNSET)

        def _parse_subscription_tier_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subscription_tier_id = _parse_subscription_tier_id(
            d.pop("subscriptionTierId", UNSET)
        )

        unread_count = d.pop("unreadCount", UNSET)

        chat = cls(
            account_id=account_id,
            flags=flags,
            group_id=group_id,
            last_message_id=last_message_id,
            last_unread_message_id=last_unread_message_id,
            partner_account_id=partner_account_id,
            partner_username=partner_username,
            subscription_tier_id=subscription_tier_id,
            unread_count=unread_count,
        )

        chat.additional_properties = d
        return chat

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
