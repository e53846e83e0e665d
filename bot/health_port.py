"""Socket Mode's health checks: GET /healthz and GET /livez on HEALTH_PORT, answered as HTTP
mode answers them on PORT (bot.server.health_check), from a small server in a thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from waitress.server import create_server

from bot import draining
from bot.server import HEALTH_PATH, LIVENESS_PATH, health_check, json_answer
from storage.db import Database

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger("okr_bot")

# A load balancer's probes, one or two at a time: a couple of threads answer them.
THREADS = 2
# A probe in flight when the bot stops is answered within this; each answers in 2 s at most.
GRACE_SECONDS = 3


def health_app(db: Database, socket: Callable[[], bool]) -> WSGIApplication:
    """GET /healthz (the database and the Socket Mode connection) and GET /livez; 404 else."""

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if (checked := health_check(environ, db, socket)) is not None:
            return json_answer(start_response, *checked)
        served = f"GET {HEALTH_PATH} and GET {LIVENESS_PATH}"
        return json_answer(start_response, 404, {"error": f"HEALTH_PORT serves {served} only"})

    return application


def open_server(db: Database, port: int, socket: Callable[[], bool]) -> Any:
    """A waitress server for the health checks, listening but not yet serving; OSError when
    the port cannot be listened on."""
    return create_server(
        health_app(db, socket),
        host="0.0.0.0",
        port=port,
        threads=THREADS,
        ident="okr-bot",
        asyncore_loop_timeout=0.5,
    )


@contextmanager
def serving(server: Any, port: int) -> Iterator[None]:
    """Serve the health checks in a thread until the block ends."""
    stopping = threading.Event()

    def run() -> None:
        # Stopped by its own thread, between two steps of its loop: closing the sockets from
        # another thread would pull them from under a select() in progress.
        draining.serve_until(server, stopping.is_set)
        draining.stop_accepting(server)
        draining.drain(server, GRACE_SECONDS)

    thread = threading.Thread(target=run, name="okr-health", daemon=True)
    thread.start()
    log.info("Serving GET %s and GET %s on HEALTH_PORT %s", HEALTH_PATH, LIVENESS_PATH, port)
    try:
        yield
    finally:
        stopping.set()
        thread.join()
