"""Errors raised by the SDK."""

from __future__ import annotations

from typing import Any


class GatewayError(Exception):
    """An error answer of the gateway (any non-2xx), with the envelope's fields."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        error: str | None = None,
        request_id: str | None = None,
        retry_after: int | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        #: The HTTP status (the envelope's ``statusCode``).
        self.status_code = status_code
        self.message = message
        #: The HTTP reason phrase the envelope carries in ``error``.
        self.error = error
        #: The answer's ``x-request-id``: quote it when reporting a problem.
        self.request_id = request_id
        #: Seconds the gateway asked to wait (``Retry-After``), if any.
        self.retry_after = retry_after
        #: The parsed error envelope (or the raw text when it was not JSON).
        self.body = body

    def __str__(self) -> str:
        rid = f" (request {self.request_id})" if self.request_id else ""
        return f"{self.status_code} {self.message}{rid}"


class UploadError(Exception):
    """An upload job that ended ``failed`` or did not finish in time."""

    def __init__(self, job_id: str, message: str, job: Any = None) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.job = job


class WebhookVerificationError(Exception):
    """A webhook whose signature, timestamp or payload style did not check out."""
