from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendOtpBody")


@_attrs_define
class SendOtpBody:
    """
    Attributes:
        use_email_two_fa_fallback (bool | None | Unset): Forwarded to Fansly as given; null or absent = true.
            `useEmailTwoFaFallback` is accepted as an alias.
    """

    use_email_two_fa_fallback: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        use_email_two_fa_fallback: bool | None | Unset
        if isinstance(self.use_email_two_fa_fallback, Unset):
            use_email_two_fa_fallback = UNSET
        else:
            use_email_two_fa_fallback = self.use_email_two_fa_fallback

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if use_email_two_fa_fallback is not UNSET:
            field_dict["useEmailTwoFAFallback"] = use_email_two_fa_fallback

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_use_email_two_fa_fallback(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        use_email_two_fa_fallback = _parse_use_email_two_fa_fallback(
            d.pop("useEmailTwoFAFallback", UNSET)
        )

        send_otp_body = cls(
            use_email_two_fa_fallback=use_email_two_fa_fallback,
        )

        send_otp_body.additional_properties = d
        return send_otp_body

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
