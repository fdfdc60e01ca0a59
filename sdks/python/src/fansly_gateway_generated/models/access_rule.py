from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_type_type_0 import AccessTypeType0
from ..models.access_type_type_1_item import AccessTypeType1Item
from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessRule")


@_attrs_define
class AccessRule:
    """One advanced access rule; its access type may be spelled `access_type`, `accessType` or `type`.

    Attributes:
        accessType (AccessTypeType0 | list[AccessTypeType1Item] | None | Unset):
        access_type (AccessTypeType0 | list[AccessTypeType1Item] | None | Unset):
        list_id (None | str | Unset):
        list_label (None | str | Unset):
        price (float | None | str | Unset): Dollars, 1–500 (a numeric string is read too); converted to mills. 0/null =
            free.
        subscription_tier_id (None | str | Unset):
        subscription_tier_name (None | str | Unset):
        type_ (AccessTypeType0 | list[AccessTypeType1Item] | None | Unset):
        valid_after (int | None | Unset): Unix milliseconds
        valid_before (int | None | Unset): Unix milliseconds
    """

    accessType: AccessTypeType0 | list[AccessTypeType1Item] | None | Unset = UNSET
    access_type: AccessTypeType0 | list[AccessTypeType1Item] | None | Unset = UNSET
    list_id: None | str | Unset = UNSET
    list_label: None | str | Unset = UNSET
    price: float | None | str | Unset = UNSET
    subscription_tier_id: None | str | Unset = UNSET
    subscription_tier_name: None | str | Unset = UNSET
    type_: AccessTypeType0 | list[AccessTypeType1Item] | None | Unset = UNSET
    valid_after: int | None | Unset = UNSET
    valid_before: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accessType: list[str] | None | str | Unset
        if isinstance(self.accessType, Unset):
            accessType = UNSET
        elif isinstance(self.accessType, AccessTypeType0):
            accessType = self.accessType.value
        elif isinstance(self.accessType, list):
            accessType = []
            for componentsschemas_access_type_type_1_item_data in self.accessType:
                componentsschemas_access_type_type_1_item = (
                    componentsschemas_access_type_type_1_item_data.value
                )
                accessType.append(componentsschemas_access_type_type_1_item)

        else:
            accessType = self.accessType

        access_type: list[str] | None | str | Unset
        if isinstance(self.access_type, Unset):
            access_type = UNSET
        elif isinstance(self.access_type, AccessTypeType0):
            access_type = self.access_type.value
        elif isinstance(self.access_type, list):
            access_type = []
            for componentsschemas_access_type_type_1_item_data in self.access_type:
                componentsschemas_access_type_type_1_item = (
                    componentsschemas_access_type_type_1_item_data.value
                )
                access_type.append(componentsschemas_access_type_type_1_item)

        else:
            access_type = self.access_type

        list_id: None | str | Unset
        if isinstance(self.list_id, Unset):
            list_id = UNSET
        else:
            list_id = self.list_id

        list_label: None | str | Unset
        if isinstance(self.list_label, Unset):
            list_label = UNSET
        else:
            list_label = self.list_label

        price: float | None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        subscription_tier_id: None | str | Unset
        if isinstance(self.subscription_tier_id, Unset):
            subscription_tier_id = UNSET
        else:
            subscription_tier_id = self.subscription_tier_id

        subscription_tier_name: None | str | Unset
        if isinstance(self.subscription_tier_name, Unset):
            subscription_tier_name = UNSET
        else:
            subscription_tier_name = self.subscription_tier_name

        type_: list[str] | None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, AccessTypeType0):
            type_ = self.type_.value
        elif isinstance(self.type_, list):
            type_ = []
            for componentsschemas_access_type_type_1_item_data in self.type_:
                componentsschemas_access_type_type_1_item = (
                    componentsschemas_access_type_type_1_item_data.value
                )
                type_.append(componentsschemas_access_type_type_1_item)

        else:
            type_ = self.type_

        valid_after: int | None | Unset
        if isinstance(self.valid_after, Unset):
            valid_after = UNSET
        else:
            valid_after = self.valid_after

        valid_before: int | None | Unset
        if isinstance(self.valid_before, Unset):
            valid_before = UNSET
        else:
            valid_before = self.valid_before

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if accessType is not UNSET:
            field_dict["accessType"] = accessType
        if access_type is not UNSET:
            field_dict["access_type"] = access_type
        if list_id is not UNSET:
            field_dict["listId"] = list_id
        if list_label is not UNSET:
            field_dict["listLabel"] = list_label
        if price is not UNSET:
            field_dict["price"] = price
        if subscription_tier_id is not UNSET:
            field_dict["subscriptionTierId"] = subscription_tier_id
        if subscription_tier_name is not UNSET:
            field_dict["subscriptionTierName"] = subscription_tier_name
        if type_ is not UNSET:
            field_dict["type"] = type_
        if valid_after is not UNSET:
            field_dict["validAfter"] = valid_after
        if valid_before is not UNSET:
            field_dict["validBefore"] = valid_before

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_accessType(
            data: object,
        ) -> AccessTypeType0 | list[AccessTypeType1Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_access_type_type_0 = AccessTypeType0(data)

                return componentsschemas_access_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_access_type_type_1 = []
                _componentsschemas_access_type_type_1 = data
                for (
                    componentsschemas_access_type_type_1_item_data
                ) in _componentsschemas_access_type_type_1:
                    componentsschemas_access_type_type_1_item = AccessTypeType1Item(
                        componentsschemas_access_type_type_1_item_data
                    )

                    componentsschemas_access_type_type_1.append(
                        componentsschemas_access_type_type_1_item
                    )

                return componentsschemas_access_type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AccessTypeType0 | list[AccessTypeType1Item] | None | Unset, data
            )

        accessType = _parse_accessType(d.pop("accessType", UNSET))

        def _parse_access_type(
            data: object,
        ) -> AccessTypeType0 | list[AccessTypeType1Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_access_type_type_0 = AccessTypeType0(data)

                return componentsschemas_access_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_access_type_type_1 = []
                _componentsschemas_access_type_type_1 = data
                for (
                    componentsschemas_access_type_type_1_item_data
                ) in _componentsschemas_access_type_type_1:
                    componentsschemas_access_type_type_1_item = AccessTypeType1Item(
                        componentsschemas_access_type_type_1_item_data
                    )

                    componentsschemas_access_type_type_1.append(
                        componentsschemas_access_type_type_1_item
                    )

                return componentsschemas_access_type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AccessTypeType0 | list[AccessTypeType1Item] | None | Unset, data
            )

        access_type = _parse_access_type(d.pop("access_type", UNSET))

        def _parse_list_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        list_id = _parse_list_id(d.pop("listId", UNSET))

        def _parse_list_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        list_label = _parse_list_label(d.pop("listLabel", UNSET))

        def _parse_price(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        def _parse_subscription_tier_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subscription_tier_id = _parse_subscription_tier_id(
            d.pop("subscriptionTierId", UNSET)
        )

        def _parse_subscription_tier_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subscription_tier_name = _parse_subscription_tier_name(
            d.pop("subscriptionTierName", UNSET)
        )

        def _parse_type_(
            data: object,
        ) -> AccessTypeType0 | list[AccessTypeType1Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_access_type_type_0 = AccessTypeType0(data)

                return componentsschemas_access_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_access_type_type_1 = []
                _componentsschemas_access_type_type_1 = data
                for (
                    componentsschemas_access_type_type_1_item_data
                ) in _componentsschemas_access_type_type_1:
                    componentsschemas_access_type_type_1_item = AccessTypeType1Item(
                        componentsschemas_access_type_type_1_item_data
                    )

                    componentsschemas_access_type_type_1.append(
                        componentsschemas_access_type_type_1_item
                    )

                return componentsschemas_access_type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AccessTypeType0 | list[AccessTypeType1Item] | None | Unset, data
            )

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_valid_after(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        valid_after = _parse_valid_after(d.pop("validAfter", UNSET))

        def _parse_valid_before(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        valid_before = _parse_valid_before(d.pop("validBefore", UNSET))

        access_rule = cls(
            accessType=accessType,
            access_type=access_type,
            list_id=list_id,
            list_label=list_label,
            price=price,
            subscription_tier_id=subscription_tier_id,
            subscription_tier_name=subscription_tier_name,
            type_=type_,
            valid_after=valid_after,
            valid_before=valid_before,
        )

        access_rule.additional_properties = d
        return access_rule

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
