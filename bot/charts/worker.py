"""Where charts are drawn: a process of its own, started with the first chart and stopped with
the bot. matplotlib and numpy (some 55 MB) then never enter the bot's process, and drawing, which
holds the GIL for its whole time, never stalls the threads answering Slack."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from bot.charts.data import KeyResultSeries, ObjectiveSeries


def _draw(series: KeyResultSeries | ObjectiveSeries) -> bytes:
    """Runs in the drawing process: only there is matplotlib imported."""
    from bot.charts.draw import png

    return png(series)


class Drawer:
    """Draws charts one at a time in one worker process, created on the first chart (a bot that
    never draws one never starts it) by `spawn`: a fresh interpreter, not a fork of the bot's
    threads and connections."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def png(self, series: KeyResultSeries | ObjectiveSeries) -> bytes:
        """The chart as PNG bytes, drawn in the worker; a listener thread waits for it."""
        pool = self._started()
        try:
            return pool.submit(_draw, series).result()
        except BrokenProcessPool:
            # The worker died (killed, out of memory): the next chart starts another.
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            raise

    def _started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn")
                )
            return self._pool

    def close(self) -> None:
        """Stop the worker once the charts being drawn are done; drawing again starts one."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def __enter__(self) -> Drawer:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()
