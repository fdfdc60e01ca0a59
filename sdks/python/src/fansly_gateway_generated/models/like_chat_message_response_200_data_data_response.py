from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LikeChatMessageResponse200DataDataResponse")


@_attrs_define
class LikeChatMessageResponse200DataDataResponse:
    """
    Attributes:
        account_id (str | Unset):
        group_id (str | Unset):
        id (str | Unset):
        message_id (str | Unset):
        type_ (int | Unset):
    """

    account_id: str | Unset = UNSET
    group_id: str | Unset = UNSET
    id: str | Unset = UNSET
    message_id: str | Unset = UNSET
    type_: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        group_id = self.group_id

        id = self.id

        message_id = self.message_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if group_id is not UNSET:
            field_dict["groupId"] = group_id
        if id is not UNSET:
            field_dict["id"] = id
        if message_id is not UNSET:
            field_dict["messageId"] = message_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        group_id = d.pop("groupId", UNSET)

        id = d.pop("id", UNSET)

        message_id = d.pop("messageId", UNSET)

        type_ = d.pop("type", UNSET)

        like_chat_message_response_200_data_data_response = cls(
            account_id=account_id,
            group_id=group_id,
            id=id,
            message_id=message_id,
            type_=type_,
        )

        like_chat_message_response_200_data_data_response.additional_properties = d
        return like_chat_message_response_200_data_data_response

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
