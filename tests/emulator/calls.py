"""The record of every request the emulator answered, and waiting for calls to arrive."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any]
    token: str | None


class CallLog:
    def __init__(self) -> None:
        self._calls: list[Call] = []
        self._changed = threading.Condition()
        self._watchers: list[Callable[[Call], None]] = []

    def record(self, call: Call) -> None:
        # Handlers keep references into emulator state (messages, views); a later chat.update
        # must not rewrite what an earlier call was recorded as answering.
        frozen = Call(
            call.method,
            copy.deepcopy(call.params),
            call.status,
            copy.deepcopy(call.response),
            call.token,
        )
        with self._changed:
            self._calls.append(frozen)
            watchers = list(self._watchers)
            self._changed.notify_all()
        for watcher in watchers:
            watcher(frozen)

    def watch(self, watcher: Callable[[Call], None]) -> None:
        """Call `watcher` with each call as it is answered, until `clear()`; it runs while the
        caller still waits for the answer, so it sees the caller's state at the time of the call."""
        with self._changed:
            self._watchers.append(watcher)

    def snapshot(self) -> list[Call]:
        with self._changed:
            return list(self._calls)

    def clear(self) -> None:
        with self._changed:
            self._calls.clear()
            self._watchers.clear()

    def matching(self, method: str, predicate: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._changed:
            return self._matching(method, predicate)

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        return [
            c for c in self._calls if c.method == method and (predicate is None or predicate(c))
        ]

    def wait_for(
        self,
        method: str,
        *,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """All matching calls once there are at least `count` of them."""
        with self._changed:
            reached = self._changed.wait_for(
                lambda: len(self._matching(method, predicate)) >= count, timeout=timeout
            )
            found = self._matching(method, predicate)
            if reached:
                return found
            seen = [c.method for c in self._calls]
        raise AssertionError(
            f"expected {count} call(s) to {method} within {timeout}s, got {len(found)}; "
            f"methods seen so far: {seen}"
        )
