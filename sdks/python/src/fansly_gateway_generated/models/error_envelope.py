from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error_envelope_data_type_0 import ErrorEnvelopeDataType0


T = TypeVar("T", bound="ErrorEnvelope")


@_attrs_define
class ErrorEnvelope:
    """Every error: `{statusCode, message, error, data, timestamp}`.

    Attributes:
        data (ErrorEnvelopeDataType0 | None): `null`, or machine-readable detail such as `{requires_2fa: true}`.
        error (str): The HTTP reason phrase, e.g. `Bad Request`.
        message (str): What went wrong; names the field and the rule for bad input.
        status_code (int):
        timestamp (datetime.datetime):
    """

    data: ErrorEnvelopeDataType0 | None
    error: str
    message: str
    status_code: int
    timestamp: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_envelope_data_type_0 import ErrorEnvelopeDataType0

        data: dict[str, Any] | None
        if isinstance(self.data, ErrorEnvelopeDataType0):
            data = self.data.to_dict()
        else:
            data = self.data

        error = self.error

        message = self.message

        status_code = self.status_code

        timestamp = self.timestamp.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "error": error,
                "message": message,
                "statusCode": status_code,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_envelope_data_type_0 import ErrorEnvelopeDataType0

        d = dict(src_dict)

        def _parse_data(data: object) -> ErrorEnvelopeDataType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = ErrorEnvelopeDataType0.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorEnvelopeDataType0 | None, data)

        data = _parse_data(d.pop("data"))

        error = d.pop("error")

        message = d.pop("message")

        status_code = d.pop("statusCode")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        error_envelope = cls(
            data=data,
            error=error,
            message=message,
            status_code=status_code,
            timestamp=timestamp,
        )

        error_envelope.additional_properties = d
        return error_envelope

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
