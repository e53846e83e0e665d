"""The threads Bolt runs listeners on: enough that no request waits for one, and able to tell
when the work given to them is done, so that stopping can let listeners in flight finish."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Bolt waits 3 s for a listener to ack, then answers 404 "unhandled request" while the listener
# still runs later: so each request's listener must start at once. Bolt's own pool has 5
# threads, fewer than waitress's 8 (bot.server.HTTP_THREADS) or Socket Mode's 10; 20 leaves as
# many again for work that goes on after the ack (answers on response_url, views.open).
LISTENER_THREADS = 20


class ListenerPool(ThreadPoolExecutor):
    def __init__(self) -> None:
        super().__init__(max_workers=LISTENER_THREADS, thread_name_prefix="okr-bot-listener")
        self._unfinished: set[Future[Any]] = set()
        self._lock = threading.Lock()

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._unfinished.add(future)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, future: Future[Any]) -> None:
        with self._lock:
            self._unfinished.discard(future)

    def wait_for_listeners(self, timeout: float) -> int:
        """Wait up to `timeout` seconds for the work given so far; how much is unfinished."""
        with self._lock:
            unfinished = set(self._unfinished)
        return len(wait(unfinished, timeout=max(timeout, 0)).not_done)
