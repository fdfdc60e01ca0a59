from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectBody")


@_attrs_define
class ConnectBody:
    """
    Attributes:
        country_code (str): Egress country, ISO-3166 alpha-2 (e.g. `US`); picks a proxy from `--proxy-pool` when the
            account has none of its own.
        name (str): Dashboard label, at most 100 characters.
        password (str): Fansly password (used once, never stored or logged).
        username (str): Fansly login (username or e-mail), at most 254 characters.
        proxy (str | Unset): The account's own outbound proxy: `http://`, `https://` or `socks5://`
            `[user:pass@]host:port`. Stored sealed, never returned in full; the login calls go through it.
    """

    country_code: str
    name: str
    password: str
    username: str
    proxy: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        name = self.name

        password = self.password

        username = self.username

        proxy = self.proxy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "countryCode": country_code,
                "name": name,
                "password": password,
                "username": username,
            }
        )
        if proxy is not UNSET:
            field_dict["proxy"] = proxy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        country_code = d.pop("countryCode")

        name = d.pop("name")

        password = d.pop("password")

        username = d.pop("username")

        proxy = d.pop("proxy", UNSET)

        connect_body = cls(
            country_code=country_code,
            name=name,
            password=password,
            username=username,
            proxy=proxy,
        )

        connect_body.additional_properties = d
        return connect_body

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
