from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scheduled_posts_response_200_data_data_response_scheduled_posts_item import (
        ScheduledPostsResponse200DataDataResponseScheduledPostsItem,
    )


T = TypeVar("T", bound="ScheduledPostsResponse200DataDataResponse")


@_attrs_define
class ScheduledPostsResponse200DataDataResponse:
    """
    Attributes:
        scheduled_posts (list[ScheduledPostsResponse200DataDataResponseScheduledPostsItem] | Unset):
    """

    scheduled_posts: (
        list[ScheduledPostsResponse200DataDataResponseScheduledPostsItem] | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scheduled_posts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.scheduled_posts, Unset):
            scheduled_posts = []
            for scheduled_posts_item_data in self.scheduled_posts:
                scheduled_posts_item = scheduled_posts_item_data.to_dict()
                scheduled_posts.append(scheduled_posts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scheduled_posts is not UNSET:
            field_dict["scheduledPosts"] = scheduled_posts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.scheduled_posts_response_200_data_data_response_scheduled_posts_item import (
            ScheduledPostsResponse200DataDataResponseScheduledPostsItem,
        )

        d = dict(src_dict)
        _scheduled_posts = d.pop("scheduledPosts", UNSET)
        scheduled_posts: (
            list[ScheduledPostsResponse200DataDataResponseScheduledPostsItem] | Unset
        ) = UNSET
        if _scheduled_posts is not UNSET:
            scheduled_posts = []
            for scheduled_posts_item_data in _scheduled_posts:
                scheduled_posts_item = ScheduledPostsResponse200DataDataResponseScheduledPostsItem.from_dict(
                    scheduled_posts_item_data
                )

                scheduled_posts.append(scheduled_posts_item)

        scheduled_posts_response_200_data_data_response = cls(
            scheduled_posts=scheduled_posts,
        )

        scheduled_posts_response_200_data_data_response.additional_properties = d
        return scheduled_posts_response_200_data_data_response

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
