"""The SDK against a real gateway + simulator (the ``large`` world), started by conftest.py."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

import httpx
import pytest

from conftest import Stack
from fansly_gateway import CURSOR_ROUTES, Gateway, GatewayError, RetryPolicy, WebhookVerificationError, verify_webhook
from fansly_gateway.events import CompatTestData, CompatTestEvent, NewMessage, NewMessageData
from fansly_gateway.events import TestEvent as EnvelopeTestEvent
from fansly_gateway_generated.api.accounts import me as generated_me
from shape import conforms


@pytest.fixture(scope="module")
def gw(stack: Stack) -> Iterator[Gateway]:
    with Gateway(f"{stack.root}/api/fansly", stack.api_key) as g:
        yield g


@pytest.fixture(scope="module")
def account_id(gw: Gateway, stack: Stack) -> str:
    connected = gw.connect(stack.world["username"], stack.world["password"], "SDK tests", "US")
    assert connected["account_id"].startswith("fansly_")
    return str(connected["account_id"])


@pytest.fixture(scope="module")
def chats(gw: Gateway, account_id: str) -> list[dict[str, Any]]:
    return list(gw.paginate("/api/fansly/{account_id}/chats", path_params={"account_id": account_id}, query={"limit": 25}))


def test_flat_and_proxied_payloads(gw: Gateway, account_id: str, stack: Stack) -> None:
    accounts = gw.list_accounts()
    assert any(a["accountId"] == account_id for a in accounts["accounts"])
    me = gw.get("/api/fansly/{account_id}/me", path_params={"account_id": account_id})
    assert me["account"]["username"] == stack.world["username"]
    # The generated client shares the key, base URL and retries.
    typed = generated_me.sync_detailed(account_id, client=gw.generated)
    assert typed.status_code == 200


def test_errors_carry_status_message_and_request_id(gw: Gateway, account_id: str, stack: Stack) -> None:
    with pytest.raises(GatewayError) as e:
        gw.get("/api/fansly/{account_id}/me", path_params={"account_id": "fansly_000000000000000000000000"})
    assert e.value.status_code == 404 and e.value.error == "Not Found"
    assert "not found" in e.value.message.lower()
    assert e.value.request_id and len(e.value.request_id) >= 8
    with pytest.raises(GatewayError) as e:
        gw.get("/api/fansly/{account_id}/chats", path_params={"account_id": account_id}, query={"cursor": "nope"})
    assert e.value.status_code == 400 and "cursor" in e.value.message
    with Gateway(stack.root, "fgw_wrong") as wrong, pytest.raises(GatewayError) as e:
        wrong.list_accounts()
    assert e.value.status_code == 401


def test_walks_every_chat_of_the_large_world_exactly_once(gw: Gateway, account_id: str, stack: Stack) -> None:
    ids: list[str] = []
    pages = 0
    for page in gw.pages("/api/fansly/{account_id}/chats", path_params={"account_id": account_id}, query={"limit": 25}):
        pages += 1
        ids.extend(c["groupId"] for c in page.items)
    assert len(ids) == stack.world["chats"]
    assert len(set(ids)) == len(ids)
    assert pages >= stack.world["chats"] // 25


def test_walks_every_follower_exactly_once(gw: Gateway, account_id: str, stack: Stack) -> None:
    rows = list(gw.paginate("/api/fansly/{account_id}/followers", path_params={"account_id": account_id}, query={"limit": 100}))
    ids = {r.get("followerId") or r.get("id") for r in rows}
    assert len(rows) == stack.world["followers"] == len(ids)


def test_walks_one_chats_messages_exactly_once(gw: Gateway, account_id: str, chats: list[dict[str, Any]]) -> None:
    chat = next(c for c in chats if c.get("lastMessageId"))
    ids = [
        m["id"]
        for m in gw.paginate(
            "/api/fansly/{account_id}/chats/{chat_id}/messages",
            path_params={"account_id": account_id, "chat_id": chat["groupId"]},
            query={"limit": 10},
        )
    ]
    assert len(ids) >= 10 and len(set(ids)) == len(ids)
    assert ids == sorted(ids, key=int, reverse=True)


def test_every_cursor_route_pages_without_repeats(gw: Gateway, account_id: str, chats: list[dict[str, Any]]) -> None:
    a = {"account_id": account_id}
    lists = gw.get("/api/fansly/{account_id}/lists", path_params=a)["lists"]
    walls = gw.get("/api/fansly/{account_id}/posts/walls", path_params=a)
    albums = gw.get("/api/fansly/{account_id}/vault/albums", path_params=a)
    hook = gw.post("/api/fansly/webhooks", json={"url": "http://127.0.0.1:9/unused", "events": ["messages.sent"]})
    values = {
        "account_id": account_id,
        "chat_id": chats[0]["groupId"],
        "list_id": lists[0]["id"],
        "wall_id": (walls.get("walls") if isinstance(walls, dict) else walls)[0]["id"],
        "album_id": (albums.get("albums") if isinstance(albums, dict) else albums)[0]["id"],
        "id": hook["id"],
    }
    for path in CURSOR_ROUTES:
        names = [seg[1:-1] for seg in path.split("/") if seg.startswith("{")]
        missing = [n for n in names if n not in values]
        assert not missing, f"{path}: no value for {missing} in this test"
        seen: set[str] = set()
        for n, page in enumerate(gw.pages(path, path_params={k: values[k] for k in names})):  # type: ignore[arg-type]
            for item in page.items:
                key = json.dumps(item, sort_keys=True)
                assert key not in seen, f"{path}: an item came twice"
                seen.add(key)
            if n == 2:
                break


def test_reads_are_retried_on_429_and_5xx(stack: Stack, account_id: str) -> None:
    attempts: list[str] = []

    class Counting(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            attempts.append(request.method)
            return super().handle_request(request)

    stack.fault("/api/v1/account/me", 429, 1, retry_after=1)
    stack.fault("/api/v1/account/me", 503, 1)
    with Gateway(stack.root, stack.api_key, transport=Counting(), retry=RetryPolicy(base_delay=0.05)) as g:
        started = time.monotonic()
        me = g.get("/api/fansly/{account_id}/me", path_params={"account_id": account_id}, query={"fresh": True})
    assert me["account"]["username"] == stack.world["username"]
    assert attempts == ["GET", "GET", "GET"]
    assert time.monotonic() - started >= 0.95, "Retry-After: 1 was not waited out"


def test_without_retries_the_429_reaches_the_caller(stack: Stack, account_id: str) -> None:
    stack.fault("/api/v1/account/me", 429, 1, retry_after=1)
    with Gateway(stack.root, stack.api_key, retries=False) as g, pytest.raises(GatewayError) as e:
        g.get("/api/fansly/{account_id}/me", path_params={"account_id": account_id}, query={"fresh": True})
    assert e.value.status_code == 429 and e.value.retry_after == 1
    time.sleep(1.1)  # let the account's hold pass


def test_sends_are_never_retried(stack: Stack, account_id: str, chats: list[dict[str, Any]]) -> None:
    attempts: list[str] = []

    class Counting(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            attempts.append(request.method)
            return super().handle_request(request)

    stack.fault("/api/v1/message", 503, 1)
    with Gateway(stack.root, stack.api_key, transport=Counting()) as g, pytest.raises(GatewayError) as e:
        g.send_message(account_id, chats[0]["groupId"], {"content": "not twice"})
    assert e.value.status_code == 502 and attempts == ["POST"]


def test_idempotent_send_replays(gw: Gateway, account_id: str, chats: list[dict[str, Any]]) -> None:
    first = gw.send_message(account_id, chats[1]["groupId"], {"content": "hello from the Python SDK"})
    assert len(first.idempotency_key) == 36 and not first.replayed
    again = gw.send_message(
        account_id, chats[1]["groupId"], {"content": "hello from the Python SDK"}, idempotency_key=first.idempotency_key
    )
    assert again.replayed and again.data["id"] == first.data["id"]


def test_upload_polls_the_job_until_it_completes(gw: Gateway, account_id: str) -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
    states: list[str] = []
    job = gw.upload_media(account_id, png, file_name="pixel.png", poll_interval=0.2, on_progress=lambda j: states.append(j["state"]))
    assert job["state"] == "completed" and str(job["result"]["mediaId"]).isdigit()
    assert job["result"]["accountMedia"][0]["id"] and states


class Receiver:
    """A local webhook receiver on 127.0.0.1."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.cond = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                with outer.cond:
                    outer.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                    outer.cond.notify_all()
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait(self, match: Callable[[dict[str, Any]], bool], timeout: float = 20) -> tuple[dict[str, str], bytes]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for headers, body in self.received:
                    if match(json.loads(body)):
                        return headers, body
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("no matching webhook delivery arrived")
                self.cond.wait(left)


