"""Alembic, driven from code: the migrations ship inside the package."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.pool import NullPool

from storage.db import Database
from storage.postgres import CONNECT_TIMEOUT

MIGRATIONS = Path(__file__).parent / "migrations"
# The PostgreSQL advisory lock that lets one process migrate at a time ("okrbot" in ASCII).
MIGRATION_LOCK = 0x6F6B72626F74


def alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    config.attributes["engine"] = migration_engine(db)
    return config


def migration_engine(db: Database) -> Engine:
    """The engine migrations run on. On PostgreSQL, one without the request path's statement,
    lock and answer timeouts: a migration of a large table may rightly take minutes."""
    if db.engine.dialect.name != "postgresql":
        return db.engine
    return create_engine(
        db.engine.url, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT}
    )


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def head_revision() -> str:
    heads = _scripts().get_heads()
    return heads[0]


def current_revision(db: Database) -> str | None:
    with db.probe() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def unknown_revision(db: Database) -> str | None:
    """The database's schema revision when these migrations do not know it: a newer okr-bot
    migrated it, and no migration here can go on from there."""
    revision = current_revision(db)
    if revision is None or revision in {script.revision for script in _scripts().walk_revisions()}:
        return None
    return revision


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema up to `revision` (the latest by default). Replicas started together
    on PostgreSQL migrate one after the other: the first does the work, the others find it done."""
    config = alembic_config(db)
    with _one_at_a_time(config.attributes["engine"]):
        command.upgrade(config, revision)


@contextmanager
def _one_at_a_time(engine: Engine) -> Iterator[None]:
    """Hold PostgreSQL's advisory lock, on a connection of its own, for the block; waits for
    the process holding it. SQLite's migrations already take its write lock one at a time."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(select(func.pg_advisory_lock(MIGRATION_LOCK)))
        connection.commit()
        try:
            yield
        finally:
            connection.execute(select(func.pg_advisory_unlock(MIGRATION_LOCK)))
            connection.commit()
