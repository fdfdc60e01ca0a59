"""The gateway's envelope: unwrapping, next cursors, ``Retry-After``, errors."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import httpx

from .errors import GatewayError


def is_proxied(data: Any) -> bool:
    """True when an envelope's ``data`` is a proxied Fansly reply (``{status_code, data: {response}}``)."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("status_code"), int)
        and isinstance(data.get("data"), dict)
        and "response" in data["data"]
    )


def unwrap(envelope: Any) -> Any:
    """The payload of a success envelope: ``data.data.response`` for proxied routes, else ``data``."""
    data = envelope.get("data") if isinstance(envelope, dict) else None
    if isinstance(data, dict) and is_proxied(data):
        return data["data"]["response"]
    return data


def next_cursor(envelope: Any) -> str | None:
    """The next cursor of a page (``data.nextCursor``, else ``data.data.nextCursor``), or None."""
    data = envelope.get("data") if isinstance(envelope, dict) else None
    if not isinstance(data, dict):
        return None
    raw = data.get("nextCursor")
    if raw is None and isinstance(data.get("data"), dict):
        raw = data["data"].get("nextCursor")
    if raw is None or raw == "":
        return None
    return str(raw)


def parse_retry_after(value: str | None, now: float | None = None) -> int | None:
    """Seconds from a ``Retry-After`` value (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    v = value.strip()
    if v.isdigit():
        return int(v)
    try:
        when = email.utils.parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0, int(when.timestamp() - now + 0.999))


def body_of(response: httpx.Response) -> Any:
    """The response body parsed as JSON, or its text."""
    try:
        return response.json()
    except ValueError:
        return response.text


def error_from(response: httpx.Response, body: Any) -> GatewayError:
    """The :class:`GatewayError` of a non-2xx answer."""
    env = body if isinstance(body, dict) else {}
    message = env.get("message")
    if not isinstance(message, str):
        message = f"HTTP {response.status_code}" + (f": {body[:200]}" if isinstance(body, str) and body else "")
    status = env.get("statusCode")
    error = env.get("error")
    return GatewayError(
        status if isinstance(status, int) else response.status_code,
        message,
        error=error if isinstance(error, str) else (response.reason_phrase or None),
        request_id=response.headers.get("x-request-id"),
        retry_after=parse_retry_after(response.headers.get("retry-after")),
        body=body,
    )


def checked(response: httpx.Response) -> Any:
    """The parsed body of a 2xx answer; raises :class:`GatewayError` otherwise."""
    body = body_of(response)
    if not response.is_success:
        raise error_from(response, body)
    return body
