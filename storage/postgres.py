"""PostgreSQL connections that give up instead of hanging: on connecting, on a slow statement, on
a held lock, and on a server that has stopped answering altogether."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any, TypeVar

import psycopg
from psycopg.abc import PQGen
from sqlalchemy import Engine, event

# Seconds. This bot's statements take milliseconds and Slack stops waiting for an answer after
# 3 seconds: a database slower than this is stuck, and a quick "the database did not answer"
# serves people better than a request that hangs holding a thread and a connection.
CONNECT_TIMEOUT = 2  # the least libpq and psycopg accept
STATEMENT_TIMEOUT = 3
# Below the statement timeout and Slack's 3 seconds: a form waiting on a row another request
# holds can still be told so inline, and the log says it was a lock.
LOCK_TIMEOUT = 2
# The two above are enforced by the server. A stopped server (or a frozen path to it) still has
# its bytes acknowledged by the kernel, so no TCP timeout fires either; this one is ours.
ANSWER_TIMEOUT = STATEMENT_TIMEOUT + 1

Result = TypeVar("Result")


def give_up_in_time(engine: Engine, *, answer_timeout: float = ANSWER_TIMEOUT) -> None:
    """Connect `engine` with the timeouts above (a connect_timeout in DATABASE_URL wins)."""

    @event.listens_for(engine, "do_connect")
    def connect(dialect: Any, record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        cparams.setdefault("connect_timeout", CONNECT_TIMEOUT)
        connection = _GivingUpConnection.connect(*cargs, **cparams)
        connection.answer_timeout = answer_timeout
        # SET rather than the `options` startup parameter, which PgBouncer refuses.
        connection.execute(f"SET statement_timeout = '{STATEMENT_TIMEOUT}s'")
        connection.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}s'")
        connection.commit()
        return connection


class _GivingUpConnection(psycopg.Connection[Any]):
    answer_timeout: float = ANSWER_TIMEOUT
    hung_up = False

    def wait(self, gen: PQGen[Result], *args: Any, **kwargs: Any) -> Result:
        """Every query, commit and rollback of psycopg 3 waits for the server here (an
        undocumented method, there since 3.0): the watchdog ends a wait that lasts too long."""
        _watchdog.watch(self, time.monotonic() + self.answer_timeout)
        try:
            return super().wait(gen, *args, **kwargs)
        except psycopg.OperationalError as exc:
            if self.hung_up:
                raise psycopg.OperationalError(
                    f"the database did not answer within {self.answer_timeout:g} seconds"
                ) from exc
            raise
        finally:
            _watchdog.release(self)

    def hang_up(self) -> None:
        """Shut the socket under the wait, which then fails as on a lost connection."""
        self.hung_up = True
        with contextlib.suppress(psycopg.Error, OSError):
            sock = socket.socket(fileno=self.pgconn.socket)
            try:
                sock.shutdown(socket.SHUT_RDWR)
            finally:
                sock.detach()  # the descriptor stays psycopg's to close


class _Watchdog:
    """One thread for the process, started on first use. It looks at least every TICK seconds,
    sooner than any deadline set meanwhile can fall due, so setting one never has to wake it:
    a statement pays for a lock and a dict entry, not a thread switch."""

    TICK = 1.0  # below every answer timeout

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[_GivingUpConnection, float] = {}
        self._thread: threading.Thread | None = None

    def watch(self, connection: _GivingUpConnection, deadline: float) -> None:
        with self._lock:
            self._deadlines[connection] = deadline
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()

    def release(self, connection: _GivingUpConnection) -> None:
        # Under the lock: a hang-up in progress ends before the connection can be closed and its
        # descriptor reused.
        with self._lock:
            self._deadlines.pop(connection, None)

    def _run(self) -> None:
        while True:
            now = time.monotonic()
            with self._lock:
                for connection, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[connection]
                        connection.hang_up()
                wake = min([now + self.TICK, *self._deadlines.values()])
            time.sleep(wake - now)


_watchdog = _Watchdog()
