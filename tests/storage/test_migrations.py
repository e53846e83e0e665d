"""The migrations build the schema the models describe, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, inspect, select, text
from sqlalchemy.exc import IntegrityError

from storage import installations
from storage.db import Database
from storage.migrate import current_revision, head_revision, upgrade
from storage.models import Base, Cycle, OutboxMessage, Workspace
from tests import databases

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def test_migrated_database_matches_the_models(db: Database) -> None:
    assert current_revision(db) == head_revision()
    # The installation stores' tables are slack_sdk's (tests/storage/test_installation_tables.py)
    expected = MetaData()
    for table in [*Base.metadata.tables.values(), *installations.tables().tables.values()]:
        table.to_metadata(expected)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, expected)
    assert differences == [], f"models and migrations disagree: {differences}"


def test_upgrade_is_idempotent(db: Database) -> None:
    upgrade(db)
    assert current_revision(db) == head_revision()


def test_upgrade_builds_an_empty_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    assert current_revision(db) is None
    upgrade(db)
    assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
    db.dispose()


def test_every_workspace_table_carries_team_id() -> None:
    for table in Base.metadata.sorted_tables:
        assert "team_id" in table.columns, f"{table.name} has no team_id"


def test_datetimes_come_back_aware_in_utc(db: Database) -> None:
    lisbon_evening = datetime(2026, 11, 16, 22, 0, tzinfo=timezone(timedelta(hours=1)))
    with db.begin() as session:
        session.add(Workspace(team_id="T1", created_at=lisbon_evening, updated_at=lisbon_evening))
    with db.begin() as session:
        stored = session.scalars(select(Workspace.created_at)).one()
    assert stored == lisbon_evening
    assert stored.utcoffset() == timedelta(0)


def test_outbox_refuses_a_second_message_with_the_same_key(db: Database) -> None:
    with db.begin() as session:
        session.add(Workspace(team_id="T1", created_at=NOW, updated_at=NOW))

    def message() -> OutboxMessage:
        return OutboxMessage(
            team_id="T1",
            dedupe_key="digest:2026-W47",
            channel="C1",
            payload={"text": "hi"},
            not_before=NOW,
            created_at=NOW,
        )

    with db.begin() as session:
        session.add(message())
    with pytest.raises(IntegrityError), db.begin() as session:
        session.add(message())
    with db.begin() as session:
        assert len(session.scalars(select(OutboxMessage)).all()) == 1


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.begin() as session:
        session.add(
            Cycle(
                team_id="T-missing",
                name="2026-Q4",
                starts_on=date(2026, 10, 1),
                ends_on=date(2026, 12, 31),
            )
        )


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'wal.db'}")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.dispose()


def test_ping_reports_an_unreachable_database() -> None:
    db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    problem = db.ping()
    assert problem is not None and "127.0.0.1" in problem


@pytest.fixture
def empty_postgres_url() -> Iterator[str]:
    yield from databases.create_postgres_database(migrated=False)


@pytest.mark.postgres
def test_replicas_started_together_on_an_empty_postgres_migrate_one_at_a_time(
    empty_postgres_url: str,
) -> None:
    """Three `okr-bot run` on a new database each upgrade it first: without a lock, two of them
    would create the same tables at once and fail."""
    replicas = [Database(empty_postgres_url) for _ in range(3)]
    failures: list[BaseException] = []

    def start(db: Database) -> None:
        try:
            upgrade(db)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=start, args=(db,)) for db in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert {current_revision(db) for db in replicas} == {head_revision()}
    for db in replicas:
        db.dispose()
