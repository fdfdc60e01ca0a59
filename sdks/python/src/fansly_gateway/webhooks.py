"""Webhook verification: both signature schemes the gateway sends on every delivery
(``crates/fansly-gateway/src/webhooks/sign.rs``) and both payload styles."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import time
from collections.abc import Mapping
from typing import Literal, cast, get_args

from .errors import WebhookVerificationError
from .events import CompatEvent, GatewayEvent, PayloadStyle, WebhookEvent

SECRET_PREFIX = "whsec_"
Scheme = Literal["auto", "standard", "hex"]
#: The gateway's ``payloadStyle`` values, and ``auto``.
_STYLES = (*get_args(PayloadStyle), "auto")
_B64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


def _bytes(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == name:
            return v
    return None


def _standard_key(secret: str) -> bytes:
    b64 = secret[len(SECRET_PREFIX) :] if secret.startswith(SECRET_PREFIX) else secret
    if _B64.match(b64) and len(b64) % 4 == 0:
        try:
            return base64.b64decode(b64, validate=True)
        except binascii.Error:
            pass
    return secret.encode("utf-8")


def hex_signature(secret: str, body: bytes | str) -> str:
    """The hex signature (``Signature`` / ``X-Fansly-Signature``) of a body."""
    return hmac.new(secret.encode("utf-8"), _bytes(body), hashlib.sha256).hexdigest()


def standard_signature(secret: str, msg_id: str, timestamp: int, body: bytes | str) -> str:
    """The Standard Webhooks signature (``v1,<base64>``) of a body."""
    signed = f"{msg_id}.{timestamp}.".encode() + _bytes(body)
    mac = hmac.new(_standard_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode("ascii")


def sign_webhook(secret: str, body: bytes | str, msg_id: str = "msg_test", timestamp: int | None = None) -> dict[str, str]:
    """The headers the gateway sends with a body (for testing your receiver)."""
    ts = int(time.time()) if timestamp is None else timestamp
    hx = hex_signature(secret, body)
    return {
        "content-type": "application/json",
        "signature": hx,
        "x-fansly-signature": hx,
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": standard_signature(secret, msg_id, ts, body),
    }


def _verify_hex(secret: str, body: bytes, headers: Mapping[str, str]) -> None:
    got = _header(headers, "x-fansly-signature") or _header(headers, "signature")
    if not got:
        raise WebhookVerificationError("missing X-Fansly-Signature / Signature header")
    if not hmac.compare_digest(got.strip().lower().encode(), hex_signature(secret, body).encode()):
        raise WebhookVerificationError("signature mismatch (hex)")


def _verify_standard(secret: str, body: bytes, headers: Mapping[str, str], tolerance: int, now: int | None) -> None:
    msg_id = _header(headers, "webhook-id")
    ts = _header(headers, "webhook-timestamp")
    sigs = _header(headers, "webhook-signature")
    if not msg_id or not ts or not sigs:
        raise WebhookVerificationError("missing webhook-id / webhook-timestamp / webhook-signature")
    if not ts.strip().isdigit():
        raise WebhookVerificationError("webhook-timestamp is not Unix seconds")
    timestamp = int(ts.strip())
    current = int(time.time()) if now is None else now
    if abs(current - timestamp) > tolerance:
        raise WebhookVerificationError("webhook-timestamp is outside the tolerance")
    want = standard_signature(secret, msg_id, timestamp, body)[3:].encode()
    # Several space-separated signatures may come (e.g. during a secret rotation).
    if not any(hmac.compare_digest(s[3:].encode(), want) for s in sigs.split(" ") if s.startswith("v1,")):
        raise WebhookVerificationError("signature mismatch (Standard Webhooks)")


def verify_webhook(
    secret: str,
    body: bytes | str,
    headers: Mapping[str, str],
    *,
    scheme: Scheme = "auto",
    payload_style: PayloadStyle | Literal["auto"] = "auto",
    tolerance: int = 300,
    now: int | None = None,
) -> WebhookEvent:
    """Verifies a delivery and returns its typed body.

    ``body`` must be the raw bytes as received. ``scheme``: ``standard`` (Standard Webhooks,
    which also rejects timestamps more than ``tolerance`` seconds away, so replays), ``hex``
    (``X-Fansly-Signature`` / ``Signature``, an HMAC of the body only), or ``auto`` (default:
    Standard Webhooks when its headers are present, else hex). ``payload_style`` is the
    endpoint's ``payloadStyle``: ``envelope`` (``{event, accountId, timestamp, data}``, the
    gateway's default) or ``event_type`` (``{event_type, timestamp, data}``); ``auto`` (default)
    accepts either, any other value is a :class:`ValueError`. Raises
    :class:`WebhookVerificationError`; never act on a body that fails.
    """
    if payload_style not in _STYLES:
        raise ValueError(f"payload_style must be one of {', '.join(_STYLES)} (got {payload_style!r})")
    raw = _bytes(body)
    if scheme == "standard" or (scheme == "auto" and _header(headers, "webhook-signature") is not None):
        _verify_standard(secret, raw, headers, tolerance, now)
    else:
        _verify_hex(secret, raw, headers)
    try:
        parsed = json.loads(raw)
    except ValueError as e:
        raise WebhookVerificationError("the body is not JSON") from e
    if not isinstance(parsed, dict):
        raise WebhookVerificationError("the body is not a JSON object")
    is_envelope = isinstance(parsed.get("event"), str) and isinstance(parsed.get("accountId"), str)
    is_event_type = isinstance(parsed.get("event_type"), str) and isinstance(parsed.get("data"), dict)
    if payload_style in ("envelope", "auto") and is_envelope:
        return cast(GatewayEvent, parsed)
    if payload_style in ("event_type", "auto") and is_event_type:
        return cast(CompatEvent, parsed)
    if payload_style == "auto":
        raise WebhookVerificationError("the body is in neither payload style")
    raise WebhookVerificationError(f"the body is not in the {payload_style} payload style")
