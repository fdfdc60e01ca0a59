from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubscriberRow")


@_attrs_define
class SubscriberRow:
    """One subscriber as a fan (client-compat §5.3): `id` the fan's Fansly account id (not the subscription's), `avatar` a
    URL or null, `subscribedAt`/`expiresAt` ISO-8601, `totalSpent` the fan's all-time spend with the creator in dollars
    (null when Fansly's 100-row totals list is full and the fan is not in it), `subscriptionTier` the tier's name.

        Attributes:
            avatar (None | str):
            display_name (None | str):
            expires_at (None | str):
            id (str):
            subscribed_at (None | str):
            subscription_tier (None | str):
            total_spent (float | None):
            username (None | str):
    """

    avatar: None | str
    display_name: None | str
    expires_at: None | str
    id: str
    subscribed_at: None | str
    subscription_tier: None | str
    total_spent: float | None
    username: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avatar: None | str
        avatar = self.avatar

        display_name: None | str
        display_name = self.display_name

        expires_at: None | str
        expires_at = self.expires_at

        id = self.id

        subscribed_at: None | str
        subscribed_at = self.subscribed_at

        subscription_tier: None | str
        subscription_tier = self.subscription_tier

        total_spent: float | None
        total_spent = self.total_spent

        username: None | str
        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avatar": avatar,
                "displayName": display_name,
                "expiresAt": expires_at,
                "id": id,
                "subscribedAt": subscribed_at,
                "subscriptionTier": subscription_tier,
                "totalSpent": total_spent,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_avatar(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        avatar = _parse_avatar(d.pop("avatar"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("displayName"))

        def _parse_expires_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        expires_at = _parse_expires_at(d.pop("expiresAt"))

        id = d.pop("id")

        def _parse_subscribed_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subscribed_at = _parse_subscribed_at(d.pop("subscribedAt"))

        def _parse_subscription_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subscription_tier = _parse_subscription_tier(d.pop("subscriptionTier"))

        def _parse_total_spent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        total_spent = _parse_total_spent(d.pop("totalSpent"))

        def _parse_username(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        username = _parse_username(d.pop("username"))

        subscriber_row = cls(
            avatar=avatar,
            display_name=display_name,
            expires_at=expires_at,
            id=id,
            subscribed_at=subscribed_at,
            subscription_tier=subscription_tier,
            total_spent=total_spent,
            username=username,
        )

        subscriber_row.additional_properties = d
        return subscriber_row

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
