"""HTTP mode: one WSGI app for Slack's requests and the health check, served by waitress."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from sqlalchemy.exc import SQLAlchemyError
from waitress.server import create_server

from bot import __version__
from bot.front_door import oauth_pages, slack_events
from storage.db import Database, describe_failure
from storage.migrate import current_revision

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
LIVENESS_PATH = "/livez"

# Slack's largest payloads (a submitted modal of 100 blocks) are a few hundred kB: a body of
# 1 MiB or more is refused with 413 from its Content-Length, or as soon as a chunked body
# reaches it, before any more is read.
MAX_BODY_BYTES = 1024 * 1024
# Slack sends a whole request at once and waits 3 s for the answer: a connection silent for
# 10 s is not Slack's. Checked every 2 s, so a half-open connection lasts 12 s at most.
IDLE_TIMEOUT_SECONDS = 10
IDLE_CHECK_SECONDS = 2
# Requests served at once; Bolt's listener pool (bot.listener_pool) has more threads than this.
HTTP_THREADS = 8
# Well above what Slack opens at once and below the 1,024 descriptors select() handles, so
# that a crowd of idle connections cannot keep /healthz and Slack's requests out.
CONNECTION_LIMIT = 500


def wsgi_app(app: App, db: Database, *, signing_secret: str) -> WSGIApplication:
    """POST /slack/events for commands, interactivity and events alike; GET /healthz, /livez; in
    OAuth mode, GET /slack/install and /slack/oauth_redirect."""
    slack = slack_events(app, signing_secret)
    flow = app.oauth_flow
    install = oauth_pages(app) if flow is not None else None
    install_paths = (flow.install_path, flow.redirect_uri_path) if flow is not None else ()

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if (checked := health_check(environ, db)) is not None:
            return json_answer(start_response, *checked)
        if install is not None and path in install_paths:
            if environ.get("REQUEST_METHOD") != "GET":
                return json_answer(start_response, 405, {"error": "Open this page in a browser"})
            return install(environ, start_response)
        if path != EVENTS_PATH:
            return json_answer(start_response, 404, {"error": f"Slack posts to {EVENTS_PATH}"})
        if environ.get("REQUEST_METHOD") != "POST":
            return json_answer(start_response, 405, {"error": "Slack sends POST requests here"})
        return slack(environ, start_response)

    return application


def health_check(
    environ: WSGIEnvironment, db: Database, socket: Callable[[], bool] | None = None
) -> tuple[int, dict[str, Any]] | None:
    """The answer to GET /healthz (readiness) or GET /livez (liveness); None for any other
    request. The one way both ports (PORT, HEALTH_PORT) answer them."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    path = environ.get("PATH_INFO", "")
    if path == HEALTH_PATH:
        return health(db, socket)
    if path == LIVENESS_PATH:
        # The process answers: nothing it depends on is asked, so a database outage does not
        # get every replica restarted.
        return 200, {"status": "alive", "version": __version__}
    return None


def health(db: Database, socket: Callable[[], bool] | None = None) -> tuple[int, dict[str, Any]]:
    """503 within seconds when the database does not answer: it reads on a connection of its
    own with short timeouts, so neither a full pool nor a writer holds it up. In Socket Mode
    (`socket` says whether the connection to Slack is open), 503 while it is not."""
    body: dict[str, Any] = {"status": "ok", "database": "ok"}
    if socket is not None:
        body["socket"] = "connected" if socket() else "disconnected"
    try:
        body["schema"] = current_revision(db)
    except SQLAlchemyError as exc:
        body["database"] = describe_failure(exc)
    healthy = body["database"] == "ok" and body.get("socket", "connected") == "connected"
    if not healthy:
        body["status"] = "unavailable"
    return (200 if healthy else 503), body | {"version": __version__}


def json_answer(start_response: StartResponse, status: int, body: dict[str, Any]) -> list[bytes]:
    """A JSON body with its status and length."""
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
        threads=HTTP_THREADS,
        ident="okr-bot",
        asyncore_loop_timeout=loop_timeout,
        max_request_body_size=MAX_BODY_BYTES,
        channel_timeout=IDLE_TIMEOUT_SECONDS,
        cleanup_interval=IDLE_CHECK_SECONDS,
        connection_limit=CONNECTION_LIMIT,
    )
