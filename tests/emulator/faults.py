"""Queued failures: what `SlackEmulator.fail()` makes the next calls of a method do."""

from __future__ import annotations

from collections import deque
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

    def take(self, method: str) -> Fault | None:
        queue = self._queues.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining == 0:
            queue.popleft()
        return fault

    def clear(self) -> None:
        self._queues.clear()
