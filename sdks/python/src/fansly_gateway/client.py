"""The hand-written client: base URL and key, the envelope, pagination, sends, uploads."""

from __future__ import annotations

import mimetypes
import re
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import httpx

from fansly_gateway_generated.client import Client as GeneratedClient

from ._routes import CURSOR_ROUTES, CursorPath
from .envelope import checked, next_cursor, unwrap
from .errors import UploadError
from .retry import RetryPolicy, RetryTransport

_PARAM = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Page:
    """One page of a cursor route."""

    #: The page's items (where the route table's ``items_key`` points).
    items: list[Any]
    #: The whole unwrapped payload (side-loaded objects such as ``accountMedia`` included).
    data: Any
    #: The cursor of the next page, None on the last.
    next_cursor: str | None
    request_id: str | None


@dataclass(frozen=True)
class Sent:
    """The result of a send made with an ``Idempotency-Key``."""

    data: Any
    #: The key sent: reuse it to retry the same send safely.
    idempotency_key: str
    #: True when the gateway replayed the first answer for this key (no second send).
    replayed: bool
    request_id: str | None


def fill_path(template: str, path: Mapping[str, str] | None) -> str:
    """``template`` with each ``{name}`` replaced by the URL-encoded ``path[name]``."""
    values = path or {}

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in values:
            raise TypeError(f"{template}: missing path parameter {name!r}")
        return quote(str(values[name]), safe="")

    return _PARAM.sub(one, template)


