"""Real databases for the suite: a fresh SQLite file per test, and PostgreSQL when it answers."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from storage import installations
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Base

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_required() -> bool:
    """Under CI a missing PostgreSQL fails the run instead of skipping its tests."""
    return os.environ.get("OKR_REQUIRE_POSTGRES") == "1"


def postgres_server_url() -> str:
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL


def migrated_sqlite_template(directory: Path) -> Path:
    path = directory / "template.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return path


def fresh_sqlite(template: Path, directory: Path) -> Database:
    path = directory / "okr.db"
    shutil.copyfile(template, path)
    return Database(f"sqlite:///{path}")


def create_postgres_database(*, migrated: bool = True) -> Iterator[str]:
    """A database of our own on the server, migrated to head (or empty); dropped afterwards."""
    server_url = make_url(postgres_server_url())
    admin = create_engine(
        server_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    name = f"okr_bot_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        problem = str(exc.orig).splitlines()[0]
        reason = f"PostgreSQL is not reachable at {server_url.render_as_string()} ({problem})"
        if postgres_required():
            pytest.fail(f"{reason}; OKR_REQUIRE_POSTGRES=1 makes it required", pytrace=False)
        pytest.skip(f"{reason}; set TEST_DATABASE_URL to run the PostgreSQL tests")
    except ProgrammingError as exc:
        admin.dispose()
        pytest.fail(f"Cannot create a test database on {server_url}: {exc.orig}", pytrace=False)
    url = server_url.set(database=name).render_as_string(hide_password=False)
    if migrated:
        db = Database(url)
        upgrade(db)
        db.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def truncate_all(db: Database) -> None:
    every = [*Base.metadata.sorted_tables, *installations.tables().sorted_tables]
    tables = ", ".join(f'"{t.name}"' for t in every)
    with db.begin() as session:
        session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@contextmanager
def captured(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement the engine sends while inside, with its parameters (to EXPLAIN it)."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the engine sends while inside (tests and benches count them)."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def plan(connection: Connection, statement: str, parameters: Any) -> str:
    """How the database would run `statement`, on one line: SQLite's EXPLAIN QUERY PLAN, or
    PostgreSQL's EXPLAIN with sequential scans priced out, so that one shows only where no
    index serves (the caller's transaction keeps the setting: it is LOCAL)."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        return " | ".join(str(row[-1]) for row in rows)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters)
    return " | ".join(str(row[0]).strip() for row in rows)


def analyze(db: Database) -> None:
    """On PostgreSQL, the planner's statistics, as autovacuum takes them within a minute of a
    bulk insert: without them a fresh table looks empty, and a join over it may loop for each
    row of the other. SQLite keeps none unless asked (the plans tests read it without)."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
