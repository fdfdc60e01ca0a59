from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Tier")


@_attrs_define
class Tier:
    """
    Attributes:
        account_id (str | Unset):
        color (str | Unset):
        id (str | Unset):
        max_subscribers (int | Unset):
        name (str | Unset):
        plans (list[Any] | Unset):
        pos (int | Unset):
        price (int | Unset):
    """

    account_id: str | Unset = UNSET
    color: str | Unset = UNSET
    id: str | Unset = UNSET
    max_subscribers: int | Unset = UNSET
    name: str | Unset = UNSET
    plans: list[Any] | Unset = UNSET
    pos: int | Unset = UNSET
    price: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        color = self.color

        id = self.id

        max_subscribers = self.max_subscribers

        name = self.name

        plans: list[Any] | Unset = UNSET
        if not isinstance(self.plans, Unset):
            plans = self.plans

        pos = self.pos

        price = self.price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if color is not UNSET:
            field_dict["color"] = color
        if id is not UNSET:
            field_dict["id"] = id
        if max_subscribers is not UNSET:
            field_dict["maxSubscribers"] = max_subscribers
        if name is not UNSET:
            field_dict["name"] = name
        if plans is not UNSET:
            field_dict["plans"] = plans
        if pos is not UNSET:
            field_dict["pos"] = pos
        if price is not UNSET:
            field_dict["price"] = price

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        color = d.pop("color", UNSET)

        id = d.pop("id", UNSET)

        max_subscribers = d.pop("maxSubscribers", UNSET)

        name = d.pop("name", UNSET)

        plans = cast(list[Any], d.pop("plans", UNSET))

        pos = d.pop("pos", UNSET)

        price = d.pop("price", UNSET)

        tier = cls(
            account_id=account_id,
            color=color,
            id=id,
            max_subscribers=max_subscribers,
            name=name,
            plans=plans,
            pos=pos,
            price=price,
        )

        tier.additional_properties = d
        return tier

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
