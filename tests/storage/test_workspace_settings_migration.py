"""Migration 0004 moves each workspace's settings into `workspaces` and back, losing none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command

from storage.db import Database
from storage.migrate import alembic_config, current_revision, head_revision, upgrade
from storage.models import Person, Workspace
from storage.types import UTCDateTime

CREATED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
CHANGED = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)

# The tables as they were at 0003, written the way that version of the bot wrote them.
WORKSPACES = sa.table(
    "workspaces",
    sa.column("team_id", sa.String),
    sa.column("name", sa.String),
    sa.column("time_zone", sa.String),
    sa.column("created_at", UTCDateTime()),
)
SETTINGS = sa.table(
    "workspace_settings",
    sa.column("team_id", sa.String),
    sa.column("fiscal_year_start_month", sa.Integer),
    sa.column("max_active_objectives", sa.Integer),
    sa.column("checkin_weekday", sa.Integer),
    sa.column("checkin_hour", sa.Integer),
    sa.column("digest_channel_id", sa.String),
    sa.column("celebrations_enabled", sa.Boolean),
    sa.column("updated_at", UTCDateTime()),
)
PEOPLE = sa.table(
    "people",
    sa.column("team_id", sa.String),
    sa.column("user_id", sa.String),
    sa.column("display_name", sa.String),
    sa.column("time_zone", sa.String),
    sa.column("is_admin", sa.Boolean),
    sa.column("is_active", sa.Boolean),
    sa.column("checkin_prompts", sa.Boolean),
    sa.column("updated_at", UTCDateTime()),
)


@pytest.fixture
def at_0003(db: Database) -> Iterator[Database]:
    """The test database taken back to 0003, and brought to head again whatever happens."""
    command.downgrade(alembic_config(db), "0003")
    try:
        yield db
    finally:
        upgrade(db)


def seed_0003(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(
            WORKSPACES.insert(),
            [
                {"team_id": "T1", "name": "Acme", "time_zone": "Asia/Tokyo", "created_at": CREATED},
                {"team_id": "T2", "name": "", "time_zone": "UTC", "created_at": CREATED},
            ],
        )
        connection.execute(
            SETTINGS.insert(),
            [
                {
                    "team_id": "T1",
                    "fiscal_year_start_month": 4,
                    "max_active_objectives": 5,
                    "checkin_weekday": 2,
                    "checkin_hour": 9,
                    "digest_channel_id": "C1",
                    "celebrations_enabled": False,
                    "updated_at": CHANGED,
                },
            ],
        )
        connection.execute(
            PEOPLE.insert(),
            {
                "team_id": "T1",
                "user_id": "U1",
                "display_name": "ana",
                "time_zone": "Europe/Lisbon",
                "is_admin": True,
                "is_active": True,
                "checkin_prompts": False,
                "updated_at": CHANGED,
            },
        )


def test_upgrade_keeps_every_setting_and_downgrade_gives_them_back(at_0003: Database) -> None:
    db = at_0003
    seed_0003(db)
    upgrade(db)
    assert current_revision(db) == head_revision()
    with db.begin() as session:
        got = {
            w.team_id: (w.time_zone, w.fiscal_year_start_month, w.max_active_objectives)
            for w in session.scalars(sa.select(Workspace))
        }
        updated = {w.team_id: w.updated_at for w in session.scalars(sa.select(Workspace))}
        person = session.get(Person, ("T1", "U1"))
        assert person is not None and (person.display_name, person.is_admin) == ("ana", True)
    # T2 had no settings row: the defaults the bot used for it, and its creation as last change.
    assert got == {"T1": ("Asia/Tokyo", 4, 5), "T2": ("UTC", 1, 3)}
    assert updated == {"T1": CHANGED, "T2": CREATED}

    command.downgrade(alembic_config(db), "0003")
    with db.engine.begin() as connection:
        back = connection.execute(
            sa.select(
                SETTINGS.c.team_id,
                SETTINGS.c.fiscal_year_start_month,
                SETTINGS.c.max_active_objectives,
                SETTINGS.c.updated_at,
            ).order_by(SETTINGS.c.team_id)
        ).all()
        zones = {
            team_id: zone
            for team_id, zone in connection.execute(
                sa.select(WORKSPACES.c.team_id, WORKSPACES.c.time_zone)
            )
        }
        people = connection.execute(sa.select(PEOPLE.c.user_id, PEOPLE.c.checkin_prompts)).all()
    assert [tuple(row) for row in back] == [("T1", 4, 5, CHANGED), ("T2", 1, 3, CREATED)]
    assert zones == {"T1": "Asia/Tokyo", "T2": "UTC"}
    # No table that others refer to was rebuilt: their rows are all still there.
    assert [tuple(row) for row in people] == [("U1", True)]
