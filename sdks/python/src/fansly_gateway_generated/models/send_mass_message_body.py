from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_type_type_0 import AccessTypeType0
from ..models.access_type_type_1_item import AccessTypeType1Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.access_rule import AccessRule
    from ..models.media_id_item_type_1 import MediaIdItemType1


T = TypeVar("T", bound="SendMassMessageBody")


@_attrs_define
class SendMassMessageBody:
    """
    Attributes:
        accessType (AccessTypeType0 | list[AccessTypeType1Item] | None | Unset): Same as `access_type`.
        access_type (AccessTypeType0 | list[AccessTypeType1Item] | None | Unset): `ppv`, `subscription`, `follow`,
            `list`, `limited_time`; unknown → 400.
        content (None | str | Unset): At most 10 000 characters; required (non-blank) unless media is attached.
        list_id (None | str | Unset): For `list` (required with it).
        list_label (None | str | Unset): For `list`.
        media_id (None | str | Unset): One more media id (singular form).
        media_ids (list[MediaIdItemType1 | str] | None | Unset): Vault media ids, as strings and/or `{mediaId,
            previewId|null}` objects, mixed freely (at most 50).
        permissions (list[AccessRule] | None | Unset): Advanced rules; when present (even empty) the root-level access
            fields are ignored.
        price (float | None | str | Unset): Dollars, 1–500 (a numeric string is read too); converted to mills. 0/null =
            free.
        subscription_tier_id (None | str | Unset): For `subscription`; with neither id nor name any tier unlocks.
        subscription_tier_name (None | str | Unset): For `subscription`; an unknown name → 400.
        valid_after (int | None | Unset): For `limited_time` (this or `validBefore` required); `validAfter <
            validBefore`.
        valid_before (int | None | Unset): For `limited_time`.
        exclude_creators (bool | Unset): Bit 32.
        exclude_list_ids (list[int | str] | Unset): Lists to exclude.
        exclude_offline_users (bool | Unset): Bit 64.
        exclude_user_ids (list[int | str] | Unset): Users to exclude.
        include_expired_subscribers (bool | Unset): Expired subscribers (bit 16).
        include_followers (bool | Unset): Followers (`groupFlags` bit 2).
        include_list_ids (list[int | str] | Unset): Lists to include.
        include_subscribers_auto_renew_off (bool | Unset): Subscribers not renewing (bit 8).
        include_subscribers_auto_renew_on (bool | Unset): Subscribers renewing (bit 4).
        include_subscription_tier_id (str | Unset): Only this tier's subscribers.
        scheduled_for (int | Unset): Absent / 0 = now; at most 180 days ahead.
    """

    accessType: AccessTypeType0 | list[AccessTypeType1Item] | None | Unset = UNSET
    access_type: AccessTypeType0 | list[AccessTypeType1Item] | None | Unset = UNSET
    content: None | str | Unset = UNSET
    list_id: None | str | Unset = UNSET
    list_label: None | str | Unset = UNSET
    media_id: None | str | Unset = UNSET
    media_ids: list[MediaIdItemType1 | str] | None | Unset = UNSET
    permissions: list[AccessRule] | None | Unset = UNSET
    price: float | None | str | Unset = UNSET
    subscription_tier_id: None | str | Unset = UNSET
    subscription_tier_name: None | str | Unset = UNSET
    valid_after: int | None | Unset = UNSET
    valid_before: int | None | Unset = UNSET
    exclude_creators: bool | Unset = UNSET
    exclude_list_ids: list[int | str] | Unset = UNSET
    exclude_offline_users: bool | Unset = UNSET
    exclude_user_ids: list[int | str] | Unset = UNSET
    include_expired_subscribers: bool | Unset = UNSET
    include_followers: bool | Unset = UNSET
    include_list_ids: list[int | str] | Unset = UNSET
    include_subscribers_auto_renew_off: bool | Unset = UNSET
    include_subscribers_auto_renew_on: bool | Unset = UNSET
    include_subscription_tier_id: str | Unset = UNSET
    scheduled_for: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.media_id_item_type_1 import MediaIdItemType1

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

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

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

        media_id: None | str | Unset
        if isinstance(self.media_id, Unset):
            media_id = UNSET
        else:
            media_id = self.media_id

        media_ids: list[dict[str, Any] | str] | None | Unset
        if isinstance(self.media_ids, Unset):
            media_ids = UNSET
        elif isinstance(self.media_ids, list):
            media_ids = []
            for media_ids_type_0_item_data in self.media_ids:
                media_ids_type_0_item: dict[str, Any] | str
                if isinstance(media_ids_type_0_item_data, MediaIdItemType1):
                    media_ids_type_0_item = media_ids_type_0_item_data.to_dict()
                else:
                    media_ids_type_0_item = media_ids_type_0_item_data
                media_ids.append(media_ids_type_0_item)

        else:
            media_ids = self.media_ids

        permissions: list[dict[str, Any]] | None | Unset
        if isinstance(self.permissions, Unset):
            permissions = UNSET
        elif isinstance(self.permissions, list):
            permissions = []
            for permissions_type_0_item_data in self.permissions:
                permissions_type_0_item = permissions_type_0_item_data.to_dict()
                permissions.append(permissions_type_0_item)

        else:
            permissions = self.permissions

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

        exclude_creators = self.exclude_creators

        exclude_list_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.exclude_list_ids, Unset):
            exclude_list_ids = []
            for exclude_list_ids_item_data in self.exclude_list_ids:
                exclude_list_ids_item: int | str
                exclude_list_ids_item = exclude_list_ids_item_data
                exclude_list_ids.append(exclude_list_ids_item)

        exclude_offline_users = self.exclude_offline_users

        exclude_user_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.exclude_user_ids, Unset):
            exclude_user_ids = []
            for exclude_user_ids_item_data in self.exclude_user_ids:
                exclude_user_ids_item: int | str
                exclude_user_ids_item = exclude_user_ids_item_data
                exclude_user_ids.append(exclude_user_ids_item)

        include_expired_subscribers = self.include_expired_subscribers

        include_followers = self.include_followers

        include_list_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.include_list_ids, Unset):
            include_list_ids = []
            for include_list_ids_item_data in self.include_list_ids:
                include_list_ids_item: int | str
                include_list_ids_item = include_list_ids_item_data
                include_list_ids.append(include_list_ids_item)

        include_subscribers_auto_renew_off = self.include_subscribers_auto_renew_off

        include_subscribers_auto_renew_on = self.include_subscribers_auto_renew_on

        include_subscription_tier_id = self.include_subscription_tier_id

        scheduled_for = self.scheduled_for

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if accessType is not UNSET:
            field_dict["accessType"] = accessType
        if access_type is not UNSET:
            field_dict["access_type"] = access_type
        if content is not UNSET:
            field_dict["content"] = content
        if list_id is not UNSET:
            field_dict["listId"] = list_id
        if list_label is not UNSET:
            field_dict["listLabel"] = list_label
        if media_id is not UNSET:
            field_dict["mediaId"] = media_id
        if media_ids is not UNSET:
            field_dict["mediaIds"] = media_ids
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if price is not UNSET:
            field_dict["price"] = price
        if subscription_tier_id is not UNSET:
            field_dict["subscriptionTierId"] = subscription_tier_id
        if subscription_tier_name is not UNSET:
            field_dict["subscriptionTierName"] = subscription_tier_name
        if valid_after is not UNSET:
            field_dict["validAfter"] = valid_after
        if valid_before is not UNSET:
            field_dict["validBefore"] = valid_before
        if exclude_creators is not UNSET:
            field_dict["excludeCreators"] = exclude_creators
        if exclude_list_ids is not UNSET:
            field_dict["excludeListIds"] = exclude_list_ids
        if exclude_offline_users is not UNSET:
            field_dict["excludeOfflineUsers"] = exclude_offline_users
        if exclude_user_ids is not UNSET:
            field_dict["excludeUserIds"] = exclude_user_ids
        if include_expired_subscribers is not UNSET:
            field_dict["includeExpiredSubscribers"] = include_expired_subscribers
        if include_followers is not UNSET:
            field_dict["includeFollowers"] = include_followers
        if include_list_ids is not UNSET:
            field_dict["includeListIds"] = include_list_ids
        if include_subscribers_auto_renew_off is not UNSET:
            field_dict["includeSubscribersAutoRenewOff"] = (
                include_subscribers_auto_renew_off
            )
        if include_subscribers_auto_renew_on is not UNSET:
            field_dict["includeSubscribersAutoRenewOn"] = (
                include_subscribers_auto_renew_on
            )
        if include_subscription_tier_id is not UNSET:
            field_dict["includeSubscriptionTierId"] = include_subscription_tier_id
        if scheduled_for is not UNSET:
            field_dict["scheduledFor"] = scheduled_for

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.access_rule import AccessRule
        from ..models.media_id_item_type_1 import MediaIdItemType1

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

        def _parse_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

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

        def _parse_media_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        media_id = _parse_media_id(d.pop("mediaId", UNSET))

        def _parse_media_ids(
            data: object,
        ) -> list[MediaIdItemType1 | str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                media_ids_type_0 = []
                _media_ids_type_0 = data
                for media_ids_type_0_item_data in _media_ids_type_0:

                    def _parse_media_ids_type_0_item(
                        data: object,
                    ) -> MediaIdItemType1 | str:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_media_id_item_type_1 = (
                                MediaIdItemType1.from_dict(data)
                            )

                            return componentsschemas_media_id_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(MediaIdItemType1 | str, data)

                    media_ids_type_0_item = _parse_media_ids_type_0_item(
                        media_ids_type_0_item_data
                    )

                    media_ids_type_0.append(media_ids_type_0_item)

                return media_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[MediaIdItemType1 | str] | None | Unset, data)

        media_ids = _parse_media_ids(d.pop("mediaIds", UNSET))

        def _parse_permissions(data: object) -> list[AccessRule] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                permissions_type_0 = []
                _permissions_type_0 = data
                for permissions_type_0_item_data in _permissions_type_0:
                    permissions_type_0_item = AccessRule.from_dict(
                        permissions_type_0_item_data
                    )

                    permissions_type_0.append(permissions_type_0_item)

                return permissions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AccessRule] | None | Unset, data)

        permissions = _parse_permissions(d.pop("permissions", UNSET))

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

        exclude_creators = d.pop("excludeCreators", UNSET)

        _exclude_list_ids = d.pop("excludeListIds", UNSET)
        exclude_list_ids: list[int | str] | Unset = UNSET
        if _exclude_list_ids is not UNSET:
            exclude_list_ids = []
            for exclude_list_ids_item_data in _exclude_list_ids:

                def _parse_exclude_list_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                exclude_list_ids_item = _parse_exclude_list_ids_item(
                    exclude_list_ids_item_data
                )

                exclude_list_ids.append(exclude_list_ids_item)

        exclude_offline_users = d.pop("excludeOfflineUsers", UNSET)

        _exclude_user_ids = d.pop("excludeUserIds", UNSET)
        exclude_user_ids: list[int | str] | Unset = UNSET
        if _exclude_user_ids is not UNSET:
            exclude_user_ids = []
            for exclude_user_ids_item_data in _exclude_user_ids:

                def _parse_exclude_user_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                exclude_user_ids_item = _parse_exclude_user_ids_item(
                    exclude_user_ids_item_data
                )

                exclude_user_ids.append(exclude_user_ids_item)

        include_expired_subscribers = d.pop("includeExpiredSubscribers", UNSET)

        include_followers = d.pop("includeFollowers", UNSET)

        _include_list_ids = d.pop("includeListIds", UNSET)
        include_list_ids: list[int | str] | Unset = UNSET
        if _include_list_ids is not UNSET:
            include_list_ids = []
            for include_list_ids_item_data in _include_list_ids:

                def _parse_include_list_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                include_list_ids_item = _parse_include_list_ids_item(
                    include_list_ids_item_data
                )

                include_list_ids.append(include_list_ids_item)

        include_subscribers_auto_renew_off = d.pop(
            "includeSubscribersAutoRenewOff", UNSET
        )

        include_subscribers_auto_renew_on = d.pop(
            "includeSubscribersAutoRenewOn", UNSET
        )

        include_subscription_tier_id = d.pop("includeSubscriptionTierId", UNSET)

        scheduled_for = d.pop("scheduledFor", UNSET)

        send_mass_message_body = cls(
            accessType=accessType,
            access_type=access_type,
            content=content,
            list_id=list_id,
            list_label=list_label,
            media_id=media_id,
            media_ids=media_ids,
            permissions=permissions,
            price=price,
            subscription_tier_id=subscription_tier_id,
            subscription_tier_name=subscription_tier_name,
            valid_after=valid_after,
            valid_before=valid_before,
            exclude_creators=exclude_creators,
            exclude_list_ids=exclude_list_ids,
            exclude_offline_users=exclude_offline_users,
            exclude_user_ids=exclude_user_ids,
            include_expired_subscribers=include_expired_subscribers,
            include_followers=include_followers,
            include_list_ids=include_list_ids,
            include_subscribers_auto_renew_off=include_subscribers_auto_renew_off,
            include_subscribers_auto_renew_on=include_subscribers_auto_renew_on,
            include_subscription_tier_id=include_subscription_tier_id,
            scheduled_for=scheduled_for,
        )

        send_mass_message_body.additional_properties = d
        return send_mass_message_body

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
