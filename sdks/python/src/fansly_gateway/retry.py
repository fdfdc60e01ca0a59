"""Retries of reads on 429 and 5xx, honouring ``Retry-After``, as an httpx transport.

Because it is a transport, it covers both the hand-written helpers and every generated call
made through :attr:`fansly_gateway.Gateway.generated`. Writes are never retried.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import httpx

from .envelope import parse_retry_after

READS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class RetryPolicy:
    """How reads are retried."""

    #: Retries after the first attempt (0 turns retrying off).
    retries: int = 3
    #: Backoff base without ``Retry-After``: ``base × 2**n`` seconds, ±20 % jitter.
    base_delay: float = 0.5
    #: The longest wait; a longer ``Retry-After`` ends the retries (the answer is returned).
    max_delay: float = 30.0
    statuses: Collection[int] = field(default_factory=lambda: frozenset({429, 500, 502, 503, 504}))

    def delay(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before retry ``attempt`` (0-based), or None to stop."""
        after = parse_retry_after(response.headers.get("retry-after"))
        if after is not None:
            return None if after > self.max_delay else float(after)
        return float(min(self.max_delay, self.base_delay * 2**attempt * random.uniform(0.8, 1.2)))


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport; retries reads answered with one of the policy's statuses."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.policy = policy or RetryPolicy()
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method.upper() not in READS:
            return self.inner.handle_request(request)
        attempt = 0
        while True:
            response = self.inner.handle_request(request)
            if response.status_code not in self.policy.statuses or attempt >= self.policy.retries:
                return response
            wait = self.policy.delay(response, attempt)
            if wait is None:
                return response
            response.read()
            response.close()
            self.sleep(wait)
            attempt += 1

    def close(self) -> None:
        self.inner.close()
