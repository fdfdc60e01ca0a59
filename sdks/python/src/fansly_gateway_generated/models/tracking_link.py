from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TrackingLink")


@_attrs_define
class TrackingLink:
    """
    Attributes:
        account_id (str | Unset):
        claims (int | Unset):
        clicks (int | Unset):
        created_at (int | Unset): Unix milliseconds
        description (str | Unset):
        follows (int | Unset):
        id (str | Unset):
        label (str | Unset):
        status (int | Unset):
        subscriptions (int | Unset):
        total_gross (int | Unset):
        total_net (int | Unset):
        type_ (int | Unset):
    """

    account_id: str | Unset = UNSET
    claims: int | Unset = UNSET
    clicks: int | Unset = UNSET
    created_at: int | Unset = UNSET
    description: str | Unset = UNSET
    follows: int | Unset = UNSET
    id: str | Unset = UNSET
    label: str | Unset = UNSET
    status: int | Unset = UNSET
    subscriptions: int | Unset = UNSET
    total_gross: int | Unset = UNSET
    total_net: int | Unset = UNSET
    type_: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        claims = self.claims

        clicks = self.clicks

        created_at = self.created_at

        description = self.description

        follows = self.follows

        id = self.id

        label = self.label

        status = self.status

        subscriptions = self.subscriptions

        total_gross = self.total_gross

        total_net = self.total_net

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if claims is not UNSET:
            field_dict["claims"] = claims
        if clicks is not UNSET:
            field_dict["clicks"] = clicks
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if description is not UNSET:
            field_dict["description"] = description
        if follows is not UNSET:
            field_dict["follows"] = follows
        if id is not UNSET:
            field_dict["id"] = id
        if label is not UNSET:
            field_dict["label"] = label
        if status is not UNSET:
            field_dict["status"] = status
        if subscriptions is not UNSET:
            field_dict["subscriptions"] = subscriptions
        if total_gross is not UNSET:
            field_dict["totalGross"] = total_gross
        if total_net is not UNSET:
            field_dict["totalNet"] = total_net
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        claims = d.pop("claims", UNSET)

        clicks = d.pop("clicks", UNSET)

        created_at = d.pop("createdAt", UNSET)

        description = d.pop("description", UNSET)

        follows = d.pop("follows", UNSET)

        id = d.pop("id", UNSET)

        label = d.pop("label", UNSET)

        status = d.pop("status", UNSET)

        subscriptions = d.pop("subscriptions", UNSET)

        total_gross = d.pop("totalGross", UNSET)

        total_net = d.pop("totalNet", UNSET)

        type_ = d.pop("type", UNSET)

        tracking_link = cls(
            account_id=account_id,
            claims=claims,
            clicks=clicks,
            created_at=created_at,
            description=description,
            follows=follows,
            id=id,
            label=label,
            status=status,
            subscriptions=subscriptions,
            total_gross=total_gross,
            total_net=total_net,
            type_=type_,
        )

        tracking_link.additional_properties = d
        return tracking_link

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
