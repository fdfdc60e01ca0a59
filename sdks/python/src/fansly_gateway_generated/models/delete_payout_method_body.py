from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.twofa_pair import TwofaPair


T = TypeVar("T", bound="DeletePayoutMethodBody")


@_attrs_define
class DeletePayoutMethodBody:
    """
    Attributes:
        payout_method_id (int | str): A native Fansly id, as a digit string or a JSON integer.
        twofa (TwofaPair | Unset): A verified OTP `(token, code)`; both empty (or absent) = filled from the last
            verification of the last 10 minutes.
    """

    payout_method_id: int | str
    twofa: TwofaPair | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payout_method_id: int | str
        payout_method_id = self.payout_method_id

        twofa: dict[str, Any] | Unset = UNSET
        if not isinstance(self.twofa, Unset):
            twofa = self.twofa.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "payoutMethodId": payout_method_id,
            }
        )
        if twofa is not UNSET:
            field_dict["twofa"] = twofa

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.twofa_pair import TwofaPair

        d = dict(src_dict)

        def _parse_payout_method_id(data: object) -> int | str:
            return cast(int | str, data)

        payout_method_id = _parse_payout_method_id(d.pop("payoutMethodId"))

        _twofa = d.pop("twofa", UNSET)
        twofa: TwofaPair | Unset
        if isinstance(_twofa, Unset):
            twofa = UNSET
        else:
            twofa = TwofaPair.from_dict(_twofa)

        delete_payout_method_body = cls(
            payout_method_id=payout_method_id,
            twofa=twofa,
        )

        delete_payout_method_body.additional_properties = d
        return delete_payout_method_body

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
