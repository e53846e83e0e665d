"""The health check tells a load balancer when the database is gone."""

from __future__ import annotations

from bot.server import health
from storage.db import Database


def test_health_is_503_when_the_database_is_unreachable() -> None:
    db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    status, body = health(db)
    assert status == 503
    assert body["status"] == "unavailable" and "127.0.0.1" in body["database"]


def test_health_is_503_while_the_socket_mode_connection_is_down(db: Database) -> None:
    status, body = health(db, lambda: False)
    assert status == 503
    assert body["status"] == "unavailable" and body["socket"] == "disconnected"
    assert body["database"] == "ok"
    assert health(db, lambda: True)[0] == 200
