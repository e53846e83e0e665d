"""HTTP mode: one WSGI app for Slack's requests and the health check, served by waitress."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy.exc import SQLAlchemyError
from waitress.server import create_server

from bot import __version__
from storage.db import Database, describe_failure
from storage.migrate import current_revision

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def wsgi_app(app: App, db: Database) -> WSGIApplication:
    """POST /slack/events for commands, interactivity and events alike; GET /healthz."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            status, body = health(db)
            return _json(start_response, status, body)
        if path == EVENTS_PATH and environ.get("REQUEST_METHOD") != "POST":
            return _json(start_response, 405, {"error": "Slack sends POST requests here"})
        return slack(environ, start_response)

    return application


def health(db: Database) -> tuple[int, dict[str, Any]]:
    """503 within seconds when the database does not answer: it reads on a connection of its
    own with short timeouts, so neither a full pool nor a writer holds it up."""
    try:
        revision = current_revision(db)
    except SQLAlchemyError as exc:
        problem = describe_failure(exc)
        return 503, {"status": "unavailable", "database": problem, "version": __version__}
    return 200, {"status": "ok", "database": "ok", "schema": revision, "version": __version__}


def _json(start_response: StartResponse, status: int, body: dict[str, Any]) -> list[bytes]:
    payload = json.dumps(body).encode()
    reason = {200: "OK", 405: "Method Not Allowed", 503: "Service Unavailable"}[status]
    start_response(
        f"{status} {reason}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
    )
    return [payload]


def make_server(
    app: App, db: Database, *, host: str = "0.0.0.0", port: int = 3000, loop_timeout: float = 1.0
) -> Any:
    """A waitress server, not yet serving: call `.run()` (blocking) and `.close()`.

    `loop_timeout` bounds how long a `.close()` from another thread takes to be noticed.
    """
    return create_server(
        wsgi_app(app, db),
        host=host,
        port=port,
        threads=8,
        ident="okr-bot",
        asyncore_loop_timeout=loop_timeout,
    )
