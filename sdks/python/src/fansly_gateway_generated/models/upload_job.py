from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.upload_job_state import UploadJobState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.upload_job_result_type_0 import UploadJobResultType0


T = TypeVar("T", bound="UploadJob")


@_attrs_define
class UploadJob:
    """
    Attributes:
        account_id (str | Unset):
        error (None | str | Unset):
        file_name (str | Unset):
        file_size (int | Unset):
        job_id (str | Unset):
        progress (int | Unset):
        result (None | Unset | UploadJobResultType0):
        state (UploadJobState | Unset):
    """

    account_id: str | Unset = UNSET
    error: None | str | Unset = UNSET
    file_name: str | Unset = UNSET
    file_size: int | Unset = UNSET
    job_id: str | Unset = UNSET
    progress: int | Unset = UNSET
    result: None | Unset | UploadJobResultType0 = UNSET
    state: UploadJobState | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.upload_job_result_type_0 import UploadJobResultType0

        account_id = self.account_id

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        file_name = self.file_name

        file_size = self.file_size

        job_id = self.job_id

        progress = self.progress

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, UploadJobResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if error is not UNSET:
            field_dict["error"] = error
        if file_name is not UNSET:
            field_dict["fileName"] = file_name
        if file_size is not UNSET:
            field_dict["fileSize"] = file_size
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if progress is not UNSET:
            field_dict["progress"] = progress
        if result is not UNSET:
            field_dict["result"] = result
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.upload_job_result_type_0 import UploadJobResultType0

        d = dict(src_dict)
        account_id = d.pop("accountId", UNSET)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        file_name = d.pop("fileName", UNSET)

        file_size = d.pop("fileSize", UNSET)

        job_id = d.pop("jobId", UNSET)

        progress = d.pop("progress", UNSET)

        def _parse_result(data: object) -> None | Unset | UploadJobResultType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = UploadJobResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UploadJobResultType0, data)

        result = _parse_result(d.pop("result", UNSET))

        _state = d.pop("state", UNSET)
        state: UploadJobState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = UploadJobState(_state)

        upload_job = cls(
            account_id=account_id,
            error=error,
            file_name=file_name,
            file_size=file_size,
            job_id=job_id,
            progress=progress,
            result=result,
            state=state,
        )

        upload_job.additional_properties = d
        return upload_job

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
