"""`okr-bot workspace purge T…`: what it would delete, then all of it in one transaction, and
nothing of another workspace; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import func, select, text

from bot.cli import main
from storage.db import Database
from storage.installations import InstallationStore
from storage.models import CheckIn, KeyResult, Objective, Workspace
from tests import factories
from tests.factories import KR

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _seed(db: Database, team_id: str) -> None:
    with db.begin() as session:
        factories.objective(session, NOW, team_id=team_id, key_results=[KR("Raise NPS")])
    store = InstallationStore("1111.2222", db.engine, encryption_key=None)
    store.save(
        Installation(
            app_id="A0OKRBOT",
            team_id=team_id,
            user_id="UADMIN",
            bot_token=f"xoxb-{team_id}",
            bot_id=f"B{team_id}",
            bot_user_id=f"UBOT{team_id}",
        )
    )


def _held(db: Database, team_id: str) -> dict[str, int]:
    with db.begin() as session:
        counts = {
            model.__tablename__: session.scalar(
                select(func.count()).select_from(model).where(model.team_id == team_id)
            )
            for model in (Workspace, Objective, KeyResult, CheckIn)
        }
    with db.engine.connect() as connection:
        for table in ("slack_bots", "slack_installations"):
            counts[table] = connection.scalar(
                text(f"SELECT count(*) FROM {table} WHERE team_id = :t"), {"t": team_id}
            )
    return {name: int(count or 0) for name, count in counts.items()}


def test_purge_shows_first_then_deletes_one_workspace_only(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(db, "T0001")
    _seed(db, "T0002")
    before = _held(db, "T0002")
    env = {"DATABASE_URL": db.url}

    assert main(["workspace", "purge", "T0002"], env=env) == 0
    shown = capsys.readouterr().out
    assert "objectives: 1" in shown and "slack_bots: 1" in shown and "--yes" in shown
    assert _held(db, "T0002") == before, "nothing deleted without --yes"

    assert main(["workspace", "purge", "T0002", "--yes"], env=env) == 0
    assert "Deleted everything stored about workspace T0002" in capsys.readouterr().out
    assert set(_held(db, "T0002").values()) == {0}
    assert _held(db, "T0001") == before, "the other workspace keeps everything"

    assert main(["workspace", "purge", "T0002"], env=env) == 0
    assert "Nothing is stored about workspace T0002" in capsys.readouterr().out


def test_purge_refuses_what_is_not_a_workspace_id(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["workspace", "purge", "'; drop"], env={"DATABASE_URL": db.url}) == 2
    assert "is not a workspace id" in capsys.readouterr().err