def test_a_webhook_from_the_gateway_verifies(gw: Gateway, account_id: str, chats: list[dict[str, Any]]) -> None:
    receiver = Receiver()
    try:
        hook = gw.post("/api/fansly/webhooks", json={"url": receiver.url, "events": ["messages.sent"]})
        secret = hook["secret"]
        assert secret.startswith("whsec_")
        sent = gw.send_message(account_id, chats[2]["groupId"], {"content": "webhook me"})
        headers, body = receiver.wait(lambda b: b.get("event") == "messages.sent" and b["data"].get("id") == sent.data["id"])

        event = verify_webhook(secret, body, headers)
        assert event["event"] == "messages.sent"  # type: ignore[typeddict-item]
        assert event["accountId"] == account_id  # type: ignore[typeddict-item]
        assert verify_webhook(secret, body, headers, scheme="hex", payload_style="envelope") == event
        assert verify_webhook(secret, body, headers, scheme="standard") == event
        tampered = body.replace(b"webhook me", b"webhook you")
        for scheme in ("hex", "standard"):
            with pytest.raises(WebhookVerificationError):
                verify_webhook(secret, tampered, headers, scheme=scheme)  # type: ignore[arg-type]
        with pytest.raises(WebhookVerificationError):
            verify_webhook(secret, body, headers, payload_style="event_type")

        gw.post("/api/fansly/webhooks/{id}/test", path_params={"id": hook["id"]})
        headers, body = receiver.wait(lambda b: b.get("event") == "webhook.test")
        test_event = verify_webhook(secret, body, headers, payload_style="envelope")
        conforms(test_event, EnvelopeTestEvent)
        assert test_event["data"]["endpointId"] == hook["id"]  # type: ignore[typeddict-item]
    finally:
        receiver.server.shutdown()


