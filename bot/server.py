"""HTTP mode: one WSGI app for Slack's requests and the health check, served by waitress."""

from __future__ import annotations

import json
from collections.abc import Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from waitress.server import create_server

from bot import __version__
from bot.front_door import slack_events
from storage.db import Database
from storage.migrate import current_revision

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def wsgi_app(app: App, db: Database, *, signing_secret: str) -> WSGIApplication:
    """POST /slack/events for commands, interactivity and events alike; GET /healthz."""
    slack = slack_events(app, signing_secret)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            status, body = health(db)
            return _json(start_response, status, body)
        if path != EVENTS_PATH:
            return _json(start_response, 404, {"error": f"Slack posts to {EVENTS_PATH}"})
        if environ.get("REQUEST_METHOD") != "POST":
            return _json(start_response, 405, {"error": "Slack sends POST requests here"})
        return slack(environ, start_response)

    return application


def health(db: Database) -> tuple[int, dict[str, Any]]:
    problem = db.ping()
    if problem is not None:
        return 503, {"status": "unavailable", "database": problem, "version": __version__}
    return 200, {
        "status": "ok",
        "database": "ok",
        "schema": current_revision(db),
        "version": __version__,
    }


def _json(start_response: StartResponse, status: int, body: dict[str, Any]) -> list[bytes]:
    payload = json.dumps(body).encode()
    start_response(
        f"{status} {HTTPStatus(status).phrase}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
    )
    return [payload]


def make_server(
    app: App,
    db: Database,
    *,
    signing_secret: str,
    host: str = "0.0.0.0",
    port: int = 3000,
    loop_timeout: float = 1.0,
) -> Any:
    """A waitress server, not yet serving: call `.run()` (blocking) and `.close()`.

    `loop_timeout` bounds how long a `.close()` from another thread takes to be noticed.
    """
    return create_server(
        wsgi_app(app, db, signing_secret=signing_secret),
        host=host,
        port=port,
        threads=8,
        ident="okr-bot",
        asyncore_loop_timeout=loop_timeout,
    )
