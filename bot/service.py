"""Serving until told to stop: HTTP or Socket Mode, ended by SIGTERM or Ctrl+C alike."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from types import FrameType

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from bot import draining, health_port
from bot.listener_pool import ListenerPool
from bot.server import make_server
from bot.slack import app_token_problem
from storage.db import Database

log = logging.getLogger("okr_bot")

# How long stopping waits for the requests and listeners in flight. Slack gives up on an
# answer after 3 s; listeners' work after the ack is a Slack call or two. `docker stop` kills
# after 10 s: stopping within that (the signal is noticed within 1 s) lets the bot say itself
# what it cut short.
GRACE_SECONDS = 8


class _StopSignal:
    """Remembers which of SIGTERM (what a service manager sends) and SIGINT came; with
    `interrupt`, also raises KeyboardInterrupt, which our Socket Mode wait ends on."""

    def __init__(self, *, interrupt: bool) -> None:
        self.name: str | None = None
        self._interrupt = interrupt

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.name = signal.Signals(signum).name
        if self._interrupt:
            raise KeyboardInterrupt


@contextmanager
def _stopped_by_signals(*, interrupt: bool) -> Iterator[_StopSignal]:
    stop = _StopSignal(interrupt=interrupt)
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve_http(
    app: App,
    db: Database,
    *,
    port: int,
    signing_secret: str,
    beside: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> str | None:
    """Serve until stopped, then refuse new connections and let the requests and listeners
    in flight finish, for GRACE_SECONDS at most. None then; what is wrong, in plain words,
    when the port cannot be listened on. `beside` (the jobs and delivery) runs while serving;
    it starts once a stop signal is caught, so that one coming early still stops it cleanly."""
    try:
        server = make_server(app, db, signing_secret=signing_secret, port=port)
    except OSError as exc:
        return f"Cannot listen on PORT {port} ({exc.strerror}): stop what uses it or set another"
    with _stopped_by_signals(interrupt=False) as stop, beside():
        pages = " and GET /slack/install, /slack/oauth_redirect" if app.oauth_flow else ""
        log.info("Serving POST /slack/events and GET /healthz%s on port %s", pages, port)
        draining.serve_until(server, lambda: stop.name is not None)
        deadline = time.monotonic() + GRACE_SECONDS
        draining.stop_accepting(server)
        log.info(
            "Stopping (%s): finishing what is in flight, for %s s at most", stop.name, GRACE_SECONDS
        )
        requests = draining.drain(server, deadline - time.monotonic())
        listeners = _wait_for_listeners(app, deadline - time.monotonic())
    if requests or listeners:
        log.warning(
            "Stopped (%s) after %s s with %s requests unanswered and %s listeners unfinished",
            stop.name,
            GRACE_SECONDS,
            requests,
            listeners,
        )
        # Python would wait for the listeners' threads at exit, for however long they take.
        logging.shutdown()
        os._exit(0)
    log.info("Stopped (%s)", stop.name)
    return None


def _wait_for_listeners(app: App, timeout: float) -> int:
    pool = app.listener_runner.listener_executor
    return pool.wait_for_listeners(timeout) if isinstance(pool, ListenerPool) else 0


def serve_socket_mode(
    app: App,
    app_token: str,
    *,
    beside: Callable[[], AbstractContextManager[object]] = nullcontext,
    health: tuple[Database, int] | None = None,
) -> str | None:
    """Hold a Socket Mode connection until stopped, letting listeners in flight finish.
    None then; what is wrong, in plain words, when Slack refuses the connection or the health
    port (`health`: the database it checks and HEALTH_PORT) cannot be listened on. `beside`
    runs while connected, started once a stop signal is caught."""
    handler = SocketModeHandler(app, app_token)
    checks: AbstractContextManager[object] = nullcontext()
    if health is not None:
        db, port = health
        try:
            server = health_port.open_server(db, port, handler.client.is_connected)
        except OSError as exc:
            return (
                f"Cannot listen on HEALTH_PORT {port} ({exc.strerror}): stop what uses it or "
                "set another"
            )
        # Serving from before the connection: /livez answers and /healthz says 503 until then.
        checks = health_port.serving(server, port)
    with checks, _stopped_by_signals(interrupt=True) as stop:
        try:
            log.info("Connecting to Slack by Socket Mode")
            handler.connect()  # type: ignore[no-untyped-call]
            log.info("Connected to Slack by Socket Mode")
            with beside():
                threading.Event().wait()
        except SlackApiError as exc:
            return app_token_problem(exc)
        except KeyboardInterrupt:
            log.info("Stopping (%s)", stop.name)
        finally:
            handler.close()  # type: ignore[no-untyped-call]
    log.info("Stopped (%s)", stop.name)
    return None
