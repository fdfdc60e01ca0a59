from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KeepAccountCredentialsBody")


@_attrs_define
class KeepAccountCredentialsBody:
    """
    Attributes:
        password (str): The Fansly password, at most 1024 bytes.
        totp_secret (None | str | Unset): The authenticator app's base32 secret (at least 26 letters A–Z and digits 2–7;
            spaces, `-` and `=` are ignored), for accounts that use one. Null or blank: none.
    """

    password: str
    totp_secret: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        totp_secret: None | str | Unset
        if isinstance(self.totp_secret, Unset):
            totp_secret = UNSET
        else:
            totp_secret = self.totp_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "password": password,
            }
        )
        if totp_secret is not UNSET:
            field_dict["totpSecret"] = totp_secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        password = d.pop("password")

        def _parse_totp_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        totp_secret = _parse_totp_secret(d.pop("totpSecret", UNSET))

        keep_account_credentials_body = cls(
            password=password,
            totp_secret=totp_secret,
        )

        keep_account_credentials_body.additional_properties = d
        return keep_account_credentials_body

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
