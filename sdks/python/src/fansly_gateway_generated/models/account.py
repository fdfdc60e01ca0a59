from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_avatar_type_0 import AccountAvatarType0
    from ..models.account_banner_type_0 import AccountBannerType0
    from ..models.account_timeline_stats import AccountTimelineStats
    from ..models.wall import Wall


T = TypeVar("T", bound="Account")


@_attrs_define
class Account:
    """
    Attributes:
        about (None | str | Unset):
        avatar (AccountAvatarType0 | None | Unset):
        banner (AccountBannerType0 | None | Unset):
        display_name (None | str | Unset):
        follow_count (int | Unset):
        id (str | Unset):
        pinned_posts (list[Any] | Unset):
        subscriber_count (int | Unset):
        timeline_stats (AccountTimelineStats | Unset):
        username (str | Unset):
        walls (list[Wall] | Unset):
    """

    about: None | str | Unset = UNSET
    avatar: AccountAvatarType0 | None | Unset = UNSET
    banner: AccountBannerType0 | None | Unset = UNSET
    display_name: None | str | Unset = UNSET
    follow_count: int | Unset = UNSET
    id: str | Unset = UNSET
    pinned_posts: list[Any] | Unset = UNSET
    subscriber_count: int | Unset = UNSET
    timeline_stats: AccountTimelineStats | Unset = UNSET
    username: str | Unset = UNSET
    walls: list[Wall] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.account_avatar_type_0 import AccountAvatarType0
        from ..models.account_banner_type_0 import AccountBannerType0

        about: None | str | Unset
        if isinstance(self.about, Unset):
            about = UNSET
        else:
            about = self.about

        avatar: dict[str, Any] | None | Unset
        if isinstance(self.avatar, Unset):
            avatar = UNSET
        elif isinstance(self.avatar, AccountAvatarType0):
            avatar = self.avatar.to_dict()
        else:
            avatar = self.avatar

        banner: dict[str, Any] | None | Unset
        if isinstance(self.banner, Unset):
            banner = UNSET
        elif isinstance(self.banner, AccountBannerType0):
            banner = self.banner.to_dict()
        else:
            banner = self.banner

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        follow_count = self.follow_count

        id = self.id

        pinned_posts: list[Any] | Unset = UNSET
        if not isinstance(self.pinned_posts, Unset):
            pinned_posts = self.pinned_posts

        subscriber_count = self.subscriber_count

        timeline_stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.timeline_stats, Unset):
            timeline_stats = self.timeline_stats.to_dict()

        username = self.username

        walls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.walls, Unset):
            walls = []
            for walls_item_data in self.walls:
                walls_item = walls_item_data.to_dict()
                walls.append(walls_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if about is not UNSET:
            field_dict["about"] = about
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if banner is not UNSET:
            field_dict["banner"] = banner
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if follow_count is not UNSET:
            field_dict["followCount"] = follow_count
        if id is not UNSET:
            field_dict["id"] = id
        if pinned_posts is not UNSET:
            field_dict["pinnedPosts"] = pinned_posts
        if subscriber_count is not UNSET:
            field_dict["subscriberCount"] = subscriber_count
        if timeline_stats is not UNSET:
            field_dict["timelineStats"] = timeline_stats
        if username is not UNSET:
            field_dict["username"] = username
        if walls is not UNSET:
            field_dict["walls"] = walls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account_avatar_type_0 import AccountAvatarType0
        from ..models.account_banner_type_0 import AccountBannerType0
        from ..models.account_timeline_stats import AccountTimelineStats
        from ..models.wall import Wall

        d = dict(src_dict)

        def _parse_about(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        about = _parse_about(d.pop("about", UNSET))

        def _parse_avatar(data: object) -> AccountAvatarType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                avatar_type_0 = AccountAvatarType0.from_dict(data)

                return avatar_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountAvatarType0 | None | Unset, data)

        avatar = _parse_avatar(d.pop("avatar", UNSET))

        def _parse_banner(data: object) -> AccountBannerType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                banner_type_0 = AccountBannerType0.from_dict(data)

                return banner_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountBannerType0 | None | Unset, data)

        banner = _parse_banner(d.pop("banner", UNSET))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("displayName", UNSET))

        follow_count = d.pop("followCount", UNSET)

        id = d.pop("id", UNSET)

        pinned_posts = cast(list[Any], d.pop("pinnedPosts", UNSET))

        subscriber_count = d.pop("subscriberCount", UNSET)

        _timeline_stats = d.pop("timelineStats", UNSET)
        timeline_stats: AccountTimelineStats | Unset
        if isinstance(_timeline_stats, Unset):
            timeline_stats = UNSET
        else:
            timeline_stats = AccountTimelineStats.from_dict(_timeline_stats)

        username = d.pop("username", UNSET)

        _walls = d.pop("walls", UNSET)
        walls: list[Wall] | Unset = UNSET
        if _walls is not UNSET:
            walls = []
            for walls_item_data in _walls:
                walls_item = Wall.from_dict(walls_item_data)

                walls.append(walls_item)

        account = cls(
            about=about,
            avatar=avatar,
            banner=banner,
            display_name=display_name,
            follow_count=follow_count,
            id=id,
            pinned_posts=pinned_posts,
            subscriber_count=subscriber_count,
            timeline_stats=timeline_stats,
            username=username,
            walls=walls,
        )

        account.additional_properties = d
        return account

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
