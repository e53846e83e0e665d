"""SQLite: WAL and foreign keys on every connection, the write lock taken at BEGIN, and finding
out at start-up whether the file can be written at all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError


def prepare(engine: Engine) -> None:
    event.listen(engine, "connect", _pragmas)
    event.listen(engine, "begin", _begin)


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's BEGIN (below) own transactions instead of pysqlite's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front, where busy_timeout applies. A deferred BEGIN
    # in WAL mode that later upgrades to a write fails at once with SQLITE_BUSY instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True)
class ReadOnly:
    """A SQLite database that cannot be written: the file itself, or (`in_directory`) the
    directory SQLite must create its -wal and -shm files in."""

    path: Path
    in_directory: bool


def read_only(engine: Engine) -> ReadOnly | None:
    """Why `engine` cannot write its database; None when a write goes through (rolled back).

    Found by writing, because nothing else tells: root passes permission checks that an
    immutable file or a read-only mount still refuse, and `mode=ro` lives in the URL.
    """
    path = database_path(engine.url)
    if path is None:
        return None
    try:
        with engine.connect() as connection:
            version = int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
            connection.exec_driver_sql(f"PRAGMA user_version = {version}")
            connection.rollback()
    except OperationalError as exc:
        error = str(getattr(exc.orig, "sqlite_errorname", ""))
        if error.startswith("SQLITE_READONLY"):
            return ReadOnly(path, in_directory=False)
        if error == "SQLITE_CANTOPEN" and path.is_file() and not os.access(path.parent, os.W_OK):
            return ReadOnly(path, in_directory=True)
    return None


def database_path(url: URL) -> Path | None:
    """The file a SQLite URL names, also in its `file:` URI form; None in memory."""
    database = url.database or ""
    if url.query.get("uri") == "true":
        database = database.removeprefix("file:")
    return Path(database) if database and database != ":memory:" else None
