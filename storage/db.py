"""The engine and session factory: one `with db.begin() as session:` per request or job."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, create_engine, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from storage import outbox, sqlite
from storage.postgres import give_up_in_time

# Connections per process. A listener holds one at a time, and Bolt runs at most 20 at once
# (bot/listener_pool.py), so 25 leaves room: a request that still finds none free after
# POOL_TIMEOUT seconds is behind stuck ones, and is better told at once that the database did
# not answer.
POOL_SIZE, POOL_OVERFLOW = 5, 20
POOL_TIMEOUT = 1
# Prepared statements each SQLite connection keeps (Python's default is 128). Each holds SQLite's
# compiled program outside Python's memory: at 128 the bot grew 20 MB more over a few thousand
# requests (bench/scale.py), and preparing one again costs microseconds.
SQLITE_CACHED_STATEMENTS = 16
# Seconds the health check and the command line wait, on a connection of their own.
PROBE_TIMEOUT = 2


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for SQLite (WAL, foreign keys on) or PostgreSQL (psycopg 3)."""
    pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW, "pool_timeout": POOL_TIMEOUT}
    if url.startswith("sqlite"):
        connect = {"check_same_thread": False, "cached_statements": SQLITE_CACHED_STATEMENTS}
        engine = create_engine(url, echo=echo, connect_args=connect, **pool)
        sqlite.prepare(engine)
        return engine
    engine = create_engine(url, echo=echo, pool_pre_ping=True, **pool)
    give_up_in_time(engine)
    return engine


def make_probe_engine(url: str) -> Engine:
    """Fresh connections with short timeouts, for reads that must answer fast or not at all.

    No pool to queue behind, and on SQLite no BEGIN IMMEDIATE: a read waits for no writer.
    """
    if url.startswith("sqlite"):
        return create_engine(url, poolclass=NullPool, connect_args={"timeout": PROBE_TIMEOUT})
    engine = create_engine(url, poolclass=NullPool)
    give_up_in_time(engine, answer_timeout=PROBE_TIMEOUT)
    return engine


def describe_failure(exc: SQLAlchemyError) -> str:
    """The driver's own first line, without SQLAlchemy's wrapping."""
    return str(exc.__cause__ or exc).splitlines()[0]


class Database:
    """Owns the engines; callers own transactions with `begin()`."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self._probe = make_probe_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Called after a transaction that queued an outbox message commits (the sender's wake-up).
        self.after_queueing: list[Callable[[], None]] = []

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions.begin() as session:
            yield session
        if session.info.get(outbox.QUEUED):
            for wake in self.after_queueing:
                wake()

    @contextmanager
    def probe(self) -> Iterator[Connection]:
        """A connection of its own for the health check and the command line: it reads only,
        waits PROBE_TIMEOUT at most, and never behind the pool or a writer."""
        with self._probe.connect() as connection:
            yield connection

    def ping(self) -> str | None:
        """None when the database answers, else a short description of the failure."""
        try:
            with self.probe() as connection:
                inspect(connection).get_table_names()  # reads the file, where SELECT 1 would not
        except SQLAlchemyError as exc:
            return describe_failure(exc)
        return None

    def read_only(self) -> sqlite.ReadOnly | None:
        """Why a SQLite database cannot be written, tried at start-up; None on PostgreSQL."""
        return sqlite.read_only(self.engine) if self.engine.dialect.name == "sqlite" else None

    def dispose(self) -> None:
        self.engine.dispose()
        self._probe.dispose()
