"""Stopping waitress without dropping the requests in flight.

waitress 3 stops by closing every connection at once, before the answers its threads are still
writing have reached the sockets (Pylons/waitress#198; a fix is proposed in #499), and it
cancels the requests queued for a thread. So its loop is run here one step at a time until we
are told to stop; then the connections already waiting are accepted, the listening socket is
closed (new ones are refused), and the loop runs on until every request received is answered.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from typing import Any

from waitress import wasyncore


def serve_until(server: Any, stopping: Callable[[], bool]) -> None:
    """Serve until `stopping()`, which is asked at least once per loop timeout."""
    while not stopping():
        _step(server)


def stop_accepting(server: Any) -> None:
    """Accept the connections the kernel has queued, whose clients may have sent a request
    already, then close the listening socket: new connections are refused from now on."""
    for _ in range(server.adj.connection_limit):
        if not select.select([server.socket], [], [], 0)[0]:
            break
        server.handle_accept()
    # Not waitress's own close(): that also closes the pipe by which its threads wake the loop
    # to send their answers.
    wasyncore.dispatcher.close(server)


def drain(server: Any, grace: float) -> int:
    """Answer every request received, then close every connection; how many still awaited an
    answer when `grace` seconds ran out (0: none did)."""
    deadline = time.monotonic() + grace
    while True:
        _step(server)  # reads what has arrived, sends what is written
        busy = _busy(server)
        if not busy or time.monotonic() >= deadline:
            break
    server.task_dispatcher.shutdown(timeout=0 if busy else 1)  # idle threads end at once
    wasyncore.close_all(server._map)
    return busy


def _step(server: Any) -> None:
    wasyncore.loop(
        timeout=server.adj.asyncore_loop_timeout,
        map=server._map,
        use_poll=server.adj.asyncore_use_poll,
        count=1,
    )


def _busy(server: Any) -> int:
    """Connections with a request being received, queued, served, or its answer unsent."""
    return sum(
        1
        for channel in list(server.active_channels.values())
        if channel.requests or channel.request is not None or channel.total_outbufs_len
    )
