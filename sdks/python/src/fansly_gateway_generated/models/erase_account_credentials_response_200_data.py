from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kept_credentials import KeptCredentials


T = TypeVar("T", bound="EraseAccountCredentialsResponse200Data")


@_attrs_define
class EraseAccountCredentialsResponse200Data:
    """
    Attributes:
        account_id (str | Unset):
        credentials (KeptCredentials | Unset): Whether a password is kept for automatic re-login, and for which second
            factor (`none`, `authenticator`, `email`; null when none is kept). Never the secrets.
        success (bool | Unset):
    """

    account_id: str | Unset = UNSET
    credentials: KeptCredentials | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kept_credentials import KeptCredentials

        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: KeptCredentials | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = KeptCredentials.from_dict(_credentials)

        success = d.pop("success", UNSET)

        erase_account_credentials_response_200_data = cls(
            account_id=account_id,
            credentials=credentials,
            success=success,
        )

        erase_account_credentials_response_200_data.additional_properties = d
        return erase_account_credentials_response_200_data

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
