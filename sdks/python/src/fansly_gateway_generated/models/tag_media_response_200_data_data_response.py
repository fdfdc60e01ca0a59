from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tag_media_response_200_data_data_response_aggregation_data import (
        TagMediaResponse200DataDataResponseAggregationData,
    )
    from ..models.tag_media_response_200_data_data_response_media_offer_suggestions_item import (
        TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem,
    )


T = TypeVar("T", bound="TagMediaResponse200DataDataResponse")


@_attrs_define
class TagMediaResponse200DataDataResponse:
    """
    Attributes:
        aggregation_data (TagMediaResponse200DataDataResponseAggregationData | Unset):
        media_offer_suggestions (list[TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem] | Unset):
    """

    aggregation_data: TagMediaResponse200DataDataResponseAggregationData | Unset = UNSET
    media_offer_suggestions: (
        list[TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem] | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregation_data, Unset):
            aggregation_data = self.aggregation_data.to_dict()

        media_offer_suggestions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.media_offer_suggestions, Unset):
            media_offer_suggestions = []
            for media_offer_suggestions_item_data in self.media_offer_suggestions:
                media_offer_suggestions_item = (
                    media_offer_suggestions_item_data.to_dict()
                )
                media_offer_suggestions.append(media_offer_suggestions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregation_data is not UNSET:
            field_dict["aggregationData"] = aggregation_data
        if media_offer_suggestions is not UNSET:
            field_dict["mediaOfferSuggestions"] = media_offer_suggestions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tag_media_response_200_data_data_response_aggregation_data import (
            TagMediaResponse200DataDataResponseAggregationData,
        )
        from ..models.tag_media_response_200_data_data_response_media_offer_suggestions_item import (
            TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem,
        )

        d = dict(src_dict)
        _aggregation_data = d.pop("aggregationData", UNSET)
        aggregation_data: TagMediaResponse200DataDataResponseAggregationData | Unset
        if isinstance(_aggregation_data, Unset):
            aggregation_data = UNSET
        else:
            aggregation_data = (
                TagMediaResponse200DataDataResponseAggregationData.from_dict(
                    _aggregation_data
                )
            )

        _media_offer_suggestions = d.pop("mediaOfferSuggestions", UNSET)
        media_offer_suggestions: (
            list[TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem] | Unset
        ) = UNSET
        if _media_offer_suggestions is not UNSET:
            media_offer_suggestions = []
            for media_offer_suggestions_item_data in _media_offer_suggestions:
                media_offer_suggestions_item = TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem.from_dict(
                    media_offer_suggestions_item_data
                )

                media_offer_suggestions.append(media_offer_suggestions_item)

        tag_media_response_200_data_data_response = cls(
            aggregation_data=aggregation_data,
            media_offer_suggestions=media_offer_suggestions,
        )

        tag_media_response_200_data_data_response.additional_properties = d
        return tag_media_response_200_data_data_response

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
