from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account import Account
    from ..models.account_media import AccountMedia
    from ..models.post import Post
    from ..models.wall import Wall


T = TypeVar("T", bound="WallPostsResponse200DataDataResponse")


@_attrs_define
class WallPostsResponse200DataDataResponse:
    """
    Attributes:
        account_media (list[AccountMedia] | Unset):
        account_media_bundles (list[Any] | Unset):
        accounts (list[Account] | Unset):
        aggregated_posts (list[Any] | Unset):
        posts (list[Post] | Unset):
        tips (list[Any] | Unset):
        wall (Wall | Unset):
    """

    account_media: list[AccountMedia] | Unset = UNSET
    account_media_bundles: list[Any] | Unset = UNSET
    accounts: list[Account] | Unset = UNSET
    aggregated_posts: list[Any] | Unset = UNSET
    posts: list[Post] | Unset = UNSET
    tips: list[Any] | Unset = UNSET
    wall: Wall | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_media: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.account_media, Unset):
            account_media = []
            for account_media_item_data in self.account_media:
                account_media_item = account_media_item_data.to_dict()
                account_media.append(account_media_item)

        account_media_bundles: list[Any] | Unset = UNSET
        if not isinstance(self.account_media_bundles, Unset):
            account_media_bundles = self.account_media_bundles

        accounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.accounts, Unset):
            accounts = []
            for accounts_item_data in self.accounts:
                accounts_item = accounts_item_data.to_dict()
                accounts.append(accounts_item)

        aggregated_posts: list[Any] | Unset = UNSET
        if not isinstance(self.aggregated_posts, Unset):
            aggregated_posts = self.aggregated_posts

        posts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.posts, Unset):
            posts = []
            for posts_item_data in self.posts:
                posts_item = posts_item_data.to_dict()
                posts.append(posts_item)

        tips: list[Any] | Unset = UNSET
        if not isinstance(self.tips, Unset):
            tips = self.tips

        wall: dict[str, Any] | Unset = UNSET
        if not isinstance(self.wall, Unset):
            wall = self.wall.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_media is not UNSET:
            field_dict["accountMedia"] = account_media
        if account_media_bundles is not UNSET:
            field_dict["accountMediaBundles"] = account_media_bundles
        if accounts is not UNSET:
            field_dict["accounts"] = accounts
        if aggregated_posts is not UNSET:
            field_dict["aggregatedPosts"] = aggregated_posts
        if posts is not UNSET:
            field_dict["posts"] = posts
        if tips is not UNSET:
            field_dict["tips"] = tips
        if wall is not UNSET:
            field_dict["wall"] = wall

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account import Account
        from ..models.account_media import AccountMedia
        from ..models.post import Post
        from ..models.wall import Wall

        d = dict(src_dict)
        _account_media = d.pop("accountMedia", UNSET)
        account_media: list[AccountMedia] | Unset = UNSET
        if _account_media is not UNSET:
            account_media = []
            for account_media_item_data in _account_media:
                account_media_item = AccountMedia.from_dict(account_media_item_data)

                account_media.append(account_media_item)

        account_media_bundles = cast(list[Any], d.pop("accountMediaBundles", UNSET))

        _accounts = d.pop("accounts", UNSET)
        accounts: list[Account] | Unset = UNSET
        if _accounts is not UNSET:
            accounts = []
            for accounts_item_data in _accounts:
                accounts_item = Account.from_dict(accounts_item_data)

                accounts.append(accounts_item)

        aggregated_posts = cast(list[Any], d.pop("aggregatedPosts", UNSET))

        _posts = d.pop("posts", UNSET)
        posts: list[Post] | Unset = UNSET
        if _posts is not UNSET:
            posts = []
            for posts_item_data in _posts:
                posts_item = Post.from_dict(posts_item_data)

                posts.append(posts_item)

        tips = cast(list[Any], d.pop("tips", UNSET))

        _wall = d.pop("wall", UNSET)
        wall: Wall | Unset
        if isinstance(_wall, Unset):
            wall = UNSET
        else:
            wall = Wall.from_dict(_wall)

        wall_posts_response_200_data_data_response = cls(
            account_media=account_media,
            account_media_bundles=account_media_bundles,
            accounts=accounts,
            aggregated_posts=aggregated_posts,
            posts=posts,
            tips=tips,
            wall=wall,
        )

        wall_posts_response_200_data_data_response.additional_properties = d
        return wall_posts_response_200_data_data_response

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
