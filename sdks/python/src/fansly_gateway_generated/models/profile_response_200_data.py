from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.profile_response_200_data_data import ProfileResponse200DataData


T = TypeVar("T", bound="ProfileResponse200Data")


@_attrs_define
class ProfileResponse200Data:
    """
    Attributes:
        data (ProfileResponse200DataData):
        status_code (int): Fansly's HTTP status
        account_id (str | Unset):
        avatar (None | str | Unset):
        banner (None | str | Unset):
        bio (None | str | Unset):
        display_name (None | str | Unset):
        followers_count (int | Unset):
        likes_count (int | Unset):
        posts_count (int | Unset):
        subscribers_count (int | Unset):
        username (None | str | Unset):
    """

    data: ProfileResponse200DataData
    status_code: int
    account_id: str | Unset = UNSET
    avatar: None | str | Unset = UNSET
    banner: None | str | Unset = UNSET
    bio: None | str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    followers_count: int | Unset = UNSET
    likes_count: int | Unset = UNSET
    posts_count: int | Unset = UNSET
    subscribers_count: int | Unset = UNSET
    username: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        status_code = self.status_code

        account_id = self.account_id

        avatar: None | str | Unset
        if isinstance(self.avatar, Unset):
            avatar = UNSET
        else:
            avatar = self.avatar

        banner: None | str | Unset
        if isinstance(self.banner, Unset):
            banner = UNSET
        else:
            banner = self.banner

        bio: None | str | Unset
        if isinstance(self.bio, Unset):
            bio = UNSET
        else:
            bio = self.bio

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        followers_count = self.followers_count

        likes_count = self.likes_count

        posts_count = self.posts_count

        subscribers_count = self.subscribers_count

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "status_code": status_code,
            }
        )
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if banner is not UNSET:
            field_dict["banner"] = banner
        if bio is not UNSET:
            field_dict["bio"] = bio
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if followers_count is not UNSET:
            field_dict["followersCount"] = followers_count
        if likes_count is not UNSET:
            field_dict["likesCount"] = likes_count
        if posts_count is not UNSET:
            field_dict["postsCount"] = posts_count
        if subscribers_count is not UNSET:
            field_dict["subscribersCount"] = subscribers_count
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.profile_response_200_data_data import ProfileResponse200DataData

        d = dict(src_dict)
        data = ProfileResponse200DataData.from_dict(d.pop("data"))

        status_code = d.pop("status_code")

        account_id = d.pop("accountId", UNSET)

        def _parse_avatar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avatar = _parse_avatar(d.pop("avatar", UNSET))

        def _parse_banner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        banner = _parse_banner(d.pop("banner", UNSET))

        def _parse_bio(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bio = _parse_bio(d.pop("bio", UNSET))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("displayName", UNSET))

        followers_count = d.pop("followersCount", UNSET)

        likes_count = d.pop("likesCount", UNSET)

        posts_count = d.pop("postsCount", UNSET)

        subscribers_count = d.pop("subscribersCount", UNSET)

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(d.pop("username", UNSET))

        profile_response_200_data = cls(
            data=data,
            status_code=status_code,
            account_id=account_id,
            avatar=avatar,
            banner=banner,
            bio=bio,
            display_name=display_name,
            followers_count=followers_count,
            likes_count=likes_count,
            posts_count=posts_count,
            subscribers_count=subscribers_count,
            username=username,
        )

        profile_response_200_data.additional_properties = d
        return profile_response_200_data

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
