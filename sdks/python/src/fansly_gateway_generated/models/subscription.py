from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Subscription")


@_attrs_define
class Subscription:
    """
    Attributes:
        auto_renew (int | Unset):
        created_at (int | Unset): Unix milliseconds
        ends_at (int | Unset): Unix milliseconds
        id (str | Unset):
        price (int | Unset):
        renew_date (int | Unset): Unix milliseconds
        renew_price (int | Unset):
        status (int | Unset):
        subscriber_id (str | Unset):
        subscription_tier_id (str | Unset):
        subscription_tier_name (str | Unset):
    """

    auto_renew: int | Unset = UNSET
    created_at: int | Unset = UNSET
    ends_at: int | Unset = UNSET
    id: str | Unset = UNSET
    price: int | Unset = UNSET
    renew_date: int | Unset = UNSET
    renew_price: int | Unset = UNSET
    status: int | Unset = UNSET
    subscriber_id: str | Unset = UNSET
    subscription_tier_id: str | Unset = UNSET
    subscription_tier_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        auto_renew = self.auto_renew

        created_at = self.created_at

        ends_at = self.ends_at

        id = self.id

        price = self.price

        renew_date = self.renew_date

        renew_price = self.renew_price

        status = self.status

        subscriber_id = self.subscriber_id

        subscription_tier_id = self.subscription_tier_id

        subscription_tier_name = self.subscription_tier_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if auto_renew is not UNSET:
            field_dict["autoRenew"] = auto_renew
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if ends_at is not UNSET:
            field_dict["endsAt"] = ends_at
        if id is not UNSET:
            field_dict["id"] = id
        if price is not UNSET:
            field_dict["price"] = price
        if renew_date is not UNSET:
            field_dict["renewDate"] = renew_date
        if renew_price is not UNSET:
            field_dict["renewPrice"] = renew_price
        if status is not UNSET:
            field_dict["status"] = status
        if subscriber_id is not UNSET:
            field_dict["subscriberId"] = subscriber_id
        if subscription_tier_id is not UNSET:
            field_dict["subscriptionTierId"] = subscription_tier_id
        if subscription_tier_name is not UNSET:
            field_dict["subscriptionTierName"] = subscription_tier_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        auto_renew = d.pop("autoRenew", UNSET)

        created_at = d.pop("createdAt", UNSET)

        ends_at = d.pop("endsAt", UNSET)

        id = d.pop("id", UNSET)

        price = d.pop("price", UNSET)

        renew_date = d.pop("renewDate", UNSET)

        renew_price = d.pop("renewPrice", UNSET)

        status = d.pop("status", UNSET)

        subscriber_id = d.pop("subscriberId", UNSET)

        subscription_tier_id = d.pop("subscriptionTierId", UNSET)

        subscription_tier_name = d.pop("subscriptionTierName", UNSET)

        subscription = cls(
            auto_renew=auto_renew,
            created_at=created_at,
            ends_at=ends_at,
            id=id,
            price=price,
            renew_date=renew_date,
            renew_price=renew_price,
            status=status,
            subscriber_id=subscriber_id,
            subscription_tier_id=subscription_tier_id,
            subscription_tier_name=subscription_tier_name,
        )

        subscription.additional_properties = d
        return subscription

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
