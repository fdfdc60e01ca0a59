from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

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
        password (str): Fansly password (never logged; stored sealed only with `keepLoggedIn: true`).
        username (str): Fansly login (username or e-mail), at most 254 characters.
        keep_logged_in (bool | Unset): Opt in to automatic re-login: the password (and `totpSecret`) are kept sealed
            with the master key so a dead Fansly session is renewed without a person. `false` erases kept credentials;
            absent leaves them (a reconnect replaces a kept password that no longer matches). When connect answers
            `requires_2fa`, send it on verify-2fa.
        proxy (str | Unset): The account's own outbound proxy: `http://`, `https://` or `socks5://`
            `[user:pass@]host:port`. Stored sealed, never returned in full; the login calls go through it.
        totp_secret (None | str | Unset): With `keepLoggedIn` on verify-2fa of an authenticator-app account: the app's
            base32 secret (at least 26 characters), checked against `twoFactorCode`. Without it, a later login needing a
            code makes the account `reauth_required`.
    """

    country_code: str
    name: str
    password: str
    username: str
    keep_logged_in: bool | Unset = UNSET
    proxy: str | Unset = UNSET
    totp_secret: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        name = self.name

        password = self.password

        username = self.username

        keep_logged_in = self.keep_logged_in

        proxy = self.proxy

        totp_secret: None | str | Unset
        if isinstance(self.totp_secret, Unset):
            totp_secret = UNSET
        else:
            totp_secret = self.totp_secret

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
        if keep_logged_in is not UNSET:
            field_dict["keepLoggedIn"] = keep_logged_in
        if proxy is not UNSET:
            field_dict["proxy"] = proxy
        if totp_secret is not UNSET:
            field_dict["totpSecret"] = totp_secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        country_code = d.pop("countryCode")

        name = d.pop("name")

        password = d.pop("password")

        username = d.pop("username")

        keep_logged_in = d.pop("keepLoggedIn", UNSET)

        proxy = d.pop("proxy", UNSET)

        def _parse_totp_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        totp_secret = _parse_totp_secret(d.pop("totpSecret", UNSET))

        connect_body = cls(
            country_code=country_code,
            name=name,
            password=password,
            username=username,
            keep_logged_in=keep_logged_in,
            proxy=proxy,
            totp_secret=totp_secret,
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
