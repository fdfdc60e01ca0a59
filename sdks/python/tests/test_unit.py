"""Unit tests needing no gateway: webhook verification of both schemes and both payload styles
(the ``event_type`` style signed here, as the gateway signs), the envelope and retries."""

from __future__ import annotations

import json
import time
from email.utils import formatdate
from typing import Any, get_args, get_type_hints

import httpx
import pytest

from fansly_gateway import (
    CompatEvent,
    CompatEventType,
    PayloadStyle,
    RetryPolicy,
    RetryTransport,
    WebhookVerificationError,
    hex_signature,
    next_cursor,
    parse_retry_after,
    sign_webhook,
    standard_signature,
    unwrap,
    verify_webhook,
)
from fansly_gateway.events import TestEvent as EnvelopeTestEvent
from fansly_gateway_generated.models.event_type_webhook_event_type import EventTypeWebhookEventType
from fansly_gateway_generated.models.payload_style import PayloadStyle as GeneratedPayloadStyle
from shape import conforms

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_standard_webhooks_reference_vector() -> None:
    sig = standard_signature(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}')
    assert sig == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_hex_signature_is_hmac_of_the_body_keyed_by_the_secret_string() -> None:
    assert hex_signature("Jefe", "what do ya want for nothing?") == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )


# The bodies exactly as crates/fansly-gateway/src/webhooks/style.rs builds them (one per
# event_type, with the test route's), including the Nones of a failed fan lookup.
TS = "2026-12-01T10:00:00.000Z"
FAN = {"id": "2", "username": "fan", "display_name": "Fan", "avatar": "https://x/a.jpg"}
UNKNOWN_FAN = {"id": "3", "username": None, "display_name": None, "avatar": None}
COMPAT: list[dict[str, Any]] = [
    {
        "event_type": "new_message",
        "timestamp": TS,
        "data": {"account_id": "fansly_abc", "message": {"id": "1", "text": "hi", "created_at": TS}, "sender": FAN},
    },
    {
        "event_type": "new_tip",
        "timestamp": TS,
        "data": {
            "account_id": "fansly_abc",
            "tip": {"id": "7", "amount": 5.0, "message": None, "created_at": TS},
            "sender": UNKNOWN_FAN,
        },
    },
    {
        "event_type": "new_subscription",
        "timestamp": TS,
        "data": {"account_id": "fansly_abc", "subscriber": {**FAN, "tier": "VIP", "amount": 24.99}},
    },
    {
        "event_type": "subscription_renewed",
        "timestamp": TS,
        "data": {"account_id": "fansly_abc", "subscriber": {**FAN, "tier": "VIP", "amount": 24.99, "total_spent": 49.98}},
    },
    {
        "event_type": "subscription_expired",
        "timestamp": TS,
        "data": {"account_id": "fansly_abc", "subscriber": {**UNKNOWN_FAN, "tier": None, "amount": None}},
    },
    {"event_type": "new_follower", "timestamp": TS, "data": {"account_id": "fansly_abc", "follower": FAN}},
    {
        "event_type": "test",
        "timestamp": TS,
        "data": {"account_id": "fansly_abc", "test": {"message": "Test event from fansly-gateway"}},
    },
]


def test_the_webhook_types_follow_the_gateways_document() -> None:
    # payloadStyle values and every event_type the gateway sends (its OpenAPI schemas), exactly.
    assert set(get_args(PayloadStyle)) == {s.value for s in GeneratedPayloadStyle} == {"envelope", "event_type"}
    assert set(get_args(CompatEventType)) == {t.value for t in EventTypeWebhookEventType}
    union = {get_args(get_type_hints(arm)["event_type"])[0] for arm in get_args(CompatEvent)}
    assert union == set(get_args(CompatEventType))
    assert sorted(b["event_type"] for b in COMPAT) == sorted(union)


def test_the_shape_check_can_fail() -> None:
    conforms(COMPAT[0], CompatEvent)
    for bad in (
        {**COMPAT[0], "extra": 1},
        {"event_type": "new_message", "timestamp": TS, "data": {"account_id": "a", "sender": FAN}},
        {"event_type": "new_follower", "timestamp": TS, "data": {"account_id": "a", "follower": {**FAN, "id": 2}}},
        {"event_type": "new_tip", "timestamp": TS, "data": {"account_id": "a", "tip": {"amount": 5}, "sender": FAN}},
    ):
        with pytest.raises(AssertionError):
            conforms(bad, CompatEvent)


@pytest.mark.parametrize("body", COMPAT, ids=lambda b: b["event_type"])
def test_event_type_payloads_verify_with_both_schemes(body: dict[str, Any]) -> None:
    raw = json.dumps(body).encode()
    headers = sign_webhook(SECRET, raw, "dlv_1")
    for scheme in ("auto", "hex", "standard"):
        event = verify_webhook(SECRET, raw, headers, scheme=scheme, payload_style="event_type")  # type: ignore[arg-type]
        assert event == body
        conforms(event, CompatEvent)
    only_hex = {"X-Fansly-Signature": headers["x-fansly-signature"]}
    assert verify_webhook(SECRET, raw.decode(), only_hex) == body
    with pytest.raises(WebhookVerificationError, match="not in the envelope payload style"):
        verify_webhook(SECRET, raw, headers, payload_style="envelope")


