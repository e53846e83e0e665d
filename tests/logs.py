"""Wait for a log record emitted by another thread (the bot's listeners), without sleeping."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class LogWaiter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._changed = threading.Condition()

    def emit(self, record: logging.LogRecord) -> None:
        with self._changed:
            self.records.append(record)
            self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = 5.0) -> logging.LogRecord:
        def found() -> logging.LogRecord | None:
            return next((r for r in self.records if text in r.getMessage()), None)

        with self._changed:
            if not self._changed.wait_for(lambda: found() is not None, timeout=timeout):
                seen = [r.getMessage() for r in self.records]
                raise AssertionError(f"no log record with {text!r}; seen: {seen}")
            record = found()
            assert record is not None
            return record


@contextmanager
def waiting_logs(logger: str) -> Iterator[LogWaiter]:
    waiter = LogWaiter()
    target = logging.getLogger(logger)
    level = target.level
    target.setLevel(logging.DEBUG)  # INFO records too, whatever the root logger lets through
    target.addHandler(waiter)
    try:
        yield waiter
    finally:
        target.removeHandler(waiter)
        target.setLevel(level)
