"""Where charts are drawn: a process of its own (`python -m bot.charts.worker`), started with the
first chart and stopped with the bot. matplotlib and numpy (some 55 MB) then never enter the
bot's process, and drawing, which holds the GIL for its whole time, never stalls the threads
answering Slack.

A plain child process rather than multiprocessing's: its `spawn` imports the parent's main
module again in the child, which under the `okr-bot` script is the whole bot (some 130 MB); this
one imports matplotlib and the chart's data classes only. Requests and answers are pickled
frames on the child's stdin and stdout, one chart at a time.
"""

from __future__ import annotations

import contextlib
import pickle
import struct
import subprocess
import sys
import threading
from typing import IO

from bot.charts.data import KeyResultSeries, ObjectiveSeries

# A frame: one status byte (`+` drawn, `-` failed), the payload's length, the payload.
_HEADER = struct.Struct(">cI")


class DrawingFailed(RuntimeError):
    """The chart could not be drawn: the drawing process died, or drawing raised there."""


class Drawer:
    """Draws charts one at a time in one child process, started on the first chart (a bot that
    never draws one never starts it) and started again after it died."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The drawing process's, while it runs."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def png(self, series: KeyResultSeries | ObjectiveSeries) -> bytes:
        """The chart as PNG bytes, drawn in the child; the calling thread waits for it."""
        with self._lock:
            process = self._started()
            assert process.stdin is not None and process.stdout is not None
            try:
                _write(process.stdin, b"+", pickle.dumps(series))
                status, payload = _read(process.stdout)
            except (OSError, EOFError) as exc:
                # It died (killed, out of memory): the next chart starts another.
                self._stop()
                raise DrawingFailed("the drawing process stopped") from exc
        if status != b"+":
            raise DrawingFailed(payload.decode(errors="replace"))
        return payload

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "bot.charts.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        return self._process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):  # already gone with the child
                process.stdin.close()  # end of requests: the child's loop ends
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def close(self) -> None:
        """Stop the child once the chart being drawn is done; drawing again starts one."""
        with self._lock:
            self._stop()

    def __enter__(self) -> Drawer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _write(stream: IO[bytes], status: bytes, payload: bytes) -> None:
    stream.write(_HEADER.pack(status, len(payload)) + payload)
    stream.flush()


def _read(stream: IO[bytes]) -> tuple[bytes, bytes]:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the stream ended")
    status, length = _HEADER.unpack(header)
    payload = stream.read(length)
    if len(payload) < length:
        raise EOFError("the stream ended in a frame")
    return status, payload


def main() -> None:
    """The drawing process: a chart's series in, its PNG out, until stdin closes."""
    from bot.charts.draw import png

    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed must not break a frame
    while True:
        try:
            _, request = _read(requests)
        except EOFError:
            return
        try:
            _write(answers, b"+", png(pickle.loads(request)))
        except Exception as exc:  # told to the bot, which logs it with the request's
            _write(answers, b"-", f"{type(exc).__name__}: {exc}".encode())


if __name__ == "__main__":
    main()
