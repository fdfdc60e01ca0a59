from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PinPostResponse200DataDataResponse")


@_attrs_define
class PinPostResponse200DataDataResponse:
    """
    Attributes:
        account_id (str | Unset):
        created_at (int | Unset): Unix milliseconds
        pos (int | Unset):
        post_id (str | Unset):
        wall_id (str | Unset):
    """

    account_id: str | Unset = UNSET
    created_at: int | Unset = UNSET
    pos: int | Unset = UNSET
    post_id: str | Unset = UNSET
    wall_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        created_at = self.created_at

        pos = self.pos

        post_id = self.post_id

        wall_id = self.wall_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if pos is not UNSET:
            field_dict["pos"] = pos
        if post_id is not UNSET:
            field_dict["postId"] = post_id
        if wall_id is not UNSET:
            field_dict["wallId"] = wall_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        created_at = d.pop("createdAt", UNSET)

        pos = d.pop("pos", UNSET)

        post_id = d.pop("postId", UNSET)

        wall_id = d.pop("wallId", UNSET)

        pin_post_response_200_data_data_response = cls(
            account_id=account_id,
            created_at=created_at,
            pos=pos,
            post_id=post_id,
            wall_id=wall_id,
        )

        pin_post_response_200_data_data_response.additional_properties = d
        return pin_post_response_200_data_data_response

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
