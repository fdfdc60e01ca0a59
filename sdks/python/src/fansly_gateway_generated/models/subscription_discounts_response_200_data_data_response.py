from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.subscription_discounts_response_200_data_data_response_discounts_item import (
        SubscriptionDiscountsResponse200DataDataResponseDiscountsItem,
    )


T = TypeVar("T", bound="SubscriptionDiscountsResponse200DataDataResponse")


@_attrs_define
class SubscriptionDiscountsResponse200DataDataResponse:
    """
    Attributes:
        discounts (list[SubscriptionDiscountsResponse200DataDataResponseDiscountsItem] | Unset):
    """

    discounts: (
        list[SubscriptionDiscountsResponse200DataDataResponseDiscountsItem] | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        discounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.discounts, Unset):
            discounts = []
            for discounts_item_data in self.discounts:
                discounts_item = discounts_item_data.to_dict()
                discounts.append(discounts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if discounts is not UNSET:
            field_dict["discounts"] = discounts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.subscription_discounts_response_200_data_data_response_discounts_item import (
            SubscriptionDiscountsResponse200DataDataResponseDiscountsItem,
        )

        d = dict(src_dict)
        _discounts = d.pop("discounts", UNSET)
        discounts: (
            list[SubscriptionDiscountsResponse200DataDataResponseDiscountsItem] | Unset
        ) = UNSET
        if _discounts is not UNSET:
            discounts = []
            for discounts_item_data in _discounts:
                discounts_item = SubscriptionDiscountsResponse200DataDataResponseDiscountsItem.from_dict(
                    discounts_item_data
                )

                discounts.append(discounts_item)

        subscription_discounts_response_200_data_data_response = cls(
            discounts=discounts,
        )

        subscription_discounts_response_200_data_data_response.additional_properties = d
        return subscription_discounts_response_200_data_data_response

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
