"""Queued failures: what `SlackEmulator.fail()` makes the next calls of a method do."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass

from .replies import Reply

_STATUS_ERRORS = {
    429: "ratelimited",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}


@dataclass
class Fault:
    error: str | None
    status: int | None
    retry_after: int | None
    delay: float | None
    remaining: int
    # The call is carried out, then answered with the error anyway: a 5xx Slack gave after
    # posting the message (the caller cannot tell whether it went through).
    after_processing: bool = False

    @property
    def answers(self) -> bool:
        """False for a pure delay: the call is then processed normally, only late."""
        return self.error is not None or self.status is not None

    def reply(self, *, web_api: bool) -> Reply:
        status = self.status or (200 if web_api else 404)
        error = self.error or _STATUS_ERRORS.get(status, "fatal_error")
        headers: dict[str, str] = {}
        if status == 429:
            headers["Retry-After"] = str(self.retry_after if self.retry_after is not None else 1)
        if web_api:
            return Reply(status, {"ok": False, "error": error}, headers)
        # response_url and upload endpoints answer plain text, never a JSON envelope.
        return Reply(status, {"ok": False, "error": error}, headers, text=error)


class FaultQueue:
    """Faults per method, consumed in the order they were queued. Not thread-safe by itself."""

    def __init__(self) -> None:
        self._queues: dict[str, deque[Fault]] = {}
        self._random: _RandomFaults | None = None
        # Seconds every call takes before it is answered, as Slack's round trips do.
        self.latency = 0.0

    def add(
        self,
        method: str,
        *,
        error: str | None,
        status: int | None,
        retry_after: int | None,
        delay: float | None,
        times: int,
    ) -> None:
        if times < 1:
            raise ValueError("times must be at least 1")
        if retry_after is not None and status is None:
            status = 429
        if error is None and status is None and delay is None:
            raise ValueError("a fault needs an error, a status or a delay")
        fault = Fault(error, status, retry_after, delay, times)
        self._queues.setdefault(method, deque()).append(fault)

    def _take_queued(self, method: str) -> Fault | None:
        queue = self._queues.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining == 0:
            queue.popleft()
        return fault

    def fail_randomly(
        self, share: float, *, seed: int, methods: Collection[str], retry_after: int
    ) -> None:
        """From now on, `share` of the calls to `methods` fail, seeded: half of those with a
        429 (Retry-After `retry_after`), half with a 5xx, of which half after doing the work."""
        if not 0 <= share <= 1:
            raise ValueError("share must be between 0 and 1")
        self._random = _RandomFaults(share, random.Random(seed), frozenset(methods), retry_after)

    def take(self, method: str) -> Fault | None:
        """The next queued fault for `method`, else perhaps a random one."""
        return self._take_queued(method) or (self._random and self._random.draw(method))

    def clear(self) -> None:
        self._queues.clear()
        self._random = None
        self.latency = 0.0


@dataclass
class _RandomFaults:
    share: float
    draws: random.Random
    methods: frozenset[str]
    retry_after: int

    def draw(self, method: str) -> Fault | None:
        if method not in self.methods or self.draws.random() >= self.share:
            return None
        if self.draws.random() < 0.5:
            return Fault(None, 429, self.retry_after, None, 1)
        status = self.draws.choice([500, 502, 503])
        return Fault(None, status, None, None, 1, after_processing=self.draws.random() < 0.5)
