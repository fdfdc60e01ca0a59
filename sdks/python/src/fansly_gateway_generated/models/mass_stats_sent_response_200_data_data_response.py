from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.broadcast import Broadcast


T = TypeVar("T", bound="MassStatsSentResponse200DataDataResponse")


@_attrs_define
class MassStatsSentResponse200DataDataResponse:
    """
    Attributes:
        account_media (list[Any] | Unset):
        account_media_bundles (list[Any] | Unset):
        cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as `cursor`.
        messages (list[Broadcast] | Unset):
        next_cursor (None | str | Unset): The next page's cursor (digits); `null` on the last page. Send it back as
            `cursor`.
    """

    account_media: list[Any] | Unset = UNSET
    account_media_bundles: list[Any] | Unset = UNSET
    cursor: None | str | Unset = UNSET
    messages: list[Broadcast] | Unset = UNSET
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_media: list[Any] | Unset = UNSET
        if not isinstance(self.account_media, Unset):
            account_media = self.account_media

        account_media_bundles: list[Any] | Unset = UNSET
        if not isinstance(self.account_media_bundles, Unset):
            account_media_bundles = self.account_media_bundles

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        else:
            cursor = self.cursor

        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_media is not UNSET:
            field_dict["accountMedia"] = account_media
        if account_media_bundles is not UNSET:
            field_dict["accountMediaBundles"] = account_media_bundles
        if cursor is not UNSET:
            field_dict["cursor"] = cursor
        if messages is not UNSET:
            field_dict["messages"] = messages
        if next_cursor is not UNSET:
            field_dict["nextCursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.broadcast import Broadcast

        d = dict(src_dict)
        account_media = cast(list[Any], d.pop("accountMedia", UNSET))

        account_media_bundles = cast(list[Any], d.pop("accountMediaBundles", UNSET))

        def _parse_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cursor = _parse_cursor(d.pop("cursor", UNSET))

        _messages = d.pop("messages", UNSET)
        messages: list[Broadcast] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = Broadcast.from_dict(messages_item_data)

                messages.append(messages_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("nextCursor", UNSET))

        mass_stats_sent_response_200_data_data_response = cls(
            account_media=account_media,
            account_media_bundles=account_media_bundles,
            cursor=cursor,
            messages=messages,
            next_cursor=next_cursor,
        )

        mass_stats_sent_response_200_data_data_response.additional_properties = d
        return mass_stats_sent_response_200_data_data_response

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
