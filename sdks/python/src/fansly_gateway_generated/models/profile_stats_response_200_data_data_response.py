from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.profile_stats_response_200_data_data_response_aggregation_data import (
        ProfileStatsResponse200DataDataResponseAggregationData,
    )
    from ..models.profile_stats_response_200_data_data_response_dataset import (
        ProfileStatsResponse200DataDataResponseDataset,
    )


T = TypeVar("T", bound="ProfileStatsResponse200DataDataResponse")


@_attrs_define
class ProfileStatsResponse200DataDataResponse:
    """
    Attributes:
        aggregation_data (ProfileStatsResponse200DataDataResponseAggregationData | Unset):
        dataset (ProfileStatsResponse200DataDataResponseDataset | Unset):
    """

    aggregation_data: ProfileStatsResponse200DataDataResponseAggregationData | Unset = (
        UNSET
    )
    dataset: ProfileStatsResponse200DataDataResponseDataset | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregation_data, Unset):
            aggregation_data = self.aggregation_data.to_dict()

        dataset: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dataset, Unset):
            dataset = self.dataset.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregation_data is not UNSET:
            field_dict["aggregationData"] = aggregation_data
        if dataset is not UNSET:
            field_dict["dataset"] = dataset

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.profile_stats_response_200_data_data_response_aggregation_data import (
            ProfileStatsResponse200DataDataResponseAggregationData,
        )
        from ..models.profile_stats_response_200_data_data_response_dataset import (
            ProfileStatsResponse200DataDataResponseDataset,
        )

        d = dict(src_dict)
        _aggregation_data = d.pop("aggregationData", UNSET)
        aggregation_data: ProfileStatsResponse200DataDataResponseAggregationData | Unset
        if isinstance(_aggregation_data, Unset):
            aggregation_data = UNSET
        else:
            aggregation_data = (
                ProfileStatsResponse200DataDataResponseAggregationData.from_dict(
                    _aggregation_data
                )
            )

        _dataset = d.pop("dataset", UNSET)
        dataset: ProfileStatsResponse200DataDataResponseDataset | Unset
        if isinstance(_dataset, Unset):
            dataset = UNSET
        else:
            dataset = ProfileStatsResponse200DataDataResponseDataset.from_dict(_dataset)

        profile_stats_response_200_data_data_response = cls(
            aggregation_data=aggregation_data,
            dataset=dataset,
        )

        profile_stats_response_200_data_data_response.additional_properties = d
        return profile_stats_response_200_data_data_response

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
