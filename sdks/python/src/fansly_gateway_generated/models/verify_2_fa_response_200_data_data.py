from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verify_2_fa_response_200_data_data_response import (
        Verify2FaResponse200DataDataResponse,
    )


T = TypeVar("T", bound="Verify2FaResponse200DataData")


@_attrs_define
class Verify2FaResponse200DataData:
    """`response: {accountId: <the gateway's account id>, fanslyAccountId: <Fansly's id>}` for clients that read a nested
    answer; never a token.

        Attributes:
            response (Verify2FaResponse200DataDataResponse | Unset):
            success (bool | Unset):
    """

    response: Verify2FaResponse200DataDataResponse | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response, Unset):
            response = self.response.to_dict()

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if response is not UNSET:
            field_dict["response"] = response
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.verify_2_fa_response_200_data_data_response import (
            Verify2FaResponse200DataDataResponse,
        )

        d = dict(src_dict)
        _response = d.pop("response", UNSET)
        response: Verify2FaResponse200DataDataResponse | Unset
        if isinstance(_response, Unset):
            response = UNSET
        else:
            response = Verify2FaResponse200DataDataResponse.from_dict(_response)

        success = d.pop("success", UNSET)

        verify_2_fa_response_200_data_data = cls(
            response=response,
            success=success,
        )

        verify_2_fa_response_200_data_data.additional_properties = d
        return verify_2_fa_response_200_data_data

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
