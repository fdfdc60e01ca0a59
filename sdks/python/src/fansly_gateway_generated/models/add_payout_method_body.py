from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_payout_method_body_metadata_type_1 import (
        AddPayoutMethodBodyMetadataType1,
    )
    from ..models.twofa_pair import TwofaPair


T = TypeVar("T", bound="AddPayoutMethodBody")


@_attrs_define
class AddPayoutMethodBody:
    """
    Attributes:
        metadata (AddPayoutMethodBodyMetadataType1 | str): A JSON object encoded as a string (an object is encoded), at
            most 4096 bytes.
        provider_id (int | str): A native Fansly id, as a digit string or a JSON integer.
        id (str | Unset): `""` / absent = new; otherwise the native id of the method to update.
        twofa (TwofaPair | Unset): A verified OTP `(token, code)`; both empty (or absent) = filled from the last
            verification of the last 10 minutes.
        type_ (int | Unset): Default 1.
    """

    metadata: AddPayoutMethodBodyMetadataType1 | str
    provider_id: int | str
    id: str | Unset = UNSET
    twofa: TwofaPair | Unset = UNSET
    type_: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_payout_method_body_metadata_type_1 import (
            AddPayoutMethodBodyMetadataType1,
        )

        metadata: dict[str, Any] | str
        if isinstance(self.metadata, AddPayoutMethodBodyMetadataType1):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        provider_id: int | str
        provider_id = self.provider_id

        id = self.id

        twofa: dict[str, Any] | Unset = UNSET
        if not isinstance(self.twofa, Unset):
            twofa = self.twofa.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metadata": metadata,
                "providerId": provider_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if twofa is not UNSET:
            field_dict["twofa"] = twofa
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.add_payout_method_body_metadata_type_1 import (
            AddPayoutMethodBodyMetadataType1,
        )
        from ..models.twofa_pair import TwofaPair

        d = dict(src_dict)

        def _parse_metadata(data: object) -> AddPayoutMethodBodyMetadataType1 | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_1 = AddPayoutMethodBodyMetadataType1.from_dict(data)

                return metadata_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AddPayoutMethodBodyMetadataType1 | str, data)

        metadata = _parse_metadata(d.pop("metadata"))

        def _parse_provider_id(data: object) -> int | str:
            return cast(int | str, data)

        provider_id = _parse_provider_id(d.pop("providerId"))

        id = d.pop("id", UNSET)

        _twofa = d.pop("twofa", UNSET)
        twofa: TwofaPair | Unset
        if isinstance(_twofa, Unset):
            twofa = UNSET
        else:
            twofa = TwofaPair.from_dict(_twofa)

        type_ = d.pop("type", UNSET)

        add_payout_method_body = cls(
            metadata=metadata,
            provider_id=provider_id,
            id=id,
            twofa=twofa,
            type_=type_,
        )

        add_payout_method_body.additional_properties = d
        return add_payout_method_body

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
