"""Alembic, driven from code: the migrations ship inside the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from storage.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    config.attributes["engine"] = db.engine
    return config


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
    """Bring the schema up to `revision` (the latest by default)."""
    command.upgrade(alembic_config(db), revision)
