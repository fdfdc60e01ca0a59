from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreateGroupBodyRecipientsItem")


@_attrs_define
class CreateGroupBodyRecipientsItem:
    """
    Attributes:
        recipient_id (int | str): A native Fansly id, as a digit string or a JSON integer.
    """

    recipient_id: int | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recipient_id: int | str
        recipient_id = self.recipient_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recipientId": recipient_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_recipient_id(data: object) -> int | str:
            return cast(int | str, data)

        recipient_id = _parse_recipient_id(d.pop("recipientId"))

        create_group_body_recipients_item = cls(
            recipient_id=recipient_id,
        )

        create_group_body_recipients_item.additional_properties = d
        return create_group_body_recipients_item

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