def test_event_type_webhooks_from_the_gateway_verify_and_match_the_types(
    gw: Gateway, account_id: str, stack: Stack
) -> None:
    """An endpoint with ``payloadStyle: event_type`` gets a fan's message as ``new_message`` and
    the test route's ``test``; both verify with both schemes and have exactly the SDK's types."""
    receiver = Receiver()
    try:
        hook = gw.post(
            "/api/fansly/webhooks",
            json={"url": receiver.url, "events": ["messages.received"], "accountIds": [account_id], "payloadStyle": "event_type"},
        )
        assert hook["payloadStyle"] == "event_type"
        secret = hook["secret"]
        # A fan of the creator, made and logged in through the simulator's control API.
        fan = stack.sim_call("POST", "/_sim/fans", {"username": "sdk_py_fan", "displayName": "SDK Py Fan"})
        token = stack.sim_call("POST", "/_sim/sessions", {"accountId": fan["id"]})["token"]
        creator = next(a for a in gw.list_accounts()["accounts"] if a["accountId"] == account_id)["fanslyAccountId"]
        group = stack.sim_call("POST", "/api/v1/group", {"type": 1, "users": [{"userId": creator}]}, token)["response"]
        # The fan as Fansly shows the account: what `sender` must name.
        native = stack.sim_call("GET", f"/api/v1/account?ids={fan['id']}", token=token)["response"][0]
        avatar_obj = native.get("avatar") or {}
        locations = avatar_obj.get("locations") or [{}]
        avatar = locations[0].get("location") or avatar_obj.get("location")
        assert avatar, "the simulator gives every fan an avatar"

        # Sent by the fan (again while the gateway's event socket may still be connecting).
        sent: dict[str, dict[str, Any]] = {}
        found: tuple[dict[str, str], bytes] | None = None
        for attempt in range(1, 5):
            content = f"hello from the fan, take {attempt}"
            m = stack.sim_call(
                "POST", "/api/v1/message", {"type": 1, "content": content, "groupId": group["id"], "attachments": []}, token
            )["response"]
            sent[m["id"]] = m
            try:
                found = receiver.wait(
                    lambda b: b.get("event_type") == "new_message" and b["data"]["message"]["id"] in sent,
                    timeout=5 if attempt < 4 else 20,
                )
                break
            except AssertionError:
                if attempt == 4:
                    raise
        assert found is not None
        headers, body = found
        for scheme in ("hex", "standard"):
            event = verify_webhook(secret, body, headers, scheme=scheme, payload_style="event_type")  # type: ignore[arg-type]
            conforms(event, NewMessage)
            assert event["event_type"] == "new_message"  # type: ignore[typeddict-item]
            data = cast(NewMessageData, event["data"])
            assert data["account_id"] == account_id, "the gateway's account id"
            m = sent[str(data["message"]["id"])]
            assert data["message"]["text"] == m["content"]
            # Fansly's REST answer has whole seconds; the event (from the socket) keeps the fraction.
            secs = m["createdAt"] if m["createdAt"] < 10**11 else m["createdAt"] // 1000
            created = data["message"]["created_at"]
            assert created is not None
            assert iso_ms(int(secs) * 1000)[:19] == created[:19], created
            # A CDN location is signed when it is read (its `Expires` counts from then), so the
            # event's and this test's reads of the same avatar differ only in the signature.
            sender = dict(data["sender"])
            signed = sender.pop("avatar")
            assert signed is not None and "Signature=" in signed, signed
            assert signed.split("?")[0] == avatar.split("?")[0], signed
            assert sender == {"id": fan["id"], "username": "sdk_py_fan", "display_name": "SDK Py Fan"}
        with pytest.raises(WebhookVerificationError):
            verify_webhook(secret, body, headers, payload_style="envelope")
        tampered = body.replace(b"hello from the fan", b"hello from someone")
        for scheme in ("hex", "standard"):
            with pytest.raises(WebhookVerificationError):
                verify_webhook(secret, tampered, headers, scheme=scheme)  # type: ignore[arg-type]

        gw.post("/api/fansly/webhooks/{id}/test", path_params={"id": hook["id"]})
        headers, body = receiver.wait(lambda b: b.get("event_type") == "test")
        for scheme in ("hex", "standard"):
            test_event = verify_webhook(secret, body, headers, scheme=scheme, payload_style="event_type")  # type: ignore[arg-type]
            conforms(test_event, CompatTestEvent)
            test_data = cast(CompatTestData, test_event["data"])
            assert test_data["account_id"] == account_id
            assert test_data["test"]["message"] == "Test event from fansly-gateway"
        # Only event_type bodies came to this endpoint.
        assert all("event_type" in json.loads(b) for _, b in receiver.received)
    finally:
        receiver.server.shutdown()


def iso_ms(ms: int) -> str:
    """Unix milliseconds as the gateway writes times (ISO-8601 UTC with milliseconds)."""
    t = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
