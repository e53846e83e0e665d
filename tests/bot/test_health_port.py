"""HEALTH_PORT in Socket Mode: readiness follows the database and the Socket Mode connection,
liveness only the process; served over real HTTP as a load balancer asks."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from bot import health_port
from storage.db import Database
from storage.migrate import head_revision
from tests.e2e.test_run_modes import free_port

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"


def get(port: int, path: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_healthz_is_ready_only_while_the_socket_is_connected(db: Database) -> None:
    connected = [False]
    port = free_port()
    server = health_port.open_server(db, port, lambda: connected[0])
    with health_port.serving(server, port):
        before = get(port, "/healthz")
        alive = get(port, "/livez")
        connected[0] = True
        after = get(port, "/healthz")
        elsewhere = get(port, "/slack/events")

    assert before[0] == 503
    assert before[1]["status"] == "unavailable" and before[1]["socket"] == "disconnected"
    assert before[1]["database"] == "ok"
    assert alive == (200, {"status": "alive", "version": alive[1]["version"]})
    assert after[0] == 200
    assert after[1] | {"version": "-"} == {
        "status": "ok",
        "database": "ok",
        "socket": "connected",
        "schema": head_revision(),
        "version": "-",
    }
    assert elsewhere[0] == 404 and "GET /healthz and GET /livez" in elsewhere[1]["error"]


def test_livez_answers_while_the_database_does_not() -> None:
    db = Database(UNREACHABLE)
    port = free_port()
    server = health_port.open_server(db, port, lambda: True)
    with health_port.serving(server, port):
        ready = get(port, "/healthz")
        alive = get(port, "/livez")

    assert ready[0] == 503 and "127.0.0.1" in ready[1]["database"]
    assert ready[1]["socket"] == "connected"
    assert alive[0] == 200 and alive[1]["status"] == "alive"
