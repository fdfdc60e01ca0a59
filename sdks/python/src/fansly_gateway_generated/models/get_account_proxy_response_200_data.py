from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.get_account_proxy_response_200_data_source import (
    GetAccountProxyResponse200DataSource,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetAccountProxyResponse200Data")


@_attrs_define
class GetAccountProxyResponse200Data:
    """
    Attributes:
        account_id (str | Unset):
        proxy (None | str | Unset):
        source (GetAccountProxyResponse200DataSource | Unset):
    """

    account_id: str | Unset = UNSET
    proxy: None | str | Unset = UNSET
    source: GetAccountProxyResponse200DataSource | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        proxy: None | str | Unset
        if isinstance(self.proxy, Unset):
            proxy = UNSET
        else:
            proxy = self.proxy

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if proxy is not UNSET:
            field_dict["proxy"] = proxy
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        def _parse_proxy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        proxy = _parse_proxy(d.pop("proxy", UNSET))

        _source = d.pop("source", UNSET)
        source: GetAccountProxyResponse200DataSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = GetAccountProxyResponse200DataSource(_source)

        get_account_proxy_response_200_data = cls(
            account_id=account_id,
            proxy=proxy,
            source=source,
        )

        get_account_proxy_response_200_data.additional_properties = d
        return get_account_proxy_response_200_data

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
