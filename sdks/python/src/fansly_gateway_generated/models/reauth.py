from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Reauth")


@_attrs_define
class Reauth:
    """Why an expired account is not renewed automatically (`email_code`, `authenticator_code`, `bad_credentials`,
    `twofa_code_refused`, `rate_limited`, `refused`, `unavailable`, `totp_secret_invalid`) and the earliest next attempt
    (null: none until a person reconnects or replaces the credentials).

        Attributes:
            reason (str | Unset):
            retry_at (None | str | Unset):
    """

    reason: str | Unset = UNSET
    retry_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        retry_at: None | str | Unset
        if isinstance(self.retry_at, Unset):
            retry_at = UNSET
        else:
            retry_at = self.retry_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reason is not UNSET:
            field_dict["reason"] = reason
        if retry_at is not UNSET:
            field_dict["retryAt"] = retry_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = d.pop("reason", UNSET)

        def _parse_retry_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        retry_at = _parse_retry_at(d.pop("retryAt", UNSET))

        reauth = cls(
            reason=reason,
            retry_at=retry_at,
        )

        reauth.additional_properties = d
        return reauth

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
