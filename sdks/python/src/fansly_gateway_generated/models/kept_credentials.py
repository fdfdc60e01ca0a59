from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KeptCredentials")


@_attrs_define
class KeptCredentials:
    """Whether a password is kept for automatic re-login, and for which second factor (`none`, `authenticator`, `email`;
    null when none is kept). Never the secrets.

        Attributes:
            kept (bool | Unset):
            twofa (None | str | Unset):
    """

    kept: bool | Unset = UNSET
    twofa: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kept = self.kept

        twofa: None | str | Unset
        if isinstance(self.twofa, Unset):
            twofa = UNSET
        else:
            twofa = self.twofa

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if kept is not UNSET:
            field_dict["kept"] = kept
        if twofa is not UNSET:
            field_dict["twofa"] = twofa

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kept = d.pop("kept", UNSET)

        def _parse_twofa(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        twofa = _parse_twofa(d.pop("twofa", UNSET))

        kept_credentials = cls(
            kept=kept,
            twofa=twofa,
        )

        kept_credentials.additional_properties = d
        return kept_credentials

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