def test_payload_style_takes_the_gateways_names_or_auto() -> None:
    body = {"event": "webhook.test", "accountId": "", "timestamp": TS, "data": {"endpointId": "wh_1", "message": "m"}}
    raw = json.dumps(body)
    headers = sign_webhook(SECRET, raw, "dlv_4")
    for style in ("envelope", "auto"):
        event = verify_webhook(SECRET, raw, headers, payload_style=style)  # type: ignore[arg-type]
        conforms(event, EnvelopeTestEvent)
    with pytest.raises(WebhookVerificationError, match="not in the event_type payload style"):
        verify_webhook(SECRET, raw, headers, payload_style="event_type")
    # Not a style the gateway has: refused before anything is verified.
    with pytest.raises(ValueError, match="payload_style must be one of envelope, event_type, auto"):
        verify_webhook(SECRET, raw, headers, payload_style="default")  # type: ignore[arg-type]


def test_envelope_payloads_verify() -> None:
    raw = json.dumps({"event": "tips.received", "accountId": "fansly_abc", "timestamp": "t", "data": {"id": "9", "amount": 5000}})
    event = verify_webhook(SECRET, raw, sign_webhook(SECRET, raw, "dlv_2"))
    assert event["event"] == "tips.received"  # type: ignore[typeddict-item]


def test_wrong_signatures_stale_timestamps_and_missing_headers_are_refused() -> None:
    raw = json.dumps({"event": "webhook.test", "accountId": "", "timestamp": "t", "data": {}}).encode()
    now = 1_800_000_000
    headers = sign_webhook(SECRET, raw, "dlv_3", now)
    assert verify_webhook(SECRET, raw, headers, now=now)
    with pytest.raises(WebhookVerificationError, match="tolerance"):
        verify_webhook(SECRET, raw, headers, now=now + 301)
    for scheme in ("standard", "hex"):
        with pytest.raises(WebhookVerificationError):
            verify_webhook(SECRET, raw + b" ", headers, scheme=scheme, now=now)  # type: ignore[arg-type]
        with pytest.raises(WebhookVerificationError):
            verify_webhook("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", raw, headers, scheme=scheme, now=now)  # type: ignore[arg-type]
    with pytest.raises(WebhookVerificationError, match="missing"):
        verify_webhook(SECRET, raw, {}, now=now)
    with pytest.raises(WebhookVerificationError, match="missing"):
        verify_webhook(SECRET, raw, {"signature": headers["signature"]}, scheme="standard", now=now)
    several = {**headers, "webhook-signature": "v1,AAAA " + headers["webhook-signature"]}
    assert verify_webhook(SECRET, raw, several, now=now)
    other = b'{"hello": 1}'
    with pytest.raises(WebhookVerificationError, match="neither"):
        verify_webhook(SECRET, other, sign_webhook(SECRET, other, "d", now), now=now)


def test_unwrap_and_next_cursor() -> None:
    assert unwrap({"data": {"status_code": 200, "data": {"success": True, "response": [1, 2]}}}) == [1, 2]
    assert unwrap({"data": {"success": True, "count": 0, "accounts": []}}) == {"success": True, "count": 0, "accounts": []}
    assert next_cursor({"data": {"nextCursor": "25", "data": {"nextCursor": "25"}}}) == "25"
    assert next_cursor({"data": {"data": {"nextCursor": 7}}}) == "7"
    assert next_cursor({"data": {"nextCursor": None}}) is None


def test_retry_after_seconds_or_http_date() -> None:
    assert parse_retry_after("3") == 3
    assert parse_retry_after(formatdate(time.time() + 10, usegmt=True)) in (10, 11)
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


class Fake(httpx.BaseTransport):
    def __init__(self, statuses: list[int], headers: dict[str, str] | None = None) -> None:
        self.statuses = statuses
        self.headers = headers or {}
        self.seen: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request.method)
        status = self.statuses.pop(0) if self.statuses else 200
        return httpx.Response(status, headers=self.headers if status != 200 else {}, json={"statusCode": status})


def test_retry_transport_retries_reads_only_and_honours_retry_after() -> None:
    waits: list[float] = []
    fake = Fake([429, 502, 200], {"retry-after": "2"})
    client = httpx.Client(transport=RetryTransport(fake, RetryPolicy(), waits.append))
    assert client.get("http://h/x").status_code == 200
    assert waits == [2.0, 2.0] and len(fake.seen) == 3

    fake = Fake([503, 503])
    client = httpx.Client(transport=RetryTransport(fake, RetryPolicy(retries=1, base_delay=0.01), waits.append))
    assert client.get("http://h/x").status_code == 503 and len(fake.seen) == 2

    fake = Fake([502])
    client = httpx.Client(transport=RetryTransport(fake, RetryPolicy(), waits.append))
    assert client.post("http://h/x", json={}).status_code == 502 and fake.seen == ["POST"]

    waits.clear()
    fake = Fake([429], {"retry-after": "3600"})
    client = httpx.Client(transport=RetryTransport(fake, RetryPolicy(max_delay=30), waits.append))
    assert client.get("http://h/x").status_code == 429 and waits == []

    fake = Fake([404])
    client = httpx.Client(transport=RetryTransport(fake, RetryPolicy(), waits.append))
    assert client.get("http://h/x").status_code == 404 and len(fake.seen) == 1
