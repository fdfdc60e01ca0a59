from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.earnings_transactions_response_200_data_data_response_aggregation_data import (
        EarningsTransactionsResponse200DataDataResponseAggregationData,
    )
    from ..models.transaction import Transaction


T = TypeVar("T", bound="EarningsTransactionsResponse200DataDataResponse")


@_attrs_define
class EarningsTransactionsResponse200DataDataResponse:
    """
    Attributes:
        aggregation_data (EarningsTransactionsResponse200DataDataResponseAggregationData | Unset):
        data (list[Transaction] | Unset):
        total (int | Unset):
    """

    aggregation_data: (
        EarningsTransactionsResponse200DataDataResponseAggregationData | Unset
    ) = UNSET
    data: list[Transaction] | Unset = UNSET
    total: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregation_data, Unset):
            aggregation_data = self.aggregation_data.to_dict()

        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregation_data is not UNSET:
            field_dict["aggregationData"] = aggregation_data
        if data is not UNSET:
            field_dict["data"] = data
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.earnings_transactions_response_200_data_data_response_aggregation_data import (
            EarningsTransactionsResponse200DataDataResponseAggregationData,
        )
        from ..models.transaction import Transaction

        d = dict(src_dict)
        _aggregation_data = d.pop("aggregationData", UNSET)
        aggregation_data: (
            EarningsTransactionsResponse200DataDataResponseAggregationData | Unset
        )
        if isinstance(_aggregation_data, Unset):
            aggregation_data = UNSET
        else:
            aggregation_data = EarningsTransactionsResponse200DataDataResponseAggregationData.from_dict(
                _aggregation_data
            )

        _data = d.pop("data", UNSET)
        data: list[Transaction] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = Transaction.from_dict(data_item_data)

                data.append(data_item)

        total = d.pop("total", UNSET)

        earnings_transactions_response_200_data_data_response = cls(
            aggregation_data=aggregation_data,
            data=data,
            total=total,
        )

        earnings_transactions_response_200_data_data_response.additional_properties = d
        return earnings_transactions_response_200_data_data_response

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
