from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.send_otp_response_201_data_data_response_email_twofa import (
        SendOtpResponse201DataDataResponseEmailTwofa,
    )


T = TypeVar("T", bound="SendOtpResponse201DataDataResponse")


@_attrs_define
class SendOtpResponse201DataDataResponse:
    """
    Attributes:
        email_twofa (SendOtpResponse201DataDataResponseEmailTwofa | Unset):
    """

    email_twofa: SendOtpResponse201DataDataResponseEmailTwofa | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email_twofa: dict[str, Any] | Unset = UNSET
        if not isinstance(self.email_twofa, Unset):
            email_twofa = self.email_twofa.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if email_twofa is not UNSET:
            field_dict["emailTwofa"] = email_twofa

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.send_otp_response_201_data_data_response_email_twofa import (
            SendOtpResponse201DataDataResponseEmailTwofa,
        )

        d = dict(src_dict)
        _email_twofa = d.pop("emailTwofa", UNSET)
        email_twofa: SendOtpResponse201DataDataResponseEmailTwofa | Unset
        if isinstance(_email_twofa, Unset):
            email_twofa = UNSET
        else:
            email_twofa = SendOtpResponse201DataDataResponseEmailTwofa.from_dict(
                _email_twofa
            )

        send_otp_response_201_data_data_response = cls(
            email_twofa=email_twofa,
        )

        send_otp_response_201_data_data_response.additional_properties = d
        return send_otp_response_201_data_data_response

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