def _query(query: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in (query or {}).items():
        if v is None:
            continue
        out[k] = ("true" if v else "false") if isinstance(v, bool) else v
    return out


class Gateway:
    """A fansly-gateway client.

    ``generated`` is the generated client (every operation of the OpenAPI document, typed,
    under ``fansly_gateway_generated.api``), sharing this client's connection, key and retries.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        retry: RetryPolicy | None = None,
        retries: bool = True,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if not api_key:
            raise ValueError("api_key is required")
        root = base_url.rstrip("/")
        if root.endswith("/api/fansly"):
            root = root[: -len("/api/fansly")]
        self.base_url = root
        inner = transport or httpx.HTTPTransport()
        self._transport: httpx.BaseTransport = RetryTransport(inner, retry) if retries else inner
        self._headers = {**(headers or {}), "x-api-key": api_key}
        self.http = httpx.Client(base_url=root, headers=self._headers, timeout=timeout, transport=self._transport)
        self.generated = GeneratedClient(base_url=root, headers=self._headers, timeout=httpx.Timeout(timeout))
        self.generated.set_httpx_client(self.http)

    def __enter__(self) -> Gateway:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.http.close()

    # ---- plain calls ----------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Sends one request (``path`` a template such as ``/api/fansly/{account_id}/me``)."""
        return self.http.request(
            method,
            fill_path(path, path_params),
            params=_query(query),
            json=json,
            headers=dict(headers or {}),
        )

    def envelope(self, method: str, path: str, **kwargs: Any) -> Any:
        """The whole success envelope; raises :class:`GatewayError` on an error answer."""
        return checked(self.request(method, path, **kwargs))

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """The unwrapped payload: ``data.data.response`` for proxied routes, ``data`` otherwise."""
        return unwrap(self.envelope(method, path, **kwargs))

    def get(self, path: str, *, path_params: Mapping[str, str] | None = None, query: Mapping[str, Any] | None = None) -> Any:
        return self.call("GET", path, path_params=path_params, query=query)

    def post(self, path: str, *, path_params: Mapping[str, str] | None = None, json: Any = None) -> Any:
        return self.call("POST", path, path_params=path_params, json=json if json is not None else {})

    # ---- flat routes ----------------------------------------------------------------------

    def connect(self, username: str, password: str, name: str, country_code: str, **extra: Any) -> Any:
        """``POST /connect``. The answer is flat (never unwrapped): ``account_id`` is the
        gateway's account id, or ``requires_2fa`` asks for :meth:`verify_2fa`."""
        body = {"username": username, "password": password, "name": name, "countryCode": country_code, **extra}
        return self.envelope("POST", "/api/fansly/connect", json=body)["data"]

    def verify_2fa(self, body: Mapping[str, Any]) -> Any:
        """``POST /verify-2fa`` (flat answer)."""
        return self.envelope("POST", "/api/fansly/verify-2fa", json=dict(body))["data"]

    def list_accounts(self) -> Any:
        """``GET /accounts``: this key's connected accounts (flat)."""
        return self.envelope("GET", "/api/fansly/accounts")["data"]

    # ---- sends ----------------------------------------------------------------------------

    def _sent(self, path: str, path_params: Mapping[str, str], body: Mapping[str, Any], key: str | None) -> Sent:
        key = key or str(uuid.uuid4())
        response = self.request("POST", path, path_params=path_params, json=dict(body), headers={"Idempotency-Key": key})
        data = unwrap(checked(response))
        return Sent(
            data=data,
            idempotency_key=key,
            replayed=response.headers.get("idempotent-replayed") == "true",
            request_id=response.headers.get("x-request-id"),
        )

    def send_message(
        self, account_id: str, chat_id: str, body: Mapping[str, Any], *, idempotency_key: str | None = None
    ) -> Sent:
        """Sends a DM with an ``Idempotency-Key`` (a fresh one unless given: pass the same to retry)."""
        return self._sent(
            "/api/fansly/{account_id}/chats/{chat_id}/messages",
            {"account_id": account_id, "chat_id": chat_id},
            body,
            idempotency_key,
        )

    def send_mass_message(self, account_id: str, body: Mapping[str, Any], *, idempotency_key: str | None = None) -> Sent:
        return self._sent("/api/fansly/{account_id}/mass-messaging", {"account_id": account_id}, body, idempotency_key)

    def create_post(self, account_id: str, body: Mapping[str, Any], *, idempotency_key: str | None = None) -> Sent:
        return self._sent("/api/fansly/{account_id}/posts", {"account_id": account_id}, body, idempotency_key)

    # ---- pagination -----------------------------------------------------------------------

    def pages(
        self,
        path: CursorPath,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, Any] | None = None,
    ) -> Iterator[Page]:
        """The pages of a cursor route, first to last, following ``data.nextCursor`` until it
        is null. Each request is a read, so it is retried on 429/5xx."""
        route = CURSOR_ROUTES[path]
        seen: set[str] = set()
        cursor: str | None = None
        while True:
            q = dict(query or {})
            q.pop("cursor", None)
            if cursor is not None:
                q["cursor"] = cursor
            response = self.request("GET", path, path_params=path_params, query=q)
            envelope = checked(response)
            data = unwrap(envelope)
            nxt = next_cursor(envelope)
            key = route["items_key"]
            items = data if key is None else (data.get(key) if isinstance(data, dict) else None)
            yield Page(
                items=list(items) if isinstance(items, list) else [],
                data=data,
                next_cursor=nxt,
                request_id=response.headers.get("x-request-id"),
            )
            if nxt is None:
                return
            if nxt in seen:
                raise RuntimeError(f"{path}: the gateway returned cursor {nxt} twice")
            seen.add(nxt)
            cursor = nxt

    def paginate(
        self,
        path: CursorPath,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, Any] | None = None,
    ) -> Iterator[Any]:
        """Every item of a cursor route, across all its pages."""
        for page in self.pages(path, path_params=path_params, query=query):
            yield from page.items

    # ---- uploads --------------------------------------------------------------------------

    def upload_media(
        self,
        account_id: str,
        file: bytes | IO[bytes] | Path,
        *,
        file_name: str | None = None,
        content_type: str | None = None,
        poll_interval: float = 1.0,
        timeout: float = 300.0,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Any:
        """Uploads a file to an account's vault (multipart ``POST /{a}/media/upload``) and polls
        the job until it is ``completed`` (returned) or ``failed`` (:class:`UploadError`)."""
        if isinstance(file, Path):
            file_name = file_name or file.name
            content: bytes | IO[bytes] = file.read_bytes()
        else:
            content = file
        if not file_name:
            raise TypeError("file_name is required unless file is a Path")
        ctype = content_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        response = self.http.post(
            f"/api/fansly/{quote(account_id, safe='')}/media/upload",
            files={"file": (file_name, content, ctype)},
        )
        job_id = (unwrap(checked(response)) or {}).get("jobId")
        if not job_id:
            raise UploadError("", "the upload answer carried no jobId")
        return self.wait_for_upload(job_id, poll_interval=poll_interval, timeout=timeout, on_progress=on_progress)

    def wait_for_upload(
        self,
        job_id: str,
        *,
        poll_interval: float = 1.0,
        timeout: float = 300.0,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Any:
        """Polls ``GET /media/upload/{job_id}/status`` until the job ends."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get("/api/fansly/media/upload/{job_id}/status", path_params={"job_id": job_id})
            if on_progress is not None:
                on_progress(job)
            state = job.get("state") if isinstance(job, dict) else None
            if state == "completed":
                return job
            if state == "failed":
                raise UploadError(job_id, f"upload {job_id} failed: {job.get('error') or 'unknown reason'}", job)
            if time.monotonic() >= deadline:
                raise UploadError(job_id, f"upload {job_id} still {state} after {timeout} s", job)
            time.sleep(poll_interval)
