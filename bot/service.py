"""Serving until told to stop: HTTP or Socket Mode, ended by SIGTERM or Ctrl+C alike."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.server import make_server
from bot.slack import app_token_problem
from storage.db import Database

log = logging.getLogger("okr_bot")


class _StopSignal:
    """Turns SIGTERM (what a service manager sends) and SIGINT into KeyboardInterrupt, which
    both waitress and our Socket Mode wait already end on, and remembers which one came."""

    def __init__(self) -> None:
        self.name: str | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> NoReturn:
        self.name = signal.Signals(signum).name
        raise KeyboardInterrupt


@contextmanager
def _stopped_by_signals() -> Iterator[_StopSignal]:
    stop = _StopSignal()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve_http(app: App, db: Database, *, port: int, signing_secret: str) -> str | None:
    """Serve until stopped, giving requests in flight waitress's grace period to finish.
    None then; what is wrong, in plain words, when the port cannot be listened on."""
    try:
        server = make_server(app, db, signing_secret=signing_secret, port=port)
    except OSError as exc:
        return f"Cannot listen on PORT {port} ({exc.strerror}): stop what uses it or set another"
    with _stopped_by_signals() as stop:
        log.info("Serving POST /slack/events and GET /healthz on port %s", port)
        try:
            server.run()  # waitress ends its loop on KeyboardInterrupt and closes itself
        except KeyboardInterrupt:
            server.close()  # the signal came before its loop started
    log.info("Stopped (%s)", stop.name)
    return None


def serve_socket_mode(app: App, app_token: str) -> str | None:
    """Hold a Socket Mode connection until stopped, letting listeners in flight finish.
    None then; what is wrong, in plain words, when Slack refuses the connection."""
    handler = SocketModeHandler(app, app_token)
    with _stopped_by_signals() as stop:
        try:
            log.info("Connecting to Slack by Socket Mode")
            handler.connect()  # type: ignore[no-untyped-call]
            log.info("Connected to Slack by Socket Mode")
            threading.Event().wait()
        except SlackApiError as exc:
            return app_token_problem(exc)
        except KeyboardInterrupt:
            log.info("Stopping (%s)", stop.name)
        finally:
            handler.close()  # type: ignore[no-untyped-call]
    log.info("Stopped (%s)", stop.name)
    return None
