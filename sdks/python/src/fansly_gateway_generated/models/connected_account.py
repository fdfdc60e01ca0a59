from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.connected_account_status import ConnectedAccountStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kept_credentials import KeptCredentials
    from ..models.reauth import Reauth


T = TypeVar("T", bound="ConnectedAccount")


@_attrs_define
class ConnectedAccount:
    """
    Attributes:
        account_id (str | Unset):
        country (str | Unset):
        created_at (str | Unset):
        credentials (KeptCredentials | Unset): Whether a password is kept for automatic re-login, and for which second
            factor (`none`, `authenticator`, `email`; null when none is kept). Never the secrets.
        email (str | Unset):
        fansly_account_id (None | str | Unset):
        name (str | Unset):
        reauth (None | Reauth | Unset):
        status (ConnectedAccountStatus | Unset):
        username (None | str | Unset):
    """

    account_id: str | Unset = UNSET
    country: str | Unset = UNSET
    created_at: str | Unset = UNSET
    credentials: KeptCredentials | Unset = UNSET
    email: str | Unset = UNSET
    fansly_account_id: None | str | Unset = UNSET
    name: str | Unset = UNSET
    reauth: None | Reauth | Unset = UNSET
    status: ConnectedAccountStatus | Unset = UNSET
    username: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.reauth import Reauth

        account_id = self.account_id

        country = self.country

        created_at = self.created_at

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        email = self.email

        fansly_account_id: None | str | Unset
        if isinstance(self.fansly_account_id, Unset):
            fansly_account_id = UNSET
        else:
            fansly_account_id = self.fansly_account_id

        name = self.name

        reauth: dict[str, Any] | None | Unset
        if isinstance(self.reauth, Unset):
            reauth = UNSET
        elif isinstance(self.reauth, Reauth):
            reauth = self.reauth.to_dict()
        else:
            reauth = self.reauth

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if country is not UNSET:
            field_dict["country"] = country
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if email is not UNSET:
            field_dict["email"] = email
        if fansly_account_id is not UNSET:
            field_dict["fanslyAccountId"] = fansly_account_id
        if name is not UNSET:
            field_dict["name"] = name
        if reauth is not UNSET:
            field_dict["reauth"] = reauth
        if status is not UNSET:
            field_dict["status"] = status
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kept_credentials import KeptCredentials
        from ..models.reauth import Reauth

        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        country = d.pop("country", UNSET)

        created_at = d.pop("createdAt", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: KeptCredentials | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = KeptCredentials.from_dict(_credentials)

        email = d.pop("email", UNSET)

        def _parse_fansly_account_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fansly_account_id = _parse_fansly_account_id(d.pop("fanslyAccountId", UNSET))

        name = d.pop("name", UNSET)

        def _parse_reauth(data: object) -> None | Reauth | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reauth_type_0 = Reauth.from_dict(data)

                return reauth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Reauth | Unset, data)

        reauth = _parse_reauth(d.pop("reauth", UNSET))

        _status = d.pop("status", UNSET)
        status: ConnectedAccountStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ConnectedAccountStatus(_status)

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(d.pop("username", UNSET))

        connected_account = cls(
            account_id=account_id,
            country=country,
            created_at=created_at,
            credentials=credentials,
            email=email,
            fansly_account_id=fansly_account_id,
            name=name,
            reauth=reauth,
            status=status,
            username=username,
        )

        connected_account.additional_properties = d
        return connected_account

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
